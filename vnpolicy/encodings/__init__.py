"""Legacy Vietnamese encodings: tables, detection and conversion, each with an offset map.

The public verb is :func:`vnpolicy.repair`; this package holds its parts:
``tables`` (the JSON tables), ``detect`` (the cheap gate and the score),
``legacy`` (TCVN3, VNI, VISCII, Windows-1258), ``viqr``, ``mojibake`` (ftfy),
``cleanup`` (NFC, entities, tone placement, quotes) and ``offsets``.
"""

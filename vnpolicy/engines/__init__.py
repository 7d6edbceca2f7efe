"""Engines that run extraction over many documents: local processes, or a Dask cluster.

Both take chunks of input documents and give back encoded results in input
order (:func:`~vnpolicy.engines.ordered.ordered_map`), with a bounded number of
chunks in flight so that memory stays flat whatever the size of the archive.
"""

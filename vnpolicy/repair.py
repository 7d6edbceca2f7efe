"""Repair messy Vietnamese text: legacy encodings, mojibake, broken Unicode, old-style tones.

Archives of Vietnamese news are not clean UTF-8: documents of the 1990s and
2000s are in TCVN3 (ABC, ``.VnTime``), VNI, VISCII or VIQR, crawls hold
mojibake and Windows-1258, and text comes in NFD, with HTML entities, zero-width
characters and the old tone placement ``hoá``. :func:`repair` detects and undoes
each of these and keeps an offset map, so that a mention found in the repaired
text still points into the text (or bytes) the user gave.

Clean NFC text passes one cheap check and comes back as it is.

Example:
    >>> r = repair("B¸o c¸o tµi chÝnh n¨m 2019 cña Bé Tµi chÝnh")
    >>> r.text, r.changes
    ('Báo cáo tài chính năm 2019 của Bộ Tài chính', ('tcvn3->unicode',))
    >>> r = repair("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    >>> r.text, r.changes
    ('Cộng hòa xã hội chủ nghĩa Việt Nam', ('vni->unicode',))
    >>> start = r.text.index("Việt")
    >>> r.original[slice(*r.to_original(start, start + 4))]
    'Vieät'
    >>> r = repair("Nghá»‹ Ä‘á»‹nh sá»‘ 15 cá»§a Bá»™ vá»\x81 hoÃ¡ Ä‘Æ¡n")
    >>> r.text, r.changes
    ('Nghị định số 15 của Bộ về hóa đơn', ('mojibake->unicode', 'tone-placement'))
    >>> repair("Nghị định số 15").changes
    ()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .encodings.cleanup import entity_edits, invisible_edits, nfc_edits, quote_edits, tone_edits
from .encodings.detect import LEGACY_HINT, UNICODE_VIETNAMESE, VIQR_HINT, needs_repair, vietnamese_score
from .encodings.legacy import convert_cp1258, convert_table
from .encodings.mojibake import HINT as MOJIBAKE_HINT
from .encodings.mojibake import fix_mojibake
from .encodings.offsets import Edit, SpanMap, apply_edits, utf8_map
from .encodings.tables import LEGACY_TABLES, c1_to_cp1252
from .encodings.viqr import convert_viqr, looks_like_viqr
from .errors import EncodingError, InputTypeError

DEFAULT_REPAIR = True
"""Whether extraction repairs text first (``extract(repair=...)``, the CLI's ``--no-repair``): defined once here."""

ENCODINGS = ("utf-8", "tcvn3", "vni", "viscii", "viqr", "cp1258", "mojibake")
"""Values of ``repair(..., encoding=...)`` besides ``None`` (detect)."""

# A repair can uncover another (mojibake of TCVN3 text): rounds run until one
# changes nothing, which is what makes repair idempotent.
_MAX_ROUNDS = 4
# A document (or a line on its own evidence) changes encoding only when the
# score gains this much: two words that were not syllables become syllables
# (``m²`` read as VISCII is ``mỗ``, one word, not enough).
_LINE_MARGIN = 4


@dataclass(frozen=True, slots=True)
class Repaired:
    """The repaired text, what was changed, and the way back to the original.

    Attributes:
        text: the repaired text (NFC).
        original: what was given to :func:`repair`, ``str`` or ``bytes``.
        changes: the repairs made, in order, e.g. ``("tcvn3->unicode", "nfc")``;
            empty when the text was clean.
        maps: one offset map per step that changed lengths, first step first.
    """

    text: str
    original: str | bytes
    changes: tuple[str, ...] = ()
    maps: tuple[SpanMap, ...] = ()

    @property
    def is_identity(self) -> bool:
        """Whether offsets in ``text`` are offsets in ``original`` (clean text, or same-length repairs)."""
        return not any(m.seg_out for m in self.maps)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of ``text`` to ``original`` (character or byte offsets).

        Where one legacy sequence became one character the map is many-to-one: a
        span edge inside such a character takes all of its sequence.

        Example:
            >>> data = "Ngày 1/7 về hóa đơn".encode("utf-8")
            >>> r = repair(data)
            >>> start = r.text.index("hóa")
            >>> data[slice(*r.to_original(start, start + 7))].decode()
            'hóa đơn'
        """
        for span_map in reversed(self.maps):
            start, end = span_map.to_source(start, end)
        return start, end


def repair(data: str | bytes, *, encoding: str | None = None) -> Repaired:
    """Detect and undo legacy encodings, mojibake and Unicode damage in one document.

    Args:
        data: the document, as ``str`` or as undecoded ``bytes`` (offsets of the
            result then count bytes).
        encoding: ``None`` to detect (the default), or the source encoding when
            it is known: one of :data:`ENCODINGS`. ``"utf-8"`` means the text is
            Unicode: only the Unicode repairs (NFC, entities, invisible
            characters, tone placement, quotes) are made.

    Returns:
        A :class:`Repaired`; its ``changes`` name each repair made:
        ``tcvn3->unicode``, ``vni->unicode``, ``viscii->unicode``,
        ``viqr->unicode``, ``cp1258->unicode``, ``cp1252->unicode``,
        ``mojibake->unicode``, ``html-entities``, ``invisible``, ``nfc``,
        ``tone-placement``, ``quotes``.

    Raises:
        InputTypeError: ``data`` is neither ``str`` nor ``bytes``.
        EncodingError: ``encoding`` is not a known name, the bytes do not fit
            the encoding given, or the bytes are binary data, not text.

    Example:
        >>> repair("Vie^.t Nam").text
        'Việt Nam'
        >>> repair("Ch\u00ednh ph\u1ee7 &amp; Qu\u1ed1c h\u1ed9i").changes
        ('html-entities',)
        >>> repair(b"Ch\\xddnh ph\\xf1", encoding="tcvn3").text
        'Chính phủ'
    """
    if encoding is not None and encoding not in ENCODINGS:
        raise EncodingError(
            f"unknown encoding {encoding!r}; pass encoding=None to detect it, or one of {', '.join(ENCODINGS)}"
        )
    maps: list[SpanMap] = []
    changes: list[str] = []
    one_byte = False
    if isinstance(data, (bytes, bytearray, memoryview)):
        original: str | bytes = bytes(data)
        text, one_byte = _decode_bytes(bytes(data), encoding, maps, changes)
    elif isinstance(data, str):
        original = text = data
    else:
        raise InputTypeError(f"repair() needs str or bytes, got {type(data).__name__}")
    # bytes already decoded by the encoding given need no second reading
    forced = None if encoding == "utf-8" or (encoding == "cp1258" and isinstance(original, bytes)) else encoding
    detect = encoding is None
    if not changes and not one_byte and forced is None and not needs_repair(text):
        return Repaired(text=text, original=original, maps=tuple(maps))
    for _ in range(_MAX_ROUNDS):
        before = text
        text = _round(text, forced, detect, one_byte, maps, changes)
        forced = None
        if text == before or not needs_repair(text):
            break
    if one_byte and not any(label.endswith("->unicode") for label in changes):
        changes.insert(0, "cp1252->unicode")
    return Repaired(text=text, original=original, changes=tuple(changes), maps=tuple(maps))


def _round(text: str, forced: str | None, detect: bool, one_byte: bool, maps: list[SpanMap],
           changes: list[str]) -> str:
    if forced is not None or detect:
        edits, labels = _legacy_edits(text, forced)
        text = _apply(text, edits, labels, maps, changes)
    if one_byte:
        # bytes no table claimed are Windows-1252 punctuation (“ – …), as in a Word file
        text = c1_to_cp1252(text)
    if forced == "viqr" or (detect and forced is None and VIQR_HINT.search(text) and looks_like_viqr(text)):
        text = _apply(text, convert_viqr(text), ["viqr->unicode"], maps, changes)
    steps: tuple[tuple[Callable[[str], list[Edit]], str], ...] = (
        (entity_edits, "html-entities"),
        (invisible_edits, "invisible"),
        (nfc_edits, "nfc"),
        (tone_edits, "tone-placement"),
        (quote_edits, "quotes"),
    )
    for step, label in steps:
        text = _apply(text, step(text), [label], maps, changes)
    return text


def _apply(text: str, edits: list[Edit], labels: list[str], maps: list[SpanMap], changes: list[str]) -> str:
    if not edits:
        return text
    new, span_map = apply_edits(text, edits)
    if new == text:
        return text
    if span_map.seg_out:
        maps.append(span_map)
    changes.extend(label for label in labels if label not in changes)
    return new


def _legacy_edits(text: str, forced: str | None) -> tuple[list[Edit], list[str]]:
    """Edits from legacy encodings and mojibake, decided line by line."""
    if forced in LEGACY_TABLES:
        return convert_table(text, forced), [f"{forced}->unicode"]
    if forced == "cp1258":
        return convert_cp1258(text), ["cp1258->unicode"]
    if forced == "mojibake":
        edits: list[Edit] = []
        for start, end in _lines(text):
            edits.extend(_shifted(fix_mojibake(text[start:end]) or [], start))
        return edits, ["mojibake->unicode"]
    if forced is not None or LEGACY_HINT.search(text) is None:
        return [], []
    return _detect_lines(text)


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + 1
    return spans


_Candidate = tuple[int, list[Edit]]


def _candidates(line: str, base: int, *, unicode_line: bool) -> dict[str, _Candidate]:
    """Each reading of ``line`` with its gain in Vietnamese words and its edits.

    A line that holds letters only Unicode has (``ệ``, ``ư``) is Unicode
    already: only ftfy, which fixes mixed lines, may change it.
    """
    found: dict[str, _Candidate] = {}
    if MOJIBAKE_HINT.search(line):
        edits = fix_mojibake(line)
        if edits:
            found["mojibake"] = (vietnamese_score(apply_edits(line, edits)[0]) - base, edits)
    if unicode_line:
        return found
    for name in (*LEGACY_TABLES, "cp1258"):
        edits, new = _convert_line(line, name)
        if edits:
            found[name] = (vietnamese_score(new) - base, edits)
    return found


def _convert_line(line: str, name: str) -> tuple[list[Edit], str]:
    """The edits that read ``line`` in ``name``, and the text they make (composed, for scoring)."""
    edits = convert_cp1258(line) if name == "cp1258" else convert_table(line, name)
    if not edits:
        return edits, line
    new = apply_edits(line, edits)[0]
    if name == "cp1258":
        new = apply_edits(new, nfc_edits(new))[0]
    return edits, new


def _detect_lines(text: str) -> tuple[list[Edit], list[str]]:
    """Pick an encoding for the document, then convert each line that gains by it.

    A short line has little evidence of its own, so lines follow the
    document's encoding when it helps them; a line with strong evidence of
    another encoding (a mixed document) takes that one. ftfy's mojibake
    verdict is trusted unless another reading is better, because ftfy only
    acts on byte sequences that decode as UTF-8. Readings are scored on the
    first few thousand characters of a line, so a megabyte on one line is
    read once by the chosen table, not by every table.
    """
    per_line: list[tuple[int, int, dict[str, _Candidate]]] = []
    totals: dict[str, int] = {}
    for start, end in _lines(text):
        line = text[start:end]
        if line.isascii() or LEGACY_HINT.search(line) is None:
            continue
        sample = _sample(line)
        found = _candidates(sample, vietnamese_score(sample),
                            unicode_line=UNICODE_VIETNAMESE.search(line) is not None)
        per_line.append((start, end, found))
        for name, (gain, _) in found.items():
            totals[name] = totals.get(name, 0) + gain
    document = max((n for n in totals if n != "mojibake" and totals[n] >= _LINE_MARGIN), key=totals.__getitem__,
                   default=None)
    edits: list[Edit] = []
    labels: list[str] = []
    for start, end, found in per_line:
        choice = _choose(found, document)
        if choice is None:
            continue
        line_edits = found[choice][1] if end - start <= _SAMPLE else _full_line(text[start:end], choice)
        edits.extend(_shifted(line_edits, start))
        label = f"{choice}->unicode"
        if label not in labels:
            labels.append(label)
    if document is not None:
        # lines without a hint character follow the document unless that makes
        # them worse: ``Tèt`` is TCVN3 for ``Tốt``, ``nãm`` Windows-1258 for ``năm``
        hinted = {start for start, _, _ in per_line}
        for start, end in _lines(text):
            line = text[start:end]
            if start in hinted or line.isascii() or UNICODE_VIETNAMESE.search(line):
                continue
            line_edits, new = _convert_line(line, document)
            if line_edits and vietnamese_score(new) >= vietnamese_score(line):
                edits.extend(_shifted(line_edits, start))
        edits.sort()
    return edits, labels


def _shifted(edits: list[Edit], offset: int) -> list[Edit]:
    """The edits of a line at ``offset`` in the document (a document of one line needs no copy)."""
    return edits if offset == 0 else [(s + offset, e + offset, r) for s, e, r in edits]


_SAMPLE = 4096


def _sample(line: str) -> str:
    """The start of a long line, cut at a space so that no word or byte sequence is split."""
    if len(line) <= _SAMPLE:
        return line
    cut = line.rfind(" ", 0, _SAMPLE)
    return line[: cut if cut > 0 else _SAMPLE]


def _full_line(line: str, name: str) -> list[Edit]:
    if name == "mojibake":
        return fix_mojibake(line) or []
    return _convert_line(line, name)[0]


def _choose(found: dict[str, _Candidate], document: str | None) -> str | None:
    if not found:
        return None
    best = max(found, key=lambda name: found[name][0])
    if "mojibake" in found and found["mojibake"][0] >= found[best][0]:
        return "mojibake"
    if document in found and found[document][0] > 0:
        return document
    return best if found[best][0] >= _LINE_MARGIN else None


def _decode_bytes(data: bytes, encoding: str | None, maps: list[SpanMap], changes: list[str]) -> tuple[str, bool]:
    """Bytes to text with a map to byte offsets, and whether it is the one-character-per-byte surface.

    Bytes that are not UTF-8 become Latin-1 characters, one per byte, so offsets
    stay byte offsets and the legacy tables (keyed on that surface) apply to
    them as to text; what no table claims is read as Windows-1252 at the end.
    """
    if encoding in (None, "utf-8", "viqr", "mojibake"):
        bom16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        if bom16 and encoding is None:
            return _decode_utf16(data, maps, changes), False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if encoding is not None:
                raise EncodingError(
                    f"the bytes are not {encoding} (UTF-8 text): {error.reason} at byte {error.start}; "
                    "pass encoding=None to detect the encoding"
                ) from None
        else:
            span_map = utf8_map(text, len(data))
            if span_map.seg_out:
                maps.append(span_map)
            return text, False
        if b"\x00" in data[:65536]:
            raise EncodingError(
                "the bytes hold NUL characters and are not UTF-8 or UTF-16 with a BOM: this looks like "
                "binary data (PDF, DOC, ZIP); extract the text first"
            )
    if encoding == "cp1258":
        text = data.decode("cp1258", errors="replace")
        changes.append("cp1258->unicode")
        return text, False
    return data.decode("latin-1"), True


def _decode_utf16(data: bytes, maps: list[SpanMap], changes: list[str]) -> str:
    codec = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"the bytes start with a UTF-16 byte-order mark but are not UTF-16: {error.reason} at byte "
            f"{error.start}; decode them yourself and pass the text"
        ) from None
    edits: list[Edit] = []
    position = 0
    for char in text:
        width = 4 if ord(char) > 0xFFFF else 2
        edits.append((position, position + width, char))
        position += width
    maps.append(apply_edits(data.decode("latin-1"), edits)[1])
    changes.append("utf-16->unicode")
    return text

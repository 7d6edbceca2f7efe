"""Convert TCVN3, VNI, VISCII and Windows-1258 surface text to Unicode, as edits.

Each function returns the edits (``(start, end, replacement)`` in the input)
rather than the new text, so that the caller keeps one offset map for the whole
repair. The tables come from :mod:`vnpolicy.encodings.tables`.

Example:
    >>> from .offsets import apply_edits
    >>> apply_edits("B¸o c¸o tµi chÝnh", convert_table("B¸o c¸o tµi chÝnh", "tcvn3"))[0]
    'Báo cáo tài chính'
    >>> apply_edits("Coäng hoøa", convert_table("Coäng hoøa", "vni"))[0]
    'Cộng hòa'
    >>> import unicodedata
    >>> unicodedata.normalize("NFC", apply_edits("Viêòt Nam", convert_cp1258("Viêòt Nam"))[0])
    'Việt Nam'
"""

from __future__ import annotations

import re

from .offsets import Edit
from .tables import c1_to_cp1252, load_table

# Windows-1252 punctuation that is a VN1 capital letter in TCVN3 bytes: a letter
# only where the neighbours say so. Opening quotes open a word, so they are a
# letter only after one; closing quotes end a word, so only before one.
_OPENING = frozenset("‘“„‚")
_CLOSING = frozenset("’”")


def convert_table(text: str, name: str) -> list[Edit]:
    """Edits that turn ``text`` read in the legacy encoding ``name`` into Unicode.

    Args:
        text: the document as Latin-1 or Windows-1252 characters (one per byte).
        name: ``tcvn3``, ``vni`` or ``viscii``.
    """
    table = load_table(name)
    mapping, context = table.mapping, table.context
    edits: list[Edit] = []
    for match in table.pattern.finditer(text):
        key = match.group()
        replacement = mapping.get(key)
        if replacement is None:
            start, end = match.span()
            if _is_letter_here(text, start, end, key, table.mapping):
                replacement = context[key]
            elif key != (surface := c1_to_cp1252(key)):
                replacement = surface  # a C1 control is the Windows-1252 punctuation of its byte
            else:
                continue
        edits.append((match.start(), match.end(), replacement))
    if name == "tcvn3" and edits:
        edits = _restore_case(text, edits)
    return edits


def _is_letter_here(text: str, start: int, end: int, key: str, mapping: dict[str, str]) -> bool:
    """Whether a character that is punctuation or a capital letter is the letter here.

    The capitals these bytes stand for live inside words in capitals (``HỎI``);
    the punctuation sits at word edges: an opening quote before a word, a
    closing quote or ``…`` after one, a dash between spaces.
    """
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    before_letter = before.isalpha() or before in mapping
    after_letter = after.isalpha() or after in mapping
    surface = c1_to_cp1252(key)
    if surface in _OPENING:
        return before_letter
    if surface in _CLOSING:
        return after_letter
    before_upper = before_letter and not _is_lower(before, mapping)
    after_upper = after_letter and not _is_lower(after, mapping)
    return before_upper or after_upper or (not before_letter and after_letter and surface not in "…–—")


def _is_lower(char: str, mapping: dict[str, str]) -> bool:
    return (mapping.get(char) or char).islower()


def _restore_case(text: str, edits: list[Edit]) -> list[Edit]:
    """Give back capitals that TCVN3 (VN3) cannot write.

    VN3 has no toned capitals: a heading is set in a ``.VnTimeH`` font that draws
    the lowercase bytes as capitals, so ``CéNG HßA`` is ``CỘNG HÒA``. A toned
    letter becomes a capital in a line whose ASCII letters are capitals, in a
    word with two ASCII capitals and no small letter, and at the start of a
    sentence. Line and word are measured once each, so a megabyte without a
    line end or a space stays linear.
    """
    out: list[Edit] = []
    line_end = word_end = -1
    line_upper = word_upper = False
    for start, end, replacement in edits:
        if not replacement.islower():
            out.append((start, end, replacement))
            continue
        if start >= line_end:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            line_upper = _mostly_capitals(text[line_start:line_end], minimum=4)
        if start >= word_end:
            word_start = start
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            word_end = end
            while word_end < len(text) and not text[word_end].isspace():
                word_end += 1
            word = text[word_start:word_end]
            word_upper = _ASCII_LOWER.search(word) is None and _mostly_capitals(word, minimum=2)
        if line_upper or word_upper or _sentence_start(text, start):
            replacement = replacement.upper()
        out.append((start, end, replacement))
    return out


def _mostly_capitals(text: str, *, minimum: int) -> bool:
    upper = len(_ASCII_UPPER.findall(text))
    return upper >= minimum and len(_ASCII_LOWER.findall(text)) * 10 <= upper


_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_LOWER = re.compile("[a-z]")


def _sentence_start(text: str, start: int) -> bool:
    before = start - 1
    while before >= 0 and text[before] in "“\"'‘(":
        before -= 1
    if before < 0 or text[before] == "\n":
        return True
    if text[before] != " ":
        return False
    while before >= 0 and text[before] == " ":
        before -= 1
    return before >= 0 and text[before] in ".!?"


def convert_cp1258(text: str) -> list[Edit]:
    """Edits that read Windows-1258 text that was decoded as Windows-1252.

    Windows-1258 writes a tone as a combining byte after the letter (``ê`` +
    ``0xF2`` for ``ệ``); read as Windows-1252 that byte shows as ``ò``. Each
    character maps to one character, so the edits keep every length; composing
    the marks is left to the NFC step. Characters Windows-1252 cannot write
    (the text was not Windows-1252 bytes) are left alone.
    """
    edits: list[Edit] = []
    for i, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            continue
        try:
            byte = char.encode("cp1252")
        except UnicodeEncodeError:
            if code > 0xFF:
                continue
            byte = bytes([code])  # a C1 control that sloppy Windows-1252 kept
        try:
            decoded = byte.decode("cp1258")
        except UnicodeDecodeError:
            continue
        if decoded != char:
            edits.append((i, i + 1, decoded))
    return edits

"""Legacy Vietnamese encoding tables, loaded from ``vnpolicy/data/encodings_*.json``.

Each table maps the bytes of a legacy encoding to Unicode letters. A document
in a legacy font reaches us either as those bytes or as text in which each byte
already became a character: Latin-1 (byte ``0xB5`` is ``µ``) or Windows-1252
(byte ``0x93`` is ``“``). The loader keys each table on both surface forms, so
conversion works on text and bytes alike (bytes are read as Latin-1 first).

Some bytes are a capital letter in the encoding and punctuation in the
documents written in it (TCVN3's ``0x93`` is ``Ỏ`` in the standard and ``“``
in a Word file): ``context_bytes`` lists them, and they become letters only
inside a word. ``c1_letters`` says the C1 reading (``\x93``) is always a
letter, as in VISCII files, which have no room for Windows-1252 punctuation.

Example:
    >>> tcvn3 = load_table("tcvn3")
    >>> tcvn3.mapping["\u00b5"], tcvn3.mapping["\u00a7"], load_table("vni").mapping["a\u00f9"]
    ('à', 'Đ', 'á')
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import EncodingError

LEGACY_TABLES = ("tcvn3", "vni", "viscii")
"""Names of the byte tables shipped as ``encodings_<name>.json``."""


def cp1252_char(byte: int) -> str:
    """The character Windows-1252 gives ``byte``; undefined bytes keep their C1 code point.

    This is how browsers and ftfy read Windows-1252 ("sloppy" decoding), so that
    every byte has a character and the reading can be undone.

    Example:
        >>> cp1252_char(0x93), cp1252_char(0x90), cp1252_char(0xB5)
        ('“', '\\x90', 'µ')
    """
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def c1_to_cp1252(text: str) -> str:
    """C1 control characters replaced by what Windows-1252 reads for their byte (same length).

    Example:
        >>> c1_to_cp1252("\x93x\x94 \x90")
        '“x” \x90'
    """
    return text.translate(_CP1252_TRANSLATION)


def decode_sloppy_cp1252(data: bytes) -> str:
    """Bytes to text, one character per byte, by :func:`cp1252_char`.

    Example:
        >>> decode_sloppy_cp1252(b"B\\xb8o c\\xb8o \\x93x\\x94 \\x90")
        'B¸o c¸o “x” \\x90'
    """
    return data.decode("latin-1").translate(_CP1252_TRANSLATION)


_CP1252_TRANSLATION = {b: cp1252_char(b) for b in range(0x80, 0xA0) if cp1252_char(b) != chr(b)}


@dataclass(frozen=True)
class Table:
    """One legacy encoding: surface sequences -> Unicode letters (NFC).

    Attributes:
        name: short name (``tcvn3``, ``vni``, ``viscii``).
        title: what the table is, for messages and docs.
        mapping: surface sequence (Latin-1 or Windows-1252 characters) -> letter.
        context: surface characters that are punctuation (``“``, ``–``) in
            ordinary documents and a letter only inside a word.
        pattern: matches any key of ``mapping`` or ``context``, longest first.
    """

    name: str
    title: str
    mapping: dict[str, str]
    context: dict[str, str]
    pattern: re.Pattern[str]
    max_key: int


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise EncodingError(f"duplicate key {key!r} in an encoding table; fix the JSON file")
        seen[key] = value
    return seen


@cache
def load_table(name: str) -> Table:
    """Load and validate the table ``encodings_<name>.json``.

    Raises:
        EncodingError: ``name`` is not a shipped table, or the file breaks a rule
            (a key that is not hex bytes, a value that is not one NFC letter).
    """
    if name not in LEGACY_TABLES:
        raise EncodingError(f"no table for encoding {name!r}; use one of {', '.join(LEGACY_TABLES)}")
    raw = resources.files("vnpolicy").joinpath(f"data/encodings_{name}.json").read_text(encoding="utf-8")
    data = json.loads(raw, object_pairs_hook=_pairs_without_duplicates)
    mapping: dict[str, str] = {}
    context: dict[str, str] = {}
    context_bytes = {int(b, 16) for b in data.get("context_bytes", [])}
    c1_letters = bool(data.get("c1_letters", False))
    for key, value in data["bytes"].items():
        try:
            codes = [int(part, 16) for part in key.split()]
        except ValueError:
            raise EncodingError(f"{name}: key {key!r} is not hex bytes like 'B5' or '61 F9'") from None
        if not codes or any(not 0 <= c <= 0xFF for c in codes):
            raise EncodingError(f"{name}: key {key!r} is not a sequence of bytes")
        if not isinstance(value, str) or len(value) != 1 or unicodedata.normalize("NFC", value) != value:
            raise EncodingError(f"{name}: value for {key!r} must be one NFC character, got {value!r}")
        if len(codes) > 1:
            mapping["".join(map(chr, codes))] = value
            continue
        byte = codes[0]
        # the Latin-1 reading of the byte, and its Windows-1252 reading when that differs
        for surface in dict.fromkeys((chr(byte), cp1252_char(byte))):
            ambiguous = byte in context_bytes and not (c1_letters and surface == chr(byte) and byte < 0xA0)
            (context if ambiguous else mapping)[surface] = value
    keys = sorted([*mapping, *context], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return Table(name=name, title=data["title"], mapping=mapping, context=context, pattern=pattern,
                 max_key=len(keys[0]))


@cache
def load_viqr() -> dict[str, dict[str, str]]:
    """The VIQR (RFC 1456) marks: ``tones``, ``qualities`` and ``letters`` sections.

    Example:
        >>> viqr = load_viqr()
        >>> viqr["qualities"]["a("], viqr["tones"]["?"], viqr["letters"]["dd"]
        ('ă', '̉', 'đ')
    """
    raw = resources.files("vnpolicy").joinpath("data/encodings_viqr.json").read_text(encoding="utf-8")
    data = json.loads(raw, object_pairs_hook=_pairs_without_duplicates)
    sections = {key: data[key] for key in ("tones", "qualities", "letters")}
    for section, entries in sections.items():
        for key, value in entries.items():
            if not key.isascii() or not isinstance(value, str) or len(value) != 1:
                raise EncodingError(f"viqr: {section} entry {key!r} -> {value!r} must map ASCII to one character")
    return sections


@cache
def load_viqr_counts() -> dict[str, tuple[int, int, int]]:
    """Per vowel-final syllable: times before a capital or digit, ending a sentence with ``.``, with ``?``.

    Example:
        >>> counts = load_viqr_counts()
        >>> counts["vụ"][0] > counts["vu"][1], counts["rạ" if "rạ" in counts else "ra"][1] > 0
        (True, True)
    """
    raw = resources.files("vnpolicy").joinpath("data/encodings_viqr_syllables.json").read_text(encoding="utf-8")
    data = json.loads(raw, object_pairs_hook=_pairs_without_duplicates)
    counts: dict[str, tuple[int, int, int]] = {}
    for key, value in data["counts"].items():
        if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, int) and v >= 0 for v in value)):
            raise EncodingError(f"viqr-syllables: {key!r} needs three counts, got {value!r}")
        counts[key] = (value[0], value[1], value[2])
    return counts

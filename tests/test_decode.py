"""Encodings are detected, not assumed: real article text in each encoding, and what cannot be text."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from vnpolicy.errors import BinaryContentError, DecodeError
from vnpolicy.io.decode import decode_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLE = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])["text"]
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed vowels, separate tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(("case", "data"), [
    ("utf-8", ARTICLE.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")),
    ("utf-16 LE with BOM", ARTICLE.encode("utf-16")),
    ("utf-16 BE with BOM", b"\xfe\xff" + ARTICLE.encode("utf-16-be")),
    ("utf-32 with BOM", ARTICLE.encode("utf-32")),
    ("windows-1258 (legacy Vietnamese)", to_cp1258(ARTICLE)),
])
def test_real_article_decodes_in_every_encoding(case: str, data: bytes) -> None:
    assert decode_bytes(data) == ARTICLE, case


def test_utf8_comes_back_unnormalised_so_offsets_hold() -> None:
    nfd = unicodedata.normalize("NFD", "Nghị định 116")
    assert decode_bytes(nfd.encode("utf-8")) == nfd


def test_declared_charset_is_a_hint_for_non_utf8_bytes() -> None:
    data = to_cp1258("Quyết định số 22/2013/QĐ-TTg của Thủ tướng Chính phủ")
    assert decode_bytes(data, declared="windows-1258") == "Quyết định số 22/2013/QĐ-TTg của Thủ tướng Chính phủ"
    # a wrong declaration does not beat valid UTF-8
    assert decode_bytes("Hà Nội".encode(), declared="latin-1") == "Hà Nội"


def test_damaged_utf8_is_an_error_not_mojibake() -> None:
    data = ARTICLE.encode("utf-8")
    at = data.index(b" ", 200)  # between two characters
    damaged = data[:at] + b"\xff\xfe" + data[at:]
    with pytest.raises(DecodeError, match=f"invalid UTF-8 at byte {at} "):
        decode_bytes(damaged)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.4\n\x00\x01\x02", os.urandom(4096)])
def test_binary_data_is_recognised(data: bytes) -> None:
    with pytest.raises((BinaryContentError, DecodeError)):
        decode_bytes(data)


def test_binary_with_nul_is_binary() -> None:
    with pytest.raises(BinaryContentError, match="binary"):
        decode_bytes(b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)))


def test_truncated_utf16_is_a_clear_error() -> None:
    with pytest.raises(DecodeError, match="UTF-16-LE byte-order mark"):
        decode_bytes(b"\xff\xfe\x00")


def test_empty_is_empty_text() -> None:
    assert decode_bytes(b"") == ""

"""Bytes to text: the one place where ``vnpolicy`` decides what encoding a document is in.

Encodings are detected, not assumed. In order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. a NUL byte in the first 8 KiB means binary data (the heuristic of git and
   grep), unless a UTF-16/32 mark said otherwise;
3. valid UTF-8 is UTF-8 (legacy Vietnamese text is practically never valid
   UTF-8 by accident);
4. bytes that are *mostly* valid UTF-8 are damaged UTF-8, an error: decoding
   them as a legacy code page would turn every accented letter into mojibake;
5. a declared charset (an HTML ``<meta charset>`` or HTTP header), if it fits;
6. detection among legacy encodings (charset-normalizer when installed, which
   recognises Windows-1258, the Vietnamese code page; else Windows-1258 itself
   if the result looks like text);
7. otherwise a :class:`DecodeError` (or :class:`BinaryContentError`) whose message
   says what to do.

Legacy output is put in NFC: Windows-1258 writes tone marks as separate
combining characters, an artefact of the code page, not of the text.

Example:
    >>> decode_bytes("Nghị định 116/2014/NĐ-CP".encode("utf-8"))
    'Nghị định 116/2014/NĐ-CP'
    >>> decode_bytes(b"\\xef\\xbb\\xbfNg\\xc3\\xa0y 1/7")
    'Ngày 1/7'
    >>> decode_bytes("Năm 2019".encode("utf-16"))
    'Năm 2019'
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import BinaryContentError, DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32-LE's mark starts with UTF-16-LE's, so it is tested first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
# Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.01
# charset-normalizer's mess ratio above which its guess is not trusted.
_MAX_CHAOS = 0.2
_LEGACY_FALLBACK = "cp1258"


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """The text of a document given as bytes, in the encoding detected from them.

    Args:
        data: the raw bytes of one document.
        declared: an encoding the container declares (HTML ``<meta charset>``,
            an HTTP ``Content-Type``); used when the bytes are not UTF-8 and
            the declared encoding decodes them cleanly.

    Returns:
        The text; UTF-8 input comes back exactly as written (no normalisation),
        so offsets into it are offsets into the file's text.

    Raises:
        BinaryContentError: the bytes are binary data, not text.
        DecodeError: no encoding fits (damaged UTF-8, unknown legacy encoding).

    Example:
        >>> decode_bytes("Quyết định số 22/2013/QĐ-TTg".encode("utf-8"))
        'Quyết định số 22/2013/QĐ-TTg'
        >>> decode_bytes("Hà Nội".encode("utf-8") + b"\\xff")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        vnpolicy.errors.DecodeError: invalid UTF-8 at byte 9 (0xff) in otherwise UTF-8 text: ...
    """
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise DecodeError(f"starts with a {encoding.upper()} byte-order mark but is not valid "
                                  f"{encoding.upper()} ({e.reason} at byte {e.start + len(bom)}); "
                                  "the file is damaged or mislabelled") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise BinaryContentError("contains NUL bytes: binary data, not text (an image, a PDF, ...); "
                                 "convert it to plain text first")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if _mostly_utf8(data):
        bad = data[utf8_error.start]
        raise DecodeError(f"invalid UTF-8 at byte {utf8_error.start} (0x{bad:02x}) in otherwise UTF-8 text: "
                          "the document is damaged; repair the source, or decode it yourself "
                          "(errors='replace') and pass the text") from None
    for candidate in (declared, *_detected(data)):
        if candidate is None:
            continue
        text = _try_legacy(data, candidate)
        if text is not None:
            return text
    if _control_share(data.decode("latin-1")) > _MAX_CONTROL_SHARE:
        raise BinaryContentError("not text in any known encoding and full of control bytes: binary data; "
                                 "convert it to plain text first")
    raise DecodeError("not UTF-8 and no legacy encoding (Windows-1258, ...) fits; convert the file "
                      "to UTF-8 first (e.g. with iconv)")


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 text with a few damaged bytes, rather than a legacy encoding."""
    decoded = data.decode("utf-8", errors="replace")
    damaged = decoded.count("\ufffd")
    multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F) - damaged
    return multibyte >= damaged


def _detected(data: bytes) -> list[str]:
    """Candidate legacy encodings for ``data``, best first."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it, Windows-1258 is the one legacy encoding tried
        return [_LEGACY_FALLBACK]
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return [_LEGACY_FALLBACK]
    return [best.encoding, _LEGACY_FALLBACK]


def _try_legacy(data: bytes, encoding: str) -> str | None:
    """``data`` decoded as ``encoding`` (in NFC) if that decodes cleanly into text, else ``None``."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None
    return unicodedata.normalize("NFC", text)


def _control_share(text: str) -> float:
    """The share of characters that never occur in text: C0/C1 controls other than whitespace."""
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls / len(text)

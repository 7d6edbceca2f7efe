"""JSON Lines and NDJSON: one document per non-blank line, read as a stream.

The reader only splits lines (bounded by the size limit, so a runaway line is
never held whole); :func:`parse_jsonl_line` turns one line into a document
with the configured id, text, title and date fields.

Example:
    >>> import io
    >>> stream = io.BytesIO(b'{"id": "d1", "text": "N\\xc4\\x83m 2019"}\\n\\n{"text": "Ng\\xc3\\xa0y 1/7"}\\n')
    >>> items = list(iter_jsonl(stream, where="a.jsonl", source="a.jsonl", options=ReadOptions()))
    >>> [i.id for i in items]
    ['a.jsonl:1', 'a.jsonl:3']
    >>> [parse_jsonl_line(i, ReadOptions()).id for i in items if isinstance(i, RawDocument)]
    ['d1', 'a.jsonl:3']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from ..errors import DocumentTooLargeError, MissingTextError
from .decode import decode_bytes
from .documents import Document, Item, RawDocument, ReadError, ReadOptions

_SKIP_CHUNK = 1 << 20


def iter_jsonl(stream: IO[bytes], *, where: str, source: str, options: ReadOptions) -> Iterator[Item]:
    """One raw document (or error record) per non-blank line of ``stream``.

    Args:
        stream: the file, opened in binary mode.
        where: the prefix of default ids, ``where:LINE`` (line numbers from 1).
        source: the file the stream comes from, for error records.
        options: the size limit applies to each line.
    """
    line_no = 0
    while True:
        line = stream.readline(options.max_bytes + 1)
        if not line:
            return
        line_no += 1
        doc_id = f"{where}:{line_no}"
        if len(line) > options.max_bytes and not line.endswith(b"\n"):
            skipped = len(line) + _skip_rest_of_line(stream)
            yield ReadError.from_exception(doc_id, source, DocumentTooLargeError(
                f"line {line_no} has {skipped} bytes, over the limit of {options.max_bytes} bytes per "
                "document; raise the limit (--max-bytes)"))
            continue
        if line.strip():
            yield RawDocument(id=doc_id, source=source, data=line, kind="jsonl")


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    """Read past the end of the current line without holding it; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def parse_jsonl_line(raw: RawDocument, options: ReadOptions) -> Document | ReadError:
    """The document of one JSON line: an object with a string text field.

    The id field, when present, becomes the document's id (numbers as their
    decimal string); otherwise the id stays ``FILE:LINE``.
    """
    line_no = raw.id.rsplit(":", 1)[-1]
    try:
        obj = json.loads(decode_bytes(raw.data))
    except (ValueError, UnicodeDecodeError) as e:  # DecodeError and JSONDecodeError are ValueErrors
        return ReadError(raw.id, raw.source, type(e).__name__, f"line {line_no} is not JSON text: {e}")
    if not isinstance(obj, dict):
        return ReadError.from_exception(raw.id, raw.source, MissingTextError(
            f"line {line_no} is a JSON {type(obj).__name__}, not an object with a field {options.text_field!r}"))
    raw_id = obj.get(options.id_field)
    doc_id = raw.id if raw_id is None else str(raw_id)
    text = obj.get(options.text_field)
    if not isinstance(text, str):
        return ReadError.from_exception(doc_id, raw.source, MissingTextError(
            f"line {line_no} needs a string field {options.text_field!r} (fields: {', '.join(map(str, obj))}); "
            "name the text field with --text-field"))
    title = obj.get(options.title_field)
    published = next((v for f in options.date_fields if isinstance(v := obj.get(f), str) and v), None)
    return Document(id=doc_id, text=text, published=published, title=title if isinstance(title, str) else None,
                    source=raw.source)

"""Raw documents to documents: decoding, JSON lines, web pages.

This runs where the extraction runs (a worker process or a Dask worker), so
that the reading process only moves bytes. Every failure becomes an error
record with the document's id.

Example:
    >>> raw = RawDocument(id="a.txt", source="a.zip", data="Ngày 1/7".encode("utf-8"), kind="text")
    >>> parse_raw(raw, ReadOptions())
    Document(id='a.txt', text='Ngày 1/7', published=None, title=None, source='a.zip')
    >>> parse_raw(RawDocument(id="b.txt", source="a.zip", data=b"\\x89PNG\\x00\\x00", kind="text"),
    ...           ReadOptions()).error
    'BinaryContentError'
"""

from __future__ import annotations

from ..errors import DocumentError
from .decode import decode_bytes
from .documents import Document, Item, RawDocument, ReadError, ReadOptions
from .html import html_to_document
from .jsonl import parse_jsonl_line


def parse_raw(raw: RawDocument, options: ReadOptions) -> Document | ReadError:
    """The document in ``raw``, or its error record."""
    try:
        if raw.kind == "jsonl":
            return parse_jsonl_line(raw, options)
        if raw.kind == "html":
            return html_to_document(raw.data, doc_id=raw.id, source=raw.source, charset=raw.charset)
        return Document(id=raw.id, text=decode_bytes(raw.data, declared=raw.charset), source=raw.source)
    except DocumentError as e:
        return ReadError.from_exception(raw.id, raw.source, e)


def parse_item(item: Item, options: ReadOptions) -> Document | ReadError:
    """A reader's item as a document or an error record (raw documents are parsed)."""
    return parse_raw(item, options) if isinstance(item, RawDocument) else item

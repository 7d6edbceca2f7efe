"""What readers produce: documents, raw documents still to be parsed, and error records.

A reader yields exactly one item per input document. Parsing (decoding, JSON,
HTML main-text extraction) is left to :func:`vnpolicy.io.parse.parse_raw`, so
that a batch engine can run it in its worker processes and a resumed run can
skip documents without parsing them.

Example:
    >>> raw = RawDocument(id="a.txt", source="a.zip", data="Năm 2019".encode(), kind="text")
    >>> raw.size
    9
    >>> ReadError("a.txt", "a.zip", "DecodeError", "not UTF-8").to_dict()["error"]
    'DecodeError'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import DocumentTooLargeError
from ..repair import DEFAULT_REPAIR

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Documents larger than this (10 MiB, about 30 times the longest law) become error records."""

RawKind = Literal["text", "html", "jsonl"]


@dataclass(frozen=True, slots=True)
class Document:
    """One document to extract from."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The bytes of one document as read from its container, not yet decoded.

    ``kind`` says how to parse them: ``text`` (a plain-text file), ``html`` (a
    web page: main text, title and date by trafilatura) or ``jsonl`` (one JSON
    line; its id field, when present, replaces ``id``).
    """

    id: str
    source: str
    data: bytes
    kind: RawKind
    charset: str | None = None
    """An encoding declared by the container (an HTTP ``Content-Type`` in a WARC file)."""

    @property
    def size(self) -> int:
        """The number of bytes."""
        return len(self.data)


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read or extracted; it becomes an error record."""

    id: str
    source: str
    error: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The error record written beside the output."""
        return {"id": self.id, "source": self.source, "error": self.error, "message": self.message}

    @classmethod
    def from_exception(cls, doc_id: str, source: str, error: BaseException) -> ReadError:
        """The error record of ``error`` raised while reading or extracting one document."""
        return cls(doc_id, source, type(error).__name__, str(error))


Item = Document | RawDocument | ReadError
"""What a reader yields: one per input document."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read documents: field names of JSON Lines and CSV inputs, and the size limit.

    Example:
        >>> ReadOptions(text_field="noi_dung").text_field
        'noi_dung'
    """

    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    date_fields: tuple[str, ...] = ("published", "date")
    max_bytes: int = MAX_DOCUMENT_BYTES
    repair: bool = DEFAULT_REPAIR
    """Repair legacy encodings and broken Unicode before extraction (``--no-repair`` turns it off)."""

    def check_size(self, size: int | None) -> None:
        """Raise :class:`~vnpolicy.errors.DocumentTooLargeError` when ``size`` is over the limit."""
        if size is not None and size > self.max_bytes:
            raise DocumentTooLargeError(
                f"{size} bytes is over the limit of {self.max_bytes} bytes per document; split the "
                "document or raise the limit (--max-bytes)")


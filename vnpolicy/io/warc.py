"""WARC web archives (``.warc``, ``.warc.gz``): the pages they hold, by warcio.

The only module that imports warcio (the ``batch`` extra). A document is a
``response`` (HTTP status 2xx) or ``resource`` record whose content type is
HTML or plain text; requests, metadata, redirects, errors, revisits and other
media (images, scripts, style sheets) are not documents. HTML goes through
the same path as ``.html`` files (:func:`vnpolicy.io.html.html_to_document`),
with the HTTP header's charset as a hint.

A page's id is its ``WARC-Target-URI``; a URI captured again in the same file
gets ``#2``, ``#3``, ... so that ids stay unique.

Example:
    >>> import io
    >>> from warcio.warcwriter import WARCWriter
    >>> from warcio.statusandheaders import StatusAndHeaders
    >>> buf = io.BytesIO()
    >>> writer = WARCWriter(buf, gzip=True)
    >>> http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
    >>> page = "Năm 2019".encode()
    >>> writer.write_record(writer.create_warc_record("https://example.vn/a.txt", "response",
    ...     payload=io.BytesIO(page), length=len(page), http_headers=http))
    >>> _ = buf.seek(0)
    >>> [(d.id, d.kind, d.data.decode()) for d in iter_warc(buf, source="crawl.warc.gz", options=ReadOptions())]
    [('https://example.vn/a.txt', 'text', 'Năm 2019')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import IO

from ..errors import CorruptArchiveError, DocumentTooLargeError, MissingDependencyError
from .documents import Item, RawDocument, RawKind, ReadError, ReadOptions

_KINDS: dict[str, RawKind] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def iter_warc(stream: IO[bytes], *, source: str, options: ReadOptions) -> Iterator[Item]:
    """One raw document (or error record) per HTML or text page of a WARC file, in file order.

    Raises:
        MissingDependencyError: warcio is not installed.
        CorruptArchiveError: the WARC file is damaged (records after the damage cannot be read).
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as e:
        raise MissingDependencyError("reading WARC files needs warcio: pip install 'vnpolicy[batch]'") from e
    seen: Counter[str] = Counter()
    try:
        for record in ArchiveIterator(stream):
            page = _page_kind(record)
            if page is None:
                continue
            kind, charset = page
            uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("WARC-Record-ID")
            seen[uri] += 1
            doc_id = uri if seen[uri] == 1 else f"{uri}#{seen[uri]}"
            data = record.content_stream().read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                yield ReadError.from_exception(doc_id, source, DocumentTooLargeError(
                    f"the page is over the limit of {options.max_bytes} bytes per document; "
                    "raise the limit (--max-bytes)"))
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # warcio returns a cut record's bytes without a word
                yield ReadError.from_exception(doc_id, source, CorruptArchiveError(
                    "the record is cut short: the WARC file is truncated or damaged here"))
                continue
            yield RawDocument(id=doc_id, source=source, data=data, kind=kind, charset=charset)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError) as e:
        # warcio raises AttributeError on some malformed headers
        raise CorruptArchiveError(f"the WARC file is damaged ({type(e).__name__}: {e}); "
                                  "the records after this point cannot be read") from e


def _page_kind(record: object) -> tuple[RawKind, str | None] | None:
    """How to read a WARC record (``html`` or ``text``, and its declared charset), or ``None``."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "response":
        http = getattr(record, "http_headers", None)
        if http is None or not str(http.get_statuscode()).startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif rec_type == "resource":
        content_type = getattr(record, "rec_headers").get_header("Content-Type") or ""  # noqa: B009
    else:
        return None
    mime, _, params = content_type.partition(";")
    kind = _KINDS.get(mime.strip().lower())
    if kind is None:
        return None
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind, charset

"""Web pages: main text, title and publication date, by trafilatura.

The only module that imports trafilatura (the ``batch`` extra). A page's
text for extraction is its title, a blank line and its main text, the shape
of the plain-text archives (first line the title), so that the extractors and
the topic classifier see the headline as well.

Example:
    >>> page = ("<html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
    ...         "<article><h1>Hà Nội hỗ trợ 41 xã</h1><p>Năm 2019, thành phố dành 32.489 tỷ đồng "
    ...         "cho 41 xã đạt chuẩn nông thôn mới, theo Quyết định số 22/2013/QĐ-TTg.</p>"
    ...         "</article></body></html>").encode()
    >>> doc = html_to_document(page, doc_id="p1", source="pages.zip")
    >>> doc.title
    'Hà Nội hỗ trợ 41 xã'
    >>> doc.text.splitlines()[-1][:30]
    'Năm 2019, thành phố dành 32.48'
"""

from __future__ import annotations

import re

from ..errors import MissingDependencyError, MissingTextError
from .decode import decode_bytes
from .documents import Document

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KiB, if any.

    Example:
        >>> declared_charset(b'<head><meta charset="windows-1258"></head>')
        'windows-1258'
    """
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def html_to_document(data: bytes, *, doc_id: str, source: str, charset: str | None = None) -> Document:
    """The main text of a web page with its title and publication date.

    Args:
        data: the page as bytes (decoded by :func:`~vnpolicy.io.decode.decode_bytes`,
            with the declared charset as a hint).
        doc_id: the document's id.
        source: where it was read from.
        charset: a charset declared outside the page (HTTP header); it wins
            over the page's own ``<meta>``, as in a browser.

    Raises:
        MissingDependencyError: trafilatura is not installed.
        MissingTextError: the page has no main text (a navigation or index page).
        DecodeError: the page's bytes fit no encoding.
    """
    try:
        import trafilatura
    except ImportError as e:
        raise MissingDependencyError("reading HTML needs trafilatura: pip install 'vnpolicy[batch]'") from e
    html = decode_bytes(data, declared=charset or declared_charset(data))
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_images=False,
                                            deduplicate=False)
    # trafilatura 1.x returns a dict, 2.x a Document object
    found = extracted if isinstance(extracted, dict) else ({} if extracted is None else extracted.as_dict())
    body = _field(found, "text")
    if not body:
        raise MissingTextError("no main text found in this page (a navigation, index or empty page)")
    title = _field(found, "title")
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    date = _field(found, "date")
    return Document(id=doc_id, text=text, published=date, title=title, source=source)


def _field(found: dict[str, object], name: str) -> str | None:
    """A text field of trafilatura's result, stripped; ``None`` when missing or empty."""
    value = found.get(name)
    return value.strip() or None if isinstance(value, str) else None

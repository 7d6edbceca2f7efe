"""Extract from many documents, turning each failure into an error record.

Example:
    >>> from vnpolicy.io import Document
    >>> out = list(extract_documents([Document(id="a", text="Năm 2019")]))
    >>> out[0].id, [d.value for d in out[0].dates]
    ('a', ['2019'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .io.readers import Document, ReadError
from .pipeline import extract
from .records import Record


def extract_documents(documents: Iterable[Document | ReadError]) -> Iterator[Record | ReadError]:
    """One record or one error record per input document, in input order."""
    for doc in documents:
        if isinstance(doc, ReadError):
            yield doc
            continue
        try:
            yield extract(doc.text, published=doc.published, doc_id=doc.id)
        except Exception as e:  # one bad document must not stop a batch
            yield ReadError(doc.id, doc.source or "", type(e).__name__, str(e))

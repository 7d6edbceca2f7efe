"""References to legal, administrative and Party documents: find, link, resolve, look up, mark up.

The public verbs of :mod:`vnpolicy.legal`. The pipeline calls
:func:`find_legal_refs` and :func:`symbol_spans` first (so that ``22/2013`` of
``22/2013/QĐ-TTg`` is never read as a date), then :func:`link_legal_refs` with
the dates found meanwhile.

Example:
    >>> text = "Theo Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ"
    >>> [(r.canonical, r.issuer_code, r.kb_id) for r in find_legal_refs(text)]
    [('22/2013/QĐ-TTg', 'Thủ tướng Chính phủ', None)]
    >>> lookup("116/2014/NĐ-CP").effective
    '2015-01-18'
"""

from __future__ import annotations

from .legal.documents import LegalDocument, annotate, group
from .legal.find import find_legal_refs, symbol_spans
from .legal.header import DocumentHeader, document_header
from .legal.kb import KbEntry, lookup
from .legal.link import link_legal_refs

__all__ = [
    "DocumentHeader",
    "KbEntry",
    "LegalDocument",
    "annotate",
    "document_header",
    "find_legal_refs",
    "group",
    "link_legal_refs",
    "lookup",
    "symbol_spans",
]

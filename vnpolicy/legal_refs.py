"""References to legal, administrative and Party documents (placeholder, see issue 3)."""

from __future__ import annotations

from collections.abc import Sequence

from .records import DateMention, LegalRef


def find_legal_refs(text: str) -> list[LegalRef]:
    """Every document reference in ``text``, with type, number, symbol and canonical."""
    return []


def symbol_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every legal-symbol-looking token, to keep numbers out of them."""
    return []


def link_legal_refs(text: str, refs: Sequence[LegalRef], dates: Sequence[DateMention],
                    sentences: Sequence[tuple[int, int]]) -> list[LegalRef]:
    """Fill issue date, issuer, subject and back-references of ``refs``."""
    return list(refs)

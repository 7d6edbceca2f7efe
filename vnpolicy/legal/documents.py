"""The distinct documents of a passage, each with all its mentions; and mark-up of mentions in text.

Example:
    >>> import vnpolicy
    >>> from vnpolicy.legal_refs import group
    >>> r = vnpolicy.extract("Nghị định 67 ... theo Nghị định 67/2014/NĐ-CP ngày 7/7/2014 của Chính phủ.")
    >>> [(d.canonical, d.issued, len(d.mentions)) for d in group(r)]
    [('67/2014/NĐ-CP', '2014-07-07', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..records import LegalRef, Mention, Record

M = TypeVar("M", bound=Mention)
Markup = str | Callable[[Mention], str]
"""A mark-up string (``{field}`` is filled from the mention's JSON form) or a function of the mention."""


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """One document of a passage: what its mentions say about it, put together."""

    canonical: str
    doc_type: str
    number: str | None
    year: int | None
    symbol: str | None
    issued: str | None
    issuer: str | None
    subject: str | None
    issuer_code: str | None
    kb_id: str | None
    mentions: tuple[LegalRef, ...]


def _first(values: Sequence[str | None]) -> str | None:
    return next((v for v in values if v), None)


def group(record: Record | Sequence[LegalRef]) -> list[LegalDocument]:
    """The distinct documents a record (or a list of references) mentions, in order of first mention.

    A short form joins the document it refers to (``refers_to``); the fields of
    the document come from its fullest mention: the first full issue date (a
    year-less one only when no mention has the year), the first issuer, title,
    knowledge-base link.
    """
    refs = record.legal_refs if isinstance(record, Record) else tuple(record)
    by_key: dict[str, list[LegalRef]] = {}
    for r in sorted(refs, key=lambda r: (r.start, r.end)):
        by_key.setdefault(r.refers_to or r.canonical, []).append(r)
    out: list[LegalDocument] = []
    for key, mentions in by_key.items():
        full = next((m for m in mentions if m.canonical == key), mentions[0])
        dated = [m.issued for m in mentions if m.issued and not m.issued.startswith("XXXX")]
        out.append(LegalDocument(
            canonical=key, doc_type=full.doc_type, number=full.number, year=full.year, symbol=full.symbol,
            issued=_first(dated) or _first([m.issued for m in mentions]),
            issuer=_first([m.issuer for m in mentions]), subject=_first([m.subject for m in mentions]),
            issuer_code=_first([m.issuer_code for m in mentions]), kb_id=_first([m.kb_id for m in mentions]),
            mentions=tuple(mentions),
        ))
    return out


_FIELD = re.compile(r"\{(\w+)\}")


def _render(markup: Markup, mention: Mention) -> str:
    if callable(markup):
        return markup(mention)
    data = mention.to_dict()
    return _FIELD.sub(lambda m: "" if data.get(m.group(1)) is None else str(data.get(m.group(1))), markup)


def annotate(text: str, mentions: Sequence[Mention], before: Markup = "<mark>", after: Markup = "</mark>") -> str:
    """``text`` with each mention wrapped in mark-up; every other character is kept as it is.

    Args:
        text: the text the mentions point into (offsets are ``str`` offsets).
        mentions: any mentions (legal references, dates, ...). A mention that
            crosses the edge of one already opened is left unmarked, so the
            mark-up stays well nested.
        before: put before each mention: a string where ``{field}`` is filled
            from the mention's JSON form (``{canonical}``, ``{kb_id}``), or a function.
        after: put after each mention, the same way.

    Example:
        >>> from vnpolicy.legal_refs import find_legal_refs
        >>> t = "Theo Nghị định 116/2014/NĐ-CP, ..."
        >>> annotate(t, find_legal_refs(t), "[", "](https://vbpl.vn/?q={canonical})")
        'Theo [Nghị định 116/2014/NĐ-CP](https://vbpl.vn/?q=116/2014/NĐ-CP), ...'
    """
    chosen: list[Mention] = []
    stack: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not (0 <= m.start <= m.end <= len(text)):
            continue
        while stack and stack[-1].end <= m.start:
            stack.pop()
        if stack and m.end > stack[-1].end:
            continue
        chosen.append(m)
        stack.append(m)
    inserts: list[tuple[int, int, int, str]] = []
    for k, m in enumerate(chosen):
        # at one offset: closings first (inner before outer), then openings (outer before inner)
        inserts.append((m.start, 1, k, _render(before, m)))
        inserts.append((m.end, 0, -k, _render(after, m)))
    inserts.sort()
    pieces: list[str] = []
    pos = 0
    for at, _, _, markup in inserts:
        pieces.append(text[pos:at])
        pieces.append(markup)
        pos = at
    pieces.append(text[pos:])
    return "".join(pieces)

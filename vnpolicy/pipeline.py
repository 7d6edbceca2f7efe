"""Run the extractors and linkers in order and build a :class:`Record`.

Order matters: legal references take their symbols first (``22/2013`` of
``22/2013/QĐ-TTg`` is neither a date nor a fraction), dates and periods take
their numbers next (the years of ``giai đoạn 2018-2020`` are not quantities),
then quantities, percents and fractions take what is left.

Example:
    >>> r = extract("Ngày 26/4/2013, toàn tỉnh có 196/204 xã đạt 96%.")
    >>> [d.value for d in r.dates], [f.text for f in r.fractions], [p.value for p in r.percents]
    (['2013-04-26'], ['196/204'], [96])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from . import dates as dates_mod
from . import indicators as indicators_mod
from . import legal_refs as legal_mod
from . import quantities as quantities_mod
from . import slogans as slogans_mod
from .errors import InputTypeError, InputValueError
from .records import Indicator, Mention, Record
from .spans import SpanSet
from .text import NormalisedText, normalise, sentence_spans

_M = TypeVar("_M", bound=Mention)

PublishedDate = dt.date | dt.datetime | str | None


def extract(text: str, *, published: PublishedDate = None, doc_id: str | None = None) -> Record:
    """Extract every kind of mention from one document.

    Args:
        text: the document as a ``str`` (any Unicode form; offsets point into it).
        published: the publication date (``date``, ``datetime`` or ISO string
            ``"2017-03-05"``); relative and year-less dates are resolved against it.
        doc_id: an identifier carried into the record.

    Returns:
        A frozen :class:`Record` whose mentions carry offsets into ``text``.

    Raises:
        InputTypeError: ``text`` is not a ``str`` (decode bytes first).
        InputValueError: ``published`` is not a valid date.

    Example:
        >>> r = extract("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")
        >>> [d.text for d in r.dates]
        ['ngày 26/4/2013']
    """
    if not isinstance(text, str):
        raise InputTypeError(
            f"extract() needs the document as str, got {type(text).__name__}; "
            "decode bytes first (text = data.decode('utf-8')) or use vnpolicy.repair()"
        )
    published_date = parse_published(published)
    norm = normalise(text)
    t = norm.text

    refs = legal_mod.find_legal_refs(t)
    taken = SpanSet([(r.start, r.end) for r in refs]).union(legal_mod.symbol_spans(t))
    dates, periods = dates_mod.find_dates(t, blocked=taken, published=published_date)
    taken = taken.union((m.start, m.end) for m in [*dates, *periods])
    quantities, percents, fractions = quantities_mod.find_numbers(t, blocked=taken)
    refs = legal_mod.link_legal_refs(t, refs, dates, (), published=published_date)
    slogans = slogans_mod.find_slogans(t)
    indicators: list[Indicator] = []
    if quantities or percents or fractions:
        indicators = indicators_mod.find_indicators(
            t, quantities, percents, fractions, dates, periods, sentence_spans(t))
    return Record(
        text=text,
        id=doc_id,
        published=published_date.isoformat() if published_date else None,
        legal_refs=_to_original(norm, refs),
        dates=_to_original(norm, dates),
        periods=_to_original(norm, periods),
        quantities=_to_original(norm, quantities),
        percents=_to_original(norm, percents),
        fractions=_to_original(norm, fractions),
        slogans=_to_original(norm, slogans),
        indicators=_indicators_to_original(norm, indicators),
    )


def parse_published(published: PublishedDate) -> dt.date | None:
    """The publication date as a ``date``; accepts ``date``, ``datetime`` or an ISO string."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise InputValueError(
                f"published={published!r} is not an ISO date; pass e.g. '2017-03-05'"
            ) from None
    raise InputTypeError(
        f"published must be a date, datetime or ISO string, got {type(published).__name__}"
    )


def _to_original(norm: NormalisedText, mentions: Sequence[_M]) -> tuple[_M, ...]:
    """Mentions re-pointed from the normalised text into the original, sorted."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    if norm.text is norm.original:
        return tuple(ordered)
    out = []
    for m in ordered:
        # same-length replacements (a no-break space) keep offsets but not the text
        start, end = norm.to_original(m.start, m.end)
        out.append(dataclasses.replace(m, start=start, end=end, text=norm.original[start:end]))
    return tuple(out)


def _indicators_to_original(norm: NormalisedText, indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
    """Indicators re-pointed from the normalised text into the original."""
    if norm.text is norm.original:
        return tuple(indicators)
    out = []
    for ind in indicators:
        start, end = norm.to_original(ind.value_start, ind.value_end)
        linked_start, linked_end = ind.linked_start, ind.linked_end
        if linked_start is not None and linked_end is not None:
            linked_start, linked_end = norm.to_original(linked_start, linked_end)
        out.append(dataclasses.replace(ind, value_start=start, value_end=end, value_text=norm.original[start:end],
                                       linked_start=linked_start, linked_end=linked_end))
    return tuple(out)

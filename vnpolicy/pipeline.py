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
from . import topics as topics_mod
from .errors import InputTypeError, InputValueError
from .records import Indicator, Mention, Record
from .repair import DEFAULT_REPAIR, Repaired
from .repair import repair as repair_text
from .spans import SpanSet
from .text import NormalisedText, normalise, sentence_spans

_M = TypeVar("_M", bound=Mention)

PublishedDate = dt.date | dt.datetime | str | None


def extract(text: str, *, published: PublishedDate = None, doc_id: str | None = None,
            repair: bool = DEFAULT_REPAIR) -> Record:
    """Extract every kind of mention from one document.

    Args:
        text: the document as a ``str`` (any Unicode form, or a legacy Vietnamese
            encoding read as text; offsets always point into it).
        published: the publication date (``date``, ``datetime`` or ISO string
            ``"2017-03-05"``); relative and year-less dates are resolved against it.
        doc_id: an identifier carried into the record.
        repair: first undo legacy encodings (TCVN3, VNI, VISCII, VIQR,
            Windows-1258), mojibake and old tone placement with
            :func:`vnpolicy.repair`; ``Record.repairs`` says what was changed.

    Returns:
        A frozen :class:`Record` whose mentions carry offsets into ``text``.

    Raises:
        InputTypeError: ``text`` is not a ``str`` (decode bytes first).
        InputValueError: ``published`` is not a valid date.

    Example:
        >>> r = extract("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")
        >>> [d.text for d in r.dates]
        ['ngày 26/4/2013']
        >>> r = extract("Ngµy 26/4/2013, tØnh cã 41 x·")  # TCVN3 read as text
        >>> r.repairs, [d.text for d in r.dates]
        (('tcvn3->unicode',), ['Ngµy 26/4/2013'])
    """
    if not isinstance(text, str):
        raise InputTypeError(
            f"extract() needs the document as str, got {type(text).__name__}; "
            "decode bytes first (text = data.decode('utf-8')) or use vnpolicy.repair()"
        )
    published_date = parse_published(published)
    repaired = repair_text(text) if repair else None
    norm = normalise(repaired.text if repaired is not None else text)
    back = _BackMap(text, norm, repaired)
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
        # indicators look up only the sentences of figures: the lines without one are not split
        figures = [m.start for m in (*quantities, *percents, *fractions)]
        indicators = indicators_mod.find_indicators(
            t, quantities, percents, fractions, dates, periods, sentence_spans(t, lines_of=figures),
            barriers=[(r.start, r.end) for r in refs])
    # the classifier reads the repaired, normalised text: offsets play no part
    topics = topics_mod.predict_topics(t)
    return Record(
        text=text,
        id=doc_id,
        published=published_date.isoformat() if published_date else None,
        repairs=repaired.changes if repaired is not None else (),
        legal_refs=back.mentions(refs),
        dates=back.mentions(dates),
        periods=back.mentions(periods),
        quantities=back.mentions(quantities),
        percents=back.mentions(percents),
        fractions=back.mentions(fractions),
        slogans=back.mentions(slogans),
        indicators=back.indicators(indicators),
        topics=tuple(topics),
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


class _BackMap:
    """The way from the text the extractors saw back to the text the user gave.

    Two steps may have changed it: :func:`vnpolicy.repair` (legacy encodings,
    mojibake) and :func:`vnpolicy.text.normalise` (NFC, spaces).
    """

    def __init__(self, original: str, norm: NormalisedText, repaired: Repaired | None) -> None:
        self.original = original
        self.norm = norm
        self.repaired = repaired if repaired is not None and repaired.changes else None
        # no change at all: offsets and texts are already right
        self.unchanged = self.repaired is None and norm.text is norm.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a span of the extractors' text."""
        start, end = self.norm.to_original(start, end)
        if self.repaired is not None and not self.repaired.is_identity:
            start, end = self.repaired.to_original(start, end)
        return start, end

    def mentions(self, mentions: Sequence[_M]) -> tuple[_M, ...]:
        """Mentions re-pointed into the original, sorted."""
        ordered = sorted(mentions, key=lambda m: (m.start, m.end))
        if self.unchanged:
            return tuple(ordered)
        out = []
        for m in ordered:
            # same-length replacements (a no-break space, a TCVN3 letter) keep
            # offsets but not the text: always slice the original
            start, end = self.span(m.start, m.end)
            out.append(dataclasses.replace(m, start=start, end=end, text=self.original[start:end]))
        return tuple(out)

    def indicators(self, indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
        """Indicators re-pointed into the original."""
        if self.unchanged:
            return tuple(indicators)
        out = []
        for ind in indicators:
            start, end = self.span(ind.value_start, ind.value_end)
            linked_start, linked_end = ind.linked_start, ind.linked_end
            if linked_start is not None and linked_end is not None:
                linked_start, linked_end = self.span(linked_start, linked_end)
            out.append(dataclasses.replace(ind, value_start=start, value_end=end,
                                           value_text=self.original[start:end],
                                           linked_start=linked_start, linked_end=linked_end))
        return tuple(out)

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

import contextlib
import datetime as dt
import gc
import operator
from collections.abc import Iterator, Sequence
from typing import TypeVar

import numpy as np

from . import builders
from . import dates as dates_mod
from . import indicators as indicators_mod
from . import legal_refs as legal_mod
from . import quantities as quantities_mod
from . import slogans as slogans_mod
from . import topics as topics_mod
from .encodings.offsets import SegmentArrays
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
    with _collector_paused():
        return _extract(text, published_date, doc_id, repair)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector out of one extraction.

    A megabyte of dense text makes hundreds of thousands of small objects
    (matches, tuples, mentions) that live until the record is built and form
    no cycles; the collector would walk them, and everything loaded before
    them, again and again: about a tenth of the time of a long document
    (0.15-0.27 s of 1.5-3.5 s on the 1 MB inputs of ``benchmarks/pathological.py``). Reference counting still frees what
    each step drops, and the collector runs as usual once the record is made.
    A caller that turned the collector off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(text: str, published_date: dt.date | None, doc_id: str | None, repair: bool) -> Record:
    """:func:`extract` once its arguments are checked."""
    repaired = repair_text(text) if repair else None
    norm = normalise(repaired.text if repaired is not None else text)
    back = _BackMap(text, norm, repaired)
    t = norm.text

    refs = legal_mod.find_legal_refs(t)
    taken = SpanSet([(r.start, r.end) for r in refs]).union(legal_mod.symbol_spans(t))
    dates, periods = dates_mod.find_dates(t, blocked=taken, published=published_date)
    taken = taken.union((m.start, m.end) for m in [*dates, *periods])
    # the unit after each number is read once, for the numbers and for the indicators
    units = quantities_mod.UnitReads(t)
    quantities, percents, fractions = quantities_mod.find_numbers(t, blocked=taken, units=units)
    refs = legal_mod.link_legal_refs(t, refs, dates, (), published=published_date)
    slogans = slogans_mod.find_slogans(t)
    indicators: list[Indicator] = []
    if quantities or percents or fractions:
        # indicators look up only the sentences of figures: the lines without one are not split
        figures = [m.start for m in (*quantities, *percents, *fractions)]
        indicators = indicators_mod.find_indicators(
            t, quantities, percents, fractions, dates, periods, sentence_spans(t, lines_of=figures),
            barriers=[(r.start, r.end) for r in refs], units=units)
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
    mojibake) and :func:`vnpolicy.text.normalise` (NFC, spaces). A megabyte of
    dense text has tens of thousands of mentions, so all the spans of a kind
    are mapped at once (:class:`SegmentArrays`), and a mention is rebuilt only
    when its offsets or its text changed.
    """

    def __init__(self, original: str, norm: NormalisedText, repaired: Repaired | None) -> None:
        self.original = original
        self.norm = norm
        self.repaired = repaired if repaired is not None and repaired.changes else None
        # no change at all: offsets and texts are already right
        self.unchanged = self.repaired is None and norm.text is norm.original
        self._steps: list[SegmentArrays] | None = None

    def steps(self) -> list[SegmentArrays]:
        """The maps to go through, last change first; built on first use (they cost a pass over the map)."""
        if self._steps is None:
            self._steps = []
            if not self.norm.is_identity:
                self._steps.append(SegmentArrays(self.norm.segment_norm, self.norm.segment_orig,
                                                 len(self.norm.text), len(self.norm.original)))
            if self.repaired is not None:
                self._steps.extend(SegmentArrays(m.seg_out, m.seg_src, m.out_len, m.src_len)
                                   for m in reversed(self.repaired.maps) if m.seg_out)
        return self._steps

    def spans(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """The original spans of spans of the extractors' text."""
        steps = self.steps()
        if not steps or not starts:
            return starts, ends
        start_array, end_array = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        for step in steps:
            start_array, end_array = step.to_source(start_array, end_array)
        return start_array.tolist(), end_array.tolist()

    def mentions(self, mentions: Sequence[_M]) -> tuple[_M, ...]:
        """Mentions re-pointed into the original, sorted."""
        ordered = sorted(mentions, key=_SPAN)
        if self.unchanged or not ordered:
            return tuple(ordered)
        starts, ends = self.spans([m.start for m in ordered], [m.end for m in ordered])
        out = []
        for m, start, end in zip(ordered, starts, ends, strict=True):
            # same-length replacements (a no-break space, a TCVN3 letter) keep
            # offsets but not the text: always slice the original
            text = self.original[start:end]
            if start == m.start and end == m.end and text == m.text:
                out.append(m)
            else:
                out.append(builders.moved(m, start, end, text))
        return tuple(out)

    def indicators(self, indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
        """Indicators re-pointed into the original."""
        if self.unchanged or not indicators:
            return tuple(indicators)
        starts, ends = self.spans([i.value_start for i in indicators], [i.value_end for i in indicators])
        linked = [i for i, ind in enumerate(indicators) if ind.linked_start is not None and ind.linked_end is not None]
        linked_starts, linked_ends = self.spans([indicators[i].linked_start or 0 for i in linked],
                                                [indicators[i].linked_end or 0 for i in linked])
        linked_spans = dict(zip(linked, zip(linked_starts, linked_ends, strict=True), strict=True))
        out = []
        for i, ind in enumerate(indicators):
            start, end = starts[i], ends[i]
            linked_start, linked_end = linked_spans.get(i, (ind.linked_start, ind.linked_end))
            text = self.original[start:end]
            if (start, end, text, linked_start, linked_end) == \
                    (ind.value_start, ind.value_end, ind.value_text, ind.linked_start, ind.linked_end):
                out.append(ind)
            else:
                out.append(builders.indicator(start, end, text, ind.measure, ind.period, ind.location, ind.value_kind,
                                              linked_start, linked_end, ind.consistent))
        return tuple(out)


_SPAN = operator.attrgetter("start", "end")

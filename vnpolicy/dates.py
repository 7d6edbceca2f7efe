"""Dates and periods of Vietnamese text, as TIMEX3 values (ANNOTATION.md, dates and periods).

One compiled regex finds the candidates: runs of digits (``26/4/2013``,
``2018-2020``, ``11.4.2017``, ``7``) and the few word forms with no digit
(``hôm nay``, ``quý IV``, ``sáu tháng đầu năm``). Everything else is decided in
Python around each candidate: the words before it (``ngày``, ``tháng``, ``từ``,
``giai đoạn``, ``sáng``, a weekday), the words after it (``tháng 4 năm 2017``,
``đến 30/6/2020``, ``và 11 năm 2016``) and whether the reading is a date at
all (``1/3 số hộ`` is a fraction, ``19h20`` a clock time, ``22/2013/QĐ-TTg`` a
legal symbol).

Decisions the guideline leaves open, made to hold for news in general:

- A bare ``d/m`` (no ``ngày``, no year) is ambiguous with fractions, which
  ``quantities`` takes when this module leaves them. It is a date after a part
  of the day, ``hôm``, a weekday, ``sáng nay`` and the like; inside brackets
  when it cannot be a proper fraction (``(17/3)``) or a time word stands before
  the bracket; after ``từ``/``vào``/``trước`` unless a fraction's noun follows
  (``1/3 số hộ``); after ``đến``/``khoảng`` only when the day exceeds the month;
  when ``tới``, ``vừa qua`` or ``là ngày`` follows; and in a list or range with
  such a date. Ends that run backwards (``từ 1/3 - 1/2 thời gian``) are fractions.
  ``d-m`` and ``d.m`` (scores, ranges, decimals) need ``ngày`` or a part of the day.
- A bare year is a date after ``SN``, ``từ``, ``đến``..., in a list of years, or
  when it closes its phrase; never after a count word, before a counted noun
  (``2000 người``), or right after a name (``SEA Games 2017``: the gold leaves
  those optional, so saying nothing costs nothing).
- Relative expressions are mentions with value ``None`` only when the
  publication date resolves them (``hôm nay``, ``năm ngoái``, ``tháng trước``,
  ``cùng kỳ năm trước``), never when a written date follows them (``hôm nay
  1/6``) or a count precedes them (``nhiều năm nay``). Vague ones (``hiện nay``,
  ``thời gian tới``) are left out: the gold makes them optional at best.
- ``từ năm 2010 đến nay`` is a period to ``None``; ``từ nay đến năm 2020`` one from
  ``None``; ``đến năm 2020`` alone is a date, as in the gold.

Example:
    >>> dates, periods = find_dates("Ngày 26/4/2013, tỉnh phê duyệt đề án giai đoạn 2018-2020.")
    >>> [(d.text, d.value, d.grain) for d in dates]
    [('Ngày 26/4/2013', '2013-04-26', 'day')]
    >>> [(p.text, p.from_, p.to) for p in periods]
    [('giai đoạn 2018-2020', '2018', '2020')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Final

from . import builders
from .errors import VnpolicyError
from .records import DateMention, Period
from .spans import SpanSet

__all__ = ["find_dates"]

# Years a bare 4-digit number may name; with a unit word (``năm 1887``) any 4 digits do.
_BARE_YEAR_MIN, _BARE_YEAR_MAX = 1900, 2100
_YEAR_MIN, _YEAR_MAX = 1000, 2199
# The widest gap between the two years of a bare ``2021-2025``: a wider one is a range of counts.
_BARE_RANGE_GAP: Final = 50
# How far back (in characters) the words before a candidate are read.
_LOOKBACK: Final = 60
# How far back ``cùng kỳ năm trước`` looks for the time it is compared with.
_SAME_PERIOD_REACH: Final = 400
# Multi-word lexicon entries are at most this many tokens long.
_MAX_PHRASE: Final = 4


# --------------------------------------------------------------------------- lexicon


class _Phrases:
    """Lower-cased phrases, with their first and last words for a quick refusal."""

    __slots__ = ("first", "last", "longest", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.first = frozenset(w.split()[0] for w in self.words)
        self.last = frozenset(w.split()[-1] for w in self.words)
        self.longest = max((len(w.split()) for w in self.words), default=0)

    def __contains__(self, phrase: object) -> bool:
        return phrase in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The words of ``data/dates.json``, lower-cased, validated on load."""

    units: Mapping[str, str]
    unit_words: _Phrases
    relative_words: _Phrases
    weekdays: _Phrases
    strong: _Phrases
    weak: _Phrases
    followers: _Phrases
    modifiers: _Phrases
    range_from: _Phrases
    range_to: _Phrases
    fillers: _Phrases
    heads: _Phrases
    open_ends: _Phrases
    open_after: _Phrases
    from_now: _Phrases
    improper_context: _Phrases
    relative: Mapping[str, tuple[str, int]]
    same_period: _Phrases
    quantity_words: _Phrases
    rate_words: _Phrases
    count_context: _Phrases
    year_context: _Phrases
    fraction_followers: _Phrases
    year_followers: _Phrases
    unit_followers: _Phrases
    spelled: Mapping[str, int]
    spelled_words: _Phrases
    month_names: Mapping[str, int]
    roman: Mapping[str, int]
    halves: Mapping[str, int]
    time_words: _Phrases


_GRAINS: Final = ("day", "month", "quarter", "half", "year")


def _words(data: Mapping[str, object], key: str) -> _Phrases:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() == w and w for w in value):
        raise VnpolicyError(f"dates.json: {key!r} must be a list of non-empty trimmed strings")
    words = [" ".join(w.lower().split()) for w in value]
    if len(set(words)) != len(words):
        raise VnpolicyError(f"dates.json: {key!r} has duplicates")
    if any(len(w.split()) > _MAX_PHRASE for w in words):
        raise VnpolicyError(f"dates.json: {key!r} has an entry longer than {_MAX_PHRASE} words")
    return _Phrases(words)


def _numbers(data: Mapping[str, object], key: str, low: int, high: int, *, lower: bool) -> dict[str, int]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and low <= v <= high for k, v in value.items()
    ):
        raise VnpolicyError(f"dates.json: {key!r} must map words to integers {low}..{high}")
    return {(k.lower() if lower else k): v for k, v in value.items()}


def _load_lexicon(raw: str) -> _Lexicon:
    data = json.loads(raw)
    if not isinstance(data, dict) or not isinstance(data.get("_about"), dict):
        raise VnpolicyError("dates.json must hold one JSON object with an '_about' object")
    keys, documented = set(data) - {"_about"}, set(data["_about"]) - {"_"}
    if keys != documented:
        raise VnpolicyError(f"dates.json: keys and '_about' disagree on {sorted(keys ^ documented)}")
    units = data.get("units")
    if not isinstance(units, dict) or not all(g in _GRAINS for g in units.values()):
        raise VnpolicyError(f"dates.json: 'units' must map words to one of {_GRAINS}")
    relative_raw = data.get("relative")
    relative: dict[str, tuple[str, int]] = {}
    if not isinstance(relative_raw, dict):
        raise VnpolicyError("dates.json: 'relative' must map words to [grain, offset]")
    for word, spec in relative_raw.items():
        # two tests, not ``in (*_GRAINS, "week")``: mypyc cannot compile a starred tuple after ``in``
        if not (isinstance(spec, list) and len(spec) == 2 and (spec[0] in _GRAINS or spec[0] == "week")
                and isinstance(spec[1], int)):
            raise VnpolicyError(f"dates.json: relative {word!r} must be [grain, offset]")
        relative[word.lower()] = (spec[0], spec[1])
    return _Lexicon(
        units={k.lower(): v for k, v in units.items()},
        unit_words=_Phrases(k.lower() for k in units),
        relative_words=_Phrases(relative),
        weekdays=_words(data, "weekdays"),
        strong=_words(data, "strong_context"),
        weak=_words(data, "weak_context"),
        followers=_words(data, "date_followers"),
        modifiers=_words(data, "modifiers"),
        range_from=_words(data, "range_from"),
        range_to=_words(data, "range_to"),
        fillers=_words(data, "range_fillers"),
        heads=_words(data, "range_heads"),
        open_ends=_words(data, "open_ends"),
        open_after=_words(data, "open_after"),
        from_now=_words(data, "from_now"),
        improper_context=_words(data, "improper_context"),
        relative=relative,
        same_period=_words(data, "same_period"),
        quantity_words=_words(data, "quantity_words"),
        rate_words=_words(data, "rate_words"),
        count_context=_words(data, "count_context"),
        year_context=_words(data, "year_context"),
        fraction_followers=_words(data, "fraction_followers"),
        year_followers=_words(data, "year_followers"),
        unit_followers=_words(data, "unit_followers"),
        spelled=_numbers(data, "spelled_numbers", 1, 12, lower=True),
        spelled_words=_Phrases(_numbers(data, "spelled_numbers", 1, 12, lower=True)),
        month_names=_numbers(data, "month_names", 1, 12, lower=False),
        roman=_numbers(data, "roman_quarters", 1, 4, lower=False),
        halves=_numbers(data, "halves", 1, 2, lower=True),
        time_words=_words(data, "time_words"),
    )


_LEX: Final = _load_lexicon((resources.files("vnpolicy") / "data" / "dates.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- patterns

# A run of digits joined by date separators, written without spaces: ``26/4/2013``,
# ``2018-2020``, ``7-8/7``. Each repetition needs a digit, so it cannot backtrack.
_RUN: Final = r"[0-9]+(?:[./\-][0-9]+)*"
_TOKEN_RE: Final = re.compile(_RUN + r"|\w+|[^\w\s]")
# Tokens never cross a line: a title's date does not run into the next line.
_NEXT_RE: Final = re.compile(r"[ \t]*(" + _RUN + r"|\w+|[^\w\s])")


def _alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, spaces matching one space."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_anchor_pattern(lex: _Lexicon) -> re.Pattern[str]:
    # Only expressions that have no digit of their own need a word anchor; every
    # other date is found from its digits and reads its words from there.
    rel = _alternation([*lex.relative, *lex.same_period])
    months = _alternation(lex.month_names)
    romans = _alternation(lex.roman)
    halves = _alternation(lex.halves)
    return re.compile(
        rf"(?<!\w)(?:"
        rf"(?P<rel>(?i:{rel}))"
        rf"|(?P<quarter>(?i:qu[ýí]) (?:{romans}))"
        rf"|(?P<month>(?i:tháng) (?:{months}))"
        rf"|(?P<half>(?i:nửa (?:{halves}) năm))"
        rf"|(?P<count>(?i:tháng (?:{halves}) năm))"
        rf")(?!\w)"
    )


def _word_starts(lex: _Lexicon) -> tuple[str, ...]:
    """The lower-cased words every word anchor starts with, to look for with ``str.find``.

    ``str.find`` over a lower-cased copy is several times faster than a regex
    alternation that has to try each position.
    """
    firsts = {w.split()[0] for w in (*lex.relative, *lex.same_period)}
    return tuple(sorted({f"{w} " for w in firsts} | {"quý ", "quí ", "tháng ", "nửa "}))


# --------------------------------------------------------------------------- items

_Tok = tuple[int, int, str]
# ``đến thời điểm thanh lý tháng 11/2016``: a clause between ``đến`` and the end date.
_FILLER_CLAUSE: Final = _Phrases(("thời điểm", "khi", "lúc"))
# ``(10/1 âm lịch)``, ``(6/2 tức mùng 10)``: a note that follows a date inside brackets.
_CALENDAR_NOTE: Final = _Phrases(("âm lịch", "dương lịch", "tức"))


@dataclass(slots=True)
class _Item:
    """One point in time as written, with the parts the text gives."""

    start: int
    end: int
    grain: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None
    """The quarter (1-4) or half (1-2)."""
    rel: int | None = None
    """Year offset from the publication year when the year is ``năm nay`` (0), ``năm ngoái`` (-1)."""
    sep: str = ""
    """The separator of a bare ``d/m``: it decides how much context the date needs."""
    explicit: bool = False
    """A unit word or a written full date makes it a date whatever surrounds it."""
    hint: int = 0
    """-1 when the text says the time is past (``vừa qua``), +1 future (``tới``)."""
    lunar: bool = False

    def key(self) -> tuple[int, int]:
        """Position inside a year, to order two items of the same year."""
        if self.grain == "day":
            return (self.month or 0, self.day or 0)
        if self.grain == "month":
            return (self.month or 0, 0)
        if self.grain == "quarter":
            return (3 * (self.part or 1) - 2, 0)
        if self.grain == "half":
            return (6 * (self.part or 1) - 5, 0)
        return (0, 0)


_Parsed = _Item | tuple[_Item, _Item]


def _days_in(month: int, year: int | None) -> int:
    # A year-less 29/2 is a real date: check it against a leap year. (The table
    # is calendar.monthrange's, without the weekday it also works out.)
    if month == 2:
        return 29 if calendar.isleap(2000 if year is None else year) else 28
    return _MONTH_DAYS[month]


_MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(item: _Item) -> bool:
    if item.month is not None and not 1 <= item.month <= 12:
        return False
    if item.day is not None:
        if not 1 <= item.day <= 31:
            return False
        if item.month is not None and item.day > _days_in(item.month, item.year):
            return False
    return item.year is None or _YEAR_MIN <= item.year <= _YEAR_MAX


def _timex(item: _Item) -> str:
    """The TIMEX3 value: ``2020-02-27``, ``XXXX-07``, ``2020-Q1``, ``2017-H1``, ``2019``."""
    year = "XXXX" if item.year is None else f"{item.year:04d}"
    if item.grain == "day":
        return f"{year}-{item.month or 0:02d}-{item.day or 0:02d}"
    if item.grain == "month":
        return f"{year}-{item.month or 0:02d}"
    if item.grain == "quarter":
        return f"{year}-Q{item.part}"
    if item.grain == "half":
        return f"{year}-H{item.part}"
    return year


def _year_of(item: _Item, published: dt.date | None) -> int | None:
    """The item's year: written, relative to publication, or the one nearest publication."""
    if item.year is not None:
        return item.year
    if published is None or item.lunar:
        return None
    if item.rel is not None:
        return published.year + item.rel
    if item.grain == "year":
        return None
    # the middle of the item: the 15th of a month, the middle month of a quarter or half
    month, day = item.key()
    if not 1 <= month <= 12:
        return None
    month += {"quarter": 1, "half": 3}.get(item.grain, 0)
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        when = dt.date(year, month, min(day or 15, _days_in(month, year)))
        gap = (when - published).days
        if (item.hint < 0 and gap > 0) or (item.hint > 0 and gap < 0):
            continue
        if best is None or abs(gap) < best[0]:
            best = (abs(gap), year)
    return None if best is None else best[1]


def _resolve(item: _Item, published: dt.date | None) -> str | None:
    year = _year_of(item, published)
    if year is None:
        return None
    resolved = _Item(item.start, item.end, item.grain, year, item.month, item.day, item.part)
    return _timex(resolved) if _valid(resolved) else None


# --------------------------------------------------------------------------- context


@dataclass(slots=True)
class _Left:
    """What stands before a run of digits."""

    lead: int
    """Where a date starting here begins: the unit word or weekday, else the digits."""
    unit: str | None
    ctx: str
    """``unit``, ``strong``, ``paren``, ``weak``, ``improper``, ``year``, ``count`` or ``none``."""
    from_at: int | None
    head_at: int | None
    unit_prev: str
    """The lower-cased token before the unit word (``mỗi`` of ``mỗi tháng 2 lần``)."""
    time_near: bool
    """A time word stands in the few tokens before (for ``(1-7)`` after ``Ngày BHYT``)."""
    after_name: bool
    """A capitalised word stands right before: ``SEA Games 2017``, ``Toyota Yaris 2017``."""
    now_at: int | None = None
    """Start of ``từ nay đến`` before the date: a period from now to it."""


def _tokens(window: str) -> list[str]:
    """``_TOKEN_RE.findall(window)``, about twice as fast on prose.

    No token spans a space and the pattern looks at nothing around it, so each
    chunk between spaces is tokenized on its own; a chunk of letters only is
    one token (most words), and only the others go through the pattern.
    """
    out: list[str] = []
    for chunk in window.split():
        if chunk.isalpha():
            out.append(chunk)
        else:
            out.extend(_TOKEN_RE.findall(chunk))
    return out


def _token_start(low_text: str, tokens: list[str], end: int, k: int) -> int:
    """The offset of ``tokens[k]``, the tokens of ``low_text`` that end by ``end``.

    Only spaces stand between tokens (every other character is part of one),
    so the offset is found by walking back from ``end`` over tokens and spaces.
    """
    pos = end
    for i in range(len(tokens) - 1, k - 1, -1):
        while low_text[pos - 1].isspace():
            pos -= 1
        pos -= len(tokens[i])
    return pos


def _back(low: list[str], end: int, phrases: _Phrases) -> int | None:
    """Index where the longest phrase of ``phrases`` ending just before ``low[end]`` starts."""
    if end <= 0 or low[end - 1] not in phrases.last:
        return None
    for size in range(min(phrases.longest, end), 0, -1):
        if " ".join(low[end - size:end]) in phrases.words:
            return end - size
    return None


class _Finder:
    """One pass over one text; collects dates and periods in order."""

    def __init__(self, text: str, blocked: SpanSet, published: dt.date | None) -> None:
        self.text = text
        self.blocked = blocked
        self.published = published
        self.dates: list[DateMention] = []
        self.periods: list[Period] = []
        self.taken_until = 0
        self._next_cache: dict[int, _Tok | None] = {}
        low = text.lower()
        # lower() keeps offsets for Vietnamese; a letter that grows (İ) is kept as it is.
        self.low = low if len(low) == len(text) else "".join(
            c.lower() if len(c.lower()) == 1 else c for c in text)

    # ----------------------------------------------------------------- tokens

    def _next(self, pos: int) -> _Tok | None:
        # The same positions (an item's end) are asked about again and again.
        if pos in self._next_cache:
            return self._next_cache[pos]
        m = _NEXT_RE.match(self.text, pos)
        if m is None:
            tok = None
        else:
            # the token ends the match: its end and text give its start
            word, end = m.group(1), m.end()
            tok = (end - len(word), end, word)
        self._next_cache[pos] = tok
        return tok

    def _lookback_start(self, pos: int) -> int:
        """Where the words read before ``pos`` start: ``_LOOKBACK`` characters back, never before its line."""
        lo = max(0, pos - _LOOKBACK)
        return max(lo, self.text.rfind("\n", lo, pos) + 1)

    def _prev_tokens(self, pos: int) -> list[_Tok]:
        lo = self._lookback_start(pos)
        return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(self.text, lo, pos)]

    def _fwd(self, pos: int, phrases: _Phrases) -> tuple[str, int] | None:
        """The longest phrase of ``phrases`` that the text continues with at ``pos``, and its end."""
        t = self._next(pos)
        if t is None:
            return None
        first = t[2].lower()
        if first not in phrases.first:
            return None
        words = [first]
        best = (first, t[1]) if first in phrases.words else None
        for _ in range(phrases.longest - 1):
            t = self._next(t[1])
            if t is None:
                break
            words.append(t[2].lower())
            phrase = " ".join(words)
            if phrase in phrases.words:
                best = (phrase, t[1])
        return best

    # ----------------------------------------------------------------- driver

    def run(self) -> tuple[list[DateMention], list[Period]]:
        anchors = self._word_anchors()
        if not anchors:
            # most texts have no word anchor: the runs of digits alone, without the merge
            for m in _RUN_RE.finditer(self.text):
                if m.start() >= self.taken_until:
                    self._at_run(m.start(), m.end())
            return self.dates, self.periods
        runs = ((m.start(), m.end(), "run") for m in _RUN_RE.finditer(self.text))
        for s, e, kind in heapq.merge(runs, anchors):
            if s < self.taken_until:
                continue
            if kind == "run":
                self._at_run(s, e)
            elif kind == "rel":
                self._at_relative(s, e)
            elif kind == "quarter":
                self._at_word_quarter(s, e, self.text[s:e])
            elif kind == "month":
                self._at_month_name(s, e, self.text[s:e])
            elif kind == "half":
                self._at_half(s, e, self.text[s:e])
            elif kind == "count":
                self._at_spelled_count(s, e)
        return self.dates, self.periods

    def _word_anchors(self) -> list[tuple[int, int, str]]:
        low = self.low
        found: list[tuple[int, int, str]] = []
        for word in _WORD_STARTS:
            i = low.find(word)
            while i >= 0:
                m = _WORD_ANCHOR_RE.match(self.text, i)
                if m is not None and m.lastgroup is not None:
                    found.append((i, m.end(), m.lastgroup))
                i = low.find(word, i + 1)
        found.sort()
        return found

    # ----------------------------------------------------------------- runs

    def _not_a_date_run(self, s: int, e: int) -> bool:
        """Glued to letters (``19h20``, ``U23``), a decimal (``99,54``) or a legal symbol."""
        text, n = self.text, len(self.text)
        before = text[s - 1] if s else " "
        after = text[e] if e < n else " "
        after2 = text[e + 1] if e + 1 < n else " "
        if before.isalnum() or before == "_" or after == "_":
            return True
        if after.isalnum():
            # '19h20', 'U23' are no dates; '10/4/2021và' is a date glued to the next word
            # by a scraper, which only a date with its separators survives
            return not (after.islower() and any(c in "/.-" for c in text[s:e]))
        if (before == "," and s >= 2 and text[s - 2].isdigit()) or (after == "," and after2.isdigit()):
            return True
        # 22/2013/QĐ-TTg, 26-NQ/TW, 3/4-inch: the run belongs to a symbol or a compound.
        if after == "/" and after2.isalpha():
            return True
        if after == "-" and after2.isalpha():
            return True
        return before in "/-" and s >= 2 and text[s - 2].isalpha()

    def _left(self, s: int) -> _Left:
        # The lower-cased tokens come straight from the lower-cased text, in one
        # call: lower() keeps every character's class (letter, digit, space),
        # so the tokens are those of the text, lower-cased. An offset is worked
        # out only for the few tokens where a span starts.
        lo = self._lookback_start(s)
        low = _tokens(self.low[lo:s])
        i = len(low)

        def start_of(k: int) -> int:
            return _token_start(self.low, low, s, k)

        lead, unit, ctx = s, None, "none"
        unit_prev = ""
        weekday = False
        # Each look-up below first tests the word a phrase would end with: most
        # find nothing, and a call spared each time is a good part of a date's cost.
        # a weekday in apposition: 'thứ Hai, 20/2', 'Chủ nhật 19/2'
        j = i - 1 if i and low[i - 1] == "," else i
        k = (_back(low, j, _LEX.weekdays) if j and low[j - 1] in _LEX.weekdays.last else None)
        if k is not None:
            lead, i, ctx, weekday = start_of(k), k, "strong", True
        k = (_back(low, i, _LEX.unit_words) if i and low[i - 1] in _LEX.unit_words.last else None)
        if k is not None:
            unit = _LEX.units[" ".join(low[k:i])]
            lead, i, ctx = start_of(k), k, "unit"
            unit_prev = low[k - 1] if k else ""
            if not weekday:
                j = i - 1 if i and low[i - 1] == "," else i
                k = (_back(low, j, _LEX.weekdays) if j and low[j - 1] in _LEX.weekdays.last else None)
                if k is not None:
                    lead, i = start_of(k), k
        elif ctx == "none":
            ctx = self._context(low, i)
        # modifiers stay outside the span: 'đầu tháng 2/2017', 'cuối năm 2016'
        k = (_back(low, i, _LEX.modifiers) if i and low[i - 1] in _LEX.modifiers.last else None)
        m_i = i if k is None else k
        k = (_back(low, m_i, _LEX.range_from) if m_i and low[m_i - 1] in _LEX.range_from.last else None)
        from_at = None if k is None else start_of(k)
        f_i = m_i if k is None else k
        k = (_back(low, f_i, _LEX.heads) if f_i and low[f_i - 1] in _LEX.heads.last else None)
        head_at = None if k is None else start_of(k)
        k = (_back(low, m_i, _LEX.from_now) if m_i and low[m_i - 1] in _LEX.from_now.last else None)
        now_at = None if k is None else start_of(k)
        if now_at is not None and ctx in ("none", "weak", "improper"):
            ctx = "strong"
        time_near = ctx == "paren" and any(w in _LEX.time_words for w in low[-8:])
        after_name = bool(low) and self.text[start_of(len(low) - 1)].isupper()
        return _Left(lead, unit, ctx, from_at, head_at, unit_prev, time_near, after_name, now_at)

    @staticmethod
    def _context(low: list[str], i: int) -> str:
        j = i - 1 if i and low[i - 1] in (",", "(") else i
        if _back(low, j, _LEX.strong) is not None or _back(low, j, _LEX.weekdays) is not None:
            return "strong"
        if i and low[i - 1] == "(":
            return "paren"
        if _back(low, i, _LEX.weak) is not None:
            return "weak"
        if _back(low, i, _LEX.improper_context) is not None:
            return "improper"
        if _back(low, i, _LEX.year_context) is not None:
            return "year"
        if _back(low, i, _LEX.count_context) is not None or (i and low[i - 1][:1].isdigit()):
            return "count"
        return "none"

    def _worth_reading(self, s: int, e: int) -> bool:
        """A cheap first look: most runs of digits are counts (``41 xã``, ``410.000 tấn``)."""
        run = self.text[s:e]
        if run.isdigit():
            if len(run) == 4:
                return True
            # a lone 1-2 digit number only after a unit word or before 'tháng' (6 tháng đầu năm)
            return len(run) <= 2 and (self._unit_word_before(s) or self._follower_after(e))
        return _BAD_PART_RE.search(run) is None and run.count("-") + run.count("/") + run.count(".") <= 5

    def _unit_word_before(self, s: int) -> bool:
        """Whether a unit word (``ngày``, ``tháng`` ...) ends the 12 characters before ``s``, spaces aside.

        The character it would end with is looked at first: most numbers follow
        no unit word, and then nothing is copied.
        """
        low, lo = self.low, max(0, s - 12)
        i = s - 1
        while i >= lo and low[i] in " \t":
            i -= 1
        return i >= lo and low[i] in _UNIT_BEFORE_LAST and low[lo:s].rstrip(" \t").endswith(_UNIT_BEFORE)

    def _follower_after(self, e: int) -> bool:
        """Whether ``tháng``, a dash, ``đến`` or ``tới`` opens the 12 characters after ``e``, spaces aside."""
        low, hi = self.low, min(len(self.low), e + 12)
        j = e
        while j < hi and low[j] in " \t":
            j += 1
        return j < hi and low[j] in _AFTER_LONE_FIRST and low[e:e + 12].lstrip(" \t").startswith(_AFTER_LONE_NUMBER)

    def _at_run(self, s: int, e: int) -> None:
        if not self._worth_reading(s, e) or self._not_a_date_run(s, e) or self._lone_day_month(s, e):
            return
        left = self._left(s)
        run = self.text[s:e]
        if left.unit is None and run.isdigit() and len(run) <= 2:
            if not self._n_months(s, e, int(run)):
                self._bare_day_range(s, e, left)
            return
        parsed = self._parse_run(s, e, left.unit, head=left.head_at is not None)
        if parsed is None and left.unit == "day":
            parsed = self._day_pair(s, e)
        if parsed is None:
            return
        if isinstance(parsed, tuple):
            a, b = parsed
            if left.unit is not None:
                a.explicit = b.explicit = True
            self._extend(b)
            if self._finish_range(a, b, b.end, left, in_run=True):
                nxt = self._next_range_item(left)
                if nxt is not None:
                    self._chain(nxt, replace(left, lead=nxt.start, from_at=None, head_at=None, now_at=None))
            return
        item = parsed
        if left.unit == "year" and left.unit_prev == "những" and item.year is not None and item.year % 10 == 0:
            return  # 'những năm 1990' is a decade, which TIMEX writes otherwise
        if left.unit is not None:
            item.explicit = True
            if left.unit == "month" and not self._real_month(item, left):
                return
        self._extend(item)
        if item.grain == "day" and item.month is None and left.unit is None:
            return
        self._chain(item, left)

    def _lone_day_month(self, s: int, e: int) -> bool:
        """A bare ``d/m`` (``7/10 huyện``) that nothing before or after makes a date.

        Most such runs are fractions or scores, and the full reading (:meth:`_left`,
        :meth:`_chain`, :meth:`_accept_bare`) refuses every one of them, but only
        after tokenizing the 60 characters before it. The test here gives the
        same answer from the token after the run and the one or two before it:
        a bare ``d/m`` is a date only with a word before it that ends a context
        phrase (``ngày``, ``sáng``, ``từ`` ...) or a word after it that completes,
        confirms or continues it (``năm``, ``tới``, ``-``, ``và`` ...).
        """
        if e - s < 3 or _DAY_MONTH_RE.fullmatch(self.text, s, e) is None:
            return False  # a d/m has at least three characters: a lone number is spared the pattern
        after = self._next(e)
        if after is not None and after[2].lower() in _AFTER_DAY_MONTH:
            return False
        before = self._last_tokens(s)
        if before and before[-1] in _CONTEXT_LAST:
            return False
        # after ',' or '(' the phrase before it counts too: 'thứ Hai, 20/2', 'sáng (3/4)'
        return not (len(before) > 1 and before[-1] in (",", "(") and before[-2] in _CONTEXT_LAST)

    def _last_tokens(self, s: int) -> list[str]:
        """The lower-cased tokens of the last two chunks (between spaces) :meth:`_left` reads before ``s``.

        They hold the last two of its tokens: a chunk has at least one.
        """
        lo = self._lookback_start(s)
        # rsplit puts whatever precedes the last two chunks into a first piece, left out here
        return _tokens(" ".join(self.low[lo:s].rsplit(None, 2)[-2:]))

    def _real_month(self, item: _Item, left: _Left) -> bool:
        """``tháng 7`` names a month, but ``mỗi tháng 2 lần`` is a rate."""
        if left.unit_prev in _LEX.rate_words or left.unit_prev[:1].isdigit():
            return False
        if item.year is not None:
            return True
        return self._fwd(item.end, _LEX.unit_followers) is None

    def _parse_run(self, s: int, e: int, unit: str | None, *, head: bool) -> _Parsed | None:
        run = self.text[s:e]
        if run.isdigit():
            return self._point(s, e, unit, head=head)  # no separator: one number
        nums = _SEPARATOR_RE.split(run)
        seps = [c for c in run if c in "./-"]
        if "-" in seps and len(set(seps)) > 1:
            # a range written without spaces: '7-8/7', '1-2/2017', '26/1-07/2/2017'
            if seps.count("-") != 1:
                return None
            cut = run.index("-")
            a = self._point(s, s + cut, unit, head=head)
            b = self._point(s + cut + 1, e, unit, head=head)
            if isinstance(a, _Item) and isinstance(b, _Item) and a.grain == b.grain:
                return (a, b)
            return None
        if len(nums) > 3:
            return None
        return self._point(s, e, unit, head=head)

    def _point(self, s: int, e: int, unit: str | None, *, head: bool) -> _Parsed | None:
        """Read ``text[s:e]`` (one separator kind) as a point, or two years of a range."""
        run = self.text[s:e]
        if run.isdigit():
            nums, sep = [run], ""
        else:
            nums = _SEPARATOR_RE.split(run)
            if len(nums) > 3 or len(_SEPARATORS.intersection(run)) > 1:
                return None
            sep = run[len(nums[0])] if len(nums) > 1 else ""  # the separator after the first number
        if not all(x.isdecimal() for x in nums):
            return None  # '²' passes isdigit() but is no number int() reads
        values = [int(x) for x in nums]
        item: _Item | None = None
        if len(nums) == 1:
            v, digits = values[0], len(nums[0])
            if unit == "day" and digits <= 2:
                item = _Item(s, e, "day", day=v)
            elif unit == "month" and digits <= 2:
                item = _Item(s, e, "month", month=v)
            elif unit == "quarter" and digits <= 2 and 1 <= v <= 4:
                item = _Item(s, e, "quarter", part=v)
            elif unit in ("year", None) and digits == 4:
                low, high = (_YEAR_MIN, _YEAR_MAX) if unit else (_BARE_YEAR_MIN, _BARE_YEAR_MAX)
                item = _Item(s, e, "year", year=v) if low <= v <= high else None
        elif len(nums) == 3:
            if unit in ("day", None) and len(nums[2]) == 4 and max(len(nums[0]), len(nums[1])) <= 2:
                item = _Item(s, e, "day", values[2], values[1], values[0], sep=sep, explicit=True)
        else:
            (a, b), (la, lb) = values, (len(nums[0]), len(nums[1]))
            if unit in ("year", None) and la == 4 and (sep == "-" or (sep == "/" and (unit or head))):
                return self._year_pair(s, e, a, b, lb, bare=unit is None and not head)
            if unit in ("month", None) and la <= 2 and lb == 4:
                item = _Item(s, e, "month", b, a, sep=sep, explicit=unit is not None)
            elif unit == "quarter" and la <= 2 and 1 <= a <= 4 and lb == 4:
                item = _Item(s, e, "quarter", b, part=a, explicit=True)
            elif unit in ("day", None) and la <= 2 and lb <= 2:
                item = _Item(s, e, "day", None, b, a, sep=sep)
            elif unit == "month" and sep == "-" and la <= 2 and lb <= 2:
                cut = s + la
                return (_Item(s, cut, "month", month=a), _Item(cut + 1, e, "month", month=b))
        return item if item is not None and _valid(item) else None

    def _day_pair(self, s: int, e: int) -> _Parsed | None:
        """``ngày 23-24 tháng 1``: two days of a month written once after them."""
        run = self.text[s:e]
        if not re.fullmatch(r"[0-9]{1,2}-[0-9]{1,2}", run):
            return None
        cut = s + run.index("-")
        b = _Item(cut + 1, e, "day", day=int(run[run.index("-") + 1:]))
        self._extend(b)
        if b.month is None:
            return None
        return (_Item(s, cut, "day", month=b.month, day=int(run[:run.index("-")])), b)

    def _year_pair(self, s: int, e: int, a: int, b: int, b_digits: int, *, bare: bool) -> _Parsed | None:
        """``2018-2020``; ``2019-20`` of ``năm học 2019-20`` (two digits only with a head word)."""
        if b_digits == 2 and not bare:
            b = a // 100 * 100 + b
        elif b_digits != 4:
            return None
        if not (_YEAR_MIN <= a < b <= _YEAR_MAX):
            return None
        cut = s + 4
        return (_Item(s, cut, "year", year=a), _Item(cut + 1, e, "year", year=b))

    def _extend(self, item: _Item) -> None:
        """Read what completes an item after its digits: ``tháng 4 năm 2017``, ``năm nay``, ``tới``."""
        if item.grain == "day" and item.month is None:
            t = self._next(item.end)
            if t is not None and t[2].lower() == "tháng":
                t2 = self._next(t[1])
                if t2 is not None and t2[2].isdecimal() and len(t2[2]) <= 2:
                    item.month, item.end = int(t2[2]), t2[1]
                    item.explicit = True
                    if not _valid(item):
                        item.month = None
                        return
        if item.grain in ("day", "month", "quarter", "half") and item.year is None and (
                item.month is not None or item.grain != "day"):
            t = self._next(item.end)
            if t is not None and t[2].lower() == "năm":
                t2 = self._next(t[1])
                if t2 is not None and t2[2].isdecimal() and len(t2[2]) == 4 and self._not_glued(t2):
                    item.year, item.end, item.explicit = int(t2[2]), t2[1], True
                elif t2 is not None and f"năm {t2[2].lower()}" in _LEX.relative:
                    grain, offset = _LEX.relative[f"năm {t2[2].lower()}"]
                    if grain == "year":
                        item.rel, item.end = offset, t2[1]
        hint = self._fwd(item.end, _LEX.followers)
        if hint is not None:
            word, after = hint
            following = self._next(after)
            if word == "âm lịch":
                item.lunar = True
            elif word == "tới" and following is not None and (
                    following[2][:1].isdigit() or following[2].lower() in _LEX.units):
                pass  # 'từ 1/7 tới 15/7': a range, not a future date
            elif "tới" in word:
                item.hint = 1
            elif "qua" in word or "rồi" in word:
                item.hint = -1

    def _not_glued(self, t: _Tok) -> bool:
        return not self._not_a_date_run(t[0], t[1])

    # ----------------------------------------------------------------- chains

    def _item_at(self, pos: int, unit: str | None) -> tuple[_Item | None, bool]:
        """An item starting at ``pos`` (with its own unit word or ``unit``), and whether a unit word was written."""
        explicit = False
        t = self._next(pos)
        if t is None:
            return None, False
        start = t[0]
        hit = self._fwd(pos, _LEX.unit_words)
        if hit is not None and hit[0] in ("ngày", "tháng", "năm", "quý"):
            unit, explicit = _LEX.units[hit[0]], True
            t = self._next(hit[1])
            if t is None:
                return None, False
        if not (t[2][:1].isdigit()) or self._not_a_date_run(t[0], t[1]):
            return None, False
        parsed = self._parse_run(t[0], t[1], unit, head=False)
        if not isinstance(parsed, _Item) and unit is not None and not explicit:
            # 'từ năm 2013 đến 31/3/2017': a full date needs no unit word of its own
            parsed = self._parse_run(t[0], t[1], None, head=False)
            if isinstance(parsed, _Item) and parsed.year is None:
                return None, False
        if not isinstance(parsed, _Item):
            return None, False
        if explicit:
            parsed.start, parsed.explicit = start, True
        self._extend(parsed)
        return parsed, explicit

    def _chain(self, first: _Item, left: _Left) -> None:
        """A date, a list of dates sharing a month or year, a range (a period), or a list of ranges."""
        last: tuple[int, _Left] | None = None
        while self._chain_once(first, left):
            # A period refused by a blocked span (``5-6/4 năm 2019 /QĐ-TTg``) moves
            # nothing forward: the same state would be read again for ever.
            state = (self.taken_until, left)
            if state == last:
                return
            last = state
            nxt = self._next_range_item(left)
            if nxt is None:
                return
            first, left = nxt, replace(left, lead=nxt.start, from_at=None, head_at=None, now_at=None)

    def _next_range_item(self, left: _Left) -> _Item | None:
        """After a period, the first end of the next one: ``các ngày 22 - 23/4 và 29 - 30/4``.

        A next period written without spaces (``và 27-28/1``) is emitted here.
        """
        last = -1
        while True:
            if self.taken_until == last:
                return None  # the period was not emitted (a blocked span): reading on would repeat it for ever
            last = self.taken_until
            t = self._next(self.taken_until)
            if t is None or t[2].lower() not in (",", "và"):
                return None
            nxt, _ = self._item_at(t[1], left.unit)
            if nxt is not None:
                return nxt
            run = self._next(t[1])
            if run is None or not run[2][:1].isdigit() or self._not_a_date_run(run[0], run[1]):
                return None
            pair = self._parse_run(run[0], run[1], left.unit, head=False)
            if not isinstance(pair, tuple):
                return None
            a, b = pair
            a.explicit = b.explicit = left.unit is not None
            self._extend(b)
            here = replace(left, lead=a.start, from_at=None, head_at=None, now_at=None)
            if not self._finish_range(a, b, b.end, here, in_run=True):
                return None

    def _chain_once(self, first: _Item, left: _Left) -> bool:
        """Emit what starts with ``first``; true when it was a period."""
        items = [first]
        pos = first.end
        if left.from_at is not None or left.head_at is not None:
            hit = self._fwd(pos, _LEX.open_after)
            if hit is not None:  # 'từ năm 2013 trở lại đây' runs up to now, as 'từ năm 2013 đến nay'
                self._emit_period(first, None, hit[1], left)
                return False
        while True:
            hit = self._fwd(pos, _LEX.range_to)
            if hit is not None and len(items) == 1:
                status = self._range_end(first, left, hit[1])
                if status == "emitted":
                    return True
                if status == "refused" and not (first.explicit or left.ctx in ("unit", "strong")):
                    return False  # what reads as no range of dates reads as no date either
            t = self._next(pos)
            if t is None or t[2].lower() not in (",", "và", "hoặc"):
                break
            p = t[1]
            t2 = self._next(p)
            if t2 is not None and t2[2].lower() == "và" and t[2] == ",":
                p = t2[1]
            nxt, _ = self._item_at(p, left.unit)
            if nxt is None or nxt.grain != first.grain:
                break
            items.append(nxt)
            pos = nxt.end
        self._finish_list(items, left)
        return False

    def _range_end(self, first: _Item, left: _Left, pos: int) -> str:
        """Read the second end of ``từ X đến Y`` / ``X - Y`` after the connector; emit the period.

        Returns ``emitted``, ``refused`` (a second end is there but the two do not
        make a period: ``từ 1/3 - 1/2 thời gian`` runs backwards) or ``none``.
        """
        p = pos
        hit = self._fwd(p, _LEX.fillers)
        if hit is not None:
            p = hit[1]
        hit = self._fwd(p, _LEX.open_ends)
        if hit is not None and (left.from_at is not None or left.head_at is not None):
            self._emit_period(first, None, hit[1], left)
            return "emitted"
        second, _ = self._item_at(p, left.unit)
        if second is None:
            second = self._after_filler_words(p, left.unit)
        if second is None or (second.grain == "day" and second.month is None):
            return "none"
        if self._finish_range(first, second, second.end, left, in_run=False):
            return "emitted"
        return "refused" if second.grain == first.grain else "none"

    def _after_filler_words(self, pos: int, unit: str | None) -> _Item | None:
        """``đến thời điểm thanh lý tháng 11/2016``: a few words between ``đến`` and the date."""
        hit = self._fwd(pos, _FILLER_CLAUSE)
        if hit is None:
            return None
        p = hit[1]
        for _ in range(4):
            t = self._next(p)
            if t is None or not t[2].isalpha() or not t[2].islower():
                return None
            if t[2] in ("ngày", "tháng", "năm", "quý"):
                item, _ = self._item_at(t[0], unit)
                return item
            p = t[1]
        return None

    # ----------------------------------------------------------------- decisions

    def _accept_bare(self, items: list[_Item], left: _Left, end: int, *, is_range: bool) -> bool:
        """Whether a date written without a unit word is a date here (see ANNOTATION.md)."""
        if left.ctx == "unit" or any(it.explicit for it in items):
            return True
        first = items[0]
        if left.ctx == "count" or (left.ctx == "improper" and first.grain == "year"):
            return False
        after = self._next(end)
        closes = after is not None and after[2] == ")"
        confirmed = self._fwd(end, _LEX.followers) is not None
        fraction_like = self._fwd(end, _LEX.fraction_followers) is not None
        if first.grain == "year":
            if left.from_at is not None or left.head_at is not None:
                return not self._unit_after(end)
            if left.ctx in ("strong", "weak", "year") or is_range:
                return not self._unit_after(end) if is_range else not self._counted_noun_after(end)
            if left.ctx == "paren" and closes:
                return True
            # A year right after a name is part of it ('SEA Games 2017'); the guideline
            # leaves those optional, so saying nothing costs nothing.
            return not left.after_name and not self._counted_noun_after(end) and (
                len(items) > 1 or self._year_ends_phrase(end))
        if first.grain == "month":  # a bare m/yyyy: 'từ 3/2017', '(3/2017)'
            return (left.ctx in ("strong", "weak") or (left.ctx == "paren" and closes) or confirmed
                    or left.from_at is not None) and not fraction_like
        # a bare d/m, d-m or d.m
        if self._vouching_group(items, left) and not fraction_like:
            return True
        # after 'iOS 10.3 tới' only a calendar note vouches for dots
        if confirmed and (first.sep == "." or (first.sep == "-" and left.ctx != "weak")):
            confirmed = self._fwd(end, _CALENDAR_NOTE) is not None
        if left.ctx == "strong" or confirmed:
            return True
        if left.ctx == "paren" and (closes or len(items) > 1 or is_range or
                                    self._fwd(end, _CALENDAR_NOTE) is not None):
            # '(17/3)' is a date, but '50%(1/2)' and 'bé gái (1/5)' are fractions: a d/m
            # that could be a proper fraction needs a time word before the bracket
            improper = (first.day or 0) > (first.month or 0)
            return left.time_near or (first.sep == "/" and improper)
        if left.ctx == "weak" and first.sep == "/":
            return not fraction_like
        if left.ctx == "improper" and first.sep == "/" and (first.day or 0) > (first.month or 0):
            # 'đến 20/6' is a date; 'đến 1/3' may be a third, and 20/6 is no fraction
            return not fraction_like
        return False

    @staticmethod
    def _vouching_group(items: list[_Item], left: _Left) -> bool:
        """``30/4 và 1/5``, ``cao điểm 30/4 - 1/5``, ``từ 10-4 đến hết 31-12``.

        No list of fractions or scores has a member whose top exceeds its bottom
        while every member is a valid day and month; scores (``6-1, 6-4``) still
        need ``từ`` before them.
        """
        sep = items[0].sep
        if len(items) < 2 or sep not in ("/", "-") or any(it.sep != sep for it in items):
            return False
        if left.ctx == "improper" or (sep == "-" and left.ctx != "weak"):
            return False
        return any((it.day or 0) > (it.month or 0) for it in items)

    def _unit_after(self, end: int) -> bool:
        """A unit or a number follows: ``2000-2500 đồng``, ``1900 6218``."""
        t = self._next(end)
        if t is None:
            return False
        return t[2] == "%" or t[2][:1].isdigit() or self._fwd(end, _LEX.unit_followers) is not None

    def _counted_noun_after(self, end: int) -> bool:
        """``2000 người``: a lower-case word that is not a usual follower of a year."""
        t = self._next(end)
        if t is None:
            return False
        word = t[2]
        if word in ("%",) or word[:1].isdigit():
            return True
        if not word[:1].isalpha() or not word[:1].islower():
            return False
        return word not in _LEX.year_followers or self._fwd(end, _LEX.unit_followers) is not None

    def _year_ends_phrase(self, end: int) -> bool:
        """A bare year closes its phrase: end of text or line, punctuation, a capitalised word."""
        t = self._next(end)
        if t is None:
            return True
        word = t[2]
        if word[:1].isalpha():
            return word[:1].isupper() or word in _LEX.year_followers
        return word in (",", ".", ";", ":", ")", "]", "”", '"', "'", "!", "?", "…", "-", "–")

    def _finish_list(self, items: list[_Item], left: _Left) -> None:
        end = items[-1].end
        if not self._accept_bare(items, left, end, is_range=False):
            return
        _share(items)
        items[0].start = left.lead
        if left.now_at is not None and len(items) == 1:
            self._emit_period(None, items[0], items[0].end, replace(left, from_at=left.now_at))
            return
        for item in items:
            if item.grain == "day" and item.month is None:
                continue
            self._emit_date(item)

    def _finish_range(self, a: _Item, b: _Item, end: int, left: _Left, *, in_run: bool) -> bool:
        """Emit ``a``-``b`` as a period when it reads as one; return whether it did."""
        if a.grain == "day" and a.month is None and b.month is not None:
            a.month = b.month
        if any(it.grain == "day" and it.month is None for it in (a, b)):
            return False  # 'ngày 9.7-1': an end with no month is no day
        if a.grain == "year" and b.grain == "year" and not (a.explicit or b.explicit):
            gap = (b.year or 0) - (a.year or 0)
            marked = left.from_at is not None or left.head_at is not None
            if gap <= 0 or (not marked and gap > _BARE_RANGE_GAP):
                return False
        if not _fill_range(a, b, lenient=left.ctx == "unit" or a.explicit or b.explicit):
            return False
        if not _valid(a) or not _valid(b):
            return False
        if not self._accept_bare([a, b], left, end, is_range=True):
            return False
        start = left.lead if in_run or left.unit is not None else a.start
        self._emit_period(a, b, end, left, start=start)
        return True

    # ----------------------------------------------------------------- word anchors

    def _bare_day_range(self, s: int, e: int, left: _Left) -> None:
        """``từ 12 - 16/6``, ``(20 - 21/5)``: a day, a dash, then a day with its month."""
        hit = self._fwd(e, _LEX.range_to)
        if hit is None:
            return
        t = self._next(hit[1])
        if t is None or not t[2][:1].isdigit() or self._not_a_date_run(t[0], t[1]):
            return
        b = self._parse_run(t[0], t[1], None, head=False)
        if not isinstance(b, _Item) or b.grain != "day" or b.month is None:
            return
        self._extend(b)
        a = _Item(s, e, "day", day=int(self.text[s:e]), sep=b.sep)
        if a.day is not None and b.day is not None and a.day < b.day:
            self._finish_range(a, b, b.end, left, in_run=False)

    def _n_months(self, s: int, e: int, count: int) -> bool:
        """``6 tháng đầu năm 2020`` (H1), ``3 tháng đầu năm`` (Q1), ``4 tháng đầu năm 2017`` (a period)."""
        t = self._next(e)
        if t is None or t[2].lower() != "tháng" or not 1 <= count <= 12:
            return False
        before = len(self.dates) + len(self.periods)
        self._months_of_year(s, t[1], count)
        return len(self.dates) + len(self.periods) > before

    def _months_of_year(self, s: int, pos: int, count: int) -> None:
        half = 1
        t = self._next(pos)
        if t is not None and t[2].lower() in _LEX.halves:
            half, pos = _LEX.halves[t[2].lower()], t[1]
            marked = True
        else:
            marked = False
        t = self._next(pos)
        if t is None:
            return
        if t[2].lower() == "năm":
            end = t[1]
        elif t[2].isdigit() and len(t[2]) == 4 and not self._counted_noun_after(t[1]):
            end = pos  # '9 tháng 2016': the year without năm ('3 tháng 2000 người' is a count)
        else:
            return
        year: int | None = None
        rel: int | None = None
        t2 = self._next(end)
        if t2 is not None and t2[2].isdecimal() and len(t2[2]) == 4 and self._not_glued(t2):
            year, end = int(t2[2]), t2[1]
        elif t2 is not None and f"năm {t2[2].lower()}" in _LEX.relative:
            grain, offset = _LEX.relative[f"năm {t2[2].lower()}"]
            if grain == "year":
                rel, end = offset, t2[1]
        if not marked and year is None and rel is None:
            return  # '6 tháng năm' alone is a duration, not a time
        if count in (3, 6):
            grain = "quarter" if count == 3 else "half"
            part = (1 if half == 1 else 4) if count == 3 else half
            self._emit_date(_Item(s, end, grain, year, part=part, rel=rel, explicit=True))
            return
        first = 1 if half == 1 else 13 - count
        a = _Item(s, end, "month", year, first, rel=rel)
        b = _Item(s, end, "month", year, first + count - 1, rel=rel)
        left = _Left(s, "month", "unit", None, None, "", False, False)
        self._emit_period(a, b, end, left, start=s)

    def _at_spelled_count(self, s: int, e: int) -> None:
        """``sáu tháng đầu năm 2017``: the count is a word before ``tháng``."""
        toks = self._prev_tokens(s)
        low = [t[2].lower() for t in toks]
        k = _back(low, len(low), _LEX.spelled_words)
        if k is not None:
            self._months_of_year(toks[k][0], s + len("tháng"), _LEX.spelled[" ".join(low[k:])])

    def _at_half(self, s: int, e: int, word: str) -> None:
        """``nửa đầu năm 2017`` (H1), ``nửa cuối năm`` (XXXX-H2)."""
        part = _LEX.halves[word.split()[1].lower()]
        item = _Item(s, e, "half", part=part, explicit=True)
        self._year_after(item)
        self._emit_date(item)

    def _at_word_quarter(self, s: int, e: int, word: str) -> None:
        """``quý I/2020``, ``quý IV năm 2016``, ``quý II``."""
        item = _Item(s, e, "quarter", part=_LEX.roman[word.split()[1]], explicit=True)
        text = self.text
        if e + 5 <= len(text) and text[e] in "/-." and text[e + 1:e + 5].isdecimal() and (
                e + 5 == len(text) or not text[e + 5].isalnum()):
            item.year, item.end = int(text[e + 1:e + 5]), e + 5
        else:
            self._extend(item)
        self._emit_date(item)

    def _at_month_name(self, s: int, e: int, word: str) -> None:
        """``tháng Tám năm 1945``: a month written in words (capitalised)."""
        toks = self._prev_tokens(s)
        if toks and (toks[-1][2][:1].isupper() or toks[-1][2].lower() == "mạng"):
            return  # 'Cách Mạng Tháng Tám' is a name (a street, an event)
        item = _Item(s, e, "month", month=_LEX.month_names[word.split(" ", 1)[1]], explicit=True)
        self._extend(item)
        if item.year is None and item.rel is None:
            self._year_after(item)  # 'tháng Tám 2011'
        self._emit_date(item)

    def _year_after(self, item: _Item) -> None:
        t = self._next(item.end)
        if t is not None and t[2].isdecimal() and len(t[2]) == 4 and self._not_glued(t):
            item.year, item.end = int(t[2]), t[1]
        elif t is not None and f"năm {t[2].lower()}" in _LEX.relative:
            item.rel, item.end = _LEX.relative[f"năm {t[2].lower()}"][1], t[1]

    def _at_relative(self, s: int, e: int) -> None:
        """``năm nay``, ``hôm qua``, ``cùng kỳ năm trước``: value ``None``, resolved from publication."""
        phrase = " ".join(self.text[s:e].lower().split())
        toks = self._prev_tokens(s)
        prev = toks[-1][2].lower() if toks else ""
        if prev in _LEX.quantity_words or prev[:1].isdigit():
            return  # 'nhiều năm nay', '2 năm trước': a duration, not a time
        nxt = self._next(e)
        if nxt is not None and nxt[2] in ("(", ","):
            nxt = self._next(nxt[1])
        if nxt is not None and (nxt[2][:1].isdigit() or nxt[2].lower() == "đó"):
            return  # 'hôm nay 1/6': the written date is the mention
        if phrase in _LEX.same_period:
            self._emit_same_period(s, e)
            return
        grain, offset = _LEX.relative[phrase]
        resolved = _shift(self.published, grain, offset) if self.published else None
        self._emit(builders.date_mention(s, e, self.text[s:e], None, None if grain == "week" else grain, resolved))

    def _emit_same_period(self, s: int, e: int) -> None:
        """``cùng kỳ năm trước``: the same time one year before the one just named."""
        resolved: str | None = None
        last_date = self.dates[-1] if self.dates else None
        last_period = self.periods[-1] if self.periods else None
        if last_date is not None and (last_period is None or last_date.end > last_period.end):
            value, end, whole = last_date.resolved, last_date.end, True
        elif last_period is not None:
            value, end, whole = last_period.resolved_from, last_period.end, False
        else:
            value, end, whole = None, 0, False
        if value and value[:4].isdigit() and s - end <= _SAME_PERIOD_REACH and "\n" not in self.text[end:s]:
            # a period ('4 tháng đầu năm 2017') has no one value: its year is what carries over
            year = int(value[:4]) - 1
            resolved = f"{year:04d}{value[4:]}" if whole else f"{year:04d}"
        if resolved is None and self.published is not None:
            resolved = str(self.published.year - 1)
        self._emit(builders.date_mention(s, e, self.text[s:e], None, None, resolved))

    # ----------------------------------------------------------------- output

    def _emit(self, mention: DateMention | Period) -> bool:
        if mention.start < self.taken_until or self.blocked.overlaps(mention.start, mention.end):
            return False
        if isinstance(mention, Period):
            self.periods.append(mention)
        else:
            self.dates.append(mention)
        self.taken_until = mention.end
        return True

    def _emit_date(self, item: _Item) -> None:
        if not _valid(item):
            return
        value = _timex(item)
        # a written year resolves to the value itself (_resolve would rebuild and recheck the same item)
        resolved = value if item.year is not None else _resolve(item, self.published)
        self._emit(builders.date_mention(item.start, item.end, self.text[item.start:item.end], value, item.grain,
                                         resolved))

    def _emit_period(self, a: _Item | None, b: _Item | None, end: int, left: _Left, *,
                     start: int | None = None) -> None:
        """A period from ``a`` to ``b``; a missing end is now (``đến nay``, ``từ nay đến``)."""
        begin = left.head_at if left.head_at is not None else left.from_at
        if begin is None:
            begin = (a or b or _Item(end, end, "day")).start if start is None else start
        now = self.published.isoformat() if self.published else None
        self._emit(builders.period(begin, end, self.text[begin:end],
                                   None if a is None else _timex(a), None if b is None else _timex(b),
                                   now if a is None else _resolve(a, self.published),
                                   now if b is None else _resolve(b, self.published)))


def _share(items: list[_Item]) -> None:
    """Coordinated items share the month and year written once (``ngày 2 và 3/2``, ``tháng 6 và 11 năm 2016``).

    A list runs forward in time, so an item later in the year than the one after it
    belongs to the year before (``16/12, 27/12, 6/1 và 21/1/2017``).
    """
    for i in range(len(items) - 2, -1, -1):
        cur, nxt = items[i], items[i + 1]
        if cur.grain == "day" and cur.month is None:
            cur.month = nxt.month
        if cur.year is None and nxt.year is not None:
            cur.year = nxt.year - (1 if cur.key() > nxt.key() else 0)
        if cur.rel is None and nxt.rel is not None and cur.year is None:
            cur.rel = nxt.rel
    for i in range(1, len(items)):
        prev, cur = items[i - 1], items[i]
        if cur.year is None and prev.year is not None and cur.grain != "year":
            cur.year = prev.year + (1 if prev.key() > cur.key() else 0)


def _fill_range(a: _Item, b: _Item, *, lenient: bool) -> bool:
    """Share the year of a range's ends; false when the ends run backwards."""
    if a.year is None and b.year is not None:
        a.year = b.year - (1 if a.grain == b.grain and a.key() > b.key() else 0)
    elif b.year is None and a.year is not None:
        b.year = a.year + (1 if a.grain == b.grain and a.key() > b.key() else 0)
    if a.rel is None and b.rel is not None and a.year is None:
        a.rel = b.rel
    if a.year is not None and b.year is not None:
        if a.year != b.year:
            return a.year < b.year
        return a.grain != b.grain or a.key() <= b.key()
    # Year-less ends that run backwards ('từ 1/3 - 1/2 thời gian') are fractions,
    # unless a unit word vouches for a range across the new year ('ngày 26/12 đến 5/1').
    return lenient or a.grain != b.grain or a.key() <= b.key()


def _shift(published: dt.date, grain: str, offset: int) -> str:
    """The publication date moved by ``offset`` units of ``grain``, as TIMEX3."""
    if grain == "day":
        return (published + dt.timedelta(days=offset)).isoformat()
    if grain == "week":
        year, week, _ = (published + dt.timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grain == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if grain == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{published.year + offset:04d}"


_NOTHING_BLOCKED: Final = SpanSet()
_RUN_RE: Final = re.compile(_RUN)
_SEPARATOR_RE: Final = re.compile(r"[./\-]")
_SEPARATORS: Final = frozenset("./-")
_WORD_ANCHOR_RE: Final = _word_anchor_pattern(_LEX)
_WORD_STARTS: Final = _word_starts(_LEX)
# A part of a run that no date has: '410.000', '12345'.
_BAD_PART_RE: Final = re.compile(r"(?:^|[./\-])(?:[0-9]{3}|[0-9]{5,})(?![0-9])")
_UNIT_BEFORE: Final = ("ngày", "tháng", "quý", "quí", "mùng", "mồng")
# What may follow a lone day or count: '6 tháng đầu năm', '12 - 16/6', '27 đến 30/5'.
_AFTER_LONE_NUMBER: Final = ("tháng", "-", "–", "đến", "tới")
_UNIT_BEFORE_LAST: Final = frozenset(w[-1] for w in _UNIT_BEFORE)
_AFTER_LONE_FIRST: Final = frozenset(w[0] for w in _AFTER_LONE_NUMBER)
# A bare day and month: '7/10', '20-11', '3.4'.
_DAY_MONTH_RE: Final = re.compile(r"[0-9]{1,2}[./\-][0-9]{1,2}")
# The last word of every phrase that :meth:`_Finder._left` reads before a bare d/m: with none
# of them there, the d/m has no unit word, no from/head/now word and a context that never
# makes it a date ('none', 'count', 'year', or 'paren', which needs a bracket closed after it).
_CONTEXT_LAST: Final = frozenset().union(*(p.last for p in (
    _LEX.weekdays, _LEX.unit_words, _LEX.strong, _LEX.weak, _LEX.improper_context, _LEX.modifiers,
    _LEX.range_from, _LEX.heads, _LEX.from_now)))
# The first token of everything after a bare d/m that gives it a year (năm 2017), confirms it
# (tới, vừa qua, âm lịch), links it to another date (-, đến, ',', và, hoặc) or closes its bracket.
_AFTER_DAY_MONTH: Final = frozenset({"năm", ",", "và", "hoặc", ")"}).union(
    _LEX.followers.first, _LEX.range_to.first, _LEX.open_after.first, _CALENDAR_NOTE.first)


def find_dates(text: str, *, blocked: SpanSet = _NOTHING_BLOCKED,
               published: dt.date | None = None) -> tuple[list[DateMention], list[Period]]:
    """Every date and period in ``text`` outside ``blocked``.

    Args:
        text: normalised text (NFC, plain spaces); offsets point into it.
        blocked: spans already taken (legal references and symbols); nothing
            overlapping them is returned.
        published: the publication date; year-less and relative dates get an
            absolute ``resolved`` value from it (absolute dates always carry
            their own value there).

    Returns:
        The dates and the periods, each sorted by position; they never overlap.

    Example:
        >>> dates, periods = find_dates(
        ...     "Từ 1/7, lương tăng; 4 tháng đầu năm 2017 thu 5 tỷ đồng, từ năm 2010 đến nay.",
        ...     published=dt.date(2017, 3, 5))
        >>> [(d.text, d.value, d.resolved) for d in dates]
        [('1/7', 'XXXX-07-01', '2017-07-01')]
        >>> [(p.text, p.from_, p.to, p.resolved_to) for p in periods]
        [('4 tháng đầu năm 2017', '2017-01', '2017-04', '2017-04'), ('từ năm 2010 đến nay', '2010', None, '2017-03-05')]
    """
    return _Finder(text, blocked, published).run()

"""Indicators: what each statistic measures, when and where.

A number alone is not an indicator: ``410.000 tấn`` means something only as
``sản lượng`` of fruit ``năm 2019`` in ``Sơn La``. For every quantity, percent
and fraction this module finds, inside the number's sentence:

* ``measure``: the shortest phrase of the text that says what is measured. For
  a counted noun (``41 xã được công nhận đạt chuẩn``) it is the noun and the
  clause that qualifies it; for an amount in a unit (``tỉ lệ hồ sơ trễ hẹn lên
  đến 30%``) it is the phrase before the number, less the copula and
  qualifier words that link it to the number.
* ``period``: the date or period the sentence gives for the figure, nearest first.
* ``location``: a place named in the sentence (``toàn tỉnh``, ``Sơn La``).

A fraction and a percent of one statistic in one sentence (``196/204 xã ...
đạt 96%``) are linked, and ``consistent`` says whether they agree within
rounding: a way to find misreported figures in an archive.

Example:
    >>> import vnpolicy
    >>> r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.")
    >>> ind = r.indicators[0]
    >>> ind.value_text, ind.measure, ind.period, ind.location
    ('41 xã', 'xã được công nhận đạt chuẩn nông thôn mới', '2019', 'toàn tỉnh')
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

import regex

from . import builders
from .legal.patterns import trie_pattern
from .quantities import UnitMatch, UnitReads
from .records import DateMention, Fraction, Indicator, Percent, Period, Quantity

NumberMention = Quantity | Percent | Fraction


@dataclass(frozen=True, slots=True)
class _Words:
    amount_units: frozenset[str]
    right_stops: frozenset[str]
    not_a_noun: frozenset[str]
    left_links: frozenset[str]
    left_barriers: frozenset[str]
    left_openers: frozenset[str]
    keep_when_alone: frozenset[str]
    generic_nouns: frozenset[str]
    classifiers: frozenset[str]
    numerals: frozenset[str]
    time_prepositions: frozenset[str]
    dangling_words: frozenset[str]
    change_words: frozenset[str]
    inside_noun_phrase: frozenset[str]
    measure_nouns: frozenset[str]
    prepositions_before_count: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = json.loads(resources.files("vnpolicy").joinpath("data/indicator_words.json").read_text(encoding="utf-8"))
    lists: dict[str, frozenset[str]] = {}
    for field in _Words.__dataclass_fields__:
        words = raw.get(field, {}).get("words")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"vnpolicy/data/indicator_words.json: '{field}.words' must be a non-empty list of words")
        lists[field] = frozenset(w.lower() for w in words)
    return _Words(**lists)


# The stdlib ``re`` is used on the hot path (it is faster than ``regex`` for these
# simple patterns); the text is NFC, so ``\w`` covers Vietnamese letters.
_WORD: Final = re.compile(r"\w+(?:[\-'’./&]\w+)*")
_WORD_CHAR: Final = re.compile(r"\w")
_CLAUSE_BREAK: Final = re.compile(r"[;:()\[\]{}\n“”\"?!]|\.(?!\d)|,")
_HARD_BREAK: Final = re.compile(r"[;:()\n.]")
_MAX_RIGHT_WORDS: Final = 12
_MAX_LEFT_WORDS: Final = 8
_MAX_SUBJECT_WORDS: Final = 14
# a conjunction right before a percent puts it beside the one before (``73% ... cũng như 69%``)
_PARALLEL: Final = re.compile(r"\b(?:cũng như|và|hoặc|hay)\s+(?:(?:khoảng|gần|hơn|trên|dưới)\s+)?$", re.IGNORECASE)
# How far (in characters) a measure or a time may stand from its figure: bounds
# the work per figure on any input.
_LEFT_REACH: Final = 200
_TIME_REACH: Final = 300


@dataclass(frozen=True, slots=True)
class _Places:
    names: regex.Pattern[str]
    single_words: frozenset[str]
    """One-word names and scopes, lower-cased, for a quick test of a single word."""
    words: re.Pattern[str]
    """Every scope, prefix and name as a plain literal: a match of ``names`` starts
    where one of them does, and ``re`` finds that place several times faster."""
    named: re.Pattern[str]
    """Every scope and name as a plain literal: a match of ``names`` holds one of them
    (a prefix alone, the ``xã`` of ``41 xã``, names no place)."""


@lru_cache(maxsize=1)
def _places() -> _Places:
    raw = json.loads(resources.files("vnpolicy").joinpath("data/places.json").read_text(encoding="utf-8"))
    names = sorted({*raw["provinces"], *raw["regions"]}, key=len, reverse=True)
    if not names or any(not isinstance(n, str) or not n.strip() for n in names):
        raise ValueError("vnpolicy/data/places.json: provinces and regions must be non-empty strings")
    scopes = "|".join(regex.escape(s) for s in raw["scopes"])
    prefixes = "|".join(regex.escape(p) for p in raw["prefixes"])
    pattern = (rf"(?<![\p{{L}}])(?:(?:{scopes})(?![\p{{L}}])"
               rf"|(?:(?:{prefixes})\s+)?(?:{'|'.join(regex.escape(n) for n in names)})(?![\p{{L}}]))")
    single = frozenset(n.lower() for n in [*names, *raw["scopes"]] if " " not in n)
    literals = sorted({*names, *raw["scopes"], *raw["prefixes"]}, key=len, reverse=True)
    named = sorted({*names, *raw["scopes"]}, key=len, reverse=True)
    # tries, not flat alternations: ``re`` then tries one branch per letter, not every name
    return _Places(names=regex.compile(pattern), single_words=single, words=re.compile(trie_pattern(literals)),
                   named=re.compile(trie_pattern(named)))


def find_indicators(
    text: str,
    quantities: Sequence[Quantity],
    percents: Sequence[Percent],
    fractions: Sequence[Fraction],
    dates: Sequence[DateMention],
    periods: Sequence[Period],
    sentences: Sequence[tuple[int, int]],
    barriers: Sequence[tuple[int, int]] = (),
    units: UnitReads | None = None,
) -> list[Indicator]:
    """One indicator per quantity, percent and fraction, in text order.

    Args:
        text: the normalised text the mentions point into.
        quantities, percents, fractions: the number mentions of ``text``.
        dates, periods: the time mentions of ``text``.
        sentences: sentence spans of ``text`` (``vnpolicy.text.sentence_spans``).
        barriers: spans a measure before its figure never reaches back across, such
            as legal references (``Quyết định số 262/QĐ-XPVPHC xử phạt ... 40 triệu
            đồng``: the measure is ``xử phạt``, not the symbol). A measure after its
            figure may name one (``4 đợt chương trình XTTM quốc gia``).
        units: the unit reads :func:`vnpolicy.quantities.find_numbers` made of
            ``text``, so that no unit is read twice; made here if not given.

    Raises:
        ValueError: ``units`` was made of another text (as :func:`~vnpolicy.quantities.find_numbers` raises).
    """
    if units is not None and units.text is not text:
        raise ValueError("find_indicators: units= must be the UnitReads of this very text")
    numbers: list[tuple[str, NumberMention]] = sorted(
        [*(("quantities", q) for q in quantities), *(("percents", p) for p in percents),
         *(("fractions", f) for f in fractions)],
        key=lambda kv: kv[1].start,
    )
    if not numbers:
        return []
    if units is None:
        units = UnitReads(text)
    walls = _Walls(barriers)
    times = _Times(sorted([*dates, *periods], key=lambda m: m.start))
    words = _words()
    place_names = _places()
    sentence_at = _SentenceCursor(sentences, len(text))
    measures: list[str | None] = []
    time_frames: list[str | None] = []
    places: list[str | None] = []
    sentence_of: list[int] = []
    previous_measure: dict[int, str | None] = {}
    location_of: dict[int, str | None] = {}
    # the offsets of the figures as plain lists: each is read up to three times per
    # figure, and a list item is read without an attribute lookup on the record
    starts = [m.start for _, m in numbers]
    ends = [m.end for _, m in numbers]
    last = len(numbers) - 1
    for i, (kind, mention) in enumerate(numbers):
        start, end = starts[i], ends[i]
        s_start, s_end = sentence_at.holding(start)
        # the measure never reaches past the neighbouring figures: this also keeps
        # the work per figure bounded on text that is one long list of numbers
        floor = max(s_start, ends[i - 1]) if i else s_start
        if walls:
            floor = max(floor, walls.last_end_before(start))
        limit = min(s_end, starts[i + 1]) if i < last else s_end
        # nor past a time: ``41 xã được công nhận | năm 2019`` (the time is the period)
        next_time = times.after(end, limit) if times.items else None
        if next_time is not None:
            limit = next_time.start
        figure = _Figure(text, mention, floor, max(limit, end), units)
        measure = _measure(figure)
        if measure is None:
            # ``tỷ lệ bao phủ BHYT đã tăng trưởng khá nhanh, từ 60%``: the clause
            # before the comma names the statistic
            measure = _measure_noun_phrase_before_comma(figure)
        if measure is not None:
            # ``số km sử dụng từ ngày 12/10/2010 đến ... là 333.183 km``: the time is the
            # period, not part of the measure; a time alone is no measure at all
            times_before = times.before(start, floor) if times.items else []
            if times_before:
                measure = _without_time(text, measure, times_before)
        if measure is None or measure.lower() in words.change_words or (
                kind == "percents" and _PARALLEL.search(text, max(floor, start - 30), start)):
            # "tăng từ 1.210.000 đồng lên 1.300.000 đồng", "là 285.000 tỷ đồng, tăng
            # 5,6%", "là 73% cho ... cũng như 69% cho ...": the second figure measures
            # what the first one did
            measure = previous_measure.get(s_start) or measure
        if measure is None:
            # ``Số tiền bảo hiểm được trả ..., tối đa là 30 triệu đồng``: the figure
            # completes a clause whose subject opens the sentence
            measure = None if figure.bare() else _sentence_subject(text, max(s_start, floor), start)
        previous_measure[s_start] = measure
        period = _period(text, mention, times, s_start, s_end)
        if period is None and sentence_of and sentence_of[-1] == s_start and \
                ";" not in text[ends[i - 1]:start]:
            # figures of one statement share its time frame (``đến ngày 8/3/2017 mới có
            # 23/28 bộ ... và 19/50 địa phương``)
            period = time_frames[-1]
        if s_start not in location_of:
            location_of[s_start] = _location(place_names, text, s_start, s_end)
        measures.append(measure)
        time_frames.append(period)
        places.append(location_of[s_start])
        sentence_of.append(s_start)
    # the links are known before the indicators are made: each is made once
    links: dict[int, tuple[NumberMention, bool]] = {}
    for i, j, agrees in _fraction_percent_links(numbers, sentence_of):
        links[i], links[j] = (numbers[j][1], agrees), (numbers[i][1], agrees)
        # the percent of a fraction measures what the fraction does
        measures[j] = measures[i] or measures[j]
    out: list[Indicator] = []
    for i, (kind, mention) in enumerate(numbers):
        link = links.get(i)
        # one is made per figure: by the builder, not the dataclass __init__
        out.append(builders.indicator(starts[i], ends[i], mention.text, measures[i], time_frames[i],
                                      places[i], kind, link[0].start if link else None,
                                      link[0].end if link else None, link[1] if link else None))
    return out


class _SentenceCursor:
    """The sentence of each figure, asked in text order: a walk forward, not a search per figure."""

    def __init__(self, sentences: Sequence[tuple[int, int]], text_len: int) -> None:
        self.sentences = sentences
        self.text_len = text_len
        self.index = 0

    # a named method, not ``__call__``: compiled, a method call is direct, a call of the object is not
    def holding(self, pos: int) -> tuple[int, int]:
        """The sentence that holds ``pos`` (``pos`` never smaller than the last asked), else the whole text."""
        sentences, k = self.sentences, self.index
        while k + 1 < len(sentences) and sentences[k + 1][0] <= pos:
            k += 1
        self.index = k
        if sentences and sentences[k][0] <= pos < sentences[k][1]:
            return sentences[k]
        return 0, self.text_len


class _Walls:
    """Barrier spans, for the nearest one before a figure."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the running maximum of ends, so that a nested span cannot hide an outer one
        self._ends: list[int] = []
        for _, end in ordered:
            self._ends.append(max(end, self._ends[-1] if self._ends else 0))

    def __bool__(self) -> bool:
        return bool(self._ends)

    def last_end_before(self, pos: int) -> int:
        """The furthest end, at or before ``pos``, of the barriers that start before it, else 0."""
        # the running maximum never decreases, so one bisection finds it
        i = bisect_right(self._ends, pos) - 1
        return self._ends[i] if i >= 0 else 0


def _without_time(text: str, measure: str, times: Sequence[DateMention | Period]) -> str | None:
    """The measure before a figure cut at the first time inside it (``Học phí cho | năm học 2019-20``)."""
    for t in sorted(times, key=lambda t: t.start):
        at = text.find(measure, max(0, t.end - len(measure)), t.start + len(measure))
        if at < 0 or not (at <= t.start and t.end <= at + len(measure)):
            continue
        tail = [w.span() for w in _WORD.finditer(text, t.end, at + len(measure))]
        if len(tail) > 1 and text[tail[0][0]:tail[0][1]].lower() == "và":
            # ``so với dự toán 2016 và chỉ tiêu phấn đấu``: a new phrase after the time
            return _join(text, tail[1:])
        head = [w.span() for w in _WORD.finditer(text, at, t.start)]
        while head and text[head[-1][0]:head[-1][1]].lower() in _words().time_prepositions:
            head.pop()
        if head:
            return _join(text, head)
        return text[t.end:at + len(measure)].strip(" ,") or None
    return measure


class _Figure:
    """A figure and the stretch of its sentence that its measure may be read from.

    The words before it start at ``floor`` (its sentence, the figure before, a
    legal reference) and the words after it end at ``limit``. What several rules
    ask of one figure (the words just before it, where its unit starts) is read
    once, here.

    Example: in ``Toàn tỉnh có 41 xã, 12 phường`` the figure ``12 phường`` has
    no word before it (its floor is the end of ``41 xã``).
    """

    __slots__ = ("_left", "_unit_start", "floor", "limit", "mention", "text", "units")

    def __init__(self, text: str, mention: NumberMention, floor: int, limit: int, units: UnitReads) -> None:
        self.text = text
        self.units = units
        self.mention = mention
        self.floor = floor
        self.limit = limit
        self._left: tuple[list[tuple[int, int]], int] | None = None
        self._unit_start = -1

    @property
    def start(self) -> int:
        return self.mention.start

    def left(self) -> tuple[list[tuple[int, int]], int]:
        """The words before the figure, and how many remain once the link words next to it are set aside.

        ``tổng vốn đạt hơn 32.489 tỷ đồng``: the words up to ``hơn``, of which
        ``tổng vốn đạt`` remain (``đạt``, ``hơn`` are link words).
        """
        if self._left is None:
            self._left = _left_context(self.text, self.mention.start, self.floor)
        return self._left

    def bare(self) -> bool:
        """Whether no word stands between the floor and the figure (``41 xã, | 45,5 ha``).

        The rules that read the words before a figure look back at most
        ``_LEFT_REACH`` characters and never past the floor: when the floor is
        this close (``_LEFT_REACH // 2``, the reach of :meth:`left`) and
        :meth:`left` found no word, none of them finds one.
        """
        return self.mention.start - self.floor <= _LEFT_REACH // 2 and not self.left()[0]

    def unit_start(self) -> int:
        """Where the unit of a quantity starts (the counted noun of ``41 xã``)."""
        if self._unit_start < 0:
            assert isinstance(self.mention, Quantity)
            self._unit_start = _unit_start(self.mention)
        return self._unit_start


def _unit_found(figure: _Figure) -> UnitMatch | None:
    """The lexicon's unit at the unit of a quantity (``None`` for other figures).

    Read once per figure and handed to the tests below, which all ask it.
    """
    if not isinstance(figure.mention, Quantity):
        return None
    return figure.units.at(figure.unit_start())


def _is_amount(mention: NumberMention, found: UnitMatch | None) -> bool:
    """Whether the figure is an amount in a unit (money, area, a duration) rather than a count.

    ``found`` is :func:`_unit_found` of the figure.
    """
    if isinstance(mention, Percent):
        return True
    if isinstance(mention, Quantity) and found is not None:
        return found.kind != "noun"
    unit = (mention.unit or "").lower()
    if not unit:
        return isinstance(mention, Quantity)
    return "/" in unit or unit in _words().amount_units or unit.split()[0] in _words().amount_units


def _measure(figure: _Figure) -> str | None:
    """What a figure measures, from the words of its sentence between its floor and limit."""
    found = _unit_found(figure)
    if _is_age(figure.mention, found):
        return _measure_of_age(figure)
    if _is_amount(figure.mention, found):
        return _measure_of_amount(figure)
    return _measure_of_count(figure)


def _measure_of_age(figure: _Figure) -> str | None:
    text, mention, floor = figure.text, figure.mention, figure.floor
    mark = max(text.rfind("(", max(floor, mention.start - 3), mention.start),
               text.rfind(",", max(floor, mention.start - 3), mention.start))
    if mark >= 0 and not text[mark + 1:mention.start].strip():
        # ``tài xế Nguyễn Văn Bảo (42 tuổi)``, ``Yang Mei, 34 tuổi``: the age is of
        # the person named before
        return _phrase_before(text, mark, max(floor, mark - _LEFT_REACH))
    # ``tấn công một thanh niên 25 tuổi``: of the person just before, not the clause
    return _left_measure(figure, person=True)


def _measure_of_amount(figure: _Figure) -> str | None:
    # an amount is mostly measured by what precedes it (``tổng vốn đăng ký 32.489 tỷ
    # đồng``); failing that, by what it is of (``có 63.021 ha cây ăn quả``)
    left = _left_measure(figure, amount=True)
    if left:
        return left
    text = figure.text
    after = _right_words(figure, counted=False)
    if after and text[after[0][0]:after[0][1]].lower() not in _words().not_a_noun:
        return _join(text, after)
    return None


def _measure_of_count(figure: _Figure) -> str | None:
    text, mention = figure.text, figure.mention
    # a figure right after its neighbour's comma (``41 xã, 12 phường``) has no word before
    # it: the tests of the word before (copula, preposition, verb, measure noun) are spared
    words_before = bool(figure.left()[0])
    if words_before and _after_copula(figure):
        # ``Số doanh nghiệp tạm ngừng hoạt động ... là 32.148 doanh nghiệp``: the
        # subject says what is counted
        subject = _left_measure(figure, amount=True)
        if subject:
            return subject
    after = _right_words(figure, counted=True)
    noun = (mention.unit or "").lower() if isinstance(mention, Quantity | Fraction) else ""
    words = _words()
    # a name after the noun (``25 người Trung Quốc``) says whose, not which
    bare_generic = noun in words.generic_nouns and \
        not any(not text[a].isupper() for a, _ in after[len(noun.split()):])
    if noun in words.classifiers or bare_generic or (words_before and _after_preposition(figure)):
        # a noun that names nothing in particular (``thanh lý 13 chiếc``, ``bắt giữ
        # 25 người``), or one reached through a preposition (``xuất khẩu sang 12
        # nước``), is measured by what is done to it, before it; a person or case
        # with a clause is measured by the clause (``7 trường hợp tử vong``)
        left = (words_before and _verb_before(figure)) or _left_measure(figure)
        if left and not left.split()[-1][:1].isupper():
            return left
        if bare_generic:
            # ``(tương ứng với 52,4 triệu người)``: the noun alone says nothing; the
            # statistic is the one before
            return None
    if words_before and _measure_noun_before(figure):
        # ``sức chứa 60 chỗ``: the measure noun says what the count measures
        return _left_measure(figure, amount=True)
    # a counted noun with its qualifying clause says it all (``xã được công nhận``,
    # ``trao giải 3 khách hàng``)
    if after:
        return _join(text, after)
    return _left_measure(figure)


def _join(text: str, words: Sequence[tuple[int, int]]) -> str | None:
    return text[words[0][0]:words[-1][1]] if words else None


def _right_words(figure: _Figure, *, counted: bool) -> list[tuple[int, int]]:
    """The counted noun and the clause that qualifies it: ``xã được công nhận đạt chuẩn``.

    For an amount, the words after its unit (``cây ăn quả`` of ``63.021 ha cây ăn quả``).
    """
    text, mention, limit = figure.text, figure.mention, figure.limit
    start = mention.end
    if isinstance(mention, Quantity) and counted:
        # the counted noun is inside the span: the measure starts with it
        start = figure.unit_start()
    words: list[tuple[int, int]] = []
    if start >= limit:
        return words  # a figure that ends its stretch (a table's cell) has nothing after it
    right_stops = _words().right_stops
    segment_words = 0
    gap_start = start
    for w in _WORD.finditer(text, start, limit):
        word_start, word_end = w.span()
        if _CLAUSE_BREAK.search(text, gap_start, word_start):
            # a comma continues a list of short nouns (``xã, phường, thị trấn``);
            # the object of an amount (``63.021 ha cây ăn quả``) is one phrase
            gap = text[gap_start:word_start]
            if (counted and words and "," in gap and not _HARD_BREAK.search(gap)
                    and 0 < segment_words <= 3 and _is_counted_noun(figure.units, word_start)):
                segment_words = 0
            else:
                break
        if (words or start == mention.end) and w.group().lower() in right_stops:
            break
        words.append((word_start, word_end))
        gap_start = word_end
        segment_words += 1
        if len(words) >= _MAX_RIGHT_WORDS:
            break
    # a list cut short leaves a dangling noun after its comma: keep what was whole
    return words


def _is_age(mention: NumberMention, found: UnitMatch | None) -> bool:
    """Whether the figure is an age; ``found`` is :func:`_unit_found` of it."""
    return isinstance(mention, Quantity) and found is not None and found.kind == "age"


def _phrase_before(text: str, end: int, floor: int) -> str | None:
    """The words of the clause that ends at ``end``, at most a measure's length."""
    words = [w.span() for w in _WORD.finditer(text, floor, end)]
    kept: list[tuple[int, int]] = []
    for i in range(len(words) - 1, -1, -1):
        gap_end = words[i + 1][0] if i + 1 < len(words) else end
        if _CLAUSE_BREAK.search(text, words[i][1], gap_end) or len(kept) >= _MAX_LEFT_WORDS \
                or text[words[i][0]:words[i][1]].lower() == "là":
            # ``là`` links a subject to the person named (``Nạn nhân là | Yang Mei, 34 tuổi``)
            break
        kept.append(words[i])
    kept.reverse()
    return _join(text, kept)


def _is_counted_noun(units: UnitReads, pos: int) -> bool:
    """Whether a counted noun of the unit lexicon starts at ``pos`` (``phường`` of ``xã, phường``)."""
    found = units.at(pos)
    return found is not None and found.kind == "noun"


def _unit_start(q: Quantity) -> int:
    """Where the unit of a quantity starts: the first word after its last digit or scale word."""
    text = q.text
    if text[:1].isdecimal():
        # the usual shape, a number and one space before a word that opens no range
        # or scale word (``41 xã``, ``45,5 ha``), is read without the pattern, as the
        # pattern reads it (``\d`` is ``isdecimal``, ``\s`` is ``isspace``)
        i = 1
        while i < len(text) and (text[i].isdecimal() or text[i] in ".,"):
            i += 1
        if (i + 1 < len(text) and text[i] == " " and not text[i + 1].isspace()
                and text[i + 1] not in _RANGE_OR_SCALE_FIRST):
            return q.start + i + 1
    m = _NUMBER_AND_SCALE.match(text)
    return q.start + (m.end() if m else len(text))


def _left_measure(figure: _Figure, *, amount: bool = False, person: bool = False) -> str | None:
    """The phrase before the number: ``tỉ lệ hồ sơ trễ hẹn`` of ``tỉ lệ hồ sơ trễ hẹn lên đến hơn 30%``.

    For an amount the phrase is the noun phrase that names the quantity: it
    stops at the verb or preposition before its noun (``tàu vận chuyển LNG |
    trọng tải 85.000 tấn``), and an adjective of size next to the number is
    skipped (``khuôn viên rộng 111 ha``). For an age (``person``) it is the noun
    of the person, less its numeral (``tấn công một | thanh niên 25 tuổi``).
    """
    if figure.bare():
        return None
    text, mention = figure.text, figure.mention
    floor = max(figure.floor, mention.start - _LEFT_REACH)
    words = [w.span() for w in _WORD.finditer(text, floor, mention.start)]
    kept: list[tuple[int, int]] = []
    measure_seen = skipped_size_word = False
    most = _MAX_LEFT_WORDS
    i = len(words) - 1
    while i >= 0:
        gap_end = words[i + 1][0] if i + 1 < len(words) else mention.start
        if _CLAUSE_BREAK.search(text, words[i][1], gap_end):
            break
        token = text[words[i][0]:words[i][1]].lower()
        tag, size = _part_of_speech(text, words, i)
        if not kept and token in _words().left_links and not _keeps_alone(text, words, i) \
                and not (person and _is_person_noun(token, tag)):
            # the link words next to the number (``lên đến hơn``) are not the measure;
            # but the person of an age is (``người trên 60 tuổi``)
            if token == "là":
                # a copula: the whole subject of the clause is the measure (``người trên 60
                # tuổi từng chịu bạo hành ... là 16%``)
                most = _MAX_SUBJECT_WORDS
            i -= 1
            continue
        if (token in _words().left_barriers and not (token == "của" and most == _MAX_SUBJECT_WORDS)) \
                or token in _places().single_words:
            # ``của`` opens a new clause, except in the subject of a copula (``phần chi trả
            # của người chồng là 73%``)
            break
        if amount and not kept and tag == "A" and not skipped_size_word:
            # ``rộng``, ``dài``: the size word links the measure to its number
            skipped_size_word = True
            i -= size
            continue
        if amount and measure_seen and tag in ("V", "E") and token not in _words().inside_noun_phrase:
            # the noun phrase of the measure starts after the verb or preposition
            break
        if person and measure_seen and (tag in ("V", "E") or token in _words().numerals):
            break
        kept.extend(reversed(words[i - size + 1:i + 1]))
        measure_seen = measure_seen or _ends_measure_noun(text, words, i) or (person and _is_person_noun(token, tag))
        i -= size
        if len(kept) >= most:
            break
    kept.reverse()
    # a place that opens the clause is the location, not the measure (``toàn tỉnh có ...``)
    place = _places().names.match(text, kept[0][0], kept[-1][1]) if kept else None
    if place is not None:
        kept = [w for w in kept if w[0] >= place.end()]
    # and the link words that open the clause (``có 41 xã``)
    while kept and text[kept[0][0]:kept[0][1]].lower() in _words().left_openers:
        kept.pop(0)
    # a measure never ends on a preposition or conjunction (``vụ cướp diễn ra | trong 17 giây``)
    while kept and text[kept[-1][0]:kept[-1][1]].lower() in _words().dangling_words:
        kept.pop()
    return _join(text, kept)


def _left_context(text: str, start: int, floor: int) -> tuple[list[tuple[int, int]], int]:
    """:meth:`_Figure.left` of the figure at ``start``."""
    lo = max(floor, start - _LEFT_REACH // 2)
    if start - lo <= 2 and (lo >= start or not _WORD_CHAR.search(text, lo, start)):
        # ``41 xã, | 12 phường``: a list item has only its comma before it
        return [], 0
    words = [w.span() for w in _WORD.finditer(text, lo, start)]
    n = len(words)
    links = _words().left_links
    while n and text[words[n - 1][0]:words[n - 1][1]].lower() in links \
            and not _CLAUSE_BREAK.search(text, words[n - 1][1], words[n][0] if n < len(words) else start):
        n -= 1
    if n and _CLAUSE_BREAK.search(text, words[n - 1][1], words[n][0] if n < len(words) else start):
        n = 0
    return words, n


def _verb_before(figure: _Figure) -> str | None:
    """The verb right before a count, past its link words: ``thanh lý`` of ``Bộ Tài chính thanh lý 93 chiếc``."""
    text = figure.text
    words, n = figure.left()
    if not n:
        return None
    tag, size = _part_of_speech(text, words, n - 1)
    return text[words[n - size][0]:words[n - 1][1]] if tag == "V" else None


def _measure_noun_before(figure: _Figure) -> bool:
    """Whether a measure noun stands right before the figure, past its link words (``sức chứa 60 chỗ``)."""
    words, n = figure.left()
    return bool(n) and _ends_measure_noun(figure.text, words, n - 1)


def _after_copula(figure: _Figure) -> bool:
    """Whether ``là`` stands right before the figure, past qualifiers (``là hơn 32.148 doanh nghiệp``)."""
    text = figure.text
    words, _ = figure.left()
    for a, b in reversed(words):
        token = text[a:b].lower()
        if token == "là":
            return text[b:figure.start].strip(" ")[:1] not in {",", ";", "(", ":"}
        if token not in _words().left_links:
            return False
    return False


def _after_preposition(figure: _Figure) -> bool:
    """Whether a preposition stands right before the figure (``xuất khẩu sang | 12 nước``)."""
    text = figure.text
    words, _ = figure.left()
    if not words or text[words[-1][1]:figure.start].strip():
        return False
    return text[words[-1][0]:words[-1][1]].lower() in _words().prepositions_before_count


def _measure_noun_phrase_before_comma(figure: _Figure) -> str | None:
    """The phrase that a measure noun opens in the clause before a figure's comma, if any.

    ``tỷ lệ bao phủ BHYT đã tăng trưởng khá nhanh, từ 60%`` gives ``tỷ lệ`` (the
    phrase stops at its first verb): only a measure noun is trusted this far away.
    """
    text = figure.text
    words, n = figure.left()
    if n or not words:
        return None
    # the comma is after the last word that is not a link word (``nhanh, | từ 60%``)
    k = len(words) - 1
    while k >= 0 and text[words[k][0]:words[k][1]].lower() in _words().left_links:
        k -= 1
    if k < 0:
        return None
    gap = text[words[k][1]:words[k + 1][0] if k + 1 < len(words) else figure.start]
    if "," not in gap or _HARD_BREAK.search(gap):
        return None
    comma = words[k][1] + gap.index(",")
    clause = words[:k + 1]
    j = len(clause) - 1
    while j > 0 and not _CLAUSE_BREAK.search(text, clause[j - 1][1], clause[j][0]):
        j -= 1
    for i in range(j, len(clause)):
        for size in (3, 2, 1):
            if i + size <= len(clause) and _ends_measure_noun_of_size(text, clause, i + size - 1, size):
                return _sentence_subject(text, clause[i][0], comma)
    return None


def _sentence_subject(text: str, start: int, end: int) -> str | None:
    """The noun phrase that opens ``text[start:end]``, up to its verb: ``Số tiền bảo hiểm``.

    ``None`` when the stretch does not open with a noun (a name, a verb, a time).
    """
    words = [w.span() for w in _WORD.finditer(text, start, min(end, start + _LEFT_REACH))]
    kept: list[tuple[int, int]] = []
    i = 0
    while i < len(words) and len(kept) < _MAX_LEFT_WORDS:
        if kept and _CLAUSE_BREAK.search(text, kept[-1][1], words[i][0]):
            break
        size, tag = _part_of_speech_forward(text, words, i)
        if not kept and tag != "N":
            return None
        if tag in ("V", "R", "E", "C", "A") and text[words[i][0]:words[i][1]].lower() not in \
                _words().inside_noun_phrase:
            break
        kept.extend(words[i:i + size])
        i += size
    return _join(text, kept)


def _part_of_speech_forward(text: str, words: Sequence[tuple[int, int]], i: int) -> tuple[int, str]:
    """The syllables and tag of the longest lexicon word that starts with syllable ``i``."""
    for size in (3, 2):
        tag = _tag_of(text, words, i, i + size - 1)
        if tag is not None:
            return size, tag
    return 1, _tags().get(text[words[i][0]:words[i][1]], "?")


def _is_person_noun(token: str, tag: str) -> bool:
    """Whether a word may be the noun of a person (``thanh niên``, ``người``)."""
    return tag == "N" or token in _words().generic_nouns


def _ends_measure_noun(text: str, words: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether a measure noun (``trọng tải``, ``sức chứa``, ``vốn``) ends with syllable ``i``."""
    forms = _measure_noun_forms()
    end = words[i][1]
    return any(text[words[first][0]:end] in forms for first in range(max(0, i - 2), i + 1))


def _ends_measure_noun_of_size(text: str, words: Sequence[tuple[int, int]], i: int, size: int) -> bool:
    first = i - size + 1
    return first >= 0 and text[words[first][0]:words[i][1]] in _measure_noun_forms()


@lru_cache(maxsize=1)
def _measure_noun_forms() -> frozenset[str]:
    # as written in running text and at the start of a sentence: one set look-up, no lower()
    nouns = _words().measure_nouns
    return frozenset({*nouns, *(n[:1].upper() + n[1:] for n in nouns)})


def _part_of_speech(text: str, words: Sequence[tuple[int, int]], i: int) -> tuple[str, int]:
    """The usual tag of the longest lexicon word that ends with syllable ``i``, and its syllables.

    Tags are underthesea's (``N``, ``V``, ``A``, ``E``, ``R``, ``C``), read from
    ``data/pos_lexicon.json``; an unknown or capitalised word is ``?`` (names are
    not tagged: ``Cà Mau`` is part of a measure, whatever its syllables mean). A
    measure noun is ``N`` (``độ cao``: the lexicon may not know the compound, whose
    last syllable is an adjective).
    """
    for size in (3, 2):
        tag = _tag_of(text, words, i - size + 1, i)
        if tag is not None:
            return tag, size
    return _tags().get(text[words[i][0]:words[i][1]], "?"), 1


def _tag_of(text: str, words: Sequence[tuple[int, int]], first: int, last: int) -> str | None:
    """The lexicon tag of syllables ``first..last`` when they form one word written with single spaces."""
    if first < 0 or last >= len(words):
        return None
    phrase = text[words[first][0]:words[last][1]]
    return _tags().get(phrase) if phrase.count(" ") == last - first else None


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    """The POS lexicon with the measure nouns, in the forms they are written, as nouns."""
    return {**_pos_lexicon(), **dict.fromkeys(_measure_noun_forms(), "N")}


@lru_cache(maxsize=1)
def _pos_lexicon() -> dict[str, str]:
    raw = json.loads(resources.files("vnpolicy").joinpath("data/pos_lexicon.json").read_text(encoding="utf-8"))
    tags = {"nouns": "N", "verbs": "V", "adjectives": "A", "prepositions": "E", "adverbs": "R",
            "conjunctions": "C"}
    # the words are lower-case; a capitalised word in the text stays unknown on purpose
    return {word: tag for field, tag in tags.items() for word in raw[field]}


def _keeps_alone(text: str, words: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether word ``i`` ends a two-word measure such as ``tỷ lệ`` that stands for itself."""
    return i >= 1 and text[words[i - 1][0]:words[i][1]].lower() in _words().keep_when_alone


class _Times:
    """Time mentions sorted by position, for nearest-before and first-after look-ups."""

    def __init__(self, times: Sequence[DateMention | Period]) -> None:
        self.items = list(times)
        self.starts = [t.start for t in self.items]

    def before(self, pos: int, floor: int) -> list[DateMention | Period]:
        """The few nearest times that end by ``pos`` and start after ``floor``, nearest first."""
        i = bisect_right(self.starts, pos) - 1
        out: list[DateMention | Period] = []
        while i >= 0 and len(out) < 3 and self.items[i].start >= floor:
            if self.items[i].end <= pos:
                out.append(self.items[i])
            i -= 1
        return out

    def after(self, pos: int, ceiling: int) -> DateMention | Period | None:
        """The first time that starts at or after ``pos`` and before ``ceiling``."""
        i = bisect_right(self.starts, pos - 1)
        return self.items[i] if i < len(self.items) and self.items[i].start < ceiling else None


def _period(text: str, mention: NumberMention, times: _Times, s_start: int, s_end: int) -> str | None:
    """The time the figure refers to, when its sentence states it.

    A time counts when it stands in the figure's own clause (``sản lượng năm 2019
    đạt 410.000 tấn``), opens the statement set off by a comma (``Từ 1/7, lương
    ... tăng 90.000 đồng``) or directly follows the figure (``75,82% năm 2015``).
    A time in another clause belongs to another statement.
    """
    if not times.items:
        return None
    best: DateMention | Period | None = None
    best_distance = 1 << 30
    for t in times.before(mention.start, max(s_start, mention.start - _TIME_REACH)):
        gap = text[t.end:mention.start]
        # ``Năm 2017, Tổng cục ... giao ... 285.000 tỷ đồng``: a time set off by
        # a comma is an adverbial of the whole statement that follows
        adverbial = gap.lstrip().startswith(",")
        if _CLAUSE_BREAK.search(gap) and not adverbial:
            continue
        best, best_distance = t, len(gap)
        break
    following = times.after(mention.end, min(s_end, mention.end + _TIME_REACH))
    if following is not None:
        # ``60% (tương ứng với 52,4 triệu người) vào năm 2010``: skip the aside
        gap = _PARENTHETICAL.sub("", text[mention.end:following.start])
        # ``tăng 5,6% so với dự toán 2016``: the year of a comparison is not the period
        if not _CLAUSE_BREAK.search(gap) and len(gap) <= 12 and "so " not in gap and len(gap) < best_distance:
            best = following
    if best is None:
        return None
    if isinstance(best, Period):
        if best.from_ and best.to:
            return f"{best.from_}/{best.to}"
        return best.from_ or best.to
    return best.value


_PARENTHETICAL: Final = re.compile(r"\([^()]{0,120}\)")
# a number, a range of numbers (``8-10 toa thuốc``, ``1 - 6 năm``) and scale words
_NUMBER_AND_SCALE: Final = re.compile(
    r"\D*\d[\d.,]*(?:\s*(?:-|–|đến|tới)\s*\d[\d.,]*)?\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm)\s+)*")
# the first letters of the range links and scale words of _NUMBER_AND_SCALE
_RANGE_OR_SCALE_FIRST: Final = frozenset("-–đtn")


def _location(places: _Places, text: str, s_start: int, s_end: int) -> str | None:
    # most sentences name no place: a plain search for the scopes and names says so
    # (many hold a prefix alone: ``41 xã``); otherwise a plain search says where the
    # first place can start, from where the full pattern's search finds the same match
    if places.named.search(text, s_start, s_end) is None:
        return None
    first = places.words.search(text, s_start, s_end)
    if first is None:
        return None
    m = places.names.search(text, first.start(), s_end)
    return m.group() if m else None


def _fraction_percent_links(numbers: Sequence[tuple[str, NumberMention]],
                            sentence_of: Sequence[int]) -> list[tuple[int, int, bool]]:
    """Each fraction and the percent of the same statistic just after it, and whether they agree.

    ``196/204 xã ... (đạt 96%)``: 196/204 = 96.08 %, written as 96 %: consistent.
    Returns ``(fraction index, percent index, agrees)`` in text order.
    """
    pairs: list[tuple[int, int, bool]] = []
    for i, (_, mention) in enumerate(numbers):
        if not isinstance(mention, Fraction) or not mention.denominator:
            continue
        for j in range(i + 1, min(i + 3, len(numbers))):
            other = numbers[j][1]
            if sentence_of[j] != sentence_of[i]:
                break
            if not isinstance(other, Percent):
                continue
            share = 100 * float(mention.numerator) / float(mention.denominator)
            decimals = len(other.text.split(",", 1)[1].rstrip("% ")) if "," in other.text else 0
            # one unit of the last written digit covers both rounding and truncation
            pairs.append((i, j, abs(share - float(other.value)) <= 10.0 ** -decimals))
            break
    return pairs

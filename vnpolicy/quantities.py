"""Quantities, percents and fractions: numbers with what they count or measure.

A digit token becomes a mention only when the text says what it is: a unit
or counted noun from the lexicon ``data/units.json`` (``41 xã``,
``32.489 tỷ đồng``, ``10 tấn/ngày``), a percent sign or ``phần trăm``
(``99,54%``), or a second number after a slash (``196/204``). Bare numbers
are left alone: they are years, codes, list numbers or names far more often
than statistics, and the guideline does not count them without a unit.

The main rules, each a reading of Vietnamese text in general:

* Numbers are read by :mod:`vnpolicy.numbers` (``.`` thousands, ``,``
  decimals, with the context rules documented there); a count noun reads
  ``10,500`` as 10500.
* The unit is the longest lexicon form right after the number (``doanh
  nghiệp`` before ``doanh``); a classifier takes the noun after it
  (``3 chiếc xe``); a slash makes a rate (``đồng/m2`` -> ``VND/m2``), also
  across one material word (``tấn LNG/năm`` -> ``tấn/năm``).
* A range is one mention (``10-12 triệu đồng``, ``từ 5 đến 10 ngày``,
  ``3% đến 28%``): the low end takes the high end's scale word when it has
  none; a run of three or more dashed numbers (lottery draws, codes) is not a range.
* The qualifier is the approximation word just before the number, outside the
  span; ``trên dưới`` is ``khoảng``, ``không (xây) quá`` is ``không quá``, and
  ``... trở lên`` after the unit is ``tối thiểu``. A sign (``âm``, ``-``) is
  inside the span and makes the value negative.
* Not quantities: a number right after a name label (``quận 9``, ``khoản 3``,
  ``lần thứ 8``; money keeps its reading: ``khoản 3 tỷ đồng``), list numbering
  at a line start, clock times (``19h20``, ``1 giờ 50``, ``8 giờ sáng``),
  numbers glued to capitals or digits (``MH370``, ``U23``; a lower-case word
  run into a number is a missing space: ``chỉ ra87%``), house numbers
  (``185 ấp Hưng Trung``), ``N tháng đầu năm`` (a period, for the dates
  extractor), and words that only start like a unit (``phát hành`` is not
  ``phát``, ``tấn công`` is not ``tấn``; the lexicon's ``not_units``).
* ``a/b`` is a fraction unless it is part of a longer chain or symbol
  (``22/2013/QĐ-TTg``, ``15/2-KH``), an address or document number after
  ``số``, or a name after a label (``vòng 1/8``). A pair that could be a day
  and month (``a`` ≤ 31, ``b`` ≤ 12) is taken only when a counted noun
  follows (``3/4 người``) or a ratio word comes before (``tỷ lệ``,
  ``chiếm``), and never after a date word (``sáng 3/4``); a pair with a year
  (``43/2015``, ``3/2020``, the season ``2016/17``) only with a counted noun.
  The rest is left to the dates extractor.
* A bare number in a list that ends with a unit shares it (``mệnh giá 100,
  200 nghìn đồng`` -> 100 000 VND and 200 000 VND) when the items are of one
  size (within a factor of ten) and the list does not follow a name
  (``Glock 21, 4 khẩu súng``).
* Spelled-out counts (``hai năm``) and vague amounts (``hàng nghìn``) are
  optional in the guideline and are not reported.

Example:
    >>> qs, ps, fs = find_numbers("Toàn tỉnh có 196/204 xã đạt chuẩn (96%), hơn 2.511 doanh nghiệp.")
    >>> [(q.text, q.value, q.unit, q.qualifier) for q in qs]
    [('2.511 doanh nghiệp', 2511, 'doanh nghiệp', 'hơn')]
    >>> [(p.text, p.value) for p in ps], [(f.text, f.unit) for f in fs]
    ([('96%', 96)], [('196/204', 'xã')])
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Final, TypeVar

from . import builders
from .errors import VnpolicyError
from .numbers import DIGITS, Amount, parse_number, read_amount, read_token_amount, share_groups, share_scale, to_number
from .records import Fraction, Number, Percent, Quantity
from .spans import SpanSet

__all__ = [
    "UnitForm",
    "UnitLexicon",
    "UnitLexiconError",
    "default_lexicon",
    "find_numbers",
    "load_unit_lexicon",
    "phrases_before",
]

# through the package, not this file's ``__file__``: compiled by mypyc, this module
# does not know where it was installed
UNITS_PATH: Final = Path(str(resources.files("vnpolicy").joinpath("data").joinpath("units.json")))
"""The lexicon of units, counted nouns, qualifiers and name labels."""

MEASURE_KINDS: Final = frozenset({
    "area", "length", "mass", "volume", "currency", "time", "age", "temperature", "power", "energy",
    "voltage", "charge", "torque", "data", "data rate", "frequency", "resolution", "loudness",
    "magnitude", "speed", "concentration",
})
"""The kinds a measure in the lexicon may have; counted nouns have kind ``noun``."""

_TIME_KINDS: Final = frozenset({"time", "age"})


class UnitLexiconError(VnpolicyError, ValueError):
    """The unit lexicon file is malformed; the message names the entry to fix."""


# --- the lexicon ------------------------------------------------------------------

# The key a form is filed under: its first run of letters and digits, or its
# first character when it starts with a sign (``°C``, ``€``, ``US$``).
_KEY: Final = re.compile(r"[^\W_]+|\S")


@dataclass(frozen=True, slots=True)
class UnitForm:
    """One written form of a unit or counted noun."""

    form: str
    """As written in the text (``héc-ta``, ``doanh nghiệp``)."""
    unit: str
    """What is reported: the normalised unit of a measure (``ha``), the form itself for a noun."""
    kind: str
    """A measure kind (``area``, ``currency``, ``time``, ...) or ``noun``."""
    classifier: bool = False
    """A noun that takes the counted noun after it into the unit (``chiếc`` + ``xe``)."""

    @property
    def counts(self) -> bool:
        """Whether the unit counts whole things (so ``10,500`` reads 10500)."""
        return self.kind == "noun"


class UnitMatch:
    """A unit found in the text: where it ends and what it reports.

    Treat it as read-only: it compares and hashes by value.
    """

    # A plain class, not a dataclass: one is made for every number with a unit, and
    # compiled (vnpolicy/compiled.py) a plain class is built natively, where a
    # dataclass keeps the Python ``__init__`` that ``dataclasses`` generates.
    __slots__ = ("counts", "end", "form", "kind", "unit")

    def __init__(self, end: int, unit: str, kind: str, counts: bool, form: UnitForm) -> None:
        self.end = end
        self.unit = unit
        self.kind = kind
        self.counts = counts
        self.form = form

    def _fields(self) -> tuple[int, str, str, bool, UnitForm]:
        return self.end, self.unit, self.kind, self.counts, self.form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnitMatch) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"UnitMatch(end={self.end!r}, unit={self.unit!r}, kind={self.kind!r}, "
                f"counts={self.counts!r}, form={self.form!r})")


class UnitLexicon:
    """Units, counted nouns, qualifiers and name labels, ready for matching.

    Build it with :func:`load_unit_lexicon`; :meth:`match` finds the longest
    form at a position in linear time in the form's length.
    """

    def __init__(self, forms: Iterable[UnitForm], qualifiers: Mapping[str, str],
                 name_labels: Iterable[str], not_units: Iterable[str] = (),
                 address_nouns: Iterable[str] = (), pronoun_nouns: Iterable[str] = (),
                 after_scale: Mapping[str, str] | None = None, fraction_labels: Iterable[str] = ()) -> None:
        self._by_key = _by_key(forms, lambda f: f.form)
        self._not_units = _by_key(not_units, lambda w: w)
        self._key_forms: dict[str, _KeyForms] = {}
        self.first_chars = frozenset(k[0] for k in self._by_key)
        """The characters a form can start with: at any other one no unit starts."""
        self.qualifiers = dict(qualifiers)
        self.name_labels = tuple(name_labels)
        self.address_nouns = frozenset(address_nouns)
        self.pronoun_nouns = frozenset(pronoun_nouns)
        self.after_scale = dict(after_scale or {})
        self.fraction_labels = tuple(fraction_labels)
        self.label_words = frozenset(w.lower() for w in self.name_labels)
        self.fraction_label_words = self.label_words | {w.lower() for w in self.fraction_labels}
        self.qualifier_words = {k.lower(): v for k, v in self.qualifiers.items()}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def forms(self) -> list[UnitForm]:
        """Every form, for tests and inspection."""
        return [f for v in self._by_key.values() for f in v]

    def match(self, text: str, pos: int) -> UnitMatch | None:
        """The longest form that starts exactly at ``pos`` and ends at a word boundary.

        A classifier followed by a counted noun matches both (``chiếc xe``).

        Example:
            >>> lex = load_unit_lexicon()
            >>> m = lex.match("41 doanh nghiệp nhỏ", 3)
            >>> m.unit, m.end
            ('doanh nghiệp', 15)
        """
        found = self._match_one(text, pos)
        if found is None or not found.classifier:
            return None if found is None else UnitMatch(pos + len(found.form), found.unit, found.kind,
                                                        found.counts, found)
        end = pos + len(found.form)
        if text[end:end + 1] == " ":
            noun = self._match_one(text, end + 1)
            if noun is not None and noun.kind == "noun":
                both = f"{found.form} {noun.form}"
                return UnitMatch(end + 1 + len(noun.form), both, "noun", True, found)
        return UnitMatch(end, found.unit, found.kind, found.counts, found)

    def _match_one(self, text: str, pos: int) -> UnitForm | None:
        key = _KEY.match(text, pos)
        if key is None:
            return None
        filed = self._key_forms.get(key.group())  # built already: the usual case, with no call
        if filed is None:
            filed = self._filed_under(key.group())
            if filed is None:
                return None
        end = key.end()
        after = text[end:end + 1]
        if after not in filed.goes_on:
            # No longer form or not-unit goes on with the character after the key
            # ("xã," but "xã viên"): only the key itself can be the form, and one
            # look at that character spares the patterns. A key of letters and
            # digits is never followed by another letter or digit, so only "_"
            # can run it on into a longer word (see _forms_pattern).
            found = filed.key_form
            if found is None or (after == "_" and found.form[-1].isalnum()):
                return None
            return found
        m = filed.pattern.match(text, pos)
        if m is None:
            return None
        found = filed.by_form[m.group()]
        if filed.not_units is not None:
            other = filed.not_units.match(text, pos)
            if other is not None and other.end() - pos > len(found.form):
                return None  # "phát hành" is a verb, not shots ("phát")
        return found

    def _filed_under(self, key: str) -> _KeyForms | None:
        """The forms (and not-units) filed under ``key``, ready for matching, built on first use.

        A key such as ``nhà`` or ``đồng`` files dozens of forms: one match of an
        alternation (longest first, so the first that matches is the longest)
        replaces a ``startswith`` per form at every number of the text.
        """
        found = self._key_forms.get(key)
        if found is None:
            forms = self._by_key.get(key)
            if not forms:
                return None
            not_units = self._not_units.get(key, ())
            by_form = {f.form: f for f in forms}
            longer = [w for w in (*by_form, *not_units) if len(w) > len(key)]
            found = _KeyForms(_forms_pattern(by_form), by_form, _forms_pattern(not_units) if not_units else None,
                              by_form.get(key), frozenset(w[len(key)] for w in longer))
            self._key_forms[key] = found
        return found


@dataclass(frozen=True, slots=True)
class _KeyForms:
    """The forms and not-units filed under one key (``xã``: ``xã viên``, ``xã đảo``, ``xã``)."""

    pattern: re.Pattern[str]
    """The forms as one alternation, longest first: the first that matches is the longest."""
    by_form: dict[str, UnitForm]
    not_units: re.Pattern[str] | None
    key_form: UnitForm | None
    """The form that is the key itself (``xã``), if there is one."""
    goes_on: frozenset[str]
    """The characters that follow the key in its longer forms and not-units (the space of ``xã viên``).

    Every form filed under a key starts with it, so at a character not in this
    set only :attr:`key_form` can match.
    """


_T = TypeVar("_T")


def _by_key(items: Iterable[_T], form_of: Callable[[_T], str]) -> dict[str, tuple[_T, ...]]:
    """Items filed under the key of their form, longest form first."""
    out: dict[str, list[_T]] = {}
    for item in items:
        key = _KEY.match(form_of(item))
        assert key is not None  # forms are validated non-empty
        out.setdefault(key.group(), []).append(item)
    return {k: tuple(sorted(v, key=lambda i: -len(form_of(i)))) for k, v in out.items()}


def _forms_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A pattern that matches the first of ``forms`` written at a position as a whole word.

    A form ending in a letter or digit must not run on into a longer word;
    ``(?!\\w)`` is the negation of :func:`_word_char_at`, since ``re`` counts
    as word characters exactly what ``str.isalnum`` does, and ``_``.
    """
    return re.compile("|".join(re.escape(f) + (r"(?!\w)" if f[-1].isalnum() else "") for f in forms))


def _word_char_at(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isalnum() or text[pos] == "_")


def phrases_before(text: str, pos: int, *, limit: int = 4) -> list[str]:
    """The lower-cased phrases that end right before ``pos``, shortest first.

    Only words separated from ``pos`` by spaces count, and a phrase stops at
    punctuation: before ``5`` in ``khoản 1, trên dưới 5`` the phrases are
    ``dưới``, ``trên dưới``; ``1,`` ends them.

    Example:
        >>> phrases_before("Giá tăng trên dưới 30%", 19)
        ['dưới', 'trên dưới', 'tăng trên dưới', 'giá tăng trên dưới']
    """
    if pos == 0 or text[pos - 1] not in " \t":
        return []
    if pos >= 2 and not (text[pos - 2].isalnum() or text[pos - 2].isspace()):
        # the word before the space ends with punctuation ("41 xã, 12 phường"):
        # no phrase ends there, and looking at that one character spares the split
        return []
    lo = max(0, pos - _LOOKBACK)
    words = text[lo:pos].split()
    if lo > 0 and words and not text[lo - 1].isspace() and not text[lo].isspace():
        words = words[1:]  # the window starts inside a word
    out: list[str] = []
    phrase = ""
    for word in reversed(words[-limit:]):
        core = word.lstrip(_OPENERS)
        if not core or not core[-1].isalnum():
            break
        phrase = core.lower() if not phrase else f"{core.lower()} {phrase}"
        out.append(phrase)
        if core != word:
            break  # an opening bracket or quote starts the phrase
    return out


_OPENERS: Final = "([{\"'“‘«<"


def load_unit_lexicon(source: Path | Mapping[str, object] | None = None) -> UnitLexicon:
    """Read and validate the unit lexicon.

    Args:
        source: a path to a JSON file, an already parsed mapping, or ``None``
            for the shipped ``vnpolicy/data/units.json``.

    Raises:
        UnitLexiconError: the data is malformed (wrong types, empty or
            duplicated forms, unknown kinds, a classifier that is not a noun).

    Example:
        >>> lex = load_unit_lexicon()
        >>> lex.match("63.021 ha cây ăn quả", 7).unit
        'ha'
    """
    if source is None or isinstance(source, Path):
        path = source or UNITS_PATH
        try:
            data: object = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise UnitLexiconError(f"cannot read the unit lexicon {path}: {e}") from None
    else:
        data = source
    return _validate(data)


def _validate(data: object) -> UnitLexicon:
    where = "units.json"
    if not isinstance(data, Mapping):
        raise UnitLexiconError(f"{where}: the top level must be a JSON object")
    for key in ("measures", "nouns", "classifiers", "qualifiers", "name_labels", "not_units",
                "address_nouns", "pronoun_nouns", "after_scale", "fraction_labels"):
        if key not in data:
            raise UnitLexiconError(f"{where}: the key {key!r} is missing")
    forms: dict[str, UnitForm] = {}

    def add(form: UnitForm, at: str) -> None:
        if form.form in forms:
            raise UnitLexiconError(f"{where}: {at}: the form {form.form!r} is listed twice; keep one")
        forms[form.form] = form

    measures = data["measures"]
    if not isinstance(measures, list):
        raise UnitLexiconError(f"{where}: 'measures' must be a list")
    for i, entry in enumerate(measures):
        at = f"measures[{i}]"
        if not isinstance(entry, Mapping):
            raise UnitLexiconError(f"{where}: {at} must be an object with unit, kind and forms")
        unit, kind = _text(entry.get("unit"), f"{at}.unit"), entry.get("kind")
        if kind not in MEASURE_KINDS:
            raise UnitLexiconError(f"{where}: {at}.kind is {kind!r}; use one of {sorted(MEASURE_KINDS)}")
        for form in _texts(entry.get("forms"), f"{at}.forms"):
            add(UnitForm(form, unit, str(kind)), at)
    classifiers = set(_texts(data["classifiers"], "classifiers"))
    nouns = data["nouns"]
    if not isinstance(nouns, Mapping):
        raise UnitLexiconError(f"{where}: 'nouns' must be an object of theme -> list of nouns")
    for theme, items in nouns.items():
        for form in _texts(items, f"nouns.{theme}"):
            add(UnitForm(form, form, "noun", form in classifiers), f"nouns.{theme}")
    for c in classifiers:
        if c not in forms or forms[c].kind != "noun":
            raise UnitLexiconError(f"{where}: classifier {c!r} must also be listed as a noun")
    qualifiers = data["qualifiers"]
    if not isinstance(qualifiers, Mapping):
        raise UnitLexiconError(f"{where}: 'qualifiers' must be an object of written form -> reported form")
    checked = {_text(k, "qualifiers"): _text(v, f"qualifiers[{k!r}]") for k, v in qualifiers.items()}
    labels = _texts(data["name_labels"], "name_labels")
    not_units = _texts(data["not_units"], "not_units")
    for phrase in not_units:
        if phrase in forms:
            raise UnitLexiconError(f"{where}: not_units: {phrase!r} is also a unit or noun; keep one")
    noun_lists = {}
    for key in ("address_nouns", "pronoun_nouns"):
        noun_lists[key] = _texts(data[key], key)
        for noun in noun_lists[key]:
            if noun not in forms or forms[noun].kind != "noun":
                raise UnitLexiconError(f"{where}: {key}: {noun!r} must also be listed as a noun")
    after_scale = data["after_scale"]
    if not isinstance(after_scale, Mapping):
        raise UnitLexiconError(f"{where}: 'after_scale' must be an object of noun -> currency unit")
    currencies = {f.unit for f in forms.values() if f.kind == "currency"}
    for noun, currency in after_scale.items():
        if noun not in forms or forms[noun].kind != "noun" or currency not in currencies:
            raise UnitLexiconError(f"{where}: after_scale: {noun!r} must be a noun and {currency!r} "
                                   "a currency unit of the measures")
    return UnitLexicon(forms.values(), checked, labels, not_units, noun_lists["address_nouns"],
                       noun_lists["pronoun_nouns"], after_scale, _texts(data["fraction_labels"], "fraction_labels"))


def _text(value: object, at: str) -> str:
    if not isinstance(value, str) or not value or value != " ".join(value.split()):
        raise UnitLexiconError(f"units.json: {at} must be a non-empty string without extra spaces, "
                               f"got {value!r}")
    if not unicodedata.is_normalized("NFC", value):
        raise UnitLexiconError(f"units.json: {at} {value!r} is not in NFC; re-save it composed")
    return value


def _texts(value: object, at: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise UnitLexiconError(f"units.json: {at} must be a non-empty list of strings")
    return [_text(v, f"{at}[{i}]") for i, v in enumerate(value)]


@lru_cache(maxsize=1)
def default_lexicon() -> UnitLexicon:
    """The shipped lexicon, loaded once."""
    return load_unit_lexicon()


class UnitReads:
    """The shipped lexicon's unit at each position of one text, read once.

    The quantity scanner reads the unit after every number; the indicators read
    it again to tell a count (``41 xã``) from an amount (``45,5 ha``). Made once
    per document and handed to both (:func:`find_numbers`,
    :func:`vnpolicy.indicators.find_indicators`), the second read is a lookup.
    One object serves one text: it is not shared between documents or threads.

    Example:
        >>> reads = UnitReads("Toàn tỉnh có 41 xã")
        >>> reads.at(16).unit, reads.at(16) is reads.at(16)
        ('xã', True)
    """

    __slots__ = ("_found", "lexicon", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lexicon = default_lexicon()
        self._found: dict[int, UnitMatch | None] = {}

    def at(self, pos: int) -> UnitMatch | None:
        """``UnitLexicon.match(text, pos)`` of the shipped lexicon, remembered."""
        found = self._found
        if pos in found:
            return found[pos]
        unit = found[pos] = self.lexicon.match(self.text, pos)
        return unit


# --- patterns around a number ------------------------------------------------------

_PERCENT: Final = re.compile(r"[ \t]?(?:%|％)|[ \t]+phần[ \t]+trăm(?!\w)")
# a dash, else ``đến``/``tới``, between the two numbers of a range (one match for both)
_RANGE_LINK: Final = re.compile(r"[ \t]*[-–—~][ \t]*(?=\d)|[ \t]+(?:đến|tới)[ \t]+(?=\d)")
_SPACES_TABS: Final = re.compile(r"[ \t]*")
# What the first character after the spaces must be for each pattern to match
# (a set: the empty string of the text's end is in none).
_RANGE_LINK_FIRST: Final = frozenset("-–—~đt")
_PERCENT_FIRST: Final = frozenset("%％p")
_LIST_LINK_FIRST: Final = frozenset(",vh")
_AT_LEAST_FIRST: Final = frozenset(",t")
_RATE_FIRST: Final = frozenset(" \t/")  # the first character of _RATE_SLASH or _RATE_ACROSS
_LIST_MARK_FIRST: Final = frozenset(".)")
_BLANK_CHARS: Final = frozenset(" \t")
_MORE_DASHED: Final = re.compile(r"[ \t]*[-–—][ \t]*\d")
_DASHED_RUN: Final = re.compile(r"(?:[ \t]*[-–—][ \t]*\d+)+")
_DASHES: Final = frozenset("-–—~")
_LIST_LINK: Final = re.compile(r"[ \t]*(?:,|và|hoặc|hay)[ \t]+(?=\d)")
_FRACTION_TAIL: Final = re.compile(r"/(\d+(?:[.,]\d+)*)")
_RUN: Final = re.compile(r"\S*")
_RATE_SLASH: Final = re.compile(r"[ \t]?/[ \t]?")
_RATE_ACROSS: Final = re.compile(r"[ \t]+[^\W\d_]+[ \t]*/[ \t]*")
_DIGIT_AFTER: Final = re.compile(r"[ \t]+\d")
_RATE_WORD: Final = re.compile(r"[^\W\d_]+(?![\w/])")
_AT_LEAST: Final = re.compile(r"[ \t]*,?[ \t]*trở[ \t]+(lên|xuống)(?!\w)")
_CLOCK_AFTER: Final = re.compile(r"[ \t]*(?:\d|(?:sáng|chiều|tối|trưa|đêm|khuya|ngày|hôm|cùng|kém|rạng|đúng)(?!\w))")
_DATE_AFTER_MONTH: Final = re.compile(
    r"[ \t]+(?:\d{1,2}(?:[ \t]+năm[ \t]+|[/-])\d{4}|(?:đầu|cuối|giữa)[ \t]+năm(?!\w))")
_YEAR_AFTER: Final = re.compile(r"[ \t]+\d{4}(?!\d)")
_NEGATIVE_WORD: Final = re.compile(r"(?<!\w)âm[ \t]+\Z", re.IGNORECASE)
_CLOCK_WORDS: Final = frozenset({"lúc", "vào", "từ", "đến", "tới", "trước", "hồi"})
# words before a day/month-looking a/b that make it a date
_DATE_WORDS: Final = frozenset({"ngày", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "hôm", "từ", "đến", "tới",
                         "trước", "sau", "vào", "lúc", "hai", "ba", "tư", "năm", "sáu", "bảy", "nhật"})
_AGE_RANGE_PHRASES: Final = frozenset({"độ tuổi", "lứa tuổi", "nhóm tuổi", "độ tuổi từ", "lứa tuổi từ", "nhóm tuổi từ"})
# words before a day/month-looking a/b that make it a ratio ("chiếm 1/3", "tỷ lệ 1/2")
_RATIO_PHRASES: Final = frozenset({"tỷ lệ", "tỉ lệ", "tỷ lệ là", "tỉ lệ là", "chiếm", "bằng", "hơn", "gần", "ít nhất",
                            "xấp xỉ"})
_SHARE_WORD: Final = re.compile(r"[ \t]*số[ \t]+")
_CURRENCY_PREFIX: Final = re.compile(r"(?:US)?\$[ \t]?\Z|€[ \t]?\Z")
_NAME_AFTER: Final = re.compile(r"[ \t]+(\w)")
_WORD_BEFORE: Final = re.compile(r"(?<![\w])[^\W\d_]+\Z")
_LINE_START: Final = re.compile(r"(?:^|\n)[ \t]*\Z")
_LIST_MARK: Final = re.compile(r"[.)][ \t]")

_LOOKBACK: Final = 40  # characters searched before a number for qualifiers and labels
_START: Final = attrgetter("start")  # the sort key of mentions, with no Python call per mention


# --- the scanner --------------------------------------------------------------------

class _Found:
    """A number (or range) with its unit, before it becomes a record."""

    # a plain class, not a dataclass: one is made for every number with a unit (see UnitMatch)
    __slots__ = ("end", "kind", "percent", "start", "unit", "value", "value_to")

    def __init__(self, start: int, end: int, value: Number, value_to: Number | None, unit: str | None,
                 percent: bool, kind: str) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.value_to = value_to
        self.unit = unit
        self.percent = percent
        self.kind = kind
        """The unit's kind (``noun``, ``time``, ``currency``, ...), ``percent`` for a percent."""

    @property
    def names_things(self) -> bool:
        """Whether a name label before the number can make it a name (``khoản 3 điều``).

        Money keeps its reading after a label word: ``khoản 3 tỷ đồng`` is an amount.
        """
        return self.kind not in ("currency", "percent")


NOTHING_BLOCKED: Final = SpanSet()
"""The default of ``blocked``: no span is taken yet."""


def find_numbers(text: str, *, blocked: SpanSet = NOTHING_BLOCKED, units: UnitReads | None = None
                 ) -> tuple[list[Quantity], list[Percent], list[Fraction]]:
    """Every quantity, percent and fraction in ``text`` outside ``blocked``.

    Args:
        text: normalised text (NFC, plain spaces); offsets point into it.
        blocked: spans already taken by legal references, dates and periods;
            a number that overlaps them is skipped.
        units: the unit reads of ``text`` to share with the indicators, if any.

    Returns:
        Three lists sorted by position; no two mentions overlap.

    Raises:
        ValueError: ``units`` was made of another text.

    Example:
        >>> qs, ps, fs = find_numbers("Giá đất lên đến 10-12 triệu đồng/m2, tăng trên dưới 30%.")
        >>> [(q.text, q.value, q.value_to, q.unit, q.qualifier) for q in qs]
        [('10-12 triệu đồng/m2', 10000000, 12000000, 'VND/m2', 'lên đến')]
        >>> [(p.text, p.value, p.qualifier) for p in ps]
        [('30%', 30, 'khoảng')]
    """
    if units is not None and units.text is not text:
        raise ValueError("find_numbers: units= must be the UnitReads of this very text")
    scanner = _Scanner(text, blocked, units or UnitReads(text))
    scanner.scan()
    return scanner.quantities, scanner.percents, scanner.fractions


class _Scanner:
    """One left-to-right pass over the digit tokens of a text."""

    def __init__(self, text: str, blocked: SpanSet, units: UnitReads) -> None:
        self.text = text
        # Single characters are looked at as text[i] after a test against the length:
        # a slice (text[i:i + 1]) or startswith costs two to three times more, once
        # or more per number.
        self.length = len(text)
        self.blocked = blocked
        # nothing is taken in a text without dates or legal references: a look at this
        # spares the search of the spans, twice per number
        self.anything_blocked = len(blocked) > 0
        self.lex = units.lexicon
        self.units = units
        self.quantities: list[Quantity] = []
        self.percents: list[Percent] = []
        self.fractions: list[Fraction] = []
        self.cursor = 0
        # bare numbers of a list waiting for the unit of its last item
        self.pending: list[tuple[Amount, int]] = []
        self.pending_next = -1
        self._phrases_at = -1
        self._phrases_cache: list[str] = []
        self._next_at = -1
        self._next_spaces = 0
        self._next_found = ""
        self._percent_at = -1  # where _unit last found a percent sign, and where the sign ends
        self._percent_to = -1

    def scan(self) -> None:
        text = self.text
        for m in DIGITS.finditer(text):
            start, end = m.span()
            if start < self.cursor:
                continue
            if start != self.pending_next and self.pending:
                self.pending = []
            # most numbers follow a space, and then they are glued to nothing: no call
            glued = start > 0 and text[start - 1] != " " and self._glued(start)
            if glued or (self.anything_blocked and self.blocked.overlaps(start, end)):
                self.cursor = end
                continue
            if end < self.length and text[end] == "/" and self._fraction(start, end):
                continue
            self._number(start, end)
        self.quantities.sort(key=_START)
        self.percents.sort(key=_START)

    # -- context tests --

    def _glued(self, start: int) -> bool:
        """The number is part of a code or of a token already rejected (MH370, AN-2, 1/7/2017).

        A lower-case word of two or more letters run into the number is a
        missing space (``chỉ ra87%``), not a code: codes have capitals or
        digits (``MH370``, ``U23``, ``VTV9``) or are one letter (``19h20``).
        """
        if start == 0:
            return False
        text = self.text
        prev = text[start - 1]
        if prev.isalpha():
            word = _WORD_BEFORE.search(text, max(0, start - _LOOKBACK), start)
            return word is None or not word.group().islower() or len(word.group()) < 2
        if prev.isalnum() or prev in "_/\\":
            return True
        return prev in ".,-–+:" and start >= 2 and text[start - 2].isalnum()

    def _before(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        return pattern.search(self.text, max(0, pos - _LOOKBACK), pos)

    def _is_name(self, start: int, end: int, *, fraction: bool = False) -> bool:
        """A label before the number (``quận 9``, ``nhà số 8``) or list numbering at a line start (``1.``)."""
        phrases = self._phrases(start)
        if phrases:  # most numbers in a list have none (they follow a comma)
            labels = self.lex.fraction_label_words if fraction else self.lex.label_words
            if any(p in labels for p in phrases):
                return True
            if phrases[0] == "số" and any(p[:-3] in labels for p in phrases[1:]):
                return True
        text = self.text
        return (end < self.length and text[end] in _LIST_MARK_FIRST and _LIST_MARK.match(text, end) is not None
                and _LINE_START.search(text, max(0, start - _LOOKBACK), start) is not None)

    def _phrases(self, pos: int) -> list[str]:
        """:func:`phrases_before` ``pos``, remembered for the last position asked."""
        if self._phrases_at != pos:
            self._phrases_at = pos
            self._phrases_cache = phrases_before(self.text, pos)
        return self._phrases_cache

    # -- fractions --

    def _fraction(self, start: int, slash: int) -> bool:
        """Handle ``a/b`` at ``start``; ``True`` when the slash form was dealt with."""
        text = self.text
        tail = _FRACTION_TAIL.match(text, slash)
        if tail is None:
            return False
        end = tail.end()
        after = text[end:end + 1]
        if after == "/" or (after and (after.isalnum() or after == "_")) or (
                after in ("-", "–") and _word_char_at(text, end + 1)):
            # a chain (1/7/2017, 1/1/1/...) or a symbol (15/2-KH): never a fraction
            run = _RUN.match(text, end)
            self.cursor = run.end() if run is not None else end
            return True
        self.cursor = end
        numerator_text, denominator_text = text[start:slash], tail.group(1)
        numerator = _count_number(numerator_text)
        denominator = _count_number(denominator_text)
        if numerator is None or denominator is None or denominator == 0:
            return True
        if self.blocked.overlaps(start, end) or self._is_name(start, end, fraction=True):
            return True
        unit = self._fraction_unit(end)
        if not self._fraction_plausible(start, numerator_text, denominator_text, unit):
            return True
        self.fractions.append(builders.fraction(start, end, text[start:end], numerator, denominator,
                                                unit.unit if unit else None))
        return True

    def _fraction_unit(self, end: int) -> UnitMatch | None:
        nxt = self._next_char(end)
        pos = end + min(self._next_spaces, 3)  # a unit starts after at most three blanks
        share = _SHARE_WORD.match(self.text, pos) if nxt == "s" else None  # "số" or nothing
        if share is not None:
            # "1/3 số hộ": the whole is the noun after "số"
            pos = share.end()
        return self.units.at(pos)

    def _fraction_plausible(self, start: int, numerator: str, denominator: str,
                            unit: UnitMatch | None) -> bool:
        plain = numerator.isdigit() and denominator.isdigit()
        day_month = plain and 1 <= int(numerator) <= 31 and 1 <= int(denominator) <= 12
        # "43/2015", "3/2020": a document number with its year, or a month and year;
        # "2016/17", "2016/2017": a season or school year
        of_year = plain and (_is_year(denominator) or _is_year(numerator))
        before = self._phrases(start)[:1]
        if before == ["số"]:
            return False  # "số 1740/33 Lê Văn Lương", "số 15/2018": an address or a document number
        counted = (unit is not None and unit.kind not in _TIME_KINDS
                   and unit.unit not in self.lex.pronoun_nouns and unit.form.form not in self.lex.pronoun_nouns)
        if day_month and before and before[0] in _DATE_WORDS:
            return False  # "sáng 3/4 người dân ...": a date, whatever follows
        if day_month or of_year:
            return counted or (day_month and any(p in _RATIO_PHRASES for p in self._phrases(start)))
        return True

    # -- quantities and percents --

    def _number(self, start: int, digits_end: int) -> None:
        low = read_token_amount(self.text, start, digits_end)
        if low is None:
            self.cursor = digits_end
            return
        found = self._with_unit(low)
        if found is None:
            self.cursor = max(self.cursor, low.end)
            self._maybe_pending(low)
            return
        self.cursor = found.end
        if found.names_things and self._is_name(start, digits_end):
            self.pending = []
            return
        self._emit(found, low)

    def _with_unit(self, low: Amount) -> _Found | None:
        """The number at ``low`` with its unit, as a single value or a range."""
        link = self._range_link(low.end)
        if link is not None:
            high = read_amount(self.text, link.end())
            if high is not None:
                if link.group().strip() in _DASHES and _MORE_DASHED.match(self.text, high.end):
                    # 02-08-21-29: draws or codes, not a range
                    run = _DASHED_RUN.match(self.text, high.end)
                    self.cursor = run.end() if run is not None else high.end
                    return None
                ranged = self._range(low, high, self._unit(high.end, low.start))
                if ranged is not None:
                    return ranged
        unit = self._unit(low.end, low.start)
        if unit is None:
            return self._currency_prefixed(low)
        single = self._found(low, unit)
        # "3% đến 28%", "10 tỷ đồng - 20 tỷ đồng": the unit written at both ends
        link = self._range_link(single.end)
        if link is not None:
            high = read_amount(self.text, link.end())
            if high is not None:
                high_unit = self._unit(high.end, low.start)
                if high_unit is not None and self._found(high, high_unit).unit == single.unit:
                    ranged = self._range(low, high, high_unit)
                    if ranged is not None:
                        return ranged
        return single

    def _range_link(self, pos: int) -> re.Match[str] | None:
        if self._next_char(pos) not in _RANGE_LINK_FIRST:
            return None
        return _RANGE_LINK.match(self.text, pos)

    def _next_char(self, pos: int) -> str:
        """The first character from ``pos`` on that is not a space or tab (``""`` at the end).

        Every link and unit after a number starts with one of a few characters:
        looking at this one first spares most numbers several pattern matches.
        """
        if pos != self._next_at:
            self._next_at = pos
            text, length, end = self.text, self.length, pos
            # most numbers and units are followed by one space or none: the
            # pattern is needed only for a longer run of blanks
            if end < length and text[end] in _BLANK_CHARS:
                end += 1
                if end < length and text[end] in _BLANK_CHARS:
                    m = _SPACES_TABS.match(text, end)
                    end = m.end() if m is not None else end
            self._next_spaces = end - pos
            self._next_found = text[end] if end < length else ""
        return self._next_found

    def _found(self, amount: Amount, unit: UnitMatch | bool) -> _Found:
        if isinstance(unit, bool):
            return _Found(amount.start, self._percent_end(amount.end), amount.value, None, None, True,
                          "percent")
        unit = self._scaled_currency(amount, unit)
        return _Found(amount.start, unit.end, amount.for_unit(count=unit.counts), None, unit.unit, False,
                      unit.kind)

    def _scaled_currency(self, amount: Amount, unit: UnitMatch) -> UnitMatch:
        """``80 triệu bảng`` is pounds: a noun that names a currency after a scale word."""
        if amount.scale >= 1000 and unit.unit in self.lex.after_scale:
            return UnitMatch(unit.end, self.lex.after_scale[unit.unit], "currency", False, unit.form)
        return unit

    def _range(self, low: Amount, high: Amount, unit: UnitMatch | bool | None) -> _Found | None:
        if isinstance(unit, UnitMatch):
            unit = self._scaled_currency(high, unit)
        if unit is None:
            # "độ tuổi từ 7 tới 16": the unit is written before the range
            if not any(p in _AGE_RANGE_PHRASES for p in self._phrases(low.start)[:3]):
                return None
            end, unit_text, counts, kind = high.end, "tuổi", True, "age"
        elif isinstance(unit, bool):
            end, unit_text, counts, kind = self._percent_end(high.end), None, False, "percent"
        else:
            end, unit_text, counts, kind = unit.end, unit.unit, unit.counts, unit.kind
        low_value = low.for_unit(count=counts)
        high_value = high.for_unit(count=counts)
        if low.scale == 1 and high.scale > 1:
            low_value = share_scale(low_value, high_value, high.scale)
        low_value = share_groups(self.text[low.start:low.digits_end], low_value,
                                 self.text[high.start:high.digits_end], high_value)
        if not low_value < high_value:
            return None
        return _Found(low.start, end, low_value, high_value, unit_text, kind == "percent", kind)

    def _unit(self, pos: int, number_start: int) -> UnitMatch | bool | None:
        """``True`` for a percent, else the unit found at ``pos`` (after a number), or ``None``."""
        text = self.text
        nxt = self._next_char(pos)
        if nxt in _PERCENT_FIRST:
            percent = _PERCENT.match(text, pos)
            if percent is not None:
                # kept for _percent_end, which the percent's record asks next
                self._percent_at, self._percent_to = pos, percent.end()
                return True
        # a unit starts after at most three blanks, with one of the lexicon's first characters
        if self._next_spaces > 3 or nxt not in self.lex.first_chars:
            return None
        unit = self.units.at(pos + self._next_spaces)
        if unit is None:
            return None
        if unit.kind == "time" and not self._is_duration(number_start, unit):
            return None
        if unit.unit in self.lex.address_nouns and _names_after(text, unit.end):
            return None  # "185 ấp Hưng Trung", "12 phố Hàng Bài": a house number
        if (unit.end < self.length and text[unit.end] in _BLANK_CHARS
                and unit.unit.lower() in self.lex.label_words and _DIGIT_AFTER.match(text, unit.end)):
            return None  # "đoạn 2 khoản 3 Điều 112": a path of labels, not a count of "khoản"
        return self._rate(unit)

    def _percent_end(self, pos: int) -> int:
        if pos == self._percent_at:
            return self._percent_to
        m = _PERCENT.match(self.text, pos)
        return m.end() if m is not None else pos

    def _rate(self, unit: UnitMatch) -> UnitMatch:
        """``đồng/m2`` -> ``VND/m2``; also ``tấn LNG/năm`` -> ``tấn/năm``."""
        text = self.text
        if unit.end >= self.length or text[unit.end] not in _RATE_FIRST:
            return unit  # no slash and no word across: most units, spared two pattern matches
        result = unit
        for _ in range(3):  # đồng/người/tháng: a few slashes at most
            slash = _RATE_SLASH.match(text, result.end)
            across = False
            if slash is None:
                slash = _RATE_ACROSS.match(text, result.end)
                across = True
            if slash is None:
                break
            per = self.lex.match(text, slash.end())
            if per is None and not across:
                # any word can be the base of a rate: "đ/ký", "đồng/CP", "USD/thùng"
                word = _RATE_WORD.match(text, slash.end())
                per = None if word is None else UnitMatch(word.end(), word.group(), "noun", True, result.form)
            if per is None or (across and per.kind not in _TIME_KINDS):
                break
            result = UnitMatch(per.end, f"{result.unit}/{per.unit}", result.kind, False, result.form)
        return result

    def _is_duration(self, number_start: int, unit: UnitMatch) -> bool:
        """Whether a time unit measures a duration rather than naming a time."""
        text, form = self.text, unit.form.form
        before = self._phrases(number_start)[:1]
        if form == "giờ" and (_CLOCK_AFTER.match(text, unit.end) or (before and before[0] in _CLOCK_WORDS)):
            return False  # "1 giờ 50", "8 giờ sáng", "lúc 8 giờ"
        if form == "phút" and before == ["giờ"]:
            return False  # "21 giờ 30 phút" is a clock time
        if form == "tháng" and _DATE_AFTER_MONTH.match(text, unit.end):
            return False  # "15 tháng 3 năm 2017", "6 tháng đầu năm"
        return not (form == "năm" and _YEAR_AFTER.match(text, unit.end))

    def _currency_prefixed(self, low: Amount) -> _Found | None:
        # the last of the two characters before the number that is not a space
        text, start = self.text, low.start
        last = text[start - 1] if start >= 1 else ""
        if last in (" ", "\t"):
            last = text[start - 2] if start >= 2 else ""
        if last not in ("$", "€"):
            return None
        prefix = self._before(_CURRENCY_PREFIX, low.start)
        if prefix is None:
            return None
        unit = "EUR" if "€" in prefix.group() else "USD"
        return _Found(prefix.start(), low.end, low.value, None, unit, False, "currency")

    def _maybe_pending(self, low: Amount) -> None:
        """Keep a bare number that a list link (``,``, ``và``, ``hoặc``) joins to the next one."""
        link = _LIST_LINK.match(self.text, low.end) if self._next_char(low.end) in _LIST_LINK_FIRST else None
        if link is None or self._is_name(low.start, low.digits_end) or (
                not self.pending and self._after_proper_name(low.start)):
            self.pending = []
            self.pending_next = -1
            return
        self.pending.append((low, link.end()))
        self.pending_next = link.end()

    def _after_proper_name(self, start: int) -> bool:
        """A capitalised word right before the number makes it a model or a name (``Glock 21``).

        A qualifier that opens a sentence (``Khoảng 2, 3 người``) is not a name.
        """
        words = self.text[max(0, start - _LOOKBACK):start].split()
        if not words or start == 0 or self.text[start - 1] not in " \t":
            return False
        word = words[-1]
        return word[:1].isupper() and word.lower() not in self.lex.qualifier_words

    # -- output --

    def _emit(self, found: _Found, low: Amount) -> None:
        text = self.text
        start = found.start
        value, value_to = found.value, found.value_to
        if start == low.start:
            negative = self._sign_start(start)
            if negative is not None:
                start = negative
                value = -value
        if (self.anything_blocked and self.blocked.overlaps(start, found.end)) or start < 0:
            return
        qualifier = self._qualifier(start, found.end)
        if self.pending and self._list_of_alternatives(low):
            for item, _ in self.pending:
                self._emit_shared(item, found, low)
        self.pending = []
        # one record is made for every number: by the builders, not the dataclass __init__
        if found.percent:
            self.percents.append(builders.percent(start, found.end, text[start:found.end], value, qualifier,
                                                  value_to))
        else:
            self.quantities.append(builders.quantity(start, found.end, text[start:found.end], value, found.unit,
                                                     qualifier, value_to))

    def _list_of_alternatives(self, last: Amount) -> bool:
        """The bare items and the last one are numbers of one size (``2, 3 lần``, ``100, 200 nghìn``).

        A much larger or smaller item is something else: a document number
        (``Quyết định 217, 218 và 2 năm``), a year, a model (``835, 8GB``).
        """
        last_digits = parse_number(self.text[last.start:last.digits_end])
        if last_digits is None:
            return False
        sizes = [abs(last_digits), *(abs(item.value) for item, _ in self.pending if item.scale == 1)]
        if len(sizes) <= len(self.pending) or min(sizes) == 0:
            return False  # an item with its own scale word is not a bare alternative
        return max(sizes) <= 10 * min(sizes)

    def _emit_shared(self, item: Amount, last: _Found, last_amount: Amount) -> None:
        """A bare list item before ``last`` takes its unit (and scale word when it has none)."""
        if self.blocked.overlaps(item.start, item.end):
            return
        value = item.value
        if item.scale == 1 and last_amount.scale > 1:
            value = to_number(Decimal(str(value)) * last_amount.scale)
        qualifier = self._qualifier(item.start, item.end)
        span = self.text[item.start:item.end]
        if last.percent:
            self.percents.append(builders.percent(item.start, item.end, span, value, qualifier, None))
        else:
            self.quantities.append(builders.quantity(item.start, item.end, span, value, last.unit, qualifier, None))

    def _sign_start(self, start: int) -> int | None:
        """Where a sign before the number starts (``âm 0,4%``, ``-2 độ``), or ``None``."""
        text = self.text
        if start >= 1 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in " \t\n("):
            return start - 1
        phrases = self._phrases(start)
        if not phrases or phrases[0] != "âm":
            return None
        word = self._before(_NEGATIVE_WORD, start)
        return word.start() if word is not None else None

    def _qualifier(self, start: int, end: int) -> str | None:
        after = _AT_LEAST.match(self.text, end) if self._next_char(end) in _AT_LEAST_FIRST else None
        if after is not None:
            return "tối thiểu" if after.group(1) == "lên" else "tối đa"
        phrases = self._phrases(start)
        if not phrases:
            return None
        if phrases[0] == "quá" and any(p.startswith("không ") for p in phrases[1:4]):
            return "không quá"  # "không quá", "không vượt quá", "không xây quá"
        for phrase in reversed(phrases):
            # "ít nhất là 7 ngày", "tối đa là 30 triệu đồng": the copula does not hide the qualifier
            written = phrase[:-3] if phrase.endswith(" là") else phrase
            if written in self.lex.qualifier_words:
                return self.lex.qualifier_words[written]
        return None


def _names_after(text: str, pos: int) -> bool:
    """A capitalised word or a number follows: a name or a house number (``ấp Hưng Trung``, ``ngõ 5``)."""
    m = _NAME_AFTER.match(text, pos)
    return m is not None and (m.group(1).isupper() or m.group(1).isdigit())


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def _count_number(token: str) -> Number | None:
    return parse_number(token, count=True)

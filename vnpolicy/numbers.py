"""Vietnamese numerals: digit groups, scale words, number words and ranges.

Vietnamese writes ``.`` between thousands and ``,`` before decimals
(``63.021`` = 63021, ``99,54`` = 99.54, ``1.824,8`` = 1824.8). Real news also
carries the English habits (``3.9 triệu USD``, ``Hơn 10,000 học sinh``), so a
digit token is read by these rules, in order:

1. Dots and commas together: the mark that comes last is the decimal mark and
   the other one groups thousands (``1.824,8`` and ``1,824.8`` are both
   1824.8); any other mixture is not a number.
2. Several dots (or several commas): thousands groups (``12.523.060``); every
   group after the first must have exactly three digits and the first one to
   three, else the token is a code (``2.2.1``, ``0912.345.678``) and not a number.
3. One dot: thousands when exactly three digits follow and at most three
   precede (``63.021``, ``3.900 triệu``); otherwise a decimal point
   (``3.9 triệu``, ``1.5``), since no thousands group has one or two digits.
4. One comma: a decimal comma (``99,54``, ``1,5 triệu``), except that ``,000``
   is always thousands (no writer adds three zero decimals: ``10,000``) and,
   for things that are counted one by one (people, schools, cases), any
   ``a,bbb`` is thousands, since half a pupil is not a reading
   (``10,500 học sinh`` = 10500); :func:`parse_number` takes ``count=True``
   for that case.

Scale words multiply (``nghìn``/``ngàn`` 10³, ``vạn`` 10⁴, ``triệu`` 10⁶,
``tỷ``/``tỉ`` 10⁹, and ``trăm``, ``chục`` after digits); consecutive ones
multiply together (``nghìn tỷ`` = 10¹²), a smaller one after a number adds
(``2 tỷ 300 triệu`` = 2.3·10⁹), and ``rưỡi`` adds half of the scale before it
(``3 triệu rưỡi`` = 3 500 000).

Values are ``int`` when whole and ``float`` otherwise, computed exactly with
:class:`decimal.Decimal` first (``1.824,8 nghìn`` is 1824800, not
1824800.0000000002).

Example:
    >>> parse_number("12.523.060"), parse_number("99,54"), parse_number("3.9")
    (12523060, 99.54, 3.9)
    >>> parse_amount("1,5 triệu"), parse_number_words("một trăm linh năm")
    (1500000, 105)
    >>> parse_range("10-12 triệu")
    (10000000, 12000000)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from .records import Number

__all__ = [
    "SCALE_WORDS",
    "Amount",
    "parse_amount",
    "parse_number",
    "parse_number_words",
    "parse_range",
    "read_amount",
    "share_groups",
    "share_scale",
]

SCALE_WORDS: dict[str, int] = {
    "chục": 10,
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
"""Words that multiply the number before them."""

# Longer tokens are codes, serials or garbage; capping the length also keeps
# Decimal and int conversions cheap on pathological input.
_MAX_TOKEN: Final = 40

# A digit token: digits with single dots or commas between digit groups. Every
# separator must be followed by a digit, so the pattern matches one way only
# and runs in linear time.
DIGITS: Final = re.compile(r"\d+(?:[.,]\d+)*")

_SCALE_AFTER: Final = re.compile(
    r"[ \t]?(chục|trăm|nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?![\w-])(?![ \t]+lệ\b)"
)
# "2 tỷ 300 triệu": a further number and its (smaller) scale word
_COMPOUND_AFTER: Final = re.compile(r"[ \t](\d+(?:[.,]\d+)*)[ \t](nghìn|ngàn|vạn|triệu|tỷ|tỉ|trăm)(?![\w-])")
_HALF_AFTER: Final = re.compile(r"[ \t]rưỡi(?![\w-])")
# what _SCALE_AFTER can start with: its optional blank, and the first letter of each scale word
_BLANKS: Final = frozenset(" \t")
_SCALE_FIRST: Final = frozenset(word[0] for word in SCALE_WORDS)

_ONE: Final = Decimal(1)
_HALF: Final = Decimal("0.5")


class Amount:
    """A number read from the text, with its scale words.

    ``value`` is the plain Vietnamese reading; ``count_value`` the reading when
    the amount counts whole things (they differ only for ``a,bbb`` tokens).
    Treat it as read-only: it compares and hashes by value.
    """

    # A plain class, not a dataclass: one is made for every number read, and
    # compiled (vnpolicy/compiled.py) a plain class is built natively, where a
    # dataclass keeps the Python ``__init__`` that ``dataclasses`` generates.
    __slots__ = ("count_value", "digits_end", "end", "scale", "start", "value")

    def __init__(self, start: int, end: int, value: Number, count_value: Number, scale: int,
                 digits_end: int) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.count_value = count_value
        self.scale = scale
        """The product of the scale words read (1 when there is none)."""
        self.digits_end = digits_end
        """Where the digit token itself ends (before any scale word)."""

    def for_unit(self, *, count: bool) -> Number:
        """The value to report for a unit that counts (``count=True``) or measures."""
        return self.count_value if count else self.value

    def _fields(self) -> tuple[int, int, Number, Number, int, int]:
        return self.start, self.end, self.value, self.count_value, self.scale, self.digits_end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Amount) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Amount(start={self.start!r}, end={self.end!r}, value={self.value!r}, "
                f"count_value={self.count_value!r}, scale={self.scale!r}, digits_end={self.digits_end!r})")


def to_number(value: Decimal) -> Number:
    """``int`` when ``value`` is whole, else ``float``.

    Example:
        >>> to_number(Decimal("1824800.0")), to_number(Decimal("99.54"))
        (1824800, 99.54)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _thousands(groups: list[str]) -> bool:
    if not 1 <= len(groups[0]) <= 3:
        return False
    for group in groups[1:]:  # noqa: SIM110 - a loop, not all(): most tokens have one or two groups
        if len(group) != 3:
            return False
    return True


def _digit_texts(token: str, *, checked: bool = False) -> tuple[str, str] | None:
    """(plain reading, counting reading) of one digit token as plain decimals (``1824.8``), or ``None``.

    ``checked`` says the token is already known to match :data:`DIGITS`.
    The readings are strings: a caller with no scale word turns them into
    numbers directly (:func:`_number_of`), one with a scale word into
    :class:`~decimal.Decimal` (:func:`_digit_readings`).
    """
    if not token or len(token) > _MAX_TOKEN:
        return None
    if token.isdecimal():
        # looked at first: most tokens are plain digits, and str.isdecimal is
        # exactly the \d of DIGITS, so no pattern needs to check them
        return token, token
    if not checked and not DIGITS.fullmatch(token):
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal_mark = "," if token.rfind(",") > token.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, fraction = token.rpartition(decimal_mark)
        if decimal_mark in whole or not _thousands(whole.split(group_mark)):
            return None
        value = whole.replace(group_mark, "") + "." + fraction
        return value, value
    mark = "." if dots else ","
    groups = token.split(mark)
    if len(groups) > 2:
        if not _thousands(groups):
            return None
        value = "".join(groups)
        return value, value
    head, tail = groups
    grouped, as_decimal = head + tail, head + "." + tail
    if mark == ".":
        if len(tail) == 3:
            return (grouped, grouped) if len(head) <= 3 else None
        return as_decimal, as_decimal
    if len(tail) == 3 and len(head) <= 3:
        if tail == "000":
            return grouped, grouped
        return as_decimal, grouped
    return as_decimal, as_decimal


def _digit_readings(token: str, *, checked: bool = False) -> tuple[Decimal, Decimal] | None:
    """(plain reading, counting reading) of one digit token, or ``None``.

    ``checked`` says the token is already known to match :data:`DIGITS`.
    """
    texts = _digit_texts(token, checked=checked)
    if texts is None:
        return None
    return Decimal(texts[0]), Decimal(texts[1])


def _number_of(plain: str) -> Number:
    """``to_number(Decimal(plain))`` for a reading of :func:`_digit_texts`, without the Decimal.

    Whole when every decimal is a zero (``45.0`` is 45); otherwise ``float``
    parses the same digits to the same nearest double as ``Decimal`` does.
    """
    whole, _, fraction = plain.partition(".")
    if fraction.strip("0"):
        return float(plain)
    return int(whole)


def parse_number(token: str, *, count: bool = False) -> Number | None:
    """The value of one digit token such as ``63.021`` or ``99,54``, or ``None``.

    Args:
        token: digits with ``.``/``,`` marks, nothing else (no spaces, no sign).
        count: the token counts whole things (``học sinh``, ``xã``), so a lone
            ``a,bbb`` is read as thousands; see the module's rules.

    Returns:
        ``int`` when whole, ``float`` otherwise; ``None`` when the token is not
        a well-formed number (``2.2.1``, ``1.2,3.4``, ``0912.345.678``).

    Example:
        >>> parse_number("63.021"), parse_number("1.824,8"), parse_number("07")
        (63021, 1824.8, 7)
        >>> parse_number("10,000"), parse_number("10,500"), parse_number("10,500", count=True)
        (10000, 10.5, 10500)
        >>> parse_number("25.15.2") is None
        True
    """
    if token.isdecimal() and len(token) <= _MAX_TOKEN:
        return int(token)  # plain digits, most tokens: both readings are the integer
    texts = _digit_texts(token)
    if texts is None:
        return None
    return _number_of(texts[1] if count else texts[0])


def read_amount(text: str, pos: int) -> Amount | None:
    """Read a digit token at ``pos`` with the scale words that follow it.

    Args:
        text: the text.
        pos: where the digit token starts.

    Returns:
        The :class:`Amount`, or ``None`` when no well-formed number starts at ``pos``.

    Example:
        >>> a = read_amount("đạt 32.489 tỷ đồng", 4)
        >>> a.value, "đạt 32.489 tỷ đồng"[a.start:a.end]
        (32489000000000, '32.489 tỷ')
    """
    m = DIGITS.match(text, pos)
    if m is None:
        return None
    return read_token_amount(text, pos, m.end())


def read_token_amount(text: str, pos: int, digits_end: int) -> Amount | None:
    """:func:`read_amount` for a digit token already found at ``text[pos:digits_end]``.

    ``text[pos:digits_end]`` must be a whole match of :data:`DIGITS`: a scanner
    that finds the tokens with ``DIGITS.finditer`` spares matching each one twice.

    Example:
        >>> read_token_amount("đạt 32.489 tỷ đồng", 4, 10).value
        32489000000000
    """
    token = text[pos:digits_end]
    end = digits_end
    s = _scale_after(text, end)
    if s is None:
        # the common case, kept off the Decimal path: no scale word
        if token.isdigit() and len(token) <= _MAX_TOKEN:
            plain = int(token)
            return Amount(pos, end, plain, plain, 1, end)
        texts = _digit_texts(token, checked=True)
        if texts is None:
            return None
        return Amount(pos, end, _number_of(texts[0]), _number_of(texts[1]), 1, end)
    readings = _digit_readings(token, checked=True)
    if readings is None:
        return None
    value, count_value = readings
    scale = 1
    while s is not None:
        word_scale = SCALE_WORDS[s.group(1)]
        # "chục" and "trăm" only multiply a bare number ("3 trăm"), never a
        # scale already read ("triệu trăm" is not Vietnamese)
        if scale > 1 and word_scale <= 100:
            break
        scale *= word_scale
        end = s.end()
        s = _scale_after(text, end)
    total, count_total = value * scale, count_value * scale
    last_scale = scale
    if scale > 1:
        end, total, count_total, last_scale = _read_compound(text, end, total, count_total, scale)
        h = _HALF_AFTER.match(text, end)
        if h is not None:
            total += last_scale * _HALF
            count_total += last_scale * _HALF
            end = h.end()
    return Amount(start=pos, end=end, value=to_number(total), count_value=to_number(count_total),
                  scale=scale, digits_end=digits_end)


def _scale_after(text: str, end: int) -> re.Match[str] | None:
    """:data:`_SCALE_AFTER` matched at ``end``, its first letter looked at first.

    Most numbers have no scale word: the letter after the (optional) space or
    tab spares them the pattern match.
    """
    length = len(text)
    first = end + 1 if end < length and text[end] in _BLANKS else end
    if first >= length or text[first] not in _SCALE_FIRST:
        return None
    return _SCALE_AFTER.match(text, end)


def _read_compound(text: str, end: int, total: Decimal, count_total: Decimal, scale: int
                   ) -> tuple[int, Decimal, Decimal, int]:
    """Add ``300 triệu`` after ``2 tỷ``: further groups with strictly smaller scales."""
    last = scale
    while (c := _COMPOUND_AFTER.match(text, end)) is not None:
        part_scale = SCALE_WORDS[c.group(2)]
        readings = _digit_readings(c.group(1))
        if readings is None or part_scale >= last or readings[0] * part_scale >= last:
            break
        total += readings[0] * part_scale
        count_total += readings[1] * part_scale
        last = part_scale
        end = c.end()
    return end, total, count_total, last


# --- number words -----------------------------------------------------------

_DIGIT_WORDS: dict[str, int] = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# Forms a digit takes only in the units place after "mươi"/"mười"/"linh":
# "hai mươi mốt" (21), "hai mươi tư" (24), "mười lăm" (15).
_UNIT_ONLY_WORDS: dict[str, int] = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_BIG_SCALES: dict[str, int] = {"nghìn": 1_000, "ngàn": 1_000, "vạn": 10_000,
                               "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_WORD_SPLIT: Final = re.compile(r"[\s-]+")


class _WordNumber:
    """State of a left-to-right reading of Vietnamese number words."""

    def __init__(self) -> None:
        self.total = Decimal(0)      # finished groups (thousands and above)
        self.last_group = Decimal(0)  # the group last added to total, for "nghìn tỷ"
        self.section = Decimal(0)    # the part below the next scale word
        self.digit: Decimal | None = None
        self.after_tens = False      # "mươi"/"mười" read: a units word may follow
        self.after_linh = False      # "linh"/"lẻ" read: a units digit must follow
        self.last_scale = 0          # the last scale word read, for "rưỡi"
        self.prev = ""               # the previous word
        self.words = 0

    def feed(self, word: str) -> bool:
        """Take one word; ``False`` when it cannot continue a number."""
        ok = self._feed(word)
        self.prev = word
        self.words += 1
        return ok

    def _feed(self, word: str) -> bool:
        if word in _DIGIT_WORDS or (word in _UNIT_ONLY_WORDS and (self.after_tens or self.after_linh)):
            return self._digit_word(word)
        if word == "mười":
            if self.digit is not None or self.after_tens:
                return False
            self.section += 10
            self.after_tens, self.after_linh = True, False
            return True
        if word in ("mươi", "chục"):
            if self.digit is None and word == "mươi":
                return False
            self.section += (self.digit if self.digit is not None else _ONE) * 10
            self.digit, self.after_tens = None, word == "mươi"
            return True
        if word == "trăm":
            if self.section:
                return False
            self.section = (self.digit if self.digit is not None else _ONE) * 100
            self.digit, self.after_tens, self.last_scale = None, False, 100
            return True
        if word in ("linh", "lẻ"):
            if self.prev != "trăm" and self.prev not in _BIG_SCALES:
                return False
            self.after_linh = True
            return True
        if word in _BIG_SCALES:
            return self._scale_word(_BIG_SCALES[word])
        if word == "rưỡi":
            return self._half()
        return False

    def _digit_word(self, word: str) -> bool:
        if self.digit is not None:
            return False
        value = _DIGIT_WORDS.get(word, _UNIT_ONLY_WORDS.get(word, 0))
        if self.after_tens or self.after_linh:
            self.section += value
            self.after_tens = self.after_linh = False
            self.last_scale = 0
            return True
        self.digit = Decimal(value)
        self.last_scale = 0
        return True

    def _scale_word(self, scale: int) -> bool:
        group = self.section + (self.digit if self.digit is not None else 0)
        if self.prev in _BIG_SCALES and not group:
            # "nghìn tỷ": the second scale multiplies the group just closed
            self.total += self.last_group * (scale - 1)
            self.last_group *= scale
        else:
            if not group:
                group = _ONE  # "triệu người" = one million people
            self.last_group = group * scale
            self.total += self.last_group
        self.section, self.digit = Decimal(0), None
        self.after_tens = self.after_linh = False
        self.last_scale = scale
        return True

    def _half(self) -> bool:
        if not self.last_scale or self.digit is not None or self.after_linh:
            return False
        if self.last_scale == 100:
            self.section += 50
        else:
            self.total += Decimal(self.last_scale) / 2
        self.last_scale = 0
        return True

    def value(self) -> Decimal | None:
        if self.words == 0 or self.after_linh:
            return None
        return self.total + self.section + (self.digit if self.digit is not None else 0)


def parse_number_words(text: str) -> Number | None:
    """The value of a number written in Vietnamese words, or ``None``.

    Reads ``một`` … ``chín``, ``mười``/``mươi``, ``mốt``/``tư``/``lăm`` in the
    units place, ``linh``/``lẻ`` (no tens), ``trăm``, ``chục``, ``nghìn``/``ngàn``,
    ``vạn``, ``triệu``, ``tỷ``/``tỉ`` and ``rưỡi`` (half of the unit before it).
    The whole text must be number words.

    Example:
        >>> parse_number_words("hai mươi lăm"), parse_number_words("một trăm linh năm")
        (25, 105)
        >>> parse_number_words("ba mươi mốt"), parse_number_words("hai triệu rưỡi")
        (31, 2500000)
        >>> parse_number_words("một nghìn chín trăm"), parse_number_words("mười lăm")
        (1900, 15)
        >>> parse_number_words("hai nghìn tỷ"), parse_number_words("hai ba") is None
        (2000000000000, True)
    """
    state = _WordNumber()
    for word in _WORD_SPLIT.split(text.strip().lower()):
        if not word or not state.feed(word):
            return None
    value = state.value()
    return None if value is None else to_number(value)


# --- amounts and ranges -------------------------------------------------------

def parse_amount(text: str) -> Number | None:
    """The value of a number with its scale words, in digits or in words.

    Example:
        >>> parse_amount("1,5 triệu"), parse_amount("2 tỷ 300 triệu"), parse_amount("3 triệu rưỡi")
        (1500000, 2300000000, 3500000)
        >>> parse_amount("1.824,8 nghìn"), parse_amount("hai mươi"), parse_amount("abc") is None
        (1824800, 20, True)
    """
    stripped = text.strip()
    if stripped[:1].isdigit():
        amount = read_amount(stripped, 0)
        if amount is None or amount.end != len(stripped):
            return None
        return amount.value
    return parse_number_words(stripped)


_RANGE_SEPARATOR: Final = re.compile(r"[ \t]*(?:-|–|—|~)[ \t]*|[ \t]+(?:đến|tới)[ \t]+")
_FROM: Final = re.compile(r"từ[ \t]+")


def parse_range(text: str) -> tuple[Number, Number] | None:
    """The two ends of a range such as ``10-12 triệu`` or ``từ 5 đến 10 triệu``.

    A scale word written only after the high end applies to both ends when
    that keeps the low end below the high one (``10-12 triệu``).

    Returns:
        ``(low, high)`` with ``low < high``, or ``None``.

    Example:
        >>> parse_range("từ 5 đến 10 triệu"), parse_range("4-5"), parse_range("5-4") is None
        ((5000000, 10000000), (4, 5), True)
        >>> parse_range("1,5 - 2 tỷ"), parse_range("800 - 1 triệu")
        ((1500000000, 2000000000), (800, 1000000))
    """
    stripped = text.strip()
    start = _FROM.match(stripped)
    if start is not None:
        stripped = stripped[start.end():]
    sep = _RANGE_SEPARATOR.search(stripped)
    if sep is None:
        return None
    low_text, high_text = stripped[:sep.start()], stripped[sep.end():]
    low, high = parse_amount(low_text), parse_amount(high_text)
    if low is None or high is None:
        return None
    high_amount = read_amount(high_text, 0) if high_text[:1].isdigit() else None
    if high_amount is not None and DIGITS.fullmatch(low_text):
        # the low end has no scale word of its own: it shares the high end's
        low = share_scale(low, high, high_amount.scale)
    if not low < high:
        return None
    return low, high


def share_scale(low: Number, high: Number, scale: int) -> Number:
    """``low`` times the high end's scale when that keeps ``low`` below ``high``.

    Example:
        >>> share_scale(10, 12000000, 1000000), share_scale(800, 1000000, 1000000)
        (10000000, 800)
    """
    if scale <= 1:
        return low
    scaled = to_number(Decimal(str(low)) * scale)
    return scaled if scaled < high else low


def share_groups(low_token: str, low: Number, high_token: str, high: Number) -> Number:
    """The low end of ``250-280.000`` read as 250 000: it shares the high end's thousands groups.

    Writers drop the repeated ``.000`` of the low end. The low end is scaled
    only when it is a bare number and the result falls just below the high end
    (within one order of magnitude); ``100-1.000`` stays 100.

    Example:
        >>> share_groups("250", 250, "280.000", 280000), share_groups("100", 100, "1.000", 1000)
        (250000, 100)
    """
    if not low_token.isdigit() or low_token.startswith("0"):
        return low
    # only Vietnamese thousands dots count: "1,5" or "1.824,8" has no whole groups to share
    groups = high_token.count(".") if "," not in high_token else 0
    if groups == 0 or not isinstance(low, int):
        return low
    scaled = low * 1000 ** groups
    return scaled if scaled <= high < scaled * 10 else low

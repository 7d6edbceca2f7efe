"""Vietnamese numerals: digit tokens, number words, amounts with scale words, ranges.

Each row has an id and the reason it is there; the tokens come from the dev
gold (``gold-*``) and the baomoi-2017 news archive (``bm-*``). A known miss is
``xfail`` with its reason.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpolicy.numbers import (
    Amount,
    parse_amount,
    parse_number,
    parse_number_words,
    parse_range,
    read_amount,
    share_groups,
)
from vnpolicy.records import Number


def row(id_: str, text: str, expected: object, reason: str,
        *marks: pytest.MarkDecorator) -> object:
    return pytest.param(text, expected, id=id_, marks=marks)


def known_miss(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


NUMBER_TOKENS = [
    row("gold-dot-thousands", "63.021", 63021, "a dot groups thousands (63.021 ha)"),
    row("gold-comma-decimal", "99,54", 99.54, "a comma is the decimal mark (99,54%)"),
    row("gold-three-groups", "12.523.060", 12523060, "several thousands groups"),
    row("gold-both-marks", "1.824,8", 1824.8, "thousands dots, then the decimal comma"),
    row("gold-four-groups", "126.821.490.000", 126821490000, "a lottery jackpot in đồng"),
    row("gold-leading-zero", "07", 7, "legal texts pad counts: từ đủ 07 tuổi"),
    row("gold-plain", "1900", 1900, "a plain count without a dot (trên 1900 dịch vụ)"),
    row("bm-english-decimal", "3.9", 3.9, "one or two digits after a lone dot: a decimal point (3.9 triệu USD)"),
    row("bm-english-decimal-2", "5.6", 5.6, "cử tri bỏ phiếu đứng ở mức 5.6%"),
    row("bm-english-both", "1,824.8", 1824.8, "English marks: commas group, the last dot is decimal"),
    row("bm-english-thousands", "1,234,567", 1234567, "several commas: English thousands"),
    row("gold-comma-000", "10,000", 10000, "',000' is never a decimal: Hơn 10,000 học sinh"),
    row("bm-comma-three", "4,107", 4.107, "a,bbb of a measure is Vietnamese: 4,107 triệu đồng/tấn"),
    row("bm-zero-decimal", "0,45", 0.45, "a fraction of a percent"),
    row("bm-decimal-int", "2,0", 2, "a whole value is an int"),
    row("bad-section", "25.15.2", None, "a section number, not a number (Điều 25.15.2)"),
    row("bad-phone", "0912.345.678", None, "a phone number: four digits before the first dot"),
    row("bad-mixed", "1.2,3.4", None, "marks in no consistent order"),
    row("bad-empty", "", None, "empty text"),
    row("bad-letters", "12a", None, "letters are not part of a number token"),
    row("bad-space", "1 000", None, "a space is not a separator here"),
    row("bad-sign", "-5", None, "the sign is read by the quantity finder, not here"),
    row("bad-trailing-dot", "5.", None, "a separator must be followed by a digit"),
    row("bad-long", "1" * 60, None, "longer tokens are codes, not amounts"),
]


@pytest.mark.parametrize(("token", "expected"), NUMBER_TOKENS)
def test_parse_number(token: str, expected: Number | None) -> None:
    got = parse_number(token)
    assert got == expected
    if expected is not None:
        assert type(got) is type(expected), "whole values are int, others float"


@pytest.mark.parametrize(("token", "expected"), [
    row("gold-count-thousands", "10,500", 10500, "half a pupil is no reading: a count reads a,bbb as thousands"),
    row("gold-count-dot", "2.511", 2511, "dots group thousands for counts as for measures"),
    row("gold-count-decimal", "1,5", 1.5, "a one-digit tail stays a decimal"),
])
def test_parse_number_for_counts(token: str, expected: Number) -> None:
    assert parse_number(token, count=True) == expected


@pytest.mark.parametrize(("text", "expected"), [
    row("gold-hai-muoi-lam", "hai mươi lăm", 25, "lăm is five after mươi"),
    row("gold-linh", "một trăm linh năm", 105, "linh: no tens"),
    row("bm-le", "hai trăm lẻ ba", 203, "lẻ is the southern linh"),
    row("bm-mot", "ba mươi mốt", 31, "mốt is one after mươi"),
    row("bm-tu", "hai mươi tư", 24, "tư is four after mươi"),
    row("bm-muoi-lam", "mười lăm", 15, "mười is ten"),
    row("bm-muoi-hai", "mười hai", 12, "lớp mười hai"),
    row("bm-rưỡi-million", "hai triệu rưỡi", 2500000, "rưỡi is half of the unit before it"),
    row("bm-rưỡi-hundred", "một trăm rưỡi", 150, "half of a hundred"),
    row("bm-thousand-nine-hundred", "một nghìn chín trăm", 1900, "groups add up"),
    row("bm-ngan", "năm ngàn", 5000, "ngàn is the southern nghìn"),
    row("bm-nghin-ty", "hai nghìn tỷ", 2000000000000, "consecutive scale words multiply"),
    row("bm-ty-trieu", "một tỷ hai trăm triệu", 1200000000, "a smaller scale after a larger one adds"),
    row("bm-khong-tram", "một nghìn không trăm linh năm", 1005, "không trăm keeps the hundreds place"),
    row("bm-chuc", "hai chục", 20, "chục is ten"),
    row("bm-capital", "Hai mươi", 20, "case does not matter"),
    row("bad-two-digits", "hai ba", None, "two digits in a row are not one number"),
    row("bad-word", "hai người", None, "every word must be a number word"),
    row("bad-tu-alone", "tư", None, "tư alone is not four (it is 'private', 'fourth')"),
    row("bad-linh-first", "linh năm", None, "linh needs a hundred before it"),
    row("bad-dangling-linh", "một trăm linh", None, "linh needs a digit after it"),
    row("bad-empty-words", "", None, "empty text"),
])
def test_parse_number_words(text: str, expected: Number | None) -> None:
    assert parse_number_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    row("gold-ty", "32.489 tỷ", 32489000000000, "a scale word multiplies"),
    row("gold-nghin", "1.824,8 nghìn", 1824800, "exact arithmetic: no 1824800.0000000002"),
    row("gold-trieu-decimal", "1,5 triệu", 1500000, "decimal comma then scale"),
    row("bm-english-scale", "3.9 triệu", 3900000, "a lone short dot group before a scale word is a decimal"),
    row("bm-compound", "2 tỷ 300 triệu", 2300000000, "a smaller scale group after a larger one adds"),
    row("bm-half", "3 triệu rưỡi", 3500000, "rưỡi after a scale word"),
    row("bm-trieu-ty", "1,64 triệu tỉ", 1640000000000000, "triệu tỉ multiplies"),
    row("bm-words", "hai mươi", 20, "number words go through parse_number_words"),
    row("bm-tram", "5 trăm", 500, "trăm after digits"),
    row("bad-amount", "abc", None, "not a number"),
    row("bad-trailing", "5 triệu người", None, "the whole text must be the amount"),
])
def test_parse_amount(text: str, expected: Number | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    row("gold-shared-scale", "10-12 triệu", (10000000, 12000000), "the low end takes the scale word of the high end"),
    row("gold-tu-den", "từ 5 đến 10 triệu", (5000000, 10000000), "từ ... đến ..."),
    row("gold-dash", "4-5", (4, 5), "a plain range"),
    row("gold-spaced-dash", "1 - 6", (1, 6), "spaces around the dash"),
    row("gold-toi", "7 tới 16", (7, 16), "tới links a range too"),
    row("bm-decimal-range", "1,5 - 2 tỷ", (1500000000, 2000000000), "decimals share the scale"),
    row("bm-no-share", "800 - 1 triệu", (800, 1000000), "sharing would put the low end above the high end"),
    row("bm-en-dash", "20–25", (20, 25), "an en dash"),
    row("bad-descending", "5-4", None, "a range goes up"),
    row("bad-equal", "4-4", None, "two equal ends are not a range"),
    row("bad-no-separator", "4 5", None, "no separator"),
    row("bad-words", "a-b", None, "no numbers"),
])
def test_parse_range(text: str, expected: tuple[Number, Number] | None) -> None:
    assert parse_range(text) == expected


def test_read_amount_stops_at_tỷ_lệ() -> None:
    """``tỷ lệ`` (a rate) is not the scale word ``tỷ``: ``5 tỷ lệ`` stays 5."""
    amount = read_amount("nhóm 5 tỷ lệ khác nhau", 5)
    assert amount is not None
    assert (amount.value, amount.end) == (5, 6)


def test_read_amount_counting_reading() -> None:
    """The plain and the counting reading of ``10,500`` both travel with the amount."""
    amount = read_amount("10,500 học sinh", 0)
    assert amount is not None
    assert (amount.for_unit(count=False), amount.for_unit(count=True)) == (10.5, 10500)


@pytest.mark.parametrize(("low_token", "high_token", "expected"), [
    # 250-280.000 đồng/kg: the low end drops its repeated .000
    pytest.param("250", "280.000", 250000, id="bm-shared-thousands"),
    # 100-1.000 người: the low end is already in range
    pytest.param("100", "1.000", 100, id="bm-no-share-wide"),
    # a decimal high end has no whole groups to share
    pytest.param("5", "7,5", 5, id="bm-no-share-decimal"),
])
def test_share_groups(low_token: str, high_token: str, expected: Number) -> None:
    low, high = parse_number(low_token), parse_number(high_token)
    assert low is not None and high is not None
    assert share_groups(low_token, low, high_token, high) == expected


# --- properties -------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=10**15))
def test_vietnamese_thousands_round_trip(n: int) -> None:
    """Any count written with thousands dots reads back exactly."""
    assert parse_number(f"{n:,}".replace(",", ".")) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole: int, hundredths: int) -> None:
    text = f"{whole:,}".replace(",", ".") + f",{hundredths:02d}"
    assert parse_number(text) == pytest.approx(whole + hundredths / 100)


@given(st.text(alphabet="0123456789.,", max_size=60))
def test_parse_number_never_raises(token: str) -> None:
    value = parse_number(token)
    assert value is None or isinstance(value, int | float)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_word_and_range_parsers_never_raise(text: str) -> None:
    parse_number_words(text)
    parse_amount(text)
    parse_range(text)


@pytest.mark.parametrize("text", [
    pytest.param("1." * 500_000, id="1MB-digits-and-dots"),
    pytest.param("9" * 1_000_000, id="1MB-of-digits"),
    pytest.param("-" * 100_000, id="100k-dashes"),
])
def test_pathological_input_is_fast(text: str) -> None:
    start = time.perf_counter()
    parse_range(text)
    read_amount(text, 0)
    assert time.perf_counter() - start < 1.0


def test_an_amount_compares_and_hashes_by_value() -> None:
    # a plain class (built natively when compiled) that keeps the value semantics of a dataclass
    read = read_amount("Tổng vốn đạt 32.489 tỷ đồng", 13)
    expected = Amount(start=13, end=22, value=32489000000000, count_value=32489000000000, scale=10**9,
                      digits_end=19)
    assert read == expected and hash(read) == hash(expected) and len({read, expected}) == 1
    assert read != Amount(13, 22, 32489000000000, 32489000000000, 10**9, 18)
    assert repr(read) == ("Amount(start=13, end=22, value=32489000000000, count_value=32489000000000, "
                          "scale=1000000000, digits_end=19)")
    assert read.for_unit(count=True) == 32489000000000

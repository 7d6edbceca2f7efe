"""Indicators on real sentences: measure, period, place, and fraction-percent checks.

The number and time mentions come from the gold annotation of each sentence, so
these cases test the indicator logic alone, whatever the number extractor does.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpolicy.indicators import _NUMBER_AND_SCALE, _unit_start, find_indicators
from vnpolicy.records import DateMention, Fraction, Percent, Period, Quantity
from vnpolicy.text import sentence_spans


def q(text: str, sub: str, value: float, unit: str) -> Quantity:
    start = text.index(sub)
    return Quantity(start=start, end=start + len(sub), text=sub, value=value, unit=unit)


def pct(text: str, sub: str, value: float) -> Percent:
    start = text.index(sub)
    return Percent(start=start, end=start + len(sub), text=sub, value=value)


def frac(text: str, sub: str, num: int, den: int, unit: str | None) -> Fraction:
    start = text.index(sub)
    return Fraction(start=start, end=start + len(sub), text=sub, numerator=num, denominator=den, unit=unit)


def date(text: str, sub: str, value: str, grain: str) -> DateMention:
    start = text.index(sub)
    return DateMention(start=start, end=start + len(sub), text=sub, value=value, grain=grain)


S1 = ("Nổi bật là đã phát huy nội lực của nhân dân, toàn tỉnh đã có 41 xã được công nhận đạt chuẩn nông thôn mới; "
      "Thành phố Sơn La hoàn thành nhiệm vụ xây dựng nông thôn mới.")
S2 = ("Thực hiện đề án phát triển cây ăn quả, toàn tỉnh có 63.021 ha cây ăn quả, sản lượng năm 2019 đạt "
      "410.000 tấn; đã xuất khẩu sang 12 nước.")
S3 = "Điều này dẫn tới tỉ lệ hồ sơ trễ hẹn lên đến hơn 30%."
S4 = ("Tuy nhiên đến ngày 8/3/2017 mới chỉ có 23/28 bộ, cơ quan trung ương và 19/50 địa phương báo cáo về "
      "Bộ Tài chính phương án xử lý.")
S6 = "Các xe này có sức chứa 60 chỗ, mang logo, màu sơn, nhận diện thương hiệu màu sơn xanh nước biển."
S7 = "Tôm Việt Nam đã xuất khẩu sang 90 thị trường trên thế giới."
S8 = "Cụ thể, Bộ Tài chính thanh lý 93 chiếc."
S9 = "Toàn cảnh biệt phủ rộng 1,3 ha của Giám đốc Sở TN&MT Yên Bái Phạm Sỹ Quý."
S10 = "Cảnh sát Italy ngày 7/2 đã bắt giữ 46 đối tượng thuộc nhóm tội phạm Casalesi."
S11 = "Dự kiến vào năm 2022 sẽ bổ sung nguồn cung 1,4 tỷ m3 khí."
S12 = ("Trong ảnh là Simon Wong, một người đàn ông 61 tuổi thất nghiệp ở Hồng Kông đang sống trong một căn hộ "
       "hình hộp siêu nhỏ.")
S13 = "Góp mặt trong ngày hội là anh Arnaud Lemonnier, 32 tuổi mang quốc tịch Pháp."
S14 = ("Trong khi đó phần chi trả chính của người chồng là 73% cho các loại đồ uống có cồn cũng như 69% cho việc "
       "bảo dưỡng, sửa chữa các phương tiện đi lại trong gia đình.")
S15 = ("Từ khi thực hiện Luật BHYT, tỷ lệ bao phủ BHYT đã tăng trưởng khá nhanh, từ 60% (tương ứng với "
       "52,4 triệu người) vào năm 2010.")
S16 = ("Học phí cho năm học 2019-20 từ mẫu giáo đến lớp mười hai là 52.300 đô la mỗi năm, chưa bao gồm một số "
       "phí bổ sung.")
S17 = "Theo camera ngân hàng, vụ cướp diễn ra trong 17 giây."
S18 = "Số doanh nghiệp tạm ngừng hoạt động trong 5 tháng đầu năm là 32.148 doanh nghiệp, tăng 12,5% so với cùng kỳ."
S5 = "Năm 2017, Tổng cục Hải quan được giao dự toán thu NSNN là 285.000 tỷ đồng, tăng 5,6% so với dự toán 2016."

CASES = [
    # id, text, number mentions, time mentions, expected (value_text, measure, period, location), reason
    ("counted-noun-clause", S1, [q(S1, "41 xã", 41, "xã")], [],
     [("41 xã", "xã được công nhận đạt chuẩn nông thôn mới", None, "toàn tỉnh")],
     "a counted noun is measured by itself and the clause that qualifies it"),
    ("amount-then-noun", S2, [q(S2, "63.021 ha", 63021, "ha"), q(S2, "410.000 tấn", 410000, "tấn"),
                              q(S2, "12 nước", 12, "nước")], [date(S2, "năm 2019", "2019", "year")],
     [("63.021 ha", "cây ăn quả", None, "toàn tỉnh"), ("410.000 tấn", "sản lượng", "2019", "toàn tỉnh"),
      ("12 nước", "xuất khẩu", None, "toàn tỉnh")],
     "an amount names its object after the unit, or its measure before the number; the year is in the clause"),
    ("percent-left", S3, [pct(S3, "30%", 30)], [],
     [("30%", "tỉ lệ hồ sơ trễ hẹn", None, None)],
     "a percent is measured by the phrase before it, less the link words lên đến hơn"),
    ("fractions-in-a-list", S4, [frac(S4, "23/28", 23, 28, "bộ"), frac(S4, "19/50", 19, 50, "địa phương")],
     [date(S4, "ngày 8/3/2017", "2017-03-08", "day")],
     [("23/28", "bộ, cơ quan trung ương", "2017-03-08", None),
      ("19/50", "địa phương báo cáo", "2017-03-08", None)],
     "a time in the same clause is the figure's period"),
    ("adverbial-year", S5, [q(S5, "285.000 tỷ đồng", 285_000_000_000_000, "VND"), pct(S5, "5,6%", 5.6)],
     [date(S5, "Năm 2017", "2017", "year"), date(S5, "dự toán 2016", "2016", "year")],
     [("285.000 tỷ đồng", "dự toán thu NSNN", "2017", None), ("5,6%", "dự toán thu NSNN", "2017", None)],
     "a time set off by a comma opens the statement; a year after so với is a comparison, not the period; "
     "a bare change verb (tăng 5,6%) measures the statistic before it"),
    ("measure-noun-after-verb", S6, [q(S6, "60 chỗ", 60, "chỗ")], [],
     [("60 chỗ", "Các xe này có sức chứa", None, None)],
     "a measure noun (sức chứa) before a count is the measure, with what has it (có stays in the phrase)"),
    ("measure-noun-object", S11, [q(S11, "1,4 tỷ m3", 1.4e9, "m3")], [date(S11, "năm 2022", "2022", "year")],
     [("1,4 tỷ m3", "nguồn cung", "2022", None)],
     "the object of sẽ bổ sung is the measure, not the verb phrase"),
    ("count-through-preposition", S7, [q(S7, "90 thị trường", 90, "thị trường")], [],
     [("90 thị trường", "xuất khẩu", None, "Việt Nam")],
     "a count reached through sang is measured by the verb before it"),
    ("generic-classifier", S8, [q(S8, "93 chiếc", 93, "chiếc")], [], [("93 chiếc", "thanh lý", None, None)],
     "a classifier names nothing: what is done to it is the measure"),
    ("size-adjective", S9, [q(S9, "1,3 ha", 1.3, "ha")], [], [("1,3 ha", "Toàn cảnh biệt phủ", None, "Yên Bái")],
     "the size word rộng links the measure to the number and is not part of it"),
    ("content-noun", S10, [q(S10, "46 đối tượng", 46, "đối tượng")], [date(S10, "ngày 7/2", "XXXX-02-07", "day")],
     [("46 đối tượng", "đối tượng thuộc nhóm tội phạm Casalesi", "XXXX-02-07", None)],
     "a noun with content is its own measure, with the clause that qualifies it"),
    ("age-of-a-person", S12, [q(S12, "61 tuổi", 61, "tuổi")], [],
     [("61 tuổi", "người đàn ông", None, None)],
     "an age measures the person just before it, less the numeral một"),
    ("age-after-a-comma", S13, [q(S13, "32 tuổi", 32, "tuổi")], [],
     [("32 tuổi", "anh Arnaud Lemonnier", None, None)],
     "an age set off by a comma is of the phrase before the comma, after its copula là"),
    ("copula-subject", S14, [pct(S14, "73%", 73), pct(S14, "69%", 69)], [],
     [("73%", "phần chi trả chính của người chồng", None, None),
      ("69%", "phần chi trả chính của người chồng", None, None)],
     "before là the whole subject is the measure, của included; cũng như puts a percent beside the one before"),
    ("measure-noun-before-comma", S15, [pct(S15, "60%", 60), q(S15, "52,4 triệu người", 52_400_000, "người")],
     [date(S15, "năm 2010", "2010", "year")],
     [("60%", "tỷ lệ bao", "2010", None), ("52,4 triệu người", "tỷ lệ bao", "2010", None)],
     "a figure with only link words before its comma takes the phrase of the measure noun before the comma; "
     "a bare count of people restates the figure before it"),
    ("time-inside-the-measure", S16, [q(S16, "52.300 đô la", 52300, "USD")],
     [Period(start=S16.index("năm học 2019-20"), end=S16.index("năm học 2019-20") + 15, text="năm học 2019-20",
             from_="2019", to="2020")],
     [("52.300 đô la", "Học phí", "2019/2020", None)],
     "a time inside the phrase before a figure is its period: the measure stops before it and its preposition"),
    ("no-dangling-preposition", S17, [q(S17, "17 giây", 17, "giây")], [], [("17 giây", "vụ cướp diễn ra", None, None)],
     "a measure never ends on a preposition or conjunction"),
    ("count-after-copula", S18, [q(S18, "32.148 doanh nghiệp", 32148, "doanh nghiệp")],
     [Period(start=S18.index("5 tháng"), end=S18.index("5 tháng") + 15, text="5 tháng đầu năm", from_="XXXX-01",
             to="XXXX-05")],
     [("32.148 doanh nghiệp", "Số doanh nghiệp tạm ngừng hoạt động", "XXXX-01/XXXX-05", None)],
     "a count after là is measured by the subject of the copula"),
]


@pytest.mark.parametrize(("text", "numbers", "times", "expected"), [c[1:5] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_indicators_of_real_sentences(text: str, numbers: list[Quantity | Percent | Fraction],
                                      times: list[DateMention], expected: list[tuple[str, ...]]) -> None:
    quantities = [n for n in numbers if isinstance(n, Quantity)]
    percents = [n for n in numbers if isinstance(n, Percent)]
    fractions = [n for n in numbers if isinstance(n, Fraction)]
    got = find_indicators(text, quantities, percents, fractions, times, [], sentence_spans(text))
    assert [(i.value_text, i.measure, i.period, i.location) for i in got] == expected


@pytest.mark.parametrize(("fraction", "percent", "consistent"), [
    (("196/204", 196, 204), ("96%", 96), True),
    (("11.562/11.615", 11562, 11615), ("99,54%", 99.54), True),
    (("196/204", 196, 204), ("69%", 69), False),
], ids=["rounded", "two-decimals", "misreported"])
def test_fraction_and_percent_of_one_statistic_are_checked(fraction: tuple[str, int, int],
                                                           percent: tuple[str, float], consistent: bool) -> None:
    text = f"Đã hỗ trợ cho {fraction[0]} trường hợp, đạt {percent[0]}."
    f = frac(text, fraction[0], fraction[1], fraction[2], "trường hợp")
    p = pct(text, percent[0], percent[1])
    got = find_indicators(text, [], [p], [f], [], [], sentence_spans(text))
    assert [i.consistent for i in got] == [consistent, consistent]
    assert (got[0].linked_start, got[1].linked_start) == (p.start, f.start)
    assert got[1].measure == got[0].measure


def test_period_of_a_range_is_from_slash_to() -> None:
    text = "Giai đoạn 2018-2020, toàn tỉnh xây mới 120 trường học."
    period = Period(start=0, end=19, text="Giai đoạn 2018-2020", from_="2018", to="2020")
    got = find_indicators(text, [q(text, "120 trường", 120, "trường")], [], [], [], [period], sentence_spans(text))
    assert got[0].period == "2018/2020"


def test_no_numbers_no_indicators() -> None:
    assert find_indicators("Không có số liệu.", [], [], [], [], [], []) == []


def test_unit_reads_shared_with_the_numbers_change_nothing() -> None:
    from vnpolicy.quantities import UnitReads, find_numbers

    text = "Toàn tỉnh có 41 xã, 12 phường, 196/204 xã đạt 96%, 1.234 hộ, 45,5 ha cây ăn quả."
    reads = UnitReads(text)
    quantities, percents, fractions = find_numbers(text, units=reads)
    args = (text, quantities, percents, fractions, [], [], sentence_spans(text))
    shared = find_indicators(*args, units=reads)
    assert shared == find_indicators(*args)
    # reads of another text are a mistake, said as find_numbers says it
    with pytest.raises(ValueError, match="UnitReads of this very text"):
        find_indicators(*args, units=UnitReads("12 phường"))
    assert [i.measure for i in shared][:2] == ["xã", "phường"]


@pytest.mark.parametrize(("text", "location"), [
    ("Đến nay, toàn tỉnh có 41 xã đạt chuẩn nông thôn mới.", "toàn tỉnh"),
    ("Tỉnh Quảng Nam có 41 xã đạt chuẩn nông thôn mới.", "Tỉnh Quảng Nam"),
    ("Huyện có 41 xã đạt chuẩn nông thôn mới.", None),  # a prefix with no name after it names no place
    ("41 xã, 12 phường, 3 thị trấn", None),
])
def test_a_place_is_a_scope_or_a_name_not_a_prefix_alone(text: str, location: str | None) -> None:
    got = find_indicators(text, [q(text, "41 xã", 41, "xã")], [], [], [], [], sentence_spans(text))
    assert got[0].location == location


def _pattern_unit_start(q: Quantity) -> int:
    m = _NUMBER_AND_SCALE.match(q.text)
    return q.start + (m.end() if m else len(q.text))


@pytest.mark.parametrize("written", ["41 xã", "45,5 ha", "1.234 hộ", "10-12 triệu đồng", "5 nghìn tấn",
                                     "3 đến 5 ngày", "$5 triệu", "7  người", "2 tỷ đồng", "٣ xã"])
def test_unit_start_reads_as_the_pattern(written: str) -> None:
    mention = Quantity(start=4, end=4 + len(written), text=written, value=1, unit=None)
    assert _unit_start(mention) == _pattern_unit_start(mention)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789٣.,  \t\u00a0-–đếntớigàriệuỷỉăm xãhaTN$", min_size=1, max_size=16))
def test_unit_start_without_the_pattern_gives_the_pattern_s_answer(written: str) -> None:
    # the shortcut for ``41 xã`` must agree with the pattern on any text
    mention = Quantity(start=7, end=7 + len(written), text=written, value=1, unit=None)
    assert _unit_start(mention) == _pattern_unit_start(mention)

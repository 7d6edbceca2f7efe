"""Quantities, percents and fractions: real sentences with the mentions ANNOTATION.md asks for.

Rows come from the dev gold (``gold-*``), the baomoi-2017 news archive
(``bm-*``), the unc-news sample (``unc-*``) and the legal corpora (``law-*``);
each says why it is there. ``blocked`` lists the stretches that earlier
extractors (legal references, dates) take, as the pipeline passes them. A
known miss is ``xfail`` with its reason.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpolicy.errors import VnpolicyError
from vnpolicy.quantities import (
    MEASURE_KINDS,
    UNITS_PATH,
    UnitLexiconError,
    UnitMatch,
    UnitReads,
    default_lexicon,
    find_numbers,
    load_unit_lexicon,
    phrases_before,
)
from vnpolicy.records import Fraction, Mention, Number, Percent, Quantity
from vnpolicy.spans import SpanSet

QRow = tuple[str, Number, str | None, str | None, Number | None]  # text, value, unit, qualifier, value_to
PRow = tuple[str, Number, str | None, Number | None]  # text, value, qualifier, value_to
FRow = tuple[str, Number, Number, str | None]  # text, numerator, denominator, unit


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    quantities: tuple[QRow, ...] = ()
    percents: tuple[PRow, ...] = ()
    fractions: tuple[FRow, ...] = ()
    reason: str = ""
    blocked: tuple[str, ...] = ()
    marks: tuple[pytest.MarkDecorator, ...] = field(default_factory=tuple)


def known_miss(reason: str) -> tuple[pytest.MarkDecorator, ...]:
    return (pytest.mark.xfail(reason=reason, strict=True),)


def q(text: str, value: Number, unit: str | None, qualifier: str | None = None,
      value_to: Number | None = None) -> QRow:
    return (text, value, unit, qualifier, value_to)


CASES: list[Case] = [
    # ------------------------------------------------------------ counted nouns and units
    Case("gold-seed-counts",
         "toàn tỉnh có 586 HTX nông nghiệp trồng cây ăn quả; 2.511 doanh nghiệp, với tổng vốn đăng ký "
         "32.489 tỷ đồng.",
         quantities=(q("586 HTX", 586, "HTX"), q("2.511 doanh nghiệp", 2511, "doanh nghiệp"),
                     q("32.489 tỷ đồng", 32489000000000, "VND")),
         reason="an acronym noun, a two-word noun matched whole, money with its scale word"),
    Case("gold-area-mass",
         "toàn tỉnh có 63.021 ha cây ăn quả, sản lượng năm 2019 đạt 410.000 tấn; đã xuất khẩu sang 12 nước",
         quantities=(q("63.021 ha", 63021, "ha"), q("410.000 tấn", 410000, "tấn"), q("12 nước", 12, "nước")),
         blocked=("năm 2019",), reason="measures normalised; the year is the dates extractor's"),
    Case("gold-decimal-mass", "với 12 sản phẩm nông sản, sản lượng 8.679,8 tấn; hỗ trợ 5 dây chuyền sơ chế",
         quantities=(q("12 sản phẩm", 12, "sản phẩm"), q("8.679,8 tấn", 8679.8, "tấn"),
                     q("5 dây chuyền", 5, "dây chuyền")),
         reason="thousands dot and decimal comma together"),
    Case("gold-rate", "sơ chế đóng gói sản phẩm quả (công suất 10 tấn/ngày) cho các HTX",
         quantities=(q("10 tấn/ngày", 10, "tấn/ngày"),), reason="a rate keeps its slash"),
    Case("gold-rate-money", "mức lương cơ sở sẽ tăng từ 1.210.000 đồng/tháng lên 1.300.000 đồng/tháng.",
         quantities=(q("1.210.000 đồng/tháng", 1210000, "VND/tháng"),
                     q("1.300.000 đồng/tháng", 1300000, "VND/tháng")),
         reason="từ ... lên ... is a change, not a range: two quantities, no qualifier"),
    Case("gold-rate-two-words", "sẽ bị xử phạt 1,5 triệu đồng/hành khách chở quá quy định.",
         quantities=(q("1,5 triệu đồng/hành khách", 1500000, "VND/hành khách"),),
         reason="the per-unit after the slash can be a two-word noun"),
    Case("gold-rate-across-material", "công suất qua kho giai đoạn 1 là 1 triệu tấn LNG/năm, dự kiến hoàn thành",
         quantities=(q("1 triệu tấn LNG/năm", 1000000, "tấn/năm"),),
         reason="a rate across one material word; 'giai đoạn 1' is a name"),
    Case("gold-rate-glued", "thấp hơn nhiều so với cả nước (170HTX/tỉnh).",
         quantities=(q("170HTX/tỉnh", 170, "HTX/tỉnh"),), reason="a unit glued to the number"),
    Case("gold-glued-m2", "Tổng diện tích vi phạm là 1.127m2. Tiếp tục", quantities=(q("1.127m2", 1127, "m2"),),
         reason="m2 glued to the number"),
    Case("gold-dong-viet-nam", "đã được nâng từ 50 triệu đồng Việt Nam lên mức 75 triệu đồng Việt Nam.",
         quantities=(q("50 triệu đồng Việt Nam", 50000000, "VND"), q("75 triệu đồng Việt Nam", 75000000, "VND")),
         reason="the long form of the currency is in the span"),
    Case("gold-usd-words", "học phí từ mẫu giáo đến lớp mười hai là 52.300 đô la mỗi năm",
         quantities=(q("52.300 đô la", 52300, "USD"),), reason="đô la is USD"),
    Case("gold-metres", "áp dụng ở độ cao tối đa 19.000 mét.", quantities=(q("19.000 mét", 19000, "m", "tối đa"),),
         reason="mét is m; tối đa is a qualifier"),
    Case("gold-head-noun", "Theo thông cáo, 3 phi đội máy bay tấn công của Quân khu phía Nam",
         quantities=(q("3 phi đội", 3, "phi đội"),), reason="the counted noun ends the span"),
    Case("gold-classifier", "lúc đó cả 3 đứa con còn nhỏ, chị khỏe mạnh",
         quantities=(q("3 đứa con", 3, "đứa con"),), reason="a classifier takes the noun after it"),
    Case("gold-noun-list", "Bên cạnh đó có 30 tỉnh, thành phố áp dụng mức viện phí mới",
         quantities=(q("30 tỉnh", 30, "tỉnh"),), reason="with a list of nouns the unit is the first one"),
    Case("gold-working-days", "cuộc họp được tổ chức sau ít nhất là 7 ngày làm việc kể từ ngày giấy triệu tập",
         quantities=(q("7 ngày làm việc", 7, "ngày", "ít nhất"),), blocked=("ngày giấy",),
         reason="ngày làm việc is a duration in days"),
    Case("gold-ages", "tài xế Nguyễn Văn Bảo (42 tuổi, trú tỉnh Bình Dương) và bé gái (2 tuổi)",
         quantities=(q("42 tuổi", 42, "tuổi"), q("2 tuổi", 2, "tuổi")), reason="ages in brackets"),
    Case("gold-prison", "Thương binh ở Hà Nội lĩnh 42 tháng tù", quantities=(q("42 tháng", 42, "tháng"),),
         reason="the span ends at the time unit; tù is outside"),
    Case("gold-english-comma", "Hơn 10,000 học sinh của trường được nhận vào các đại học",
         quantities=(q("10,000 học sinh", 10000, "học sinh", "hơn"),),
         reason="a,000 before a count noun is thousands; the capitalised qualifier is lower-cased"),
    Case("bm-english-decimal", "thu về 3.9 triệu USD từ hợp đồng", quantities=(q("3.9 triệu USD", 3900000, "USD"),),
         reason="a lone short dot group before a scale word is a decimal point"),
    Case("gold-leading-zero", "có trách nhiệm bảo vệ trẻ em từ đủ 07 tuổi trở lên",
         quantities=(q("07 tuổi", 7, "tuổi", "tối thiểu"),), reason="từ (đủ) ... trở lên is tối thiểu"),
    Case("gold-shared-unit", "có nhiều tờ tiền mệnh giá 100, 200 nghìn đồng tổng số tiền là 40 triệu đồng",
         quantities=(q("100", 100000, "VND"), q("200 nghìn đồng", 200000, "VND"),
                     q("40 triệu đồng", 40000000, "VND")),
         reason="a bare list item takes the unit and scale word of the last item"),
    Case("bm-money-after-label", "Theo khoản 3 tỷ đồng đã giải ngân", quantities=(q("3 tỷ đồng", 3000000000, "VND"),),
         reason="money keeps its reading after a label word"),
    Case("bm-pounds", "MU phải trả số tiền 75 triệu bảng cho Everton",
         quantities=(q("75 triệu bảng", 75000000, "GBP"),), reason="bảng after a scale word is pounds"),
    Case("bm-tables", "11 đội chia làm 2 bảng đấu", quantities=(q("11 đội", 11, "đội"), q("2 bảng đấu", 2, "bảng đấu")),
         reason="without a scale word bảng is counted"),
    Case("bm-dollar-prefix", "giá thuê $500 một tháng", quantities=(q("$500", 500, "USD"),),
         reason="a currency sign before the number"),
    Case("bm-rate-any-word", "giá rất cao, 80.000 đ/ký, gấp đôi", quantities=(q("80.000 đ/ký", 80000, "VND/ký"),),
         reason="any word can follow the slash of a rate"),
    Case("bm-gold-price", "giao dịch quanh mức 36,85 triệu đồng/lượng (mua vào)",
         quantities=(q("36,85 triệu đồng/lượng", 36850000, "VND/lượng"),), reason="the gold tael"),
    Case("unc-m3-spaced", "được “nhấn chìm” 1 triệu m 3 bùn, cát thải xuống biển",
         quantities=(q("1 triệu m 3", 1000000, "m3"),), reason="m³ written with a space"),
    # ------------------------------------------------------------ ranges
    Case("gold-range-shared-scale", "có vị trí đã lên đến 10-12 triệu đồng/m2. Giá đất nền",
         quantities=(q("10-12 triệu đồng/m2", 10000000, "VND/m2", "lên đến", 12000000),),
         reason="the low end takes the high end's scale word"),
    Case("gold-range-spaced", "thời gian sử dụng từ 2002 đến 2007 (thiếu 1 - 6 năm).",
         quantities=(q("1 - 6 năm", 1, "năm", None, 6),), blocked=("từ 2002 đến 2007",),
         reason="spaces around the dash"),
    Case("gold-range-words", "tham gia lớp học kéo dài 3 đến 4 ngày tại Hong Kong",
         quantities=(q("3 đến 4 ngày", 3, "ngày", None, 4),), reason="đến links a range"),
    Case("gold-range-tu-den", "Phạt tiền từ 5 đến 10 triệu đồng đối với hành vi",
         quantities=(q("5 đến 10 triệu đồng", 5000000, "VND", None, 10000000),),
         reason="từ is outside the span and is no qualifier"),
    Case("gold-age-range-before", "Nhóm trẻ em độ tuổi từ 7 tới 16 đã có mặt ở bệnh viện",
         quantities=(q("7 tới 16", 7, "tuổi", None, 16),), reason="the unit written before the range"),
    Case("bm-range-shared-groups", "giá cá hồi khoảng 250-280.000 đồng/kg cá sống",
         quantities=(q("250-280.000 đồng/kg", 250000, "VND/kg", "khoảng", 280000),),
         reason="the low end drops the repeated .000 of the high end"),
    Case("law-range-both-units", "có sức chở từ 5 người đến 12 người phải có các điều kiện",
         quantities=(q("5 người đến 12 người", 5, "người", None, 12),), reason="the unit written at both ends"),
    Case("bm-lottery-draw", "bộ số: 02-08-21-29 -37-45 người trúng giải", reason="a run of dashed numbers is no range"),
    Case("bm-score-not-range", "thắng 3-1 trước đối thủ", reason="a descending pair with no unit is a score"),
    # ------------------------------------------------------------ qualifiers and signs
    Case("gold-tren-duoi", "giá đất nền đã lên đến trên dưới 20 triệu đồng/m2.",
         quantities=(q("20 triệu đồng/m2", 20000000, "VND/m2", "khoảng"),), reason="trên dưới is khoảng"),
    Case("gold-khong-xay-qua", "nhà ở riêng lẻ trong khu quy hoạch không xây quá 3 tầng",
         quantities=(q("3 tầng", 3, "tầng", "không quá"),), reason="không ... quá is không quá"),
    Case("gold-khong-vuot-qua", "được xây dựng nhưng không vượt quá 3 tầng.",
         quantities=(q("3 tầng", 3, "tầng", "không quá"),), reason="không vượt quá is không quá"),
    Case("gold-tu-tro-len", "đấu giá có giá trị từ 30 tỷ đồng trở lên đối với các thành phố",
         quantities=(q("30 tỷ đồng", 30000000000, "VND", "tối thiểu"),), reason="từ ... trở lên is tối thiểu"),
    Case("gold-tren-bracket", "xử lý xe khách trên 30 chỗ mang BKS 37B-01887",
         quantities=(q("30 chỗ", 30, "chỗ", "trên"),),
         reason="trên before a number is a qualifier; a plate number is nothing"),
    Case("bm-negative-word", "tăng trưởng âm 0,4% trong quý", percents=(("âm 0,4%", -0.4, None, None),),
         reason="a sign word is inside the span"),
    Case("bm-negative-minus", "nhiệt độ xuống -2 độ C vào đêm qua", quantities=(q("-2 độ C", -2, "độ C"),),
         reason="a minus sign is inside the span"),
    # ------------------------------------------------------------ percents
    Case("gold-percents", "được cứng hóa (đạt 96%), đạt 99,54%, ô-xy trong máu dưới 90%",
         percents=(("96%", 96, None, None), ("99,54%", 99.54, None, None), ("90%", 90, "dưới", None)),
         reason="plain, decimal and qualified percents"),
    Case("gold-percent-space", "tỉ lệ tăng 76,2 % so với cùng kỳ", percents=(("76,2 %", 76.2, None, None),),
         reason="a space before the sign"),
    Case("gold-percent-words", "giảm 15 phần trăm số vụ", percents=(("15 phần trăm", 15, None, None),),
         reason="phần trăm in words"),
    Case("gold-percent-range", "khách đã đặt phòng đạt 60-70% số phòng", percents=(("60-70%", 60, None, 70),),
         reason="a percent range"),
    Case("gold-percent-range-both", "tỷ lệ tổn hại sức khỏe từ 3% đến 28%.", percents=(("3% đến 28%", 3, None, 28),),
         reason="a range with the sign at both ends is one mention"),
    Case("gold-percent-glued-word", "Báo cáo chỉ ra87 - 89% tỉ lệ các ca tử vong",
         percents=(("87 - 89%", 87, None, 89),), reason="a lower-case word run into the number is a typo, not a code"),
    # ------------------------------------------------------------ fractions
    Case("gold-fraction-list", "Bên cạnh 196/204 xã, phường, thị trấn đã được đầu tư",
         fractions=(("196/204", 196, 204, "xã"),), reason="the unit is the first noun of a list"),
    Case("gold-fraction-thousands", "đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%.",
         fractions=(("11.562/11.615", 11562, 11615, "trường hợp"),), percents=(("99,54%", 99.54, None, None),),
         reason="thousands dots on both sides of the slash"),
    Case("gold-fraction-over", "chở quá số lượng 10 người (57/43 người).",
         quantities=(q("10 người", 10, "người"),), fractions=(("57/43", 57, 43, "người"),),
         reason="actual against allowed: the numerator may be larger"),
    Case("gold-fraction-day-month-noun", "nhưng 3/4 người trong nhà đã bị thương",
         fractions=(("3/4", 3, 4, "người"),), reason="a day/month-looking pair followed by a counted noun"),
    Case("gold-fraction-rate", "vùng hạ Sahara với tỉ lệ 1/15.000, cao nhất thế giới",
         fractions=(("1/15.000", 1, 15000, None),), reason="a rate of a population"),
    Case("bm-fraction-so", "có khoảng 1/3 số hộ dân đã nhận hỗ trợ", fractions=(("1/3", 1, 3, "hộ dân"),),
         reason="'số' + noun after the fraction names the whole"),
    Case("bm-fraction-ratio-cue", "câu lạc bộ đã chiếm 1/3 tổng số thị trường", fractions=(("1/3", 1, 3, None),),
         reason="chiếm before a day/month-looking pair makes it a ratio"),
    Case("bm-legal-symbol", "theo Quyết định số 22/2013/QĐ-TTg của Thủ tướng",
         reason="a chain a/b/c is never a fraction"),
    Case("bm-symbol-dash", "Kế hoạch 15/2-KH về việc triển khai", reason="a/b followed by -LETTERS is a symbol"),
    Case("bm-bare-date", "Sáng 24/7, đoàn công tác đến thăm", reason="a day/month pair without a noun is left alone"),
    Case("bm-date-then-noun", "Sáng 3/4 người dân đã tập trung",
         reason="a date word before the pair wins over the noun"),
    Case("bm-document-year", "theo Nghị định 43/2015 của Chính phủ", reason="number/year is a document, not a ratio"),
    Case("bm-season", "mùa giải 2016/17 của MU", reason="a season is not a fraction"),
    Case("bm-address", "nhà kho ở số 1132/11 đường Tỉnh Lộ 10", reason="số + a/b is an address"),
    Case("bm-round", "trận đấu tâm điểm ở vòng 1/8 cúp Quốc gia", reason="vòng 1/8 is a round's name"),
    # ------------------------------------------------------------ not quantities
    Case("gold-labels", "Căn cứ khoản 3 điều 66 Nghị định, quận 9, xóm 3, lần thứ 8 và hạng 2",
         reason="numbers after name labels are names or ordinals"),
    Case("gold-label-path", "sửa đổi đoạn 2 khoản 3 Điều 112", reason="a label noun followed by a number is a path"),
    Case("gold-clock", "khoảng 0 giờ 30 ngày 5-2, đến 1 giờ 50 cùng ngày, lúc 8 giờ sáng, 19h20",
         blocked=("ngày 5-2",), reason="clock times are not durations"),
    Case("gold-clock-minutes", "Lúc 18 giờ 30 phút tại km 23", reason="minutes after giờ are a clock time"),
    Case("gold-codes", "máy bay MH370, đội U23, kênh VTV9, mẫu A320 và Covid-19 đã", reason="numbers glued to codes"),
    Case("gold-list-numbering", "Kết quả như sau:\n1. Người lao động được hỗ trợ", reason="list numbering"),
    Case("bm-address-noun", "sinh năm 1968 ở 185 ấp Hưng Trung, xã Đào Hữu Cảnh", blocked=("năm 1968",),
         reason="a place noun followed by a name makes a house number"),
    Case("bm-verb-not-noun", "Báo Hải quan số 17 phát hành ngày 9-2", blocked=("ngày 9-2",),
         reason="phát hành is a verb, not shots (phát)"),
    Case("bm-attack", "danh tính nghi phạm thứ 3 tấn công London", reason="tấn công is a verb; thứ 3 an ordinal"),
    Case("bm-months-of-year", "trong 6 tháng đầu năm 2017 xuất khẩu tăng",
         reason="N tháng đầu năm is a period for the dates extractor"),
    Case("bm-date-in-words", "Ngày 15 tháng 3 năm 2017, Bộ", reason="a date written in words is not a duration"),
    Case("bm-bare-number", "đạt 700 triệu, trong khi năm ngoái là 500", reason="no unit, no mention"),
    Case("bm-phone", "đường dây nóng 0912.345.678 và 024.36231285", reason="phone numbers"),
    Case("bm-blocked", "Nghị định 116/2014/NĐ-CP quy định 5 nguyên tắc", blocked=("Nghị định 116/2014/NĐ-CP",),
         quantities=(q("5 nguyên tắc", 5, "nguyên tắc"),), reason="numbers inside a blocked reference are skipped"),
    Case("bm-spelled-out", "hai năm sau, ba công chức và hàng nghìn người",
         reason="spelled-out counts and vague amounts are optional in the guideline and not reported"),
    # ------------------------------------------------------------ known misses
    Case("gold-unit-before-verb", "Tỉnh Đồng Nai thanh lý 7 có chiếc thời gian sử dụng",
         quantities=(q("7", 7, "chiếc"),), reason="a typo moves the noun after a verb",
         marks=known_miss("the counted noun is not next to the number")),
    Case("gold-parallel-unit", "có 25 em tham gia, năm nay con số đó là 80",
         quantities=(q("25 em", 25, "em"), q("80", 80, "em")), reason="the unit of 80 comes from a parallel phrase",
         marks=known_miss("a unit carried over from a parallel phrase needs discourse context")),
    Case("bm-height", "cô sở hữu chiều cao 1m78 cùng số đo", quantities=(q("1m78", 1.78, "m"),),
         reason="a height written with the unit between the digits",
         marks=known_miss("1m78 is read as a code: the digits after the unit are not joined")),
]


def _spans_of(text: str, pieces: tuple[str, ...]) -> SpanSet:
    spans = []
    for piece in pieces:
        start = text.index(piece)
        spans.append((start, start + len(piece)))
    return SpanSet(spans)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_real_sentences(case: Case) -> None:
    quantities, percents, fractions = find_numbers(case.text, blocked=_spans_of(case.text, case.blocked))
    assert [(m.text, m.value, m.unit, m.qualifier, m.value_to) for m in quantities] == list(case.quantities)
    assert [(m.text, m.value, m.qualifier, m.value_to) for m in percents] == list(case.percents)
    assert [(m.text, m.numerator, m.denominator, m.unit) for m in fractions] == list(case.fractions)
    for m in [*quantities, *percents, *fractions]:
        assert case.text[m.start:m.end] == m.text


def test_values_are_int_when_whole() -> None:
    quantities, percents, _ = find_numbers("đạt 1.824,8 nghìn ha, tăng 5,0% và 2,5 tấn")
    assert [type(m.value) for m in quantities] == [int, float]
    assert [type(m.value) for m in percents] == [int]


def test_phrases_before_stop_at_punctuation() -> None:
    text = "theo khoản 1, trên dưới 5 người"
    assert phrases_before(text, text.index("5")) == ["dưới", "trên dưới"]
    assert phrases_before("ra87", 2) == []


# --- the lexicon ------------------------------------------------------------------------

def _raw_lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(UNITS_PATH.read_text(encoding="utf-8"))
    return data


def test_shipped_lexicon_is_consistent() -> None:
    """The shipped file loads, and its parts agree with one another and with the guideline."""
    lex = load_unit_lexicon()
    data = _raw_lexicon()
    nouns = [n for group in data["nouns"].values() for n in group]
    assert len(nouns) >= 500, "the counted nouns must cover real news broadly"
    assert len(lex) == len(nouns) + sum(len(m["forms"]) for m in data["measures"])
    for group, items in data["nouns"].items():
        assert items == sorted(items), f"nouns.{group} is kept sorted for review"
    units = {f.form: f.unit for f in lex.forms()}
    # the guideline's normalised units (ANNOTATION.md, quantities)
    for form, unit in [("đồng", "VND"), ("VNĐ", "VND"), ("USD", "USD"), ("đô la", "USD"), ("Euro", "EUR"),
                       ("hécta", "ha"), ("ha", "ha"), ("m²", "m2"), ("km²", "km2"), ("ki-lô-mét", "km"),
                       ("mét", "m"), ("tấn", "tấn"), ("người", "người")]:
        assert units[form] == unit
    for form in ("doanh nghiệp", "trường hợp", "địa phương", "HTX", "xã", "học sinh", "cán bộ"):
        assert units[form] == form, "a counted noun is reported as written"
    assert {m["kind"] for m in data["measures"]} <= MEASURE_KINDS
    for phrase in data["not_units"]:
        first = phrase.split()[0]
        assert any(f.form.split()[0] == first for f in lex.forms()), f"not_units {phrase!r} shadows no unit"
    for qualifier, reported in data["qualifiers"].items():
        assert qualifier == qualifier.lower() and reported == reported.lower()


def _broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(_raw_lexicon())
    if change == "duplicate-form":
        data["nouns"]["people"].append("người")
    elif change == "unknown-kind":
        data["measures"][0]["kind"] = "mood"
    elif change == "empty-form":
        data["measures"][0]["forms"].append("")
    elif change == "spaced-form":
        data["nouns"]["people"].append("học  viên")
    elif change == "nfd-form":
        data["nouns"]["people"].append("ngu\u031bo\u031b\u0300i la\u0300m")
    elif change == "classifier-not-noun":
        data["classifiers"].append("zzz")
    elif change == "missing-key":
        del data["qualifiers"]
    elif change == "forms-not-list":
        data["measures"][0]["forms"] = "ha"
    elif change == "not-unit-is-unit":
        data["not_units"].append("người")
    elif change == "bad-after-scale":
        data["after_scale"] = {"bảng": "XYZ"}
    return data


@pytest.mark.parametrize("change", ["duplicate-form", "unknown-kind", "empty-form", "spaced-form", "nfd-form",
                                    "classifier-not-noun", "missing-key", "forms-not-list", "not-unit-is-unit",
                                    "bad-after-scale"])
def test_malformed_lexicon_is_rejected(change: str) -> None:
    with pytest.raises(UnitLexiconError) as err:
        load_unit_lexicon(_broken(change))
    assert isinstance(err.value, VnpolicyError)
    assert "units.json" in str(err.value)


def test_unreadable_lexicon_file_is_a_clear_error(tmp_path: Any) -> None:
    path = tmp_path / "units.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UnitLexiconError, match="cannot read"):
        load_unit_lexicon(path)


def test_default_lexicon_is_loaded_once() -> None:
    assert default_lexicon() is default_lexicon()


def test_unit_reads_are_the_lexicons_matches_read_once() -> None:
    text = "Toàn tỉnh có 41 xã, 12 phường, 45,5 ha cây ăn quả và 1.234 hộ"
    reads = UnitReads(text)
    for pos in range(len(text)):
        assert reads.at(pos) == default_lexicon().match(text, pos)
        assert reads.at(pos) is reads.at(pos)
    # shared with the indicators or not, the mentions are the same
    assert find_numbers(text, units=reads) == find_numbers(text)


def test_unit_reads_of_another_text_are_refused() -> None:
    with pytest.raises(ValueError, match="UnitReads of this very text"):
        find_numbers("41 xã", units=UnitReads("12 phường"))


# --- properties ---------------------------------------------------------------------

_PIECES = ["12", "3.500", "1,5", "99,54", "196/204", "1/7/2017", "22/2013/QĐ-TTg", "-", " - ", " đến ", "%",
           " triệu", " tỷ", " đồng", " người", " xã", " ha", " tấn/ngày", "/", " ", ", ", "hơn ", "trên dưới ",
           "âm ", "quận ", "giờ ", "\n1. ", "âm", "đồng", "h", "(", "$"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40) | st.text(max_size=120))
@settings(max_examples=400, deadline=None)
def test_mentions_are_exact_sorted_and_disjoint(pieces: list[str] | str) -> None:
    text = pieces if isinstance(pieces, str) else "".join(pieces)
    quantities, percents, fractions = find_numbers(text)
    mentions: list[Mention] = [*quantities, *percents, *fractions]
    for kind in (quantities, percents, fractions):
        assert [m.start for m in kind] == sorted(m.start for m in kind)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start, f"{a.text!r} overlaps {b.text!r}"
    for m in quantities:
        assert isinstance(m, Quantity) and (m.value_to is None or m.value < m.value_to)
    for m in percents:
        assert isinstance(m, Percent)
    for m in fractions:
        assert isinstance(m, Fraction) and m.denominator != 0


@given(st.text(max_size=80), st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=80))
@settings(max_examples=200, deadline=None)
def test_blocked_spans_are_never_used(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    blocked = SpanSet([(start, end)])
    quantities, percents, fractions = find_numbers(text, blocked=blocked)
    for m in [*quantities, *percents, *fractions]:
        assert not blocked.overlaps(m.start, m.end)


@pytest.mark.parametrize("text", [
    pytest.param("." * 100_000, id="100k-dots"),
    pytest.param("/" * 100_000, id="100k-slashes"),
    pytest.param("1." * 500_000, id="1MB-digits-and-dots"),
    pytest.param("12.3," * 200_000, id="1MB-mixed-marks"),
    pytest.param("1/" * 100_000 + "1", id="1/1/1/..."),
    pytest.param("1-" * 100_000 + "1 người", id="1-1-1-..."),
    pytest.param("1 " * 20_000, id="20k-bare-numbers"),
    pytest.param("1, " * 20_000 + "1 người", id="20k-list-items"),
    pytest.param("hơn " * 50_000 + "5 người", id="long-qualifier-run"),
    pytest.param("5 người " * 20_000, id="20k-mentions"),
])
def test_pathological_input_is_fast(text: str) -> None:
    """Linear time: no pattern backtracks, no scan restarts (CPU time, so a busy machine does not matter)."""
    start = time.process_time()
    find_numbers(text)
    assert time.process_time() - start < 2.0


def test_a_unit_match_compares_and_hashes_by_value() -> None:
    # a plain class (built natively when compiled) that keeps the value semantics of a dataclass
    text = "Toàn tỉnh có 41 doanh nghiệp nhỏ"
    found = default_lexicon().match(text, 16)
    assert found is not None
    again = UnitMatch(found.end, found.unit, found.kind, found.counts, found.form)
    assert found == again and hash(found) == hash(again) and len({found, again}) == 1
    assert (found.end, found.unit, found.kind, found.counts) == (28, "doanh nghiệp", "noun", True)
    assert found != UnitMatch(found.end - 1, found.unit, found.kind, found.counts, found.form)
    assert repr(found).startswith("UnitMatch(end=28, unit='doanh nghiệp', kind='noun', counts=True, form=")

"""The whole pipeline: typed errors, offsets into the original text (linear time: test_adversarial.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnpolicy
from vnpolicy import builders, pipeline, records
from vnpolicy.pipeline import parse_published
from vnpolicy.records import Record
from vnpolicy.text import normalise

SENTENCE = ("Ngày 11.4.2017, Chủ tịch UBND tỉnh ký Quyết định số 262/QĐ-XPVPHC; toàn tỉnh có 196/204 xã, "
            "đạt 96%, với 32.489 tỷ đồng trong giai đoạn 2018-2020.")


@pytest.mark.parametrize("bad", [b"Ngay 1/7", 42, None, ["năm 2019"]], ids=["bytes", "int", "none", "list"])
def test_non_str_input_raises_a_type_error_that_says_what_to_pass(bad: object) -> None:
    with pytest.raises(TypeError, match="needs the document as str"):
        vnpolicy.extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("published", "expected"), [
    ("2017-03-05", dt.date(2017, 3, 5)),
    ("2017-03-05T08:00:00+07:00", dt.date(2017, 3, 5)),
    (dt.datetime(2017, 3, 5, 8, 0), dt.date(2017, 3, 5)),
    (dt.date(2017, 3, 5), dt.date(2017, 3, 5)),
    (None, None),
])
def test_published_forms(published: vnpolicy.pipeline.PublishedDate, expected: dt.date | None) -> None:
    assert parse_published(published) == expected


def test_bad_published_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        vnpolicy.extract("năm nay", published="5 tháng 3")


def _check_invariants(text: str, record: Record) -> None:
    for mention in record.mentions():
        assert text[mention.start:mention.end] == mention.text
    for kind in ("legal_refs", "dates", "periods", "quantities", "percents", "fractions", "slogans"):
        items = getattr(record, kind)
        assert [(m.start, m.end) for m in items] == sorted((m.start, m.end) for m in items), kind
    numeric = sorted((m.start, m.end) for m in [*record.quantities, *record.percents, *record.fractions])
    for (_, end), (start, _) in itertools.pairwise(numeric):
        assert end <= start, "numeric mentions overlap"
    for ind in record.indicators:
        assert text[ind.value_start:ind.value_end] == ind.value_text


policy_text = st.lists(
    st.sampled_from([
        *"0123456789/.,-–%:  \n\"“”",
        "ngày ", "tháng ", "năm ", "quý I", "giai đoạn ", "từ ", "đến ", "tỷ ", "triệu ", "đồng",
        "ha", " xã", "Quyết định số ", "QĐ-TTg", "NQ/TW", "Luật ", "hơn ", "phần trăm", "\u0301", "\u00a0",
    ]),
    max_size=80,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text)
def test_mentions_point_into_the_original_text(text: str) -> None:
    _check_invariants(text, vnpolicy.extract(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_gives_a_record(text: str) -> None:
    _check_invariants(text, vnpolicy.extract(text))


def test_nfd_input_gives_the_same_mentions_as_nfc() -> None:
    nfc = vnpolicy.extract(SENTENCE)
    raw = unicodedata.normalize("NFD", SENTENCE).replace(" ", "\u00a0", 3)
    nfd = vnpolicy.extract(raw)
    _check_invariants(raw, nfd)
    strip = ("start", "end", "text")
    assert [{k: v for k, v in m.to_dict().items() if k not in strip} for m in nfd.mentions()] == \
        [{k: v for k, v in m.to_dict().items() if k not in strip} for m in nfc.mentions()]
    assert [unicodedata.normalize("NFC", m.text).replace("\u00a0", " ") for m in nfd.mentions()] == \
        [m.text for m in nfc.mentions()]


def test_empty_text_has_no_mentions() -> None:
    assert vnpolicy.extract("").mentions() == []


MENTION_KINDS = [
    # id, a mention of the kind as the extractors make it
    ("legal_ref", records.LegalRef(0, 4, "QĐ 1", "Quyết định", "1", None, None, "1", warnings=("x",))),
    ("date", records.DateMention(0, 8, "ngày 1/7", "XXXX-07-01", "day")),
    ("period", records.Period(0, 9, "2018-2020", "2018", "2020")),
    ("quantity", records.Quantity(0, 5, "41 xã", 41, "xã", qualifier="hơn")),
    ("percent", records.Percent(0, 3, "96%", 96)),
    ("fraction", records.Fraction(0, 7, "196/204", 196, 204, unit="xã")),
    ("slogan", records.Slogan(0, 8, "dân biết", "phương châm", ("dân biết",))),
]


@pytest.mark.parametrize("mention", [c[1] for c in MENTION_KINDS], ids=[c[0] for c in MENTION_KINDS])
def test_moving_a_mention_keeps_every_other_field(mention: records.Mention) -> None:
    # the back map rebuilds mentions slot by slot: a field added to a kind must come
    # out the same as dataclasses.replace makes it
    moved = builders.moved(mention, 3, 9, "abcdef")
    assert moved == dataclasses.replace(mention, start=3, end=9, text="abcdef")
    assert type(moved) is type(mention)


def test_moving_an_indicator_keeps_every_other_field() -> None:
    # a decomposed text: the figure and the percent linked to it move in the original
    text = unicodedata.normalize("NFD", "Toàn tỉnh có 196/204 xã đạt chuẩn (96%).")
    record = vnpolicy.extract(text)
    fraction, percent = record.fractions[0], record.percents[0]
    first, second = record.indicators
    assert (first.value_start, first.value_end, first.value_text) == (fraction.start, fraction.end, fraction.text)
    assert (first.linked_start, first.linked_end) == (percent.start, percent.end)
    assert (second.linked_start, second.linked_end) == (fraction.start, fraction.end)
    normalised = vnpolicy.extract(unicodedata.normalize("NFC", text)).indicators[0]
    assert (first.measure, first.period, first.location, first.value_kind, first.consistent) == (
        normalised.measure, normalised.period, normalised.location, "fractions", True)


def test_unmoved_mentions_are_not_rebuilt() -> None:
    text = "Năm 2019 có 41\u00a0xã"  # a same-length change after the date
    back = pipeline._BackMap(text, normalise(text), None)
    date = records.DateMention(0, 8, "Năm 2019", "2019", "year")
    quantity = records.Quantity(12, 17, "41 xã", 41, "xã")
    kept_date, moved_quantity = back.mentions([quantity, date])
    assert kept_date is date
    assert moved_quantity.text == "41\u00a0xã" and moved_quantity.start == 12


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
def test_extract_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        vnpolicy.extract(SENTENCE)
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), pipeline._collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("an extractor failed")
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()

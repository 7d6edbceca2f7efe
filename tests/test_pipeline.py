"""The whole pipeline: typed errors, offsets into the original text (linear time: test_adversarial.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnpolicy
from vnpolicy.pipeline import parse_published
from vnpolicy.records import Record

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

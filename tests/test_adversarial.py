"""Hostile input: extract() and repair() never raise, keep their offsets, and stay linear.

Hypothesis runs derandomized (the same examples on every run) with a deadline
per example; the pathological inputs are the 100 KB versions of those in
``benchmarks/pathological.py`` (which runs the 1 MB ones), with a few more, and
must each take under a second with every span still holding.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnpolicy
from vnpolicy.errors import EncodingError
from vnpolicy.records import Mention, Record
from vnpolicy.repair import repair

FUZZ = settings(derandomize=True, max_examples=150, deadline=2000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VIETNAMESE = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
PIECES = [
    "Nghị định", "số", "ngày", "tháng", "năm", "Quyết định", "/QĐ-TTg", "/NĐ-CP", "tỷ đồng", "triệu", "%",
    "xã", "giai đoạn", "2018-2020", "1/7/2019", "32.489", "99,54", "“", "”", "\"", "hoá", "thuỷ", "(", ")",
    "\u00a0", "\u200b", "&amp;", "&#7879;", "\n", " ", ".", ",", "/", "-", "–", "…", "Vie^.t", "dda^`u",
    "B¸o c¸o", "Coäng", "Nghá»‹", "\u0301", "\u0323", "\u0300", "«", "»", "¸", "µ", "\x93", "\x9e",
]
mixed_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(VIETNAMESE + "0123456789 ./,%-", max_size=8)),
                      max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), mixed_text)


def _mentions(record: Record) -> list[Mention]:
    out: list[Mention] = []
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, tuple):
            out.extend(m for m in value if isinstance(m, Mention))
    return out


@FUZZ
@given(any_text)
def test_extract_never_raises_and_every_span_holds(text: str) -> None:
    record = vnpolicy.extract(text)
    for mention in _mentions(record):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text


@FUZZ
@given(any_text)
def test_repair_never_raises_is_idempotent_and_maps_inside(text: str) -> None:
    result = repair(text)
    assert unicodedata.is_normalized("NFC", result.text)
    again = repair(result.text)
    assert again.text == result.text
    for start in range(0, len(result.text) + 1, 3):
        mapped = result.to_original(start, len(result.text))
        assert 0 <= mapped[0] <= mapped[1] <= len(text)


@FUZZ
@given(st.binary(max_size=300))
def test_repair_of_any_bytes_returns_text_or_a_typed_error(data: bytes) -> None:
    try:
        result = repair(data)
    except EncodingError as error:
        assert "encoding" in str(error) or "text" in str(error)
        return
    assert repair(result.text).text == result.text
    assert 0 <= result.to_original(0, len(result.text))[1] <= len(data)


def _values(record: Record) -> list[tuple[str, str, tuple[tuple[str, object], ...]]]:
    """Each mention as (kind, NFC text, its other fields), order-free."""
    out = []
    for mention in _mentions(record):
        fields = tuple((k, v) for k, v in sorted(mention.to_dict().items()) if k not in ("start", "end", "text"))
        out.append((type(mention).__name__, unicodedata.normalize("NFC", mention.text), fields))
    return sorted(out, key=repr)


vietnamese_sentence = st.lists(st.sampled_from([
    "Nghị định số 15/2020/NĐ-CP", "ngày 3/2/2020", "của Thủ tướng Chính phủ", "quy định", "1.234,5 tỷ đồng",
    "chiếm 45%", "toàn tỉnh có 41 xã", "đạt chuẩn nông thôn mới", "giai đoạn 2016-2020", "196/204 xã",
    "năm 2019", "tăng 12,5% so với cùng kỳ", "“dân biết, dân bàn, dân làm, dân kiểm tra”", "hỗ trợ người có công",
]), min_size=1, max_size=8).map(" ".join)


@FUZZ
@given(vietnamese_sentence)
def test_extract_does_not_depend_on_nfc_or_nfd(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    from_nfc = vnpolicy.extract(nfc)
    from_nfd = vnpolicy.extract(nfd)
    assert _values(from_nfc) == _values(from_nfd)
    for mention in _mentions(from_nfd):
        assert nfd[mention.start:mention.end] == mention.text


# --- pathological inputs: linear time ---------------------------------------------------------------------------

SIZE = 100_000
SENTENCE = "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 quy định 1.234,5 tỷ đồng, chiếm 45% (“Đổi mới”). "
# the same as benchmarks/pathological.py
COUNTS = "41 xã, 12 phường, 3 thị trấn, 196/204 xã đạt 96%, 1.234 hộ, 45,5 ha, 7/10 huyện, "
NESTED_OPEN = "“a «b ‘c \"d "
NESTED_CLOSE = "\" ’ » ” "
QUOTE_MIX = "“e ” ‘f « g” h’ \"i » “j ‘k \" «l ’ ”m « "


def _nested_quotes(size: int) -> str:
    """Two thirds of ``size`` of opening quotes and their closing quotes, then a third of unbalanced ones."""
    depth = size * 2 // 3 // len(NESTED_OPEN + NESTED_CLOSE)
    return NESTED_OPEN * depth + NESTED_CLOSE * depth + QUOTE_MIX * (size // 3 // len(QUOTE_MIX))


PATHOLOGICAL: list[tuple[str, Callable[[], str], str]] = [
    # id, input of about SIZE characters, reason
    ("digits", lambda: "1" * SIZE, "one number of 100 000 digits"),
    ("digits-dots", lambda: "1." * (SIZE // 2), "a thousands separator without end"),
    ("dots", lambda: "." * SIZE, "a run of full stops"),
    ("letters-dots", lambda: "a." * (SIZE // 2 - 3) + " 5 xã",
     "a stop after every letter, then a figure: the sentence splitter reads back before each stop"),
    ("digits-commas", lambda: "1," * (SIZE // 2), "a decimal comma without end"),
    ("numbers-spaced", lambda: "12 " * (SIZE // 3), "numbers that could group"),
    ("ascii-quotes", lambda: '"' * SIZE, "thousands of quotes"),
    ("curly-quotes", lambda: "“”" * (SIZE // 2), "thousands of empty quotations"),
    ("quoted-words", lambda: "“a” " * (SIZE // 4), "thousands of quotations"),
    ("nested-slashes", lambda: "1/" * (SIZE // 2) + "1", "1/1/1/... : a date, a fraction and a symbol at once"),
    ("slash-symbols", lambda: "/QĐ-TTg" * (SIZE // 7), "a symbol without a number"),
    ("ngay", lambda: "ngày " * (SIZE // 5), "20 000 times ngày"),
    ("ngay-thang-nam", lambda: "ngày 1 tháng 1 năm " * (SIZE // 19), "dates without a year"),
    ("one-line", lambda: SENTENCE * (SIZE // len(SENTENCE)), "100 KB of real text on one line"),
    ("combining-marks", lambda: "a\u0301\u0323\u0300\u0309" * (SIZE // 5), "stacked combining marks"),
    ("nfd-text", lambda: unicodedata.normalize("NFD", SENTENCE) * (SIZE // len(SENTENCE)), "NFD on one line"),
    ("percents", lambda: "%" * SIZE, "percent signs"),
    ("dashes", lambda: "1-" * (SIZE // 2), "ranges without end"),
    ("parentheses", lambda: "(" * (SIZE // 2) + ")" * (SIZE // 2), "deep nesting"),
    ("tcvn3-line", lambda: "Céng hßa x· héi chñ nghÜa ViÖt Nam " * (SIZE // 35), "TCVN3 on one line"),
    ("viqr-line", lambda: "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. " * (SIZE // 46), "VIQR on one line"),
    ("mojibake-line", lambda: "Nghá»‹ Ä‘á»‹nh sá»‘ 15 " * (SIZE // 20), "mojibake on one line"),
    ("legacy-no-space", lambda: "¸" * SIZE, "one legacy character repeated"),
    ("zero-width", lambda: "\u200b" * SIZE, "nothing but zero-width spaces"),
    ("entities", lambda: "&amp;" * (SIZE // 5), "entities without end"),
    ("slashes", lambda: "/" * SIZE, "a run of slashes"),
    ("open-quotes", lambda: "“a, b" * (SIZE // 5), "quotations that never close"),
    ("nested-quotes", lambda: _nested_quotes(SIZE),
     "quotations of every kind inside each other, then unbalanced and out of order"),
    ("deep-quotes", lambda: "“a " * (SIZE // 6) + "” " * (SIZE // 6),
     "quotations inside quotations without end: their contents overlap"),
    ("type-words", lambda: "Quyết định số " * (SIZE // 14), "type words with no number"),
    ("day-month", lambda: "ngày 1/7 " * (SIZE // 9), "thousands of dates"),
    ("counts-line", lambda: COUNTS * (SIZE // len(COUNTS)), "one list of counts, fractions and percents"),
    ("count-lines", lambda: "5 xã\n" * (SIZE // 5), "a table of counts, one per line"),
    ("percent-lines", lambda: "5%\n" * (SIZE // 3), "a table of percents, one per line: 33 333 figures"),
    ("fraction-lines", lambda: "1/2 xã\n" * (SIZE // 7), "a table of fractions, one per line"),
    ("years-and-counts", lambda: "Năm 2019 có 41 xã, đạt 96% " * (SIZE // 27), "one line of figures and their times"),
]

# Inputs on which an extractor is slow: found by benchmarks/pathological.py and
# reported to the extractor's owner; the test is not run (run=False) so that the
# suite stays fast, and it is listed here, not commented out.
SLOW_EXTRACT: dict[str, str] = {}


def _timed(func: Callable[[str], object], text: str) -> tuple[float, object]:
    func(SENTENCE)  # load what loads lazily (lexicons, the legal knowledge base) outside the timing
    # CPU time: other processes on a shared machine must not make this flaky
    started = time.process_time()
    result = func(text)
    return time.process_time() - started, result


def _check_record(text: str, record: Record) -> None:
    """Spans hold, each kind comes in order, figures do not overlap."""
    for mention in _mentions(record):
        assert text[mention.start:mention.end] == mention.text
    for kind in ("legal_refs", "dates", "periods", "quantities", "percents", "fractions", "slogans"):
        spans = [(m.start, m.end) for m in getattr(record, kind)]
        assert spans == sorted(spans), kind
    figures = sorted((m.start, m.end) for m in [*record.quantities, *record.percents, *record.fractions])
    for (_, end), (start, _) in itertools.pairwise(figures):
        assert end <= start, "figures overlap"
    for indicator in record.indicators:
        assert text[indicator.value_start:indicator.value_end] == indicator.value_text


@pytest.mark.parametrize("build", [c[1] for c in PATHOLOGICAL], ids=[c[0] for c in PATHOLOGICAL])
def test_repair_is_linear_on_pathological_input(build: Callable[[], str]) -> None:
    assert _timed(repair, build())[0] < 1.0


@pytest.mark.parametrize("build", [
    pytest.param(b, id=i, marks=pytest.mark.xfail(run=False, reason=SLOW_EXTRACT[i])) if i in SLOW_EXTRACT
    else pytest.param(b, id=i)
    for i, b, _ in PATHOLOGICAL
])
def test_extract_is_linear_on_pathological_input(build: Callable[[], str]) -> None:
    text = build()
    elapsed, record = _timed(vnpolicy.extract, text)
    assert isinstance(record, Record)
    _check_record(text, record)
    assert elapsed < 1.0, f"{elapsed:.2f} s"

"""Normalisation keeps a map back to the original; sentences split on real text."""

from __future__ import annotations

import time
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpolicy.encodings.offsets import SegmentArrays
from vnpolicy.text import normalise, sentence_spans

NORMALISE_CASES = [
    # id, raw text, normalised text, reason
    ("nfc", "Nghị định 116/2014/NĐ-CP", "Nghị định 116/2014/NĐ-CP", "clean text is left alone"),
    ("nfd", unicodedata.normalize("NFD", "Nghị định"), "Nghị định", "NFD composes to NFC"),
    ("nbsp", "32.489\u00a0tỷ đồng", "32.489 tỷ đồng", "no-break space becomes a space"),
    ("zero-width", "Quyết\u200b định", "Quyết định", "zero-width characters are dropped"),
    ("soft-hyphen", "nông\u00adthôn", "nôngthôn", "soft hyphens are invisible"),
    ("crlf", "Ngày 1/7\r\nnăm 2019", "Ngày 1/7\r\nnăm 2019", "line ends are kept"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:3] for c in NORMALISE_CASES],
                         ids=[c[0] for c in NORMALISE_CASES])
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_nfd_span_maps_to_whole_original_clusters() -> None:
    raw = unicodedata.normalize("NFD", "Thông tư số 02/2015/TTLT-BTP-BNV ngày")
    norm = normalise(raw)
    start = norm.text.index("02/2015")
    s, e = norm.to_original(0, start + len("02/2015/TTLT-BTP-BNV"))
    assert unicodedata.normalize("NFC", raw[s:e]) == "Thông tư số 02/2015/TTLT-BTP-BNV"


def test_dropped_character_stays_outside_the_span() -> None:
    raw = "ngày\u200b 1/7"
    norm = normalise(raw)
    assert raw[slice(*norm.to_original(0, 4))] == "ngày"
    assert raw[slice(*norm.to_original(5, 8))] == "1/7"


vietnamese = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐ 0123456789/.,%\u00a0\u200b\n"
                                                   "\u0300\u0301\u0303\u0309\u0323")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(vietnamese)
def test_every_normalised_span_maps_into_the_original(raw: str) -> None:
    norm = normalise(raw)
    for start in range(len(norm.text) + 1):
        for end in range(start, min(len(norm.text), start + 4) + 1):
            s, e = norm.to_original(start, end)
            assert 0 <= s <= e <= len(raw)
    # the whole normalised text maps back to a stretch that normalises to it
    s, e = norm.to_original(0, len(norm.text))
    assert normalise(raw[s:e]).text == norm.text



@settings(max_examples=300, deadline=None)
@given(vietnamese)
def test_segment_arrays_map_as_the_normalised_text_does(raw: str) -> None:
    norm = normalise(raw)
    arrays = SegmentArrays(norm.segment_norm, norm.segment_orig, len(norm.text), len(norm.original))
    spans = [(s, e) for s in range(len(norm.text) + 1) for e in range(s, min(len(norm.text), s + 6) + 1)]
    starts, ends = arrays.to_source(np.array([s for s, _ in spans]), np.array([e for _, e in spans]))
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [norm.to_original(s, e) for s, e in spans]

def test_sentences_of_a_real_passage() -> None:
    text = ("Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới. "
            "Ông Nguyễn Văn A. cho biết thêm.\nDòng mới không có dấu chấm")
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.",
        "Ông Nguyễn Văn A. cho biết thêm.",
        "Dòng mới không có dấu chấm",
    ]


@pytest.mark.parametrize(("text", "sentences"), [
    # abbreviations before a stop (underthesea's list) do not end a sentence
    ("TP. Hồ Chí Minh có 1.234 hộ nghèo. Ông Nguyễn Văn A. cho biết thêm.",
     ["TP. Hồ Chí Minh có 1.234 hộ nghèo.", "Ông Nguyễn Văn A. cho biết thêm."]),
    # stops between digits are thousands marks: one sentence, found without the splitter
    ("41 xã, 12 phường, 3 thị trấn, 1.234 hộ, 45,5 ha, 7/10 huyện",
     ["41 xã, 12 phường, 3 thị trấn, 1.234 hộ, 45,5 ha, 7/10 huyện"]),
    ("Thật vậy?! Đúng... Vậy thì sao. Xong.", ["Thật vậy?!", "Đúng...", "Vậy thì sao.", "Xong."]),
    ("Theo TS. Lê Văn B., GS.TS Trần C. thì gạo, ngô v.v. đều tăng giá. Hết.",
     ["Theo TS. Lê Văn B., GS.TS Trần C. thì gạo, ngô v.v. đều tăng giá.", "Hết."]),
], ids=["abbreviations", "thousands-marks", "marks-and-ellipsis", "titles-and-vv"])
def test_sentences_as_underthesea_splits_them(text: str, sentences: list[str]) -> None:
    from underthesea import sent_tokenize

    assert [text[a:b] for a, b in sentence_spans(text)] == sentences == sent_tokenize(text)


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet="aT1.?! \u00e2P9\t\n\rĐv_,", max_size=80))
def test_sentences_match_underthesea_on_runs_of_letters_digits_and_stops(text: str) -> None:
    # vnpolicy's splitter and the shortcut change the time, never the sentences
    from underthesea import sent_tokenize

    from vnpolicy.text import _sent_tokenize

    assert _sent_tokenize()(text) == sent_tokenize(text)
    line = text.replace("\n", " ")  # sentence_spans splits lines first, on purpose
    assert [line[a:b] for a, b in sentence_spans(line)] == sent_tokenize(line)


def test_a_long_run_of_letters_and_stops_is_split_in_linear_time() -> None:
    # underthesea reads back to the start of the run at every stop: 80 KB of this took 73 s
    text = "a." * 40_000 + " 5 xã"
    started = time.process_time()
    spans = sentence_spans(text)
    assert time.process_time() - started < 1.0
    assert spans[0][0] == 0 and spans[-1][1] == len(text)

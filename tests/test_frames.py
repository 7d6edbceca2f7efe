"""DataFrames of records from real articles: one frame per kind, one per record, indicators; alike from any output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import vnpolicy
from vnpolicy.errors import MissingDependencyError
from vnpolicy.frames import (
    FRAME_COLUMNS,
    INDICATOR_COLUMNS,
    RECORD_FRAME_COLUMNS,
    indicators_frame,
    record_frame,
    to_frames,
)
from vnpolicy.io import read_records
from vnpolicy.records import Fraction, Indicator, Percent, Record

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
SON_LA = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])["text"]

TEXT = "Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%. Câu khác."


def _record() -> Record:
    f = Fraction(start=14, end=27, text="11.562/11.615", numerator=11562, denominator=11615, unit="trường hợp")
    p = Percent(start=44, end=50, text="99,54%", value=99.54)
    inds = (
        Indicator(value_start=14, value_end=27, value_text="11.562/11.615", measure="hỗ trợ", value_kind="fractions",
                  consistent=True),
        Indicator(value_start=44, value_end=50, value_text="99,54%", measure="hỗ trợ", value_kind="percents",
                  consistent=True),
    )
    return Record(text=TEXT, id="seed", fractions=(f,), percents=(p,), indicators=inds)


def test_one_row_per_indicator_with_sentence_and_document() -> None:
    pytest.importorskip("pandas")
    df = _record().indicators_frame()
    assert list(df.columns) == list(INDICATOR_COLUMNS)
    assert df["value_text"].tolist() == ["11.562/11.615", "99,54%"]
    assert df["value"].tolist() == pytest.approx([11562 / 11615, 99.54])
    assert df["unit"].tolist() == ["trường hợp", "%"]
    assert set(df["sentence"]) == {"Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%."}
    assert set(df["document_id"]) == {"seed"}


def test_frame_of_no_records_has_the_columns() -> None:
    pytest.importorskip("pandas")
    assert list(indicators_frame([]).columns) == list(INDICATOR_COLUMNS)


def _sample(n: int) -> list[Record]:
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]:
        data = json.loads(line)
        out.append(vnpolicy.extract(data["text"], published=data["published"], doc_id=data["id"]))
    return out


def test_one_frame_per_kind_one_row_per_mention() -> None:
    pytest.importorskip("pandas")
    records = _sample(30)
    frames = to_frames(records)
    assert list(frames) == list(Record.KINDS)
    for kind, frame in frames.items():
        assert list(frame.columns) == list(FRAME_COLUMNS[kind])
        assert len(frame) == sum(len(getattr(r, kind)) for r in records), kind
    dates = frames["dates"]
    assert set(dates["document_id"]) == {r.id for r in records if r.dates}
    assert set(dates["published"]) <= {r.published for r in records}


@pytest.mark.parametrize(("kind", "text", "fields"), [
    ("legal_refs", "Quyết định số 22/2013/QĐ-TTg",
     {"canonical": "22/2013/QĐ-TTg", "issued": "2013-04-26", "issuer": "Thủ tướng Chính phủ"}),
    ("quantities", "32.489 tỷ đồng", {"value": 32489000000000, "unit": "VND"}),
    ("fractions", "196/204", {"numerator": 196, "denominator": 204, "unit": "xã"}),
    ("periods", "giai đoạn 2018-2020", {"from": "2018", "to": "2020"}),
    ("slogans", "Nhà nước hỗ trợ, nhân dân cùng làm", {"cue": "phương châm"}),
], ids=["legal-ref", "amount", "fraction", "period", "slogan"])
def test_each_row_has_the_kinds_fields_and_its_sentence(kind: str, text: str, fields: dict[str, object]) -> None:
    pytest.importorskip("pandas")
    frame = to_frames([vnpolicy.extract(SON_LA, doc_id="seed-0001")])[kind]
    (row,) = frame[frame["text"] == text].to_dict("records")
    assert {k: row[k] for k in fields} == fields
    assert row["document_id"] == "seed-0001"
    assert text in row["sentence"] and row["sentence"] in SON_LA


def test_every_sentence_holds_its_mention_on_the_sample() -> None:
    pytest.importorskip("pandas")
    frames = to_frames(_sample(40))
    for kind in ("legal_refs", "dates", "periods", "quantities", "percents", "fractions", "slogans"):
        frame = frames[kind]
        missing = frame[[t not in (s or "") for t, s in zip(frame["text"], frame["sentence"], strict=True)]]
        # a mention that runs over a sentence end (a quoted motto of two sentences) is the only exception
        assert len(missing) <= 0.01 * max(len(frame), 1), missing[["text", "sentence"]]
    indicators = frames["indicators"]
    assert all(t in s for t, s in zip(indicators["value_text"], indicators["sentence"], strict=True))
    assert "sentence" not in frames["topics"].columns


def test_frames_are_the_same_from_memory_jsonl_and_parquet(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from vnpolicy.batch import run_batch

    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:10]) + "\n", encoding="utf-8")
    run_batch([source], tmp_path / "out.jsonl")
    run_batch([source], tmp_path / "out.parquet", output_format="parquet")
    in_memory = to_frames(_sample(10))
    from_jsonl = to_frames(read_records(tmp_path / "out.jsonl"))
    from_parquet = to_frames(read_records(tmp_path / "out.parquet"))
    for kind in Record.KINDS:
        pd.testing.assert_frame_equal(from_jsonl[kind], in_memory[kind])
        pd.testing.assert_frame_equal(from_parquet[kind], in_memory[kind])


def test_record_frame_has_every_mention_in_text_order() -> None:
    pytest.importorskip("pandas")
    r = vnpolicy.extract(SON_LA, doc_id="seed-0001")
    df = r.to_frame()
    assert list(df.columns) == list(RECORD_FRAME_COLUMNS)
    spans = len(r.mentions()) + len(r.indicators)
    assert len(df) == spans
    assert df["start"].is_monotonic_increasing
    assert df["kind"].value_counts().to_dict() == {k: len(getattr(r, k)) for k in Record.KINDS
                                                   if k != "topics" and getattr(r, k)}
    assert all(SON_LA[a:b] == t for a, b, t in zip(df["start"], df["end"], df["text"], strict=True))
    legal = df[df["kind"] == "legal_refs"].iloc[0]
    assert (legal["canonical"], legal["issued"]) == ("22/2013/QĐ-TTg", "2013-04-26")
    assert record_frame(Record(text="")).empty


def test_frames_of_no_records_have_their_columns() -> None:
    pytest.importorskip("pandas")
    frames = to_frames([])
    assert {k: list(f.columns) for k, f in frames.items()} == {k: list(c) for k, c in FRAME_COLUMNS.items()}


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes `import pandas` fail, as it does where pandas is not installed
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r'to_frames\(\) needs pandas: pip install "vnpolicy\[frames\]"'):
        to_frames([])
    with pytest.raises(MissingDependencyError, match=r"Record.to_frame\(\) needs pandas"):
        Record(text="").to_frame()

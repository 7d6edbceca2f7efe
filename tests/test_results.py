"""Reading back what `vnpolicy extract` wrote: the same records from JSON Lines and from Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vnpolicy
from vnpolicy.batch import run_batch
from vnpolicy.io import Document, read_records
from vnpolicy.io.output import EncodedChunk, Extracted
from vnpolicy.records import Record

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
ARTICLES = 12


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], Path, Path, Path]:
    """The first articles of the bundled sample, extracted in memory and by a run to JSON Lines and to Parquet."""
    pytest.importorskip("pyarrow")
    folder = tmp_path_factory.mktemp("results")
    source = folder / "articles.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:ARTICLES]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = []
    for line in lines:
        data = json.loads(line)
        expected.append(vnpolicy.extract(data["text"], published=data["published"], doc_id=data["id"]))
    jsonl, parquet, no_text = folder / "out.jsonl", folder / "out.parquet", folder / "no-text.parquet"
    run_batch([source], jsonl)
    _write_in_parts(expected, parquet)
    run_batch([source], no_text, output_format="parquet", include_text=False)
    return expected, jsonl, parquet, no_text


def _write_in_parts(records: list[Record], path: Path) -> None:
    """A Parquet dataset in three parts, as a run with three checkpoints writes it."""
    from vnpolicy.io.parquet import ParquetOutput

    with ParquetOutput(path) as output:
        for first in range(0, len(records), 5):
            results = [Extracted(Document(id=r.id or "", text=r.text, published=r.published), r)
                       for r in records[first:first + 5]]
            output.write(EncodedChunk(first, len(results), 0, output.encoder(results, first)))
            output.commit()
        output.finish()


def test_jsonl_output_reads_back_as_the_records(outputs: tuple[list[Record], Path, Path, Path]) -> None:
    expected, jsonl, _, _ = outputs
    assert list(read_records(jsonl)) == expected


def test_parquet_output_reads_back_as_the_same_records(outputs: tuple[list[Record], Path, Path, Path]) -> None:
    expected, _, parquet, _ = outputs
    assert len(list((parquet / "documents").glob("part-*.parquet"))) == 3
    records = list(read_records(parquet))
    assert records == expected
    # whole numbers come back as int, as in JSON: 32.489 tỷ đồng is 32489000000000, not 3.2489e13
    values = [q.value for r in records for q in r.quantities]
    assert values and all(type(v) is type(w) for v, w in zip(values, (q.value for r in expected for q in r.quantities),
                                                                strict=True))


def test_parquet_without_text_keeps_every_mention(outputs: tuple[list[Record], Path, Path, Path]) -> None:
    expected, _, _, no_text = outputs
    records = list(read_records(no_text))
    assert [r.text for r in records] == [""] * ARTICLES
    assert [r.quantities for r in records] == [r.quantities for r in expected]


def test_a_gold_file_reads_as_records() -> None:
    records = list(read_records(GOLD))
    assert len(records) == 76
    assert records[0].legal_refs[0].canonical == "22/2013/QĐ-TTg"


@pytest.mark.parametrize(("name", "message"), [
    ("missing.jsonl", "does not exist"),
    ("out.parquet.partial", "not a finished vnpolicy Parquet dataset"),
    ("bad.jsonl", "line 2: not JSON"),
])
def test_what_cannot_be_read_says_why(tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".partial"):
        (tmp_path / name / "documents").mkdir(parents=True)
    elif name.startswith("bad"):
        (tmp_path / name).write_text('{"id": "a", "text": "Năm 2019"}\n{"id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(vnpolicy.InputValueError, match=message):
        list(read_records(tmp_path / name))

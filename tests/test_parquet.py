"""The Parquet dataset: a documented, stable schema that pyarrow and pandas read directly."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from vnpolicy.batch import run_batch
from vnpolicy.errors import OutputExistsError
from vnpolicy.io.parquet import SCHEMAS, schema_markdown
from vnpolicy.records import MENTION_TYPES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"


def test_documented_schema_is_the_schema() -> None:
    documented = (ROOT / "docs" / "parquet-schema.md").read_text(encoding="utf-8")
    assert documented == schema_markdown(), "regenerate: python -m vnpolicy.io.parquet > docs/parquet-schema.md"


def test_every_kind_has_a_table_keyed_by_document() -> None:
    assert list(SCHEMAS) == ["documents", *MENTION_TYPES, "errors"]
    for kind in MENTION_TYPES:
        assert SCHEMAS[kind].names[:2] == ["doc_id", "doc_index"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample plus some unreadable lines, extracted to Parquet and to JSON Lines."""
    folder = tmp_path_factory.mktemp("parquet")
    data = folder / "news.jsonl"
    lines = SAMPLE.read_bytes().splitlines()
    data.write_bytes(b"\n".join([*lines[:60], b"{not json", b'{"id": "no-text"}', *lines[60:]]) + b"\n")
    parquet, jsonl = folder / "out.parquet", folder / "out.jsonl"
    run_batch([data], parquet, output_format="parquet", checkpoint_every=50)
    run_batch([data], jsonl)
    return parquet, jsonl


def test_parquet_holds_what_jsonl_holds(runs: tuple[Path, Path]) -> None:
    parquet, jsonl = runs
    records = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
    documents = ds.dataset(parquet / "documents").to_table().to_pylist()
    assert [d["id"] for d in documents] == [r["id"] for r in records]
    assert [d["text"] for d in documents] == [r["text"] for r in records]
    assert [d["title"] for d in documents] == [r.get("title") for r in records]
    for kind in MENTION_TYPES:
        rows = ds.dataset(parquet / kind).to_table().to_pylist()
        expected = [{"doc_id": r["id"], **m} for r in records for m in r[kind]]
        got = [{k: v for k, v in row.items() if k != "doc_index"} for row in rows]
        assert got == [{k: (float(v) if isinstance(v, int) and not isinstance(v, bool) and
                            SCHEMAS[kind].field(k).type == "double" else v) for k, v in e.items()}
                       for e in expected], kind


def test_every_document_once_in_documents_or_errors(runs: tuple[Path, Path]) -> None:
    parquet, _ = runs
    documents = ds.dataset(parquet / "documents").to_table(columns=["doc_index"]).column(0).to_pylist()
    errors = ds.dataset(parquet / "errors").to_table().to_pylist()
    assert sorted(documents + [e["doc_index"] for e in errors]) == list(range(122))
    assert [e["id"] for e in errors] == [f"{parquet.parent / 'news.jsonl'}:61", "no-text"]
    manifest = json.loads((parquet / "_manifest.json").read_text(encoding="utf-8"))
    assert (manifest["documents"], manifest["records"], manifest["errors"]) == (122, 120, 2)
    assert manifest["parts"] >= 2  # a checkpoint (and a part) every 50 documents or so
    for table in SCHEMAS:
        assert sorted(p.name for p in (parquet / table).iterdir()) == [
            f"part-{i:05d}.parquet" for i in range(manifest["parts"])]


def test_pandas_reads_tables_directly(runs: tuple[Path, Path]) -> None:
    pd = pytest.importorskip("pandas")
    parquet, _ = runs
    frame = pd.read_parquet(parquet / "documents")
    assert len(frame) == 120 and list(frame.columns) == SCHEMAS["documents"].names
    assert len(pd.read_parquet(parquet / "slogans").columns) == len(SCHEMAS["slogans"].names)


def test_existing_dataset_is_kept_unless_overwrite(runs: tuple[Path, Path], tmp_path: Path) -> None:
    parquet, _ = runs
    source = parquet.parent / "news.jsonl"
    with pytest.raises(OutputExistsError, match="exists"):
        run_batch([source], parquet, output_format="parquet")
    target = tmp_path / "copy.parquet"
    run_batch([SAMPLE], target, output_format="parquet")
    summary = run_batch([source], target, output_format="parquet", overwrite=True)
    assert summary.documents == 122
    assert not (tmp_path / "copy.parquet.old").exists() and not (tmp_path / "copy.parquet.partial").exists()
    assert len(ds.dataset(target / "errors").to_table()) == 2

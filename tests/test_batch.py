"""Batch extraction: one record or error record per document, in order."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from vnpolicy.batch import extract_documents, extract_many, run_batch
from vnpolicy.engines.local import LocalEngine
from vnpolicy.engines.work import Chunk, keep_results
from vnpolicy.errors import InputTypeError, InputValueError
from vnpolicy.io.readers import Document, ReadError, ReadOptions
from vnpolicy.records import Record


def test_records_and_errors_keep_input_order_and_ids() -> None:
    docs: list[Document | ReadError] = [
        Document(id="a", text="Năm 2019 toàn tỉnh có 41 xã."),
        ReadError(id="b", source="x.jsonl", error="MissingText", message="line 2 needs text"),
        Document(id="c", text="", published="not a date"),
        Document(id="d", text=""),
    ]
    out = list(extract_documents(docs))
    assert [x.id for x in out] == ["a", "b", "c", "d"]
    assert [type(x).__name__ for x in out] == ["Record", "ReadError", "ReadError", "Record"]
    assert isinstance(out[2], ReadError) and out[2].error == "InputValueError"
    assert isinstance(out[3], Record) and out[3].mentions() == []


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_extract_many_takes_texts_paths_and_documents(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    items: list[str | Path | Document] = [ARTICLES[1]["text"], folder, Document(id="doc", text=ARTICLES[2]["text"])]
    out = list(extract_many(items))
    assert [(type(x).__name__, x.id) for x in out] == [("Record", "0"), ("Record", "a.txt"), ("ReadError", "b.txt"),
                                                       ("Record", "doc")]
    assert isinstance(out[0], Record) and out[0].text == ARTICLES[1]["text"]
    with pytest.raises(InputTypeError, match=r"pathlib\.Path"):
        list(extract_many([b"bytes"]))  # type: ignore[list-item]


def test_two_processes_give_exactly_what_one_gives() -> None:
    texts = [a["text"] for a in ARTICLES]
    one = [r.to_dict() for r in extract_many(texts, workers=1) if isinstance(r, Record)]
    two = [r.to_dict() for r in extract_many(texts, workers=2) if isinstance(r, Record)]
    assert len(one) == len(texts) and one == two


def test_run_batch_local_engine_is_deterministic(tmp_path: Path) -> None:
    first = run_batch([SAMPLE], tmp_path / "one.jsonl", workers=1)
    second = run_batch([SAMPLE], tmp_path / "two.jsonl", workers=2, checkpoint_every=10)
    assert (first.documents, first.records, first.errors) == (120, 120, 0) == \
        (second.documents, second.records, second.errors)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_a_worker_killed_mid_run_costs_no_document() -> None:
    """A worker process killed from outside (as the kernel does when memory runs out): the run goes on."""
    items = [Document(id=a["id"], text=a["text"]) for a in ARTICLES] * 3
    chunks = [Chunk(i, tuple(items[i:i + 8])) for i in range(0, len(items), 8)]
    seen: list[str] = []
    with LocalEngine(workers=2) as engine:
        for n, chunk in enumerate(engine.map(chunks, keep_results, ReadOptions())):
            if n == 1:
                pool = engine._pool
                assert pool is not None
                os.kill(next(iter(pool._processes)), signal.SIGKILL)  # type: ignore[attr-defined]
            seen += [r.id or "" for r in chunk.payload if isinstance(r, Record)]
    assert seen == [d.id for d in items]


def test_resume_and_overwrite_are_exclusive(tmp_path: Path) -> None:
    with pytest.raises(InputValueError, match="one of them"):
        run_batch([SAMPLE], tmp_path / "o.jsonl", resume=True, overwrite=True)

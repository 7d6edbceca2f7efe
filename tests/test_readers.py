"""Readers: every document once, as a document or an error record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnpolicy.errors import InputValueError
from vnpolicy.io.readers import Document, ReadError, read_documents

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "unc-news-sample.jsonl"


def test_bundled_sample_reads_with_ids_and_dates() -> None:
    docs = list(read_documents([SAMPLE]))
    assert len(docs) == 120
    assert all(isinstance(d, Document) and d.text and d.published for d in docs)
    assert len({d.id for d in docs}) == 120


def test_bad_lines_become_error_records(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "ok", "text": "Năm 2019"}).encode(),
        b"{not json",
        json.dumps({"id": "no-text"}).encode(),
        b"\xff\xfe garbage",
        json.dumps({"text": "không có id"}).encode(),
    ]))
    out = list(read_documents([path]))
    assert [type(x).__name__ for x in out] == ["Document", "ReadError", "ReadError", "ReadError", "Document"]
    assert isinstance(out[2], ReadError) and out[2].id == "no-text"
    assert out[4].id == f"{path}:5"


def test_folder_of_txt_files_keyed_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Ngày 1/7", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00")
    out = list(read_documents([tmp_path]))
    assert [(type(x).__name__, x.id) for x in out] == [("ReadError", "b.txt"), ("Document", "sub/a.txt")]


def test_unknown_paths_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputValueError, match="no such file"):
        list(read_documents([tmp_path / "missing.txt"]))
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputValueError, match=r"cannot read \.pdf"):
        list(read_documents([tmp_path / "x.pdf"]))

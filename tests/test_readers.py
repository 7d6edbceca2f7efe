"""Readers: every document once, as a document or an error record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnpolicy.errors import InputValueError
from vnpolicy.io.readers import Document, ReadError, ReadOptions, read_documents

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


ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:5]]


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "crawl.ndjson"
    path.write_text("".join(json.dumps({"url": a["source"], "noi_dung": a["text"], "tieu_de": a["title"],
                                        "ngay": a["published"]}, ensure_ascii=False) + "\n" for a in ARTICLES),
                    encoding="utf-8")
    options = ReadOptions(id_field="url", text_field="noi_dung", title_field="tieu_de", date_fields=("ngay",))
    docs = list(read_documents([path], options))
    assert [d.id for d in docs] == [a["source"] for a in ARTICLES]
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.title, d.published) for d in docs if isinstance(d, Document)] == \
        [(a["title"], a["published"]) for a in ARTICLES]
    missing = next(read_documents([path]))
    assert isinstance(missing, ReadError) and "--text-field" in missing.message


def test_csv_and_tsv_rows(tmp_path: Path) -> None:
    import csv

    for name, delimiter in [("news.csv", ","), ("news.tsv", "\t")]:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=delimiter)
            writer.writerow(["id", "title", "published", "text"])
            writer.writerows([[a["id"], a["title"], a["published"], a["text"]] for a in ARTICLES])
            writer.writerow(["", "", "", "Năm 2019"])
        docs = list(read_documents([path]))
        assert [d.id for d in docs] == [a["id"] for a in ARTICLES] + [f"{path}:6"]
        assert [d.text for d in docs if isinstance(d, Document)] == [a["text"] for a in ARTICLES] + ["Năm 2019"]
        assert isinstance(docs[0], Document) and docs[0].published == ARTICLES[0]["published"]


def test_csv_row_with_an_undecodable_line_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,text\na,N\xc4\x83m 2019\nb,\xc4\x83\xff\xfe\xc4\x83\nc,Ng\xc3\xa0y 1/7\n")
    out = list(read_documents([path]))
    assert [(type(x).__name__, x.id) for x in out] == [("Document", "a"), ("ReadError", f"{path}:2"),
                                                       ("Document", "c")]


def test_long_jsonl_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 50_000})
    path.write_text("\n".join([json.dumps({"id": "a", "text": "Năm 2019"}), big,
                               json.dumps({"id": "c", "text": "Ngày 1/7"})]) + "\n", encoding="utf-8")
    out = list(read_documents([path], ReadOptions(max_bytes=10_000)))
    assert [(type(x).__name__, x.id) for x in out] == [("Document", "a"), ("ReadError", f"{path}:2"),
                                                       ("Document", "c")]
    assert isinstance(out[1], ReadError) and out[1].error == "DocumentTooLargeError"


def test_folder_reads_every_visible_file_by_its_format(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "2017").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (tmp_path / "2017" / "a.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    (tmp_path / "2017" / "b.txt.gz").write_bytes(gzip.compress(ARTICLES[1]["text"].encode()))
    (tmp_path / "2017" / "c.jsonl").write_text(json.dumps({"text": ARTICLES[2]["text"]}) + "\n", encoding="utf-8")
    (tmp_path / "2017" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "2017" / "empty.txt").write_bytes(b"")
    out = list(read_documents([tmp_path]))
    assert [(type(x).__name__, x.id) for x in out] == [
        ("Document", "2017/a.txt"), ("Document", "2017/b.txt.gz"), ("Document", "2017/c.jsonl:1"),
        ("Document", "2017/empty.txt"), ("ReadError", "2017/photo.jpg")]
    assert isinstance(out[3], Document) and out[3].text == ""

"""Archives are read as streams, member by member, with member paths as ids."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from vnpolicy.io.documents import Document, RawDocument, ReadError, ReadOptions
from vnpolicy.io.readers import DocumentSource, read_documents

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:6]]


def members() -> dict[str, bytes]:
    return {f"bai/{a['id']}.txt": a["text"].encode("utf-8") for a in ARTICLES}


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


def write_tar(path: Path, files: dict[str, bytes], mode: str) -> Path:
    with tarfile.open(path, mode) as tar:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(("suffix", "mode"), [(".tar", "w"), (".tar.gz", "w:gz"), (".tgz", "w:gz"),
                                              (".tar.bz2", "w:bz2"), (".tar.xz", "w:xz")])
def test_tar_archives_in_every_compression(tmp_path: Path, suffix: str, mode: str) -> None:
    files = members()
    archive = write_tar(tmp_path / f"news{suffix}", files, mode)
    docs = list(read_documents([archive]))
    assert [d.id for d in docs] == list(files)
    assert all(isinstance(d, Document) and d.source == str(archive) for d in docs)
    assert [d.text for d in docs if isinstance(d, Document)] == [a["text"] for a in ARTICLES]


def test_zip_archive_with_folders_and_hidden_entries(tmp_path: Path) -> None:
    archive = tmp_path / "news.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bai/", b"")
        for name, data in members().items():
            z.writestr(name, data)
        z.writestr("__MACOSX/bai/._x.txt", b"\x00\x05\x16\x07")
        z.writestr("bai/.DS_Store", b"\x00\x00\x00\x01Bud1")
    assert [d.id for d in read_documents([archive])] == list(members())


def test_members_are_read_by_their_own_format(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": a["id"], "text": a["text"], "published": a["published"]}) + "\n"
                    for a in ARTICLES[:3])
    files = {
        "a/lines.jsonl": lines.encode(),
        "a/compressed.txt.gz": gzip.compress(ARTICLES[3]["text"].encode()),
        "a/table.csv": csv_text([["id", "text"], ["c1", ARTICLES[4]["text"]]]).encode(),
        "a/nested.zip": b"PK\x05\x06" + b"\x00" * 18,
        "a/scan.pdf": b"%PDF-1.4",
    }
    archive = write_tar(tmp_path / "mixed.tar.gz", files, "w:gz")
    out = list(read_documents([archive]))
    assert [x.id for x in out] == [ARTICLES[0]["id"], ARTICLES[1]["id"], ARTICLES[2]["id"],
                                   "a/compressed.txt.gz", "c1", "a/nested.zip", "a/scan.pdf"]
    assert isinstance(out[0], Document) and out[0].published == ARTICLES[0]["published"]
    assert isinstance(out[3], Document) and out[3].text == ARTICLES[3]["text"]
    assert isinstance(out[5], ReadError) and "archive inside an archive" in out[5].message
    assert isinstance(out[6], ReadError) and out[6].error == "UnsupportedFormatError"


def test_a_truncated_archive_keeps_what_came_before_and_says_so(tmp_path: Path) -> None:
    files = members()
    whole = write_tar(tmp_path / "whole.tar.gz", files, "w:gz").read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    out = list(read_documents([cut]))
    assert isinstance(out[-1], ReadError) and out[-1].id == str(cut) and out[-1].error == "CorruptArchiveError"
    good = [x.id for x in out[:-1] if isinstance(x, Document)]
    assert good and good == list(files)[: len(good)]


def test_corrupt_zip_member_is_one_error_record(tmp_path: Path) -> None:
    archive = tmp_path / "news.zip"
    files = members()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo(list(files)[2])
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10: start + 40] = b"\xff" * 30  # damage the compressed bytes of the third member
    archive.write_bytes(bytes(data))
    out = list(read_documents([archive]))
    assert [x.id for x in out] == list(files)
    assert [type(x).__name__ for x in out].count("ReadError") == 1
    assert isinstance(out[2], ReadError) and out[2].error == "CorruptArchiveError"


def test_too_large_members_are_not_read(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "big.tar", {"a.txt": b"x" * 5000, "b.txt": "Năm 2019".encode()}, "w")
    out = list(read_documents([archive], ReadOptions(max_bytes=1000)))
    assert isinstance(out[0], ReadError) and out[0].error == "DocumentTooLargeError"
    assert isinstance(out[1], Document)


def test_stream_progress_counts_compressed_bytes(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "news.tar.gz", members(), "w:gz")
    source = DocumentSource([archive])
    assert source.total_bytes == archive.stat().st_size
    items = list(source)
    assert all(isinstance(i, RawDocument) for i in items)
    assert source.bytes_read == source.total_bytes

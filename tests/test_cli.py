"""The command line, run as a user runs it: a real subprocess on the bundled sample."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "gold"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vnpolicy", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_extract_gold_is_read_by_the_official_scorer(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    done = run("extract", str(GOLD / "dev.jsonl"), "--format", "jsonl", "-o", str(pred))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]
    gold_ids = [json.loads(x)["id"] for x in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == gold_ids
    scored = subprocess.run([sys.executable, str(GOLD / "score.py"), str(GOLD / "dev.jsonl"), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    assert json.loads(scored.stdout)["missing_docs"] == 0


def test_existing_output_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    done = run("extract", str(GOLD / "dev.jsonl"), "-o", str(out))
    assert done.returncode == 2
    assert "exists" in done.stderr and "Traceback" not in done.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_txt_file_to_stdout(tmp_path: Path) -> None:
    src = tmp_path / "bai.txt"
    src.write_text("Ngày 27 tháng 02 năm 2020, toàn tỉnh có 41 xã.", encoding="utf-8")
    done = run("extract", str(src))
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(x) for x in done.stdout.splitlines()]
    assert record["id"] == str(src)
    assert set(record) >= {"legal_refs", "dates", "periods", "quantities", "percents", "fractions",
                           "slogans", "indicators", "topics"}


@pytest.mark.parametrize(("flags", "repairs", "dates"), [
    ((), ["tcvn3->unicode"], ["Ngµy 26/4/2013"]),
    (("--no-repair",), [], ["26/4/2013"]),
], ids=["repaired-by-default", "no-repair"])
def test_legacy_text_is_repaired_unless_asked_not_to(tmp_path: Path, flags: tuple[str, ...], repairs: list[str],
                                                      dates: list[str]) -> None:
    src = tmp_path / "tcvn3.txt"
    # a TCVN3 (ABC) document read as text: "Ngày 26/4/2013, tỉnh có 41 xã"
    src.write_text("Ngµy 26/4/2013, tØnh cã 41 x·", encoding="utf-8")
    done = run("extract", str(src), *flags)
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(x) for x in done.stdout.splitlines()]
    assert record["repairs"] == repairs
    assert [d["text"] for d in record["dates"]] == dates


def test_version_says_whether_the_extractors_run_compiled() -> None:
    from vnpolicy.compiled import build_name

    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"vnpolicy 0.1.0, {build_name()}"
    pure = subprocess.run([sys.executable, "-m", "vnpolicy", "--version"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, "VNPOLICY_PURE_PYTHON": "1"})
    assert pure.stdout.strip() == "vnpolicy 0.1.0, pure Python"


def test_missing_input_is_an_error_not_a_traceback() -> None:
    done = run("extract", "no/such/file.txt")
    assert done.returncode == 2
    assert "no such file" in done.stderr and "Traceback" not in done.stderr


SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def read_output(out: Path, output_format: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Records and error records of a run, whatever the format."""
    if output_format == "jsonl":
        errors_path = out.with_name(out.name + ".errors.jsonl")
        return ([json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()],
                [json.loads(x) for x in errors_path.read_text(encoding="utf-8").splitlines()])
    import pyarrow.dataset as ds

    return (ds.dataset(out / "documents").to_table().to_pylist(), ds.dataset(out / "errors").to_table().to_pylist())


@pytest.fixture(scope="module")
def faulty_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """A real archive of sample articles with every kind of bad document, and the expected ids."""
    path = tmp_path_factory.mktemp("faults") / "news.tar"
    good: list[str] = []
    with tarfile.open(path, "w") as tar:
        for article in ARTICLES[:30]:
            add(tar, f"news/{article['id']}.txt", article["text"].encode("utf-8"))
            good.append(f"news/{article['id']}.txt")
        add(tar, "news/compressed.txt.gz", gzip.compress(ARTICLES[30]["text"].encode("utf-8")))
        corrupt = bytearray(gzip.compress(ARTICLES[31]["text"].encode("utf-8")))
        corrupt[len(corrupt) // 2: len(corrupt) // 2 + 16] = b"\x00" * 16
        add(tar, "news/corrupt.txt.gz", bytes(corrupt))
        text = ARTICLES[32]["text"].encode("utf-8")
        at = text.index(b" ", len(text) // 2)
        add(tar, "news/invalid-utf8.txt", text[:at] + b"\xff\xfe\xfd" + text[at:])
        add(tar, "news/empty.txt", b"")
        add(tar, "news/scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8)
        repeated = "\n".join(a["text"] for a in ARTICLES).encode("utf-8")
        add(tar, "news/huge.txt", (repeated * (20 * 2**20 // len(repeated) + 1))[: 20 * 2**20])
        good[30:30] = ["news/compressed.txt.gz"]
        good.append("news/empty.txt")
    bad = ["news/corrupt.txt.gz", "news/invalid-utf8.txt", "news/scan.txt", "news/huge.txt"]
    return path, good, bad


@pytest.mark.parametrize("output_format", ["jsonl", "parquet"])
def test_faulty_archive_every_document_once(tmp_path: Path, faulty_archive: tuple[Path, list[str], list[str]],
                                            output_format: str) -> None:
    archive, good, bad = faulty_archive
    out = tmp_path / f"out.{output_format}"
    done = run("extract", str(archive), "-o", str(out), "--format", output_format, "--workers", "2")
    assert done.returncode == 0, done.stderr
    records, errors = read_output(out, output_format)
    assert [r["id"] for r in records] == good
    assert sorted(e["id"] for e in errors) == sorted(bad)
    kinds = {e["id"]: e["error"] for e in errors}
    assert kinds == {"news/corrupt.txt.gz": "CorruptArchiveError", "news/invalid-utf8.txt": "DecodeError",
                     "news/scan.txt": "BinaryContentError", "news/huge.txt": "DocumentTooLargeError"}
    assert all(e["source"] == str(archive) and e["message"] for e in errors)
    if output_format == "jsonl":
        empty = next(r for r in records if r["id"] == "news/empty.txt")
        assert empty["text"] == "" and all(empty[k] == [] for k in ("dates", "legal_refs", "quantities"))
    assert f"{len(good)} records and {len(bad)} error records" in done.stderr


@pytest.mark.parametrize(("output_format", "every"), [("jsonl", 100), ("parquet", 200)])
def test_killed_run_resumes_to_exactly_a_clean_run(tmp_path: Path, output_format: str, every: int) -> None:
    archive = tmp_path / "copies.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for copy in range(10):
            for article in ARTICLES:
                add(tar, f"copy-{copy:02d}/{article['id']}.txt", article["text"].encode("utf-8"))
        add(tar, "copy-99/bad.txt", b"\x00binary")
    out = tmp_path / f"killed.{output_format}"
    checkpoint = (out.with_name(out.name + ".checkpoint.json") if output_format == "jsonl"
                  else out.with_name(out.name + ".partial") / "_checkpoint.json")
    command = [sys.executable, "-m", "vnpolicy", "extract", str(archive), "-o", str(out), "--format", output_format,
               "--workers", "2", "--checkpoint-every", str(every)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if checkpoint.exists() and json.loads(checkpoint.read_text(encoding="utf-8"))["done"] >= every:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed; give it more documents"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        assert not out.exists()  # nothing under the final name looks complete
        # the workers notice that their parent is gone and exit by themselves
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("worker processes outlived the killed run")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()  # type: ignore[union-attr]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    refused = run(*command[3:])
    assert refused.returncode == 2 and "--resume" in refused.stderr
    resumed = run(*command[3:], "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "from the interrupted run" in resumed.stderr
    clean = tmp_path / f"clean.{output_format}"
    assert run("extract", str(archive), "-o", str(clean), "--format", output_format).returncode == 0
    assert read_output(out, output_format) == read_output(clean, output_format)
    records, errors = read_output(out, output_format)
    assert len(records) == 10 * len(ARTICLES) and [e["id"] for e in errors] == ["copy-99/bad.txt"]
    again = run(*command[3:], "--resume")
    assert again.returncode == 0 and "already complete" in again.stderr

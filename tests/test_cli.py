"""The command line, run as a user runs it: a real subprocess on the bundled sample."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_missing_input_is_an_error_not_a_traceback() -> None:
    done = run("extract", "no/such/file.txt")
    assert done.returncode == 2
    assert "no such file" in done.stderr and "Traceback" not in done.stderr

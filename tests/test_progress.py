"""Progress: log lines when standard error is a file, a live bar on a real terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from vnpolicy.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"


def test_log_lines_are_spaced_and_say_rate_errors_and_eta() -> None:
    times = iter([0.0, 1.0, 12.0, 13.0])
    out = io.StringIO()
    progress = Progress(out, mode="log", total_bytes=400, clock=lambda: next(times))
    progress.update(documents=10, errors=0, bytes_read=10)  # 1 s in: too soon for a log line
    progress.update(documents=120, errors=3, bytes_read=100)
    assert out.getvalue() == "vnpolicy: 120 documents, 10.0 docs/s, 3 errors, 25% read, ETA 0:00:36\n"
    progress.update(documents=121, errors=3, bytes_read=101)
    assert out.getvalue().count("\n") == 1


def test_bar_on_a_real_terminal(tmp_path: Path) -> None:
    """The command run with its standard error on a pseudo-terminal draws the bar in place."""
    master, slave = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "vnpolicy", "extract", str(SAMPLE), "-o",
                               str(tmp_path / "o.jsonl")], stderr=slave, stdout=subprocess.DEVNULL, cwd=ROOT,
                              timeout=120, check=True)
        assert done.returncode == 0
        os.close(slave)
        screen = b""
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not data:
                break
            screen += data
    finally:
        os.close(master)
    text = screen.decode("utf-8")
    assert "\r\x1b[K120 documents" in text and "docs/s" in text and "0 errors" in text
    assert "120 records and 0 error records" in text
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == len(
        [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines()])

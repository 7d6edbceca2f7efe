"""Render a record's HTML view (what Jupyter shows) to a file and take a screenshot of it in headless Chromium.

    python docs/render_record.py [--id seed-0001] [--png docs/record.png] [--html PAGE.html]

Takes one passage of the dev gold set (``corpora/gold/dev.jsonl``; by default
the Sơn La article with ``Quyết định số 22/2013/QĐ-TTg``, ``32.489 tỷ đồng``
and ``196/204 xã``), extracts it, writes ``Record._repr_html_()`` as a page
and runs Chromium on it (``apt-get install chromium``). Not run in CI: it is
how ``docs/record.png`` is made.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import vnpolicy

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")


def passage(doc_id: str) -> dict[str, str]:
    """The gold passage with this id."""
    with GOLD.open(encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            if data["id"] == doc_id:
                return data  # type: ignore[no-any-return]
    raise SystemExit(f"{doc_id} is not in {GOLD}")


def page(record: vnpolicy.Record) -> str:
    """A whole HTML page around the record's view (Jupyter gives the fragment a page of its own)."""
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>vnpolicy record</title></head>'
            f'<body style="margin:16px;background:#fff">{record._repr_html_()}</body></html>')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--id", default="seed-0001", help="id of a passage of corpora/gold/dev.jsonl")
    parser.add_argument("--html", type=Path, help="also keep the page here (default: a temporary file)")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "record.png")
    # tall enough for the whole view of the default passage: its text, then a table per kind
    parser.add_argument("--size", default="1200,2800", help="window size, width,height")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    data = passage(args.id)
    record = vnpolicy.extract(data["text"], doc_id=data["id"])
    with tempfile.TemporaryDirectory() as tmp:
        html = args.html or Path(tmp) / "record.html"
        html.write_text(page(record), encoding="utf-8")
        # a fresh profile each time: no state from an earlier run, nothing left behind
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                        f"--screenshot={args.png.resolve()}", f"--window-size={args.size}",
                        html.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    print(f"{args.png} written" + (f" from {args.html}" if args.html else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

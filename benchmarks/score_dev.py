"""Score the current code on the dev gold set: ``python benchmarks/score_dev.py [--errors KIND]``.

Runs :func:`vnpolicy.extract` over ``../shared/gold/dev.jsonl`` (or the copy in
``corpora/gold/``), writes the predictions to a temporary file and runs the
official scorer on them, passing any extra arguments through.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    import vnpolicy

    gold = SHARED / "gold" / "dev.jsonl"
    scorer = SHARED / "eval" / "score.py"
    if not gold.exists():
        gold = ROOT / "corpora" / "gold" / "dev.jsonl"
        scorer = ROOT / "corpora" / "gold" / "score.py"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for line in gold.open(encoding="utf-8"):
            doc = json.loads(line)
            record = vnpolicy.extract(doc["text"], doc_id=str(doc["id"]))
            out.write(json.dumps(record.to_dict(include_text=False), ensure_ascii=False) + "\n")
    return subprocess.call([sys.executable, str(scorer), str(gold), out.name, *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

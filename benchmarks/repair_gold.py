"""Extraction after repair against extraction on the original: ``python benchmarks/repair_gold.py``.

The dev gold texts are written in each legacy encoding by an independent
implementation (see ``benchmarks/repair_encodings.py``), repaired by
:func:`vnpolicy.repair`, and :func:`vnpolicy.extract` runs on the repaired text.
The official scorer (``corpora/gold/score.py``) scores both runs; repair passes
when every kind's value-F1 is within ``--tolerance`` (0.01) of the original's.
Exits 1 when a kind is not. Needs what ``repair_encodings.py`` needs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from repair_encodings import CORPORA, RECODE_NAMES, build  # noqa: E402

KINDS = ("legal_refs", "dates", "periods", "quantities", "percents", "fractions", "slogans", "indicators")


def gold_path() -> tuple[Path, Path]:
    gold = ROOT.parent / "shared" / "gold" / "dev.jsonl"
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not gold.exists():
        gold, scorer = ROOT / "corpora" / "gold" / "dev.jsonl", ROOT / "corpora" / "gold" / "score.py"
    return gold, scorer


def value_f1(texts: list[str], ids: list[str], gold: Path, scorer: Path) -> dict[str, float]:
    import vnpolicy

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for doc_id, text in zip(ids, texts, strict=True):
            record = vnpolicy.extract(text, doc_id=doc_id)
            out.write(json.dumps(record.to_dict(include_text=False), ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(scorer), str(gold), out.name, "--json"],
                            capture_output=True, text=True, check=True)
    Path(out.name).unlink()
    scores = json.loads(result.stdout)
    return {kind: float(scores[kind]["value_f"]) for kind in KINDS if kind in scores}


def main(argv: list[str]) -> int:
    import shutil

    from vnpolicy.repair import repair

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--bytes", action="store_true", help="repair the bytes form, not the text form")
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args(argv)
    gold, scorer = gold_path()
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    ids = [str(d["id"]) for d in docs]
    texts = [d["text"] for d in docs]
    baseline = value_f1(texts, ids, gold, scorer)
    print(f"{'corpus':<16}" + "".join(f"{k[:10]:>11}" for k in baseline))
    print(f"{'original':<16}" + "".join(f"{v:>11.4f}" for v in baseline.values()))
    failed = False
    for name in args.corpus or CORPORA:
        if name in RECODE_NAMES and shutil.which("recode") is None:
            print(f"{name:<16} skipped: apt-get install recode")
            continue
        legacy = build(name, texts, as_bytes=args.bytes)
        repaired = [repair(x).text for x in legacy]
        scores = value_f1(repaired, ids, gold, scorer)
        deltas = {k: scores.get(k, 0.0) - v for k, v in baseline.items()}
        bad = [k for k, d in deltas.items() if abs(d) > args.tolerance]
        failed = failed or bool(bad)
        print(f"{name:<16}" + "".join(f"{d:>+11.4f}" for d in deltas.values()) + (f"  OVER: {', '.join(bad)}"
                                                                                  if bad else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

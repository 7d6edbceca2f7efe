"""Topic prediction speed on one core: characters per second, hostile megabytes, and model load time.

Usage::

    python benchmarks/topics_throughput.py [--model DIR] [--input FILE.jsonl] [--repeat N] [--no-write]

Times :meth:`LinearTopicModel.predict` over real articles (default: the
bundled sample ``corpora/topics/unc-sample.jsonl``, 240 news articles), one
document at a time as ``vnpolicy.extract`` calls it, after a cold load of the
model whose time is reported too; then one 10 MB document, and each hostile
input of ``benchmarks/pathological.py`` at 1 MB (best of 3 runs each). Targets:
at least 1 000 000 characters per second on articles, load under 1 s, a
hostile megabyte in a small fraction of the 2 s that a whole ``extract()`` of
it may take. The figures go to ``benchmarks/results/topics_throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from vnpolicy.topics import default_model_path
from vnpolicy.topics.features import MAX_CHARS
from vnpolicy.topics.model import LinearTopicModel, timed_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from pathological import inputs  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "topics_throughput.json"


def best_of(model: LinearTopicModel, text: str, runs: int = 3) -> float:
    """Fewest seconds ``model.predict(text)`` took in ``runs`` calls."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        model.predict(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the policy model)")
    ap.add_argument("--input", type=Path, default=None, help="JSON Lines of {text} (default: bundled sample)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the texts (default: 5)")
    ap.add_argument("--hostile-size", type=int, default=1_000_000, help="size of each hostile input")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    a = ap.parse_args(argv)
    source = a.input or ROOT / "corpora" / "topics" / "unc-sample.jsonl"
    texts = [json.loads(line)["text"] for line in source.open(encoding="utf-8") if line.strip()]
    model_dir = a.model or default_model_path()
    model, load_s = timed_load(model_dir)
    model.predict(texts[0])  # first call: numpy's lazy set-up is not the model's cost
    chars = sum(len(t) for t in texts) * a.repeat
    start = time.perf_counter()
    for _ in range(a.repeat):
        for t in texts:
            model.predict(t)
    seconds = time.perf_counter() - start
    big = " ".join(texts) * max(1, 10_000_000 // max(1, sum(len(t) for t in texts)))
    big_s = best_of(model, big, runs=1)
    print(f"model load: {load_s:.3f} s")
    print(f"{len(texts) * a.repeat} documents, {chars:,} characters in {seconds:.2f} s: "
          f"{chars / seconds:,.0f} characters/s, {len(texts) * a.repeat / seconds:,.0f} documents/s")
    print(f"one document of {len(big):,} characters (read up to {MAX_CHARS:,}): {big_s:.3f} s")
    hostile: dict[str, float] = {}
    for name, make in inputs(a.hostile_size).items():
        hostile[name] = round(best_of(model, make()), 4)
    worst = max(hostile, key=lambda k: hostile[k])
    print(f"hostile inputs of {a.hostile_size:,} characters ({len(hostile)}): "
          f"slowest {worst} {hostile[worst]:.3f} s, mean {sum(hostile.values()) / len(hostile):.3f} s")
    if not a.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "model": str(Path(model_dir).resolve().relative_to(ROOT)) if Path(model_dir).resolve().is_relative_to(ROOT)
            else str(model_dir),
            "load_seconds": round(load_s, 3),
            "articles": {"source": str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source),
                         "documents": len(texts) * a.repeat, "chars": chars,
                         "chars_per_second": round(chars / seconds),
                         "documents_per_second": round(len(texts) * a.repeat / seconds)},
            "ten_mb_document": {"chars": len(big), "seconds": round(big_s, 4), "max_chars_read": MAX_CHARS},
            "hostile_seconds": {"size": a.hostile_size, **hostile},
            "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        }, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

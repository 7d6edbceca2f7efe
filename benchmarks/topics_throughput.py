"""Topic prediction speed on one core: characters per second, and model load time.

Usage::

    python benchmarks/topics_throughput.py [--model DIR] [--input FILE.jsonl] [--repeat N]

Times :meth:`LinearTopicModel.predict` over real articles (default: the
bundled sample ``corpora/topics/unc-sample.jsonl``, 240 news articles), one
document at a time as ``vnpolicy.extract`` calls it, after a cold load of the
model whose time is reported too. Target: at least 1 000 000 characters per
second, load under 1 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from vnpolicy.topics import default_model_path
from vnpolicy.topics.model import timed_load

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the policy model)")
    ap.add_argument("--input", type=Path, default=None, help="JSON Lines of {text} (default: bundled sample)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the texts (default: 5)")
    a = ap.parse_args(argv)
    source = a.input or ROOT / "corpora" / "topics" / "unc-sample.jsonl"
    texts = [json.loads(line)["text"] for line in source.open(encoding="utf-8") if line.strip()]
    model, load_s = timed_load(a.model or default_model_path())
    model.predict(texts[0])  # first call: numpy's lazy set-up is not the model's cost
    chars = sum(len(t) for t in texts) * a.repeat
    start = time.perf_counter()
    for _ in range(a.repeat):
        for t in texts:
            model.predict(t)
    seconds = time.perf_counter() - start
    big = " ".join(texts) * max(1, 10_000_000 // max(1, sum(len(t) for t in texts)))
    start = time.perf_counter()
    model.predict(big)
    big_s = time.perf_counter() - start
    print(f"model load: {load_s:.3f} s")
    print(f"{len(texts) * a.repeat} documents, {chars:,} characters in {seconds:.2f} s: "
          f"{chars / seconds:,.0f} characters/s, {len(texts) * a.repeat / seconds:,.0f} documents/s")
    print(f"one document of {len(big):,} characters: {big_s:.2f} s ({len(big) / big_s:,.0f} characters/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of the extractors on real news, side by side with dateparser.

    python benchmarks/throughput.py [--articles 5000] [--dateparser-articles 300] [--json OUT]

Reads the first N articles of ``../shared/corpora/baomoi-2017.tar.gz`` (sorted
by member name), then times, in this one process and on one core:

* ``core``: the issue-2 extractors as the pipeline runs them (normalise, legal
  symbols to block, dates and periods, quantities, percents, fractions);
* each extractor alone, and the full ``vnpolicy.extract``;
* ``dateparser.search_dates(text, languages=["vi"])``, the anchor, on the first
  M of the same articles, with ``core`` timed again on exactly those M so the
  ratio compares like with like.

Each timing is the best of ``--repeat`` passes (the minimum is the least noisy
estimate of what the code costs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpora" / "baomoi-2017.tar.gz"


def load_articles(limit: int) -> list[str]:
    """The first ``limit`` articles of the baomoi archive, by member name."""
    texts: list[tuple[str, str]] = []
    with tarfile.open(ARCHIVE) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt"):
                data = tar.extractfile(member)
                assert data is not None
                texts.append((member.name, data.read().decode("utf-8", errors="replace")))
    texts.sort()
    return [t for _, t in texts[:limit]]


def best_time(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def core(text: str) -> object:
    """The extraction core of issue 2, in pipeline order, without linkers or topics."""
    from vnpolicy import dates, legal_refs, quantities
    from vnpolicy.spans import SpanSet
    from vnpolicy.text import normalise

    t = normalise(text).text
    taken = SpanSet(legal_refs.symbol_spans(t))
    found_dates, periods = dates.find_dates(t, blocked=taken)
    taken = taken.union((m.start, m.end) for m in [*found_dates, *periods])
    return quantities.find_numbers(t, blocked=taken)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--dateparser-articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"{ARCHIVE} not found: the benchmark needs ../shared/corpora", file=sys.stderr)
        return 1

    import vnpolicy
    from vnpolicy import dates, legal_refs, quantities
    from vnpolicy.compiled import build_name
    from vnpolicy.text import normalise

    build = build_name()
    print(f"vnpolicy {build}")
    texts = load_articles(args.articles)
    chars = sum(len(t) for t in texts)
    vnpolicy.extract(texts[0])  # warm caches and lazy imports outside the timings

    def numbers_alone(text: str) -> object:
        return quantities.find_numbers(normalise(text).text)

    def dates_alone(text: str) -> object:
        return dates.find_dates(normalise(text).text)

    def refs_alone(text: str) -> object:
        return legal_refs.find_legal_refs(normalise(text).text)

    rows: dict[str, float] = {}
    for name, fn in [("core (issue 2 extractors)", core), ("dates + periods", dates_alone),
                     ("quantities + percents + fractions", numbers_alone),
                     ("legal references", refs_alone), ("full extract()", vnpolicy.extract)]:
        seconds = best_time(fn, texts, args.repeat)
        rows[name] = chars / seconds
        print(f"{name:36} {chars / seconds / 1e6:7.2f} M chars/s  ({seconds:.2f} s for {len(texts)} articles)")

    import dateparser.search

    subset = texts[: args.dateparser_articles]
    sub_chars = sum(len(t) for t in subset)

    def anchor(text: str) -> object:
        return dateparser.search.search_dates(text, languages=["vi"])

    anchor(subset[0])
    dp_seconds = best_time(anchor, subset, 1)
    core_seconds = best_time(core, subset, args.repeat)
    ratio = dp_seconds / core_seconds
    print(f"{'dateparser.search_dates (vi)':36} {sub_chars / dp_seconds / 1e6:7.3f} M chars/s  "
          f"({dp_seconds:.2f} s for {len(subset)} articles)")
    print(f"core on the same {len(subset)} articles: {sub_chars / core_seconds / 1e6:.2f} M chars/s, "
          f"{ratio:.0f}x dateparser")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "articles": len(texts), "chars": chars, "chars_per_second": rows,
            "dateparser_articles": len(subset), "dateparser_chars_per_second": sub_chars / dp_seconds,
            "core_vs_dateparser": ratio, "build": build, "python": platform.python_version(),
            "machine": platform.machine(), "cpus": os.cpu_count(),
        }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

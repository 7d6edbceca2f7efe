#!/usr/bin/env python3
"""Throughput of legal-reference extraction alone on the baomoi archive (not a test).

    python3 benchmarks/legal_throughput.py [--archive PATH] [--limit N]

Reads every article of ``baomoi-2017.tar.gz`` into memory (normalised as the
pipeline does), then times :func:`find_legal_refs` and :func:`symbol_spans` over
all of them; reading and normalising are not timed. The target is 5 million
characters per second. Also reports the share of references linked to the
knowledge base. Writes ``benchmarks/results/legal_throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnpolicy.legal_refs import find_legal_refs, symbol_spans  # noqa: E402
from vnpolicy.text import normalise  # noqa: E402

ARCHIVE = ROOT.parent / "shared" / "corpora" / "baomoi-2017.tar.gz"
TARGET = 5_000_000


def read_articles(path: Path, limit: int | None) -> list[str]:
    """The normalised text of each ``.txt`` member, streamed from the tarball."""
    texts: list[str] = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt"):
                f = tar.extractfile(member)
                if f is not None:
                    texts.append(normalise(f.read().decode("utf-8", "replace")).text)
                    if limit and len(texts) >= limit:
                        break
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    a = ap.parse_args(argv)
    texts = read_articles(a.archive, a.limit)
    chars = sum(len(t) for t in texts)
    find_legal_refs(texts[0])  # load the lexicons and the knowledge base outside the timing
    best = float("inf")
    refs = 0
    for _ in range(3):
        t0 = time.perf_counter()
        refs = 0
        for t in texts:
            refs += len(find_legal_refs(t))
            symbol_spans(t)
        best = min(best, time.perf_counter() - t0)
    rate = chars / best
    # how many references the knowledge base knows (outside the timing)
    found = [r for t in texts for r in find_legal_refs(t)]
    numbered = [r for r in found if r.symbol]
    linked = sum(1 for r in found if r.kb_id)
    result = {"articles": len(texts), "characters": chars, "references": refs, "seconds_best_of_3": round(best, 3),
              "kb_linked_share": round(linked / len(found), 4) if found else None,
              "kb_linked_share_of_symbols": round(sum(1 for r in numbered if r.kb_id) / len(numbered), 4)
              if numbered else None,
              "chars_per_second": round(rate), "target_chars_per_second": TARGET, "meets_target": rate >= TARGET,
              "python": platform.python_version(), "machine": platform.machine()}
    out = ROOT / "benchmarks" / "results" / "legal_throughput.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{len(texts)} articles, {chars / 1e6:.1f} M chars, {refs} references: {best:.2f} s, "
          f"{rate / 1e6:.2f} M chars/s (target {TARGET / 1e6:.0f} M); knowledge-base links: "
          f"{result['kb_linked_share']} of all, {result['kb_linked_share_of_symbols']} of numbered with a symbol "
          f"-> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

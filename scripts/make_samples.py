"""Rebuild the small real samples bundled in ``corpora/`` from ``../shared``.

    python scripts/make_samples.py [--shared ../shared]

Writes ``corpora/sample/unc-news-sample.jsonl`` (120 dantri.com.vn articles of
the Underthesea News Corpus, GPL-3.0, chosen deterministically from the
society, business, education and health topics) and copies the dev gold set and
its scorer into ``corpora/gold/`` so that tests run on a clone without
``../shared``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ("society", "business", "education", "health")
PER_TOPIC = 30


def unc_sample(shared: Path) -> list[dict[str, str]]:
    """Deterministic sample of UNC news articles as ``{"id", "published", "title", "text"}``."""
    by_topic: dict[str, list[tuple[str, str]]] = {t: [] for t in TOPICS}
    with tarfile.open(shared / "corpora" / "unc-news.tar.gz") as tar:
        for member in tar:
            name = Path(member.name).name
            if not (member.isfile() and name.startswith("news_") and name.endswith(".txt")):
                continue
            topic = name.split("_")[1]
            if topic in by_topic:
                data = tar.extractfile(member)
                assert data is not None
                by_topic[topic].append((name, data.read().decode("utf-8")))
    docs = []
    for topic in TOPICS:
        files = sorted(by_topic[topic])
        random.Random(0).shuffle(files)
        for name, raw in sorted(files[:PER_TOPIC]):
            header = dict(
                line[2:].split(" = ", 1) for line in raw.splitlines() if line.startswith("# ") and " = " in line
            )
            body = [line for line in raw.splitlines() if not line.startswith("# ")]
            date = header.get("date", "")
            docs.append({
                "id": name.removesuffix(".txt"),
                "published": f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else "",
                "source": header.get("url", ""),
                "title": body[0] if body else "",
                "text": "\n".join(body),
            })
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    out = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for doc in unc_sample(args.shared):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    for name in ("dev.jsonl", "topics-dev.jsonl"):
        shutil.copyfile(args.shared / "gold" / name, ROOT / "corpora" / "gold" / name)
    shutil.copyfile(args.shared / "eval" / "score.py", ROOT / "corpora" / "gold" / "score.py")
    print(f"wrote {out} and corpora/gold/")


if __name__ == "__main__":
    main()

"""Build the weakly labelled training data of the policy-topic model from the real corpora.

Usage::

    python scripts/build_topic_data.py [--shared ../shared] [-o build/topics]

Reads the tarballs of ``shared/corpora`` as streams (nothing is unpacked) and
writes, under the output folder:

``phapdien.jsonl``
    chunks of the national legal code (a few consecutive articles each), labelled
    by their legal field through ``vnpolicy/data/topics_mappings.json``
    (distant supervision: domain legal text);
``unc.jsonl``
    the UNC news articles whose topic maps to an area (``world`` -> no area),
    plus the areas the keyword cues add;
``baomoi.jsonl``
    the baomoi-2017 articles (first 3000 characters, as in the gold sets),
    labelled by keyword and reference cues (:mod:`vnpolicy.topics.weak_labels`),
    without the articles of ``shared/gold/topics-dev.jsonl``, kept for validation;
``references.json``
    the documents and named laws the legal code files under each field (used as cues);
``stats.json``
    sizes per source and label.

Each line is ``{"id", "source", "text", "labels", "abstain"}``. Everything is
deterministic: archive order, and a seeded choice of legal-code chunks.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from vnpolicy.topics.taxonomy import POLICY_LABELS
from vnpolicy.topics.weak_labels import KeywordCues, weak_label

ROOT = Path(__file__).resolve().parent.parent
GOLD_CHARS = 3000
"""The gold articles are their first 3000 characters; training articles are cut the same way."""
CHUNK_CHARS = 1500
CHUNKS_PER_SECTION = 60
SEED = 0

_ARTICLE = re.compile(r"^Điều [0-9A-Za-z.]+\. (.*)$", re.M)
_SOURCE_NOTE = re.compile(
    r"^\(Điều \S+ (?P<type>Luật|Bộ luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)"
    r"(?: số)? (?P<num>\d+)/(?P<year>\d{4})/(?P<sym>[^\s,)]+)(?P<rest>[^\n]*)$",
    re.M,
)
_NOTE_LINE = re.compile(r"^\((?:Điều|Khoản|Điểm|Mục|Chương)[^\n]*\)\s*$", re.M)


def tar_texts(path: Path) -> Iterator[tuple[str, str]]:
    """``(member name, UTF-8 text)`` of each regular file, streaming."""
    with tarfile.open(path, mode="r|gz") as archive:
        for info in archive:
            if not info.isfile():
                continue
            f = archive.extractfile(info)
            if f is None:
                continue
            yield info.name, f.read().decode("utf-8")


def labels_of_section(maps: dict[str, object], chu_de: str, de_muc: str) -> list[str] | None:
    """The areas of a legal-code section: its đề mục override, else its chủ đề."""
    pd = maps["phapdien"]
    assert isinstance(pd, dict)
    if de_muc in pd["de_muc"]:
        return list(pd["de_muc"][de_muc])
    if chu_de not in pd["chu_de"]:
        raise SystemExit(f"topics_mappings.json has no entry for legal field {chu_de!r}")
    found = pd["chu_de"][chu_de]
    return None if found is None else list(found)


References = dict[str, dict[str, list[str]]]


def read_phapdien(path: Path, maps: dict[str, object]) -> tuple[list[dict[str, object]], References]:
    """Chunks of the legal code with their areas, and the document/law -> areas maps."""
    rows: list[dict[str, object]] = []
    doc_fields: dict[str, Counter[str]] = defaultdict(Counter)
    law_fields: dict[str, Counter[str]] = defaultdict(Counter)
    index_rows: dict[str, str] = {}
    sections: list[tuple[str, str, str]] = []
    for name, text in tar_texts(path):
        if name.endswith("index.tsv"):
            for line in text.splitlines()[1:]:
                cells = line.split("\t")
                if len(cells) >= 2:
                    index_rows[cells[0]] = cells[1]
            continue
        parts = name.split("/")
        if len(parts) != 4 or parts[1] != "de_muc" or not name.endswith(".md"):
            continue
        sections.append(("/".join(parts[1:]), parts[2], text))
    for rel, chu_de, text in sorted(sections):
        if index_rows and index_rows.get(rel) != chu_de:
            raise SystemExit(f"index.tsv files {rel} under {index_rows.get(rel)!r}, its folder says {chu_de!r}")
        de_muc = rel.rsplit("/", 1)[1][: -len(".md")]
        labels = labels_of_section(maps, chu_de, de_muc)
        for m in _SOURCE_NOTE.finditer(text):
            key = f"{int(m['num'])}/{m['year']}/{m['sym']}"
            doc_fields[key][f"{chu_de}/{de_muc}"] += 1
            if m["type"] in ("Luật", "Bộ luật"):
                title = m["rest"].split(" ngày ")[0].strip(" ,")
                if 2 < len(title) < 80 and not title[0].isdigit():
                    # "Bộ luật Hình sự" contains "luật Hình sự": one key serves both
                    law_fields[title][f"{chu_de}/{de_muc}"] += 1
        if labels is None:
            continue
        rows.extend(_chunks(rel, text, labels))
    section_labels = {}
    for rel, chu_de, _ in sections:
        de_muc = rel.rsplit("/", 1)[1][: -len(".md")]
        section_labels[f"{chu_de}/{de_muc}"] = labels_of_section(maps, chu_de, de_muc)
    refs = {
        "documents": _majority(doc_fields, section_labels),
        "laws": _majority(law_fields, section_labels),
    }
    return rows, refs


def _majority(fields: dict[str, Counter[str]], section_labels: dict[str, list[str] | None]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, counts in sorted(fields.items()):
        by_area: Counter[str] = Counter()
        for section, n in counts.items():
            for area in section_labels.get(section) or []:
                by_area[area] += n
        total = sum(by_area.values())
        chosen = sorted(a for a, n in by_area.items() if n >= 0.5 * total)
        if chosen:
            out[key] = chosen
    return out


def _chunks(rel: str, text: str, labels: list[str]) -> list[dict[str, object]]:
    body = text.split("## VĂN BẢN", 1)[-1]
    body = _NOTE_LINE.sub("", body)
    starts = [m.start() for m in _ARTICLE.finditer(body)]
    ends = [*starts[1:], len(body)] if starts else []
    articles = [body[a:b].strip() for a, b in zip(starts, ends, strict=True)]
    chunks: list[str] = []
    current = ""
    for art in articles:
        # the heading ("Điều 45.4.LQ.1. Phạm vi ...") becomes the chunk's title line
        art = re.sub(r"^Điều [0-9A-Za-z.]+\. ", "", art)
        art = re.sub(r"\n\s*\n+", "\n", art)
        if current and len(current) + len(art) > CHUNK_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n{art}" if current else art
    if current:
        chunks.append(current)
    rng = random.Random(f"{SEED}:{rel}")
    if len(chunks) > CHUNKS_PER_SECTION:
        chunks = [chunks[i] for i in sorted(rng.sample(range(len(chunks)), CHUNKS_PER_SECTION))]
    return [
        {"id": f"phapdien:{rel}#{i}", "source": "phapdien", "text": c[:GOLD_CHARS], "labels": labels,
         "abstain": []}
        for i, c in enumerate(chunks)
    ]


def read_unc(path: Path, maps: dict[str, object], cues: KeywordCues) -> list[dict[str, object]]:
    """UNC articles whose topic maps to areas; the cues add secondary areas."""
    unc = maps["unc"]
    assert isinstance(unc, dict)
    rows = []
    for name, text in sorted(tar_texts(path)):
        base = name.rsplit("/", 1)[-1]
        if not (base.startswith("news_") and base.endswith(".txt")):
            continue
        topic = base.split("_")[1]
        mapped = unc.get(topic)
        if mapped is None:
            continue
        body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))[:GOLD_CHARS]
        weak = weak_label(body, cues)
        labels: list[str]
        abstain: list[str]
        if mapped == "cues":
            labels, abstain = list(weak.labels), list(weak.abstain)
        elif not mapped or weak.foreign:
            labels, abstain = [], []
        else:
            labels = sorted({*mapped, *weak.labels}, key=POLICY_LABELS.index)
            abstain = [a for a in weak.abstain if a not in labels]
        row: dict[str, object] = {"id": f"unc:{base[:-4]}", "source": "unc", "text": body, "labels": labels,
                                  "abstain": abstain}
        rows.append(row)
    return rows


def read_baomoi(path: Path, cues: KeywordCues, exclude: set[str]) -> Iterator[dict[str, object]]:
    """Baomoi articles (first 3000 characters) with their cue labels, minus the excluded ids."""
    for name, text in tar_texts(path):
        base = name.rsplit("/", 1)[-1]
        if not base.endswith(".txt"):
            continue
        doc_id = f"baomoi-{base[:-4]}"
        if doc_id in exclude:
            continue
        body = text.strip()[:GOLD_CHARS]
        if not body:
            continue
        weak = weak_label(body, cues)
        yield {"id": doc_id, "source": "baomoi", "text": body, "labels": list(weak.labels),
               "abstain": list(weak.abstain)}


def write_jsonl(path: Path, rows: Iterator[dict[str, object]] | list[dict[str, object]]) -> Counter[str]:
    """Write rows; returns label counts (``""`` counts rows with no label)."""
    counts: Counter[str] = Counter()
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            labels = row["labels"]
            assert isinstance(labels, list)
            counts.update(labels or [""])
            counts["_rows"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "build" / "topics")
    a = ap.parse_args(argv)
    corpora = a.shared / "corpora"
    dev = a.shared / "gold" / "topics-dev.jsonl"
    if not dev.is_file():
        print(f"{dev} is missing: it is needed to keep the validation articles out of training",
              file=sys.stderr)
        return 2
    exclude = {str(json.loads(line)["id"]) for line in dev.open(encoding="utf-8") if line.strip()}
    a.output.mkdir(parents=True, exist_ok=True)
    maps = json.loads((ROOT / "vnpolicy" / "data" / "topics_mappings.json").read_text(encoding="utf-8"))

    legal_rows, refs = read_phapdien(corpora / "phapdien.tar.gz", maps)
    (a.output / "references.json").write_text(json.dumps(refs, ensure_ascii=False, indent=0), encoding="utf-8")
    cues = KeywordCues.load(documents=refs["documents"], laws=refs["laws"])
    stats = {
        "phapdien": write_jsonl(a.output / "phapdien.jsonl", legal_rows),
        "unc": write_jsonl(a.output / "unc.jsonl", read_unc(corpora / "unc-news.tar.gz", maps, cues)),
        "baomoi": write_jsonl(a.output / "baomoi.jsonl",
                              read_baomoi(corpora / "baomoi-2017.tar.gz", cues, exclude)),
    }
    report: dict[str, object] = {src: dict(sorted(c.items())) for src, c in stats.items()}
    report["references"] = {k: len(v) for k, v in refs.items()}
    report["excluded_dev_articles"] = len(exclude)
    (a.output / "stats.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

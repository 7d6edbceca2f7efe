#!/usr/bin/env python3
"""Rebuild ``vnpolicy/data/legal_kb.json``, the knowledge base of real legal documents.

    python3 scripts/build_legal_kb.py [--phapdien PATH] [--vlc PATH] [--out PATH]

Reads the two tarballs directly (streaming, nothing unpacked to disk):

* ``phapdien.tar.gz``: every section of the national legal code. Its header
  table names the section's main document (number, type, issuer, issue and
  effective dates); each article's source note names the document it comes
  from, in full the first time (``(Điều 1 Nghị định số 13/2023/NĐ-CP Bảo vệ dữ
  liệu cá nhân ngày 17/04/2023 của Chính phủ, có hiệu lực thi hành kể từ ngày
  01/07/2023)``), then short (``(Điều 2 Nghị định số 13/2023/NĐ-CP, có hiệu lực
  ...)``); the related-article notes add documents with their issue date
  (``... của Luật 05/2022/QH15 Điện ảnh ban hành ngày 15/06/2022``).
* ``vlc-laws.tar.gz``: 208 codes and laws; each header gives the law's own
  number, issuer and date, its enacting sentence the name, its last articles
  the date it takes effect.

The output is deterministic: documents sorted by kb_id, JSON written with sorted
keys and no timestamps, so a rebuild from the same tarballs is byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnpolicy.legal.header import document_header, source_notes  # noqa: E402
from vnpolicy.legal.kb import KB_FIELDS, KB_FILE, key_of  # noqa: E402
from vnpolicy.legal.patterns import NUMBERED, SO_NUMBER, numbered_parts, type_words  # noqa: E402
from vnpolicy.legal.symbols import canonical_of  # noqa: E402
from vnpolicy.text import normalise  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_NOTE = re.compile(r"^\(Điều \d[^\s,]* ")
_FULL_TAIL = re.compile(rf"^(?P<title>.*) ngày {_DATE} của (?P<issuer>[^()]+?), có hiệu lực(?: thi hành)?"
                        rf"(?: kể)? từ ngày {_DATE}")
_SHORT_TAIL = re.compile(rf"^, có hiệu lực(?: thi hành)?(?: kể)? từ ngày {_DATE}")
_RELATED = re.compile(r"của (?=\S)")
_RELATED_TAIL = re.compile(rf"^ (?P<title>[^;()]*?) ban hành ngày {_DATE}")
_TABLE_ROW = re.compile(r"^\| \*\*(?P<key>[^*]+)\*\* \| (?P<value>.*?) \|$", re.M)


@dataclass
class Doc:
    """What the sources say about one document; votes are resolved when the file is written."""

    canonicals: Counter[str]
    doc_type: str
    number: str
    year: int | None
    symbol: str | None
    titles: Counter[str] = field(default_factory=Counter)
    issuers: Counter[str] = field(default_factory=Counter)
    issued: Counter[str] = field(default_factory=Counter)
    effective: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)


def iso(day: str, month: str, year: str) -> str | None:
    """``dd/mm/yyyy`` parts as ISO, or ``None`` for an impossible date."""
    d, m, y = int(day), int(month), int(year)
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= 31 and 1 <= m <= 12 else None


def read_reference(text: str, pos: int) -> tuple[str, str, str, int | None, str | None, int] | None:
    """Type word, number, year and symbol of a numbered reference at ``pos``, with its end."""
    pattern, word_type = type_words()
    t = pattern.match(text, pos)
    if not t:
        return None
    so = SO_NUMBER.match(text, t.end())
    if not so:
        return None
    m = NUMBERED.match(text, so.end())
    if not m:
        return None
    number, year, symbol, hyphen = numbered_parts(m)
    if not symbol:
        return None
    doc_type = word_type[" ".join(t.group().split()).casefold()]
    return canonical_of(doc_type, number, year, symbol, party=hyphen), doc_type, number, year, symbol, m.end()


class Builder:
    """Collects documents from both corpora."""

    def __init__(self) -> None:
        self.docs: dict[str, Doc] = {}
        self.stats: Counter[str] = Counter()

    def doc(self, ref: tuple[str, str, str, int | None, str | None, int], source: str) -> Doc:
        canonical, doc_type, number, year, symbol, _ = ref
        # one document however its symbol's case is written (QĐ-TTg, QĐ-TTG)
        key = key_of(canonical)
        d = self.docs.get(key)
        if d is None:
            d = self.docs[key] = Doc(Counter(), doc_type, number, year, symbol)
        d.canonicals[canonical] += 1
        d.sources.add(source)
        return d

    def phapdien_file(self, text: str) -> None:
        self.phapdien_table(text)
        for line in source_notes(text):
            if _NOTE.match(line):
                self.phapdien_note(line)
            elif line.startswith("(Điều này có nội dung liên quan"):
                self.phapdien_related(line)

    def phapdien_table(self, text: str) -> None:
        rows = {m.group("key").strip(): m.group("value").strip() for m in _TABLE_ROW.finditer(text[:3000])}
        number, kind = rows.get("Số hiệu"), rows.get("Loại văn bản")
        if not number or not kind or kind == "Đang cập nhật":
            return
        ref = read_reference(f"{kind} số {number}", 0)
        if ref is None:
            self.stats["table unread"] += 1
            return
        d = self.doc(ref, "phapdien")
        self.stats["table"] += 1
        if rows.get("Nơi ban hành"):
            d.issuers[rows["Nơi ban hành"]] += 3
        for key, votes in (("Ngày ban hành", d.issued), ("Ngày hiệu lực", d.effective)):
            m = re.fullmatch(_DATE, rows.get(key, ""))
            if m and (value := iso(*m.groups())):
                votes[value] += 3

    def phapdien_note(self, line: str) -> None:
        note = _NOTE.match(line)
        assert note is not None
        ref = read_reference(line, note.end())
        if ref is None:
            self.stats["note unread"] += 1
            return
        d = self.doc(ref, "phapdien")
        rest = line[ref[5]:]
        full = _FULL_TAIL.match(rest)
        short = _SHORT_TAIL.match(rest)
        if full:
            self.stats["note full"] += 1
            if (issued := iso(*full.group(2, 3, 4))) is not None:
                d.issued[issued] += 1
            if (effective := iso(*full.group(6, 7, 8))) is not None:
                d.effective[effective] += 1
            d.issuers[full.group("issuer").strip()] += 1
            title = full.group("title").strip()
            if title:
                d.titles[title] += 1
        elif short:
            self.stats["note short"] += 1
            if (effective := iso(*short.groups())) is not None:
                d.effective[effective] += 1
        else:
            self.stats["note other"] += 1

    def phapdien_related(self, line: str) -> None:
        for m in _RELATED.finditer(line):
            ref = read_reference(line, m.end())
            if ref is None:
                continue
            tail = _RELATED_TAIL.match(line, ref[5])
            if not tail:
                continue
            d = self.doc(ref, "phapdien")
            self.stats["related"] += 1
            if (issued := iso(*tail.group(2, 3, 4))) is not None:
                d.issued[issued] += 1
            if tail.group("title").strip():
                d.titles[tail.group("title").strip()] += 1

    def vlc_file(self, text: str) -> None:
        header = document_header(text)
        if header is None:
            self.stats["vlc unread"] += 1
            return
        r = header.ref
        d = self.doc((r.canonical, r.doc_type, r.number or "", r.year, r.symbol, 0), "vlc-laws")
        self.stats["vlc"] += 1
        # a law's own header is the best witness of its date and name
        if r.issued:
            d.issued[r.issued] += 5
        if r.issuer:
            d.issuers[r.issuer] += 5
        if header.title:
            d.titles[header.title] += 5
        if header.effective:
            d.effective[header.effective] += 5


def stream(path: Path, suffix: str) -> Iterator[tuple[str, str]]:
    """(member name, text) of every ``suffix`` file of a tarball, in archive order."""
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(suffix):
                f = tar.extractfile(member)
                if f is not None:
                    yield member.name, normalise(f.read().decode("utf-8", "replace")).text


def _best(votes: Counter[str]) -> str | None:
    # most votes, then the earliest / alphabetically first: deterministic
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _slug(canonical: str) -> str:
    ascii_ = unicodedata.normalize("NFD", canonical.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in ascii_ if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9&]+", "-", ascii_).strip("-")


def _law_title(title: str | None, doc_type: str) -> str | None:
    """A law's name without the words the notes repeat (``Luật số X Đất đai`` -> ``Đất đai``)."""
    if title is None:
        return None
    title = " ".join(title.split()).strip(" .")
    if title[:1] == "(":
        return None
    for lead in (doc_type + " ", "Luật ", "Bộ luật "):
        if title.casefold().startswith(lead.casefold()):
            title = title[len(lead):]
    if doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
        # a law's name is written with a capital, whatever the note did
        title = title[:1].upper() + title[1:]
    return title or None


def rows(builder: Builder) -> list[list[object]]:
    out: list[list[object]] = []
    ids: dict[str, int] = defaultdict(int)
    docs = {_best(d.canonicals) or "": d for d in builder.docs.values()}
    for canonical in sorted(docs, key=lambda c: (_slug(c), c)):
        d = docs[canonical]
        slug = _slug(canonical)
        ids[slug] += 1
        kb_id = slug if ids[slug] == 1 else f"{slug}-{ids[slug]}"
        title = _law_title(_best(d.titles), d.doc_type)
        values = {"kb_id": kb_id, "canonical": canonical, "doc_type": d.doc_type, "number": d.number,
                  "year": d.year, "symbol": d.symbol, "title": title, "issuer": _best(d.issuers),
                  "issued": _best(d.issued), "effective": _best(d.effective), "sources": sorted(d.sources)}
        out.append([values[f] for f in KB_FIELDS])
    return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phapdien", type=Path, default=SHARED / "phapdien.tar.gz")
    ap.add_argument("--vlc", type=Path, default=SHARED / "vlc-laws.tar.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "vnpolicy" / "data" / KB_FILE)
    a = ap.parse_args(argv)
    b = Builder()
    for name, text in stream(a.phapdien, ".md"):
        if "/de_muc/" in name:
            b.phapdien_file(text)
    for _, text in stream(a.vlc, ".txt"):
        b.vlc_file(text)
    data = {
        "_about": "Knowledge base of Vietnamese legal documents for vnpolicy.legal: one row per document, "
                  "fields as listed. Built by scripts/build_legal_kb.py from the source notes of the national "
                  "legal code (phapdien) and the headers of codes and laws (vlc-laws); see vnpolicy/data/README.md.",
        "built_from": {a.phapdien.name: sha256(a.phapdien), a.vlc.name: sha256(a.vlc)},
        "fields": list(KB_FIELDS),
        "documents": rows(b),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # one document a line: readable diffs from one build to the next
    text = text.replace(',"documents":[[', ',"documents":[\n[').replace("],[", "],\n[")
    a.out.write_text(text + "\n", encoding="utf-8")
    print(f"{len(b.docs)} documents -> {a.out} ({a.out.stat().st_size / 1e6:.2f} MB)")
    for key, n in sorted(b.stats.items()):
        print(f"  {key}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

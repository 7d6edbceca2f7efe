#!/usr/bin/env python3
"""Regression benchmark on real legal texts: source notes of the national legal code, headers of laws.

    python3 benchmarks/legal_notes.py [--phapdien PATH] [--vlc PATH] [--limit N]

1. phapdien: under every article of the code stands a note naming exactly one
   source document: ``(Điều 1 Nghị định số 116/2014/NĐ-CP ... ngày 04/12/2014
   của Chính phủ, có hiệu lực thi hành kể từ ngày 18/01/2015)``, the first
   time in full, later short (``(Điều 2 Nghị định số 116/2014/NĐ-CP, có hiệu
   lực ...)``). Each section is run through the library as the pipeline runs it
   (references, symbol spans, dates, linking) and a note counts as found when

   * ``ref``: a reference starts right after ``Điều N`` and covers exactly the
     number and symbol written there (read here independently, by whitespace);
   * ``date``: its issue date is right: in a full note the date before
     ``của <issuer>, có hiệu lực`` must be the reference's ``issued``; in a
     short note the document (:func:`group` over the section) must carry the
     date its full note gave. Notes of a document whose date the section never
     gives are counted for ``ref`` only.

2. vlc-laws: the header of each code and law gives its own number and date;
   :func:`document_header` must read both.

Writes ``benchmarks/results/legal_notes.json`` (figures and every miss with
its reason), comparable from commit to commit: no timestamps, sorted misses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnpolicy import dates as dates_mod  # noqa: E402
from vnpolicy.legal.header import source_notes  # noqa: E402
from vnpolicy.legal_refs import document_header, find_legal_refs, group, link_legal_refs, symbol_spans  # noqa: E402
from vnpolicy.records import LegalRef  # noqa: E402
from vnpolicy.spans import SpanSet  # noqa: E402
from vnpolicy.text import normalise  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
TARGET = 0.995
_NOTE = re.compile(r"\(Điều \d[^\s,]* ")
# the symbol as written: from the first digit to the next space, comma or bracket,
# going on over "- CP" or " /2018" that a typist split
_TOKEN = re.compile(r"\d[^\s,()]*(?:(?<=[-/]) [^\s,()]+| (?=/)[^\s,()]+)*")
_TYPE_TO_NUMBER = re.compile(r"[^\d()]*?(?:số )?(?=\d)")
# the last "ngày D của <issuer>, có hiệu lực": earlier dates belong to documents the title cites
_ISSUE = re.compile(r".*ngày (\d{1,2})/(\d{1,2})/(\d{4}) của [^()]+?, có hiệu lực")
_VLC_NUMBER = re.compile(r"(?im)^[^\S\n]*[^\n:]{0,20}?(?:số|SỐ)[^\S\n]*:?[^\S\n]*(\d[^\s]*(?:[^\S\n]\d\d(?!\S))?)")
_VLC_DATE = re.compile(r"(?i)ngày\s*(\d{1,2})\s*(?:tháng\s*|-)(\d{1,2})\s*(?:năm\s*|-)(\d{4})")


def compact(s: str) -> str:
    return s.replace(" ", "").casefold()


def iso(d: str, m: str, y: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def stream(path: Path, suffix: str, limit: int | None) -> Iterator[tuple[str, str]]:
    with tarfile.open(path, "r:gz") as tar:
        n = 0
        for member in tar:
            if member.isfile() and member.name.endswith(suffix) and "LICENSE" not in member.name:
                f = tar.extractfile(member)
                if f is not None:
                    yield member.name, normalise(f.read().decode("utf-8", "replace")).text
                    n += 1
                    if limit and n >= limit:
                        return


def reason(note: str, token: str | None) -> str:
    """Why a note's reference was not read: the known ways official notes break the symbol format."""
    if token is None:
        return "no number: the note names the document by title only (Pháp lệnh ... Không số)"
    if "(" in note[:note.find(token) + len(token) + 2] and re.search(r"\w\(", note):
        return "symbol with a bracket: BCA(C13), 84-CP (1)"
    if re.search(r"\d/\d{4}/[^\s,]*\.[A-Z]", token) or re.search(r"[A-Z]\.[A-Z]", token):
        return "dot inside the symbol: NQ.HĐTP"
    if token != token.upper() and re.search(r"/[a-zđ]", token):
        return "lower-case symbol: nđ-cp"
    if "'" in note[:40]:
        return "stray character before the number"
    return "other"


def linked_section(text: str) -> list[LegalRef]:
    """References of a text, found and linked as the pipeline does."""
    refs = find_legal_refs(text)
    taken = SpanSet([(r.start, r.end) for r in refs]).union(symbol_spans(text))
    found_dates, _ = dates_mod.find_dates(text, blocked=taken)
    return link_legal_refs(text, refs, found_dates, ())


def phapdien(path: Path, limit: int | None) -> dict[str, object]:
    counts: Counter[str] = Counter()
    misses: list[dict[str, str]] = []
    for name, section in stream(path, ".md", limit):
        if "/de_muc/" not in name:
            continue
        lines = [ln for ln in source_notes(section) if _NOTE.match(ln)]
        text = "\n".join(lines)
        refs = linked_section(text)
        by_start = {r.start: r for r in refs}
        documents = {m.canonical: d for d in group(refs) for m in d.mentions}
        truth: dict[str, str] = {}
        parsed: list[tuple[int, str, str | None, str | None]] = []
        pos = 0
        for line in lines:
            note = _NOTE.match(line)
            assert note is not None
            lead = _TYPE_TO_NUMBER.match(line, note.end())
            token_m = _TOKEN.match(line, lead.end()) if lead else None
            token = token_m.group() if token_m else None
            issue = None
            for m in _ISSUE.finditer(line):
                issue = iso(*m.groups())
            if token and issue:
                truth.setdefault(compact(token), issue)
            parsed.append((pos, line, token, issue))
            pos += len(line) + 1
        for start, line, token, issue in parsed:
            counts["notes"] += 1
            ref = by_start.get(start + _NOTE.match(line).end())  # type: ignore[union-attr]
            written = None
            if ref is not None and ref.number is not None:
                digits = re.search(r"\d", ref.text)
                written = compact(ref.text[digits.start():]) if digits else None
            if token is None or written != compact(token):
                misses.append({"file": name, "kind": "ref", "reason": reason(line, token), "note": line[:160]})
                continue
            counts["ref"] += 1
            want = issue or truth.get(compact(token))
            if want is None:
                counts["no date in section"] += 1
                continue
            counts["dated"] += 1
            assert ref is not None
            got = ref.issued if issue else documents[ref.canonical].issued
            if got == want:
                counts["date"] += 1
            else:
                misses.append({"file": name, "kind": "date", "reason": f"issued {got} but the note says {want}",
                               "note": line[:160]})
    misses.sort(key=lambda m: (m["kind"], m["reason"], m["file"], m["note"]))
    n, dated = counts["notes"], counts["dated"]
    return {
        "notes": n, "ref_found": counts["ref"], "ref_share": round(counts["ref"] / n, 5) if n else None,
        "dated_notes": dated, "date_found": counts["date"],
        "date_share": round(counts["date"] / dated, 5) if dated else None,
        "ref_and_date_share": round((counts["ref"] - dated + counts["date"]) / n, 5) if n else None,
        "notes_without_a_date_in_section": counts["no date in section"],
        "miss_reasons": dict(sorted(Counter(f"{m['kind']}: {m['reason'] if m['kind'] == 'ref' else 'wrong date'}"
                                            for m in misses).items())),
        "misses": misses,
    }


def vlc(path: Path, limit: int | None) -> dict[str, object]:
    counts: Counter[str] = Counter()
    misses: list[dict[str, str]] = []
    for name, text in stream(path, ".txt", limit):
        counts["laws"] += 1
        head = text[:2500]
        number = _VLC_NUMBER.search(head)
        date = _VLC_DATE.search(head, number.end()) if number else None
        want_number = compact(number.group(1)) if number else None
        want_date = iso(*date.groups()) if date else None
        h = document_header(text)
        got_number = compact(h.ref.text) if h else None
        if h is not None and got_number == want_number:
            counts["number"] += 1
        else:
            misses.append({"file": name, "kind": "number", "want": str(want_number), "got": str(got_number)})
            continue
        if h.ref.issued == want_date:
            counts["date"] += 1
        else:
            misses.append({"file": name, "kind": "date", "want": str(want_date), "got": str(h.ref.issued)})
    misses.sort(key=lambda m: (m["kind"], m["file"]))
    n = counts["laws"]
    return {"laws": n, "number_found": counts["number"], "number_and_date_found": counts["date"],
            "share": round(counts["date"] / n, 5) if n else None, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phapdien", type=Path, default=SHARED / "phapdien.tar.gz")
    ap.add_argument("--vlc", type=Path, default=SHARED / "vlc-laws.tar.gz")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files of each archive")
    a = ap.parse_args(argv)
    result = {"target": TARGET, "phapdien": phapdien(a.phapdien, a.limit), "vlc_laws": vlc(a.vlc, a.limit)}
    out = ROOT / "benchmarks" / "results" / "legal_notes.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    p, v = result["phapdien"], result["vlc_laws"]
    assert isinstance(p, dict) and isinstance(v, dict)
    print(f"phapdien: {p['notes']} notes; reference found {p['ref_share']}; issue date right {p['date_share']} "
          f"of {p['dated_notes']} dated; both {p['ref_and_date_share']} (target {TARGET})")
    for r, k in p["miss_reasons"].items():  # type: ignore[union-attr]
        print(f"  {k:6d}  {r}")
    print(f"vlc-laws: {v['laws']} laws; number and date read {v['share']}")
    print(f"-> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Mine recurring mottos from a news archive: the candidate list behind ``vnpolicy/data/slogans.json``.

    python3 scripts/mine_slogans.py [ARCHIVE.tar.gz] [--min-docs 2] [--out candidates.tsv]
    python3 scripts/mine_slogans.py ARCHIVE.tar.gz --count-lexicon [--write-counts NAME]

The archive (default: ``../shared/corpora/baomoi-2017.tar.gz``, 35,440 articles)
is streamed with :mod:`tarfile`, one ``.txt`` member at a time. In each article
every quotation is found with :func:`vnpolicy.slogans.find_quotations`; a
quotation is a candidate when it is 2 to 20 words long and either

* follows a cue of ``vnpolicy/data/slogan_cues.json`` (a strong or weak cue
  noun or a campaign verb, at most three words before the opening mark), or
* has the shape of a motto: two or more parts (``split_parts``) of at most six
  words each.

Candidates are keyed by their case-folded words (punctuation and a trailing
year dropped) and grouped with their variants: two keys whose sets of parts
are equal are one motto in another order. A group is kept when it occurs in at
least ``--min-docs`` different articles. For each kept group a second pass
counts the articles that contain its most frequent key also without quotes.

Output (tab-separated, most frequent first): articles quoted, articles
unquoted, number of variants, the cues seen, the most frequent surface form,
the other keys of the group. The lexicon is curated from this list by hand:
political, administrative and civic mottos and campaign names are kept;
idioms, names of events, products and titles are left out.

With ``--count-lexicon`` the script instead counts, for each motto of
``vnpolicy/data/slogans.json``, the articles in which
:func:`vnpolicy.slogans.find_slogans` finds it (quoted or not);
``--write-counts NAME`` stores those counts in each entry's ``articles``
field under ``NAME`` (for example ``baomoi-2017``), the evidence that the
motto recurs.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

from vnpolicy.slogans import find_quotations, find_slogans, split_parts
from vnpolicy.text import normalise

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "baomoi-2017.tar.gz"
CUES_FILE = ROOT / "vnpolicy" / "data" / "slogan_cues.json"
LEXICON_FILE = ROOT / "vnpolicy" / "data" / "slogans.json"

NON_WORD = re.compile(r"[^\w]+")
YEAR_TAIL = re.compile(r"(?:\s+(?:năm|lần thứ|mùa))?\s+(?:(?:19|20)\d\d|\d{1,2}|[ivx]+)$")
MAX_WORDS = 20
MAX_PART_WORDS = 6
CUE_REACH = 3


def key_of(phrase: str) -> str:
    """Case-folded words without punctuation or a trailing year: the grouping key."""
    words = NON_WORD.sub(" ", phrase.casefold()).strip()
    return YEAR_TAIL.sub("", words)


def articles(path: Path) -> Iterator[tuple[str, str]]:
    """(member name, normalised text) of every ``.txt`` member, streamed."""
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            raw = handle.read().decode("utf-8", errors="replace")
            yield member.name, normalise(raw).text


def cue_regex() -> re.Pattern[str]:
    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    cues = sorted(set(data["strong_cues"] + data["weak_cues"] + data["campaign_verbs"]), key=len, reverse=True)
    words = rf"(?:\s+\w+){{0,{CUE_REACH}}}"
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, cues)) + r")" + words + r"\s*:?\s*$")


def is_shaped(content: str) -> bool:
    parts = split_parts(content)
    return len(parts) >= 2 and all(1 <= len(p.split()) <= MAX_PART_WORDS for p in parts)


def count_lexicon(archive: Path) -> collections.Counter[str]:
    """Articles of ``archive`` in which each canonical id of the lexicon is found."""
    counts: collections.Counter[str] = collections.Counter()
    for _, text in articles(archive):
        counts.update({s.canonical_id for s in find_slogans(text) if s.canonical_id})
    return counts


def write_counts(counts: collections.Counter[str], name: str) -> None:
    """Store ``counts`` under ``articles[name]`` of every lexicon entry, one entry a line as before."""
    lines = LEXICON_FILE.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        body = line.strip().rstrip(",")
        if body.startswith('{"id"'):
            entry = json.loads(body)
            articles_field = entry.setdefault("articles", {})
            articles_field[name] = counts.get(entry["id"], 0)
            line = "    " + json.dumps(entry, ensure_ascii=False) + ("," if line.rstrip().endswith(",") else "")
        out.append(line)
    text = "\n".join(out)
    json.loads(text)  # still one valid document
    LEXICON_FILE.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--min-docs", type=int, default=2, help="keep mottos quoted in at least this many articles")
    ap.add_argument("--out", type=Path, help="write the TSV here instead of standard output")
    ap.add_argument("--count-lexicon", action="store_true",
                    help="count the articles in which each motto of the lexicon is found")
    ap.add_argument("--write-counts", metavar="NAME", help="with --count-lexicon: store the counts under NAME")
    args = ap.parse_args(argv)
    if args.count_lexicon:
        counts = count_lexicon(args.archive)
        for sid, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
            print(f"{n}\t{sid}")
        if args.write_counts:
            write_counts(counts, args.write_counts)
        return 0

    cue_re = cue_regex()
    docs_of: dict[str, set[str]] = collections.defaultdict(set)
    cues_of: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    surface: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    n_articles = 0
    for name, text in articles(args.archive):
        n_articles += 1
        for start, end in find_quotations(text):
            content = text[start:end]
            if not 2 <= len(content.split()) <= MAX_WORDS:
                continue
            left = text[max(0, start - 60):start].lower().rstrip(" \"“”'‘’«»")
            cue = cue_re.search(left)
            if cue is None and not is_shaped(content):
                continue
            key = key_of(content)
            if not key:
                continue
            docs_of[key].add(name)
            cues_of[key][cue.group(1) if cue else "-"] += 1
            surface[key][content] += 1

    # one group per set of parts: ``dân biết, dân bàn`` = ``dân bàn, dân biết``
    groups: dict[frozenset[str], list[str]] = collections.defaultdict(list)
    for key in docs_of:
        example = surface[key].most_common(1)[0][0]
        parts = frozenset(key_of(p) for p in split_parts(example))
        groups[parts if len(parts) > 1 else frozenset([key])].append(key)
    kept = []
    for keys in groups.values():
        names = set().union(*(docs_of[k] for k in keys))
        if len(names) >= args.min_docs:
            keys.sort(key=lambda k: len(docs_of[k]), reverse=True)
            kept.append((len(names), keys))

    # second pass: the same words without quote marks around them
    unquoted: collections.Counter[str] = collections.Counter()
    heads = {keys[0] for _, keys in kept}
    if heads:
        finder = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(heads, key=len, reverse=True))) + r")(?!\w)")
        for _, text in articles(args.archive):
            flat = " ".join(NON_WORD.sub(" ", text.casefold()).split())
            for found in set(finder.findall(flat)):
                unquoted[found] += 1

    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    print(f"# {n_articles} articles of {args.archive.name}; groups quoted in >= {args.min_docs} articles",
          file=out)
    print("quoted_docs\tall_docs\tvariants\tcues\tform\tother_keys", file=out)
    for n_docs, keys in sorted(kept, key=lambda x: (-x[0], x[1][0])):
        head = keys[0]
        cues = collections.Counter[str]()
        for k in keys:
            cues.update(cues_of[k])
        form = surface[head].most_common(1)[0][0]
        cue_text = ",".join(f"{c}:{n}" for c, n in cues.most_common(4))
        print(f"{n_docs}\t{unquoted[head]}\t{len(keys)}\t{cue_text}\t{form}\t{' | '.join(keys[1:6])}", file=out)
    if args.out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build ``vnpolicy/data/pos_lexicon.json``: the usual part of speech of Vietnamese words.

The indicator extractor (``vnpolicy/indicators.py``) must tell, in the words
before a figure, the verb of a clause (``tăng``, ``bổ sung``) from the noun that
names what is measured (``sức chứa``, ``nguồn cung``). underthesea's POS tagger
knows, but reads about 24 000 characters a second: far too slow for every
article. So we run it once, offline, over real news, and keep for each word the
tag it gets most of the time when that tag is clear (a share of at least
``--min-share`` over at least ``--min-count`` occurrences).

Usage (reproduces the shipped file; about half an hour on one busy core)::

    python scripts/build_pos_lexicon.py ../shared/corpora/baomoi-2017.tar.gz --articles 5000

Provenance: the words and counts come from underthesea's tagger (GPL-3.0) run
over the first articles of the baomoi-2017 archive, in archive order.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

# underthesea's tags that the indicator rules use, under plain names
_KEPT_TAGS = {"N": "nouns", "V": "verbs", "A": "adjectives", "E": "prepositions", "R": "adverbs",
              "C": "conjunctions"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.8)
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(__file__).resolve().parents[1] / "vnpolicy" / "data" / "pos_lexicon.json")
    args = parser.parse_args(argv)

    from underthesea import pos_tag

    from vnpolicy.io import Document, read_documents

    tags: defaultdict[str, Counter[str]] = defaultdict(Counter)
    articles = 0
    for doc in read_documents([args.archive]):
        if not isinstance(doc, Document):
            continue
        for line in doc.text.splitlines():
            if line.strip():
                for word, tag in pos_tag(line):
                    if any(ch.isalpha() for ch in word) and word[:1].islower():
                        tags[word.lower()][tag] += 1
        articles += 1
        if articles >= args.articles:
            break

    lexicon: dict[str, list[str]] = {name: [] for name in _KEPT_TAGS.values()}
    for word, counts in tags.items():
        total = sum(counts.values())
        tag, n = counts.most_common(1)[0]
        if total >= args.min_count and n / total >= args.min_share and tag in _KEPT_TAGS:
            lexicon[_KEPT_TAGS[tag]].append(word)
    out = {
        "_about": (
            "The usual part of speech of lower-case Vietnamese words, by underthesea's POS tagger "
            f"over the first {articles} articles of baomoi-2017 (scripts/build_pos_lexicon.py; a word "
            f"is kept when at least {args.min_share:.0%} of its {args.min_count}+ occurrences have one tag). "
            "GPL-3.0-or-later, like underthesea."
        ),
        **{name: sorted(words) for name, words in lexicon.items()},
    }
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{args.output}: " + ", ".join(f"{len(v)} {k}" for k, v in lexicon.items()))


if __name__ == "__main__":
    main()

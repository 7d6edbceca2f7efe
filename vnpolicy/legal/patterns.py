"""Regular expressions of document numbers, symbols and type words, built once from the lexicon.

Every pattern is anchored on digits or on a type word, and every repetition
either consumes a separator or is bounded, so each one runs in linear time on
any input (100 000 slashes, a megabyte of ``1/1/1``, thousands of
``Quyết định``). The standard :mod:`re` engine is used: it skips ahead on the
first character of the pattern, which is what makes a scan of plain news text
fast.

Example:
    >>> m = NUMBERED.match("22/2013/QĐ-TTg ngày")
    >>> m.group("num"), m.group("year"), m.group("sym")
    ('22', '2013', 'QĐ-TTg')
    >>> [text[a:b] for text in ["Văn bản số 1333/UBND- TNMT gửi"] for a, b in
    ...  [m.span() for m in SYMBOL_TOKEN.finditer(text)]]
    ['1333/UBND- TNMT']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from .lexicon import lexicon

UPPER: Final = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
"""Upper-case letters of Vietnamese (``re`` has no ``\\p{Lu}``)."""

# One code of a symbol: starts upper-case or with a digit (QH14, HĐNN8), goes on
# with letters, digits and '&' (BGD&ĐT); a dot only before digits (L.003), so
# that a full stop glued to the next sentence ("NĐ-CP.Theo") stays outside.
_CODE: Final = rf"[{UPPER}0-9][\w&]*(?:\.\d+)*"
_CODE_FIRST: Final = rf"[{UPPER}][\w&]*(?:\.\d+)*"
# Between codes: '-' or '/', with at most one space after it ("UBND- TNMT").
_SEP: Final = r"(?:[-/][ ]?)"
SYM: Final = rf"{_CODE_FIRST}(?:{_SEP}{_CODE})*(?:(?<=QH)[ ]\d\d(?!\w))?"
"""A state symbol after the number (and year): ``QĐ-TTg``, ``TTLT-BTP-BNV``, ``QH14``, ``UBND- TNMT``."""
PSYM: Final = rf"{_CODE_FIRST}/[ ]?{_CODE}(?:{_SEP}{_CODE})*"
"""A Party symbol after ``number-``: ``NQ/TW``, ``QĐi/TW``, ``CTr/BCĐCCTPTW``."""
_YEAR: Final = r"(?:19|20)\d\d(?!\d)"

NUMBERED: Final = re.compile(
    rf"""(?P<num>\d{{1,5}}[a-zA-Z]?)(?![\d])
    (?:
        \ ?/\ ?(?P<year>{_YEAR})(?:\ ?[/-]\ ?(?P<sym>{SYM}))?     # 22/2013/QĐ-TTg, 34/2011
      | \ ?-\ ?(?P<year2>{_YEAR})\ ?/\ ?(?P<sym2>{SYM})           # 19-2017/NQ-CP
      | \ ?/\ ?(?P<sym3>{SYM})                                   # 6758/QĐ-UBND
      | -\ ?(?P<psym>{PSYM})                                      # 26-NQ/TW
      | -(?P<dsym>{_CODE_FIRST}(?:-{_CODE})*)(?![/\w])          # 84-CP (before 2000)
    )?""",
    re.VERBOSE,
)
"""A document number with what follows it; match it where the number starts."""

def numbered_parts(m: re.Match[str]) -> tuple[str, int | None, str | None, bool]:
    """Number, year, symbol (no spaces) and whether it is written ``number-SYMBOL``, of a :data:`NUMBERED` match."""
    year = m.group("year") or m.group("year2")
    symbol = m.group("sym") or m.group("sym2") or m.group("sym3") or m.group("psym") or m.group("dsym")
    hyphen = m.group("psym") is not None or m.group("dsym") is not None
    return m.group("num"), int(year) if year else None, symbol.replace(" ", "") if symbol else None, hyphen


# The look-behind comes after the first digit (``(?<![\w/.,-]\d)`` there is
# ``(?<![\w/.,-])`` before it): a pattern that starts with a digit lets ``re``
# skip to the next digit, one that starts with a look-behind is tried everywhere.
SYMBOL_TOKEN: Final = re.compile(
    rf"""\d(?<![\w/.,-]\d)\d{{0,4}}[a-zA-Z]?(?![\d])
    (?:
        \ ?[/-]\ ?{_YEAR}\ ?[/-]\ ?{SYM}
      | \ ?/\ ?{SYM}
      | -\ ?{PSYM}
    )""",
    re.VERBOSE,
)
"""Any legal-symbol-looking token, with or without type words before it."""

YEAR_AFTER: Final = re.compile(rf" *(?:\((?P<paren>[^()\n]{{1,30}})\) *)?(?:(?:năm|Năm) +)?(?P<year>{_YEAR})(?![/\w])")
"""A year attached to a named reference: ``2013``, ``năm 2013``, ``(HTX) năm 2012``."""

SO_NUMBER: Final = re.compile(r" +(?:(?:số|Số|SỐ)(?: *hiệu)? *:? *|: *)?(?=\d)")
"""What may stand between a type word and its number: ``số``, ``số:``, ``Số hiệu``."""

GAP_SO: Final = re.compile(r"(?: +[^\s\d.,;:!?()\[\]\"“”]+){1,12}? +(?:số|Số) *:? *(?=\d)")
"""A title between a type word and ``số`` (``biên bản vi phạm hành chính ... số 12/BB-VPHC``)."""

WORD: Final = re.compile(r"(, | - | – | )([^\W\d_][\w&]*(?:-[^\W\d_][\w&]*)*)")
"""One more word of a name, with the separator before it."""

ACRONYM: Final = re.compile(rf" ([{UPPER}]{{2,7}})(?![\w&]|\.\w)")
"""An upper-case short name after a type word (``Luật BHYT``)."""

AMENDING: Final = re.compile(r" (?:[Ss]ửa đổi(?:,? bổ sung)?|[Bb]ổ sung)(?: một số điều)?(?: của)? +(?=[A-ZĐ])")
"""The opening of an amending law's name (``Luật sửa đổi, bổ sung một số điều của Luật BHYT``)."""

CONSTITUTION: Final = re.compile(rf"(?P<country> nước Cộng h(?:òa|oà) xã hội chủ nghĩa Việt Nam)?"
                          rf"(?: +(?:năm +)?(?P<year>{_YEAR}))?(?![/\w])")
"""What names one constitution after ``Hiến pháp``."""


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regex for many literal phrases, factored as a trie.

    ``re`` tries the branches of a flat alternation one by one at every
    position; a trie tries one branch per first character, which keeps a scan
    fast however long the word list grows. At a position the pattern matches
    the longest phrase that lets the rest of the pattern match, as an
    alternation sorted longest first does.

    Example:
        >>> trie_pattern(["Luật", "Lệnh", "Luậtsư"])
        'L(?:uật(?:sư)?|ệnh)'
    """
    root: dict[str, dict[str, object]] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}

    def build(node: dict[str, dict[str, object]]) -> str:
        alternatives = []
        optional = False
        for ch, child in sorted(node.items()):
            if ch == "":
                optional = True
            else:
                alternatives.append(re.escape(ch) + build(child))  # type: ignore[arg-type]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if optional:
            return "(?:" + body + ")?" if len(alternatives) == 1 else body + "?"
        return body

    return build(root)


def word_variants(word: str) -> tuple[str, ...]:
    """A type word with its first letter in both cases (``Nghị định``, ``nghị định``)."""
    return tuple(dict.fromkeys((word[0].upper() + word[1:], word[0].lower() + word[1:])))


@lru_cache(maxsize=1)
def type_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every type word (longest first) and the map from a word (casefolded) to its type.

    Abbreviations (``NĐ``, ``TTLT``) are matched as written, the others with
    their first letter in either case. The words are plain literals in a trie
    (:func:`trie_pattern`): the longest word that ends at a word boundary wins,
    as in an alternation sorted longest first, at half the cost of a scan.
    """
    lex = lexicon()
    entries: list[tuple[str, str]] = []
    for t in lex.types:
        entries += [(v, t.doc_type) for w in t.words for v in word_variants(w)]
        entries += [(w, t.doc_type) for w in t.abbrev]
    entries.sort(key=lambda e: (-len(e[0]), e[0]))
    pattern = re.compile(r"(?<!\w)(?:" + trie_pattern(w for w, _ in entries) + r")(?!\w)")
    return pattern, {w.casefold(): t for w, t in entries}

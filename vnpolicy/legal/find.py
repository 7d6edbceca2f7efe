"""Find document references: spans and identity (type, number, year, symbol, canonical).

The scan is driven by type words (``Quyết định``, ``Thông tư liên tịch``,
``văn bản``, ``Luật`` ...): the document type always comes from these words,
never from the symbol's abbreviation (a Party ``Quy định`` is written both
``QĐi`` and ``QĐ``; ``Nghị định thư`` is a treaty). After a type word comes a
number (``số 22/2013/QĐ-TTg``, ``19-2017/NQ-CP``, ``26-NQ/TW``, ``47``), a title
then ``số`` and a symbol (``biên bản vi phạm hành chính ... số 12/BB-VPHC``), or
a name (``Luật Đất đai năm 2013``, ``Hiệp định Paris về biến đổi khí hậu``).

Example:
    >>> [(r.text, r.canonical) for r in find_legal_refs(
    ...     "Theo Quyết định số 22/2013/QĐ-TTg và Nghị quyết 19-2017/NQ-CP, Luật Đất đai năm 2013")]
    [('Quyết định số 22/2013/QĐ-TTg', '22/2013/QĐ-TTg'), ('Nghị quyết 19-2017/NQ-CP', '19/2017/NQ-CP'), \
('Luật Đất đai năm 2013', 'Luật Đất đai 2013')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from ..records import LegalRef
from .kb import knowledge_base
from .lexicon import DocType, lexicon
from .patterns import (
    ACRONYM,
    AMENDING,
    CONSTITUTION,
    GAP_SO,
    NUMBERED,
    SO_NUMBER,
    SYMBOL_TOKEN,
    UPPER,
    WORD,
    YEAR_AFTER,
    numbered_parts,
    type_words,
)
from .symbols import canonical_of, issuer_of_symbol

_LAWS: Final = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
_TREATIES: Final = frozenset({"Hiệp định", "Hiệp ước", "Công ước", "Nghị định thư"})
_TITLED: Final = frozenset({"Hướng dẫn", "Quy chế"})
# A number followed by one of these continues as something else (1/3, 12-5).
_NUMBER_GOES_ON: Final = re.compile(r" ?[/-] ?\w|[.,]\d")
_NEXT_WORD: Final = re.compile(r" +([^\W\d_]+|%)")
# Before a capitalised title-type mid-sentence: the end of a word or a comma.
_MID_SENTENCE: Final = re.compile(r"[\w,)] *$")
_UPPER_FIRST: Final = re.compile(rf"[{UPPER}]")


@dataclass(slots=True)  # not frozen: one is made for every number after a type word
class _Numbered:
    end: int
    number: str
    year: int | None
    symbol: str | None
    party: bool


def find_legal_refs(text: str) -> list[LegalRef]:
    """Every document reference in ``text``, with type, number, symbol and canonical.

    Args:
        text: normalised text (NFC, plain spaces), as :func:`vnpolicy.text.normalise` gives.

    Returns:
        The references sorted by position; ``issued``, ``issuer``, ``subject``
        and ``refers_to`` are left empty for :func:`link_legal_refs`.

    Example:
        >>> r = find_legal_refs("theo văn bản số 1333/UBND- TNMT ngày 14/11/2013")[0]
        >>> r.text, r.doc_type, r.symbol, r.canonical, r.issuer_code
        ('văn bản số 1333/UBND- TNMT', 'Công văn', 'UBND-TNMT', '1333/UBND-TNMT', 'Ủy ban nhân dân')
    """
    pattern, word_type = type_words()
    refs: list[LegalRef] = []
    covered = 0
    in_order = True  # references mostly come in order: the sort below is then not needed
    for m in pattern.finditer(text):
        if m.start() < covered:
            continue
        doc_type = word_type[m.group().casefold()]
        if doc_type in _TITLED and refs and not text[refs[-1].end:m.start()].strip():
            # "Thông tư số 09/2006/TT-BTM Hướng dẫn ...": the title of the document before, not another one
            continue
        found = _after_type(text, m.start(), m.end(), doc_type, m.group())
        for ref in found:
            if refs and (ref.start, -ref.end) < (refs[-1].start, -refs[-1].end):
                in_order = False
            refs.append(ref)
            covered = max(covered, ref.end)
    return refs if in_order else sorted(refs, key=lambda r: (r.start, -r.end))


def symbol_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every legal-symbol-looking token, with or without type words before it.

    The date and number extractors run after this one and keep out of these
    spans, so ``22/2013`` of ``22/2013/QĐ-TTg`` is never read as a date.

    Example:
        >>> s = "số 1333/UBND-TNMT, 22/2013/QĐ-TTg và 26-NQ/TW; 196/204 xã"
        >>> [s[a:b] for a, b in symbol_spans(s)]
        ['1333/UBND-TNMT', '22/2013/QĐ-TTg', '26-NQ/TW']
    """
    return [m.span() for m in SYMBOL_TOKEN.finditer(text)]


def _after_type(text: str, start: int, end: int, doc_type: str, word: str) -> list[LegalRef]:
    """The reference(s) that the type word at ``[start, end)`` opens, if any."""
    info = _doc_type_info(doc_type)
    is_abbrev = word in info.abbrev
    so = SO_NUMBER.match(text, end)
    if so:
        num = _numbered(text, so.end(), doc_type, written_so="số" in so.group().casefold())
        if num and (num.symbol or num.year or (info.bare_number and not is_abbrev)):
            if doc_type in _LAWS | {"Hiến pháp"} and not (num.symbol or num.year):
                return []
            return [_make(text, start, num.end, doc_type, num)]
    if is_abbrev:
        return []
    gap = GAP_SO.match(text, end) if doc_type not in _LAWS else None
    if gap and not type_words()[0].search(text, end, gap.end()):
        num = _numbered(text, gap.end(), doc_type, written_so=True)
        if num and (num.symbol or num.year):
            return [_make(text, start, num.end, doc_type, num)]
    if not info.named or not _UPPER_FIRST.match(word):
        return []
    if doc_type in _LAWS:
        if _not_a_law_before().search(text, max(0, start - 14), start):
            # "Trường ĐH Luật", "cử nhân Luật": a school or a degree, not a law
            return []
        return _named_law(text, start, end, doc_type)
    if doc_type == "Hiến pháp":
        c = CONSTITUTION.match(text, end)
        if c and (c.group("country") or c.group("year")):
            year = int(c.group("year")) if c.group("year") else None
            return [_named(text, start, c.end(), doc_type, "", year)]
        return []
    if doc_type in _TREATIES:
        return _titled(text, start, end, doc_type, treaty=True)
    if doc_type in _TITLED and _MID_SENTENCE.search(text, max(0, start - 3), start):
        return _titled(text, start, end, doc_type, treaty=False)
    return []


@cache  # one entry per document type: the lexicon's search is a loop
def _doc_type_info(doc_type: str) -> DocType:
    return lexicon().doc_type(doc_type)


@lru_cache(maxsize=1)
def _not_a_law_before() -> re.Pattern[str]:
    words = sorted(lexicon().phrases["not_a_law_before"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r") *$")


def _numbered(text: str, pos: int, doc_type: str, *, written_so: bool) -> _Numbered | None:
    m = NUMBERED.match(text, pos)
    if not m:
        return None
    number, year, symbol, hyphen = numbered_parts(m)
    if symbol is None and year is None:
        # a bare number: "Nghị định 47", "Chỉ thị số 26" -- but not "Kế hoạch 5 năm", "Quyết định 1/3"
        if _NUMBER_GOES_ON.match(text, m.end()):
            return None
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and nxt.group(1) in lexicon().bare_number_blockers:
            return None
        if not number.isdigit() and not written_so:
            return None
    return _Numbered(end=m.end(), number=number, year=year, symbol=symbol, party=hyphen)


def _make(text: str, start: int, end: int, doc_type: str, num: _Numbered) -> LegalRef:
    canonical = canonical_of(doc_type, num.number, num.year, num.symbol, party=num.party)
    entry = knowledge_base().find(doc_type, num.number, num.year, num.symbol, canonical)
    return LegalRef(
        start=start, end=end, text=text[start:end], doc_type=doc_type, number=num.number, year=num.year,
        symbol=num.symbol, canonical=canonical, issuer_code=issuer_of_symbol(num.symbol, party=num.party),
        kb_id=entry.kb_id if entry else None,
    )


def _named(text: str, start: int, end: int, doc_type: str, name: str, year: int | None) -> LegalRef:
    canonical = " ".join(p for p in (doc_type, name, str(year) if year else "") if p)
    entry = knowledge_base().find_named(doc_type, name, year)
    return LegalRef(
        start=start, end=end, text=text[start:end], doc_type=doc_type, number=None, year=year, symbol=None,
        canonical=canonical, issuer_code=None, kb_id=entry.kb_id if entry else None,
    )


def _words(text: str, pos: int, limit: int) -> list[tuple[str, str, int]]:
    """Up to ``limit`` words after ``pos``: (separator, word, end of word)."""
    out: list[tuple[str, str, int]] = []
    while len(out) < limit:
        m = WORD.match(text, pos, pos + 60)
        if not m:
            break
        out.append((m.group(1), m.group(2), m.end()))
        pos = m.end()
    return out


def _named_law(text: str, start: int, end: int, doc_type: str) -> list[LegalRef]:
    """``Luật Đất đai năm 2013``, ``Bộ luật Hình sự``, ``Luật BHYT``, ``Luật sửa đổi ... của Luật X``."""
    amend = AMENDING.match(text, end)
    if amend:
        inner_type = type_words()[0].match(text, amend.end())
        if inner_type:
            inner_doc = type_words()[1].get(inner_type.group().casefold())
            if inner_doc in _LAWS:
                inner = _named_law(text, inner_type.start(), inner_type.end(), inner_doc)
                if inner:
                    outer_end = inner[0].end
                    name = text[end + 1:outer_end]
                    return [_named(text, start, outer_end, doc_type, name, None), *inner]
    words = _words(text, end, 6)
    kb = knowledge_base()
    if len(words) == 6 and kb.law_prefix(doc_type, _key(words)):
        words = _words(text, end, 16)
    best: tuple[int, str] | None = None
    key = ""
    for i, (sep, word, _) in enumerate(words):
        key = word.casefold() if i == 0 else key + sep.replace("–", "-") + word.casefold()
        if not kb.law_prefix(doc_type, key):
            break
        title = kb.law_title(doc_type, key)
        if title is not None:
            best = (i, title)
    if best is not None:
        name_end = words[best[0]][2]
        name = best[1]
    else:
        acronym = ACRONYM.match(text, end)
        if acronym:
            name_end, name = acronym.end(), acronym.group(1)
        else:
            taken = _fallback_name(words)
            if not taken:
                return []
            name_end = words[taken - 1][2]
            name = text[end + 1:name_end]
            name = name[0].upper() + name[1:]
    year_m = YEAR_AFTER.match(text, name_end)
    if best is None and acronym is None and not _UPPER_FIRST.match(words[0][1]) and not year_m:
        return []
    year = int(year_m.group("year")) if year_m else None
    span_end = year_m.end() if year_m else name_end
    so = SO_NUMBER.match(text, span_end)
    if so and "số" in so.group().casefold():
        num = _numbered(text, so.end(), doc_type, written_so=True)
        if num and num.symbol:
            return [_make(text, start, num.end, doc_type, num)]
    return [_named(text, start, span_end, doc_type, name, year)]


def _key(words: list[tuple[str, str, int]]) -> str:
    return "".join((sep.replace("–", "-") if i else "") + w.casefold() for i, (sep, w, _) in enumerate(words))


def _fallback_name(words: list[tuple[str, str, int]]) -> int:
    """How many words make an unknown law's name: up to six, stopping at function words and commas."""
    lex = lexicon()
    if not words or words[0][0] != " " or words[0][1].casefold() in lex.named_stopwords:
        return 0
    n = 0
    for sep, word, _ in words[:6]:
        if n and (sep != " " or word.casefold() in lex.title_stops):
            break
        n += 1
    return n


def _titled(text: str, start: int, end: int, doc_type: str, *, treaty: bool) -> list[LegalRef]:
    """A document known by its title: ``Hiệp định Paris về biến đổi khí hậu``, ``Quy chế tuyển sinh``."""
    lex = lexicon()
    words = _words(text, end, 40 if treaty else 15)
    if not words or words[0][0] != " " or words[0][1].casefold() in lex.determiners | lex.title_stops:
        return []
    pattern, word_type = type_words()
    n = 0
    for i, (sep, word, _) in enumerate(words):
        low = word.casefold()
        pair = f"{low} {words[i + 1][1].casefold()}" if i + 1 < len(words) else low
        if sep == ", ":
            break
        if n and pair in lex.title_stops:
            break
        # "và" goes on when a lower-case word follows ("rửa và sử dụng lại")
        if n and low in lex.title_stops and not (treaty and low in lex.treaty_title_ok) and (
                low != "và" or i + 1 >= len(words) or not _continues_title(words[i + 1][1], pattern)):
            break
        if n and pattern.match(word) and word_type.get(low) and not treaty:
            break
        n += 1
    if not n:
        return []
    name_end = words[n - 1][2]
    year_m = YEAR_AFTER.match(text, name_end) if treaty else None
    year = int(year_m.group("year")) if year_m and not year_m.group("paren") else None
    span_end = year_m.end() if year and year_m else name_end
    return [_named(text, start, span_end, doc_type, text[end + 1:name_end], year)]


def _continues_title(word: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``và <word>`` goes on with the same title (a lower-case word, not a type word)."""
    return word[:1].islower() and not pattern.match(word)

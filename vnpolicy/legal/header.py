"""Read an official document's own header: its number, issuer, place and date, type and title.

Every Vietnamese official text opens with the same block (Nghị định
30/2020/NĐ-CP, thể thức văn bản): the issuing body, ``Số: 45/2019/QH14``,
``Hà Nội, ngày 20 tháng 11 năm 2019``, then the type in capitals and the
title. Laws also say ``Quốc hội ban hành Luật ...`` and, near the end, when
they take effect.

Example:
    >>> h = document_header("QUỐC HỘI\\nLuật số:   24/2018/QH14\\nHà Nội, ngày 12 tháng 6 năm 2018\\n"
    ...                     "LUẬT\\nAN NINH MẠNG\\nQuốc hội ban hành Luật An ninh mạng.\\n"
    ...                     "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2019.")
    >>> h.ref.canonical, h.ref.doc_type, h.ref.issued, h.ref.issuer, h.title, h.effective
    ('24/2018/QH14', 'Luật', '2018-06-12', 'Quốc hội', 'An ninh mạng', '2019-01-01')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import LegalRef
from .lexicon import lexicon
from .patterns import NUMBERED, numbered_parts, type_words
from .symbols import canonical_of, issuer_of_symbol

_HEAD_CHARS = 2500
_NUMBER_LINE = re.compile(r"(?im)^[^\S\n]*(?P<type>[^\W\d][^\n:]{0,30}?)?[^\S\n]*(?:số|SỐ)[^\S\n]*:?[^\S\n]*(?=\d)")
_DATE_WORDS = re.compile(r"(?i)ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_DATE_DASH = re.compile(r"(?i)ngày\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ENACTED = re.compile(r"ban hành ((?:Bộ luật|Bộ Luật|Luật|Pháp lệnh)) ([^.\n;]{2,150})\.")
_EFFECTIVE = re.compile(r"(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Thông tư|Quyết định) này có hiệu lực(?: thi hành)?"
                        r"(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_BODIES = {"quốc hội": "Quốc hội", "chính phủ": "Chính phủ", "thủ tướng chính phủ": "Thủ tướng Chính phủ",
           "ủy ban thường vụ quốc hội": "Ủy ban Thường vụ Quốc hội", "chủ tịch nước": "Chủ tịch nước"}


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    """What an official text says about itself: its reference (with issue date and issuer), title, effect."""

    ref: LegalRef
    title: str | None
    effective: str | None


def source_notes(section: str) -> Iterator[str]:
    """The lines of a section of the national legal code, a wrapped source note joined into one line.

    Each article of a section is followed by a note naming the document it
    comes from (``(Điều 1 Nghị định số 116/2014/NĐ-CP ... ngày 04/12/2014 của
    Chính phủ, có hiệu lực ...)``); a long title sometimes breaks it over lines.

    Example:
        >>> list(source_notes("(Điều 1 Thông tư số 39/2014/TT-BGTVT Quy định\\ncông tác tiếp dân ngày 1/1/2014)\\nx"))
        ['(Điều 1 Thông tư số 39/2014/TT-BGTVT Quy định công tác tiếp dân ngày 1/1/2014)', 'x']
    """
    lines = section.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith("(Điều") and ")" not in line:
            # join up to five lines until the note closes
            for _ in range(5):
                if i >= len(lines) or ")" in line:
                    break
                line = f"{line} {lines[i].strip()}"
                i += 1
        yield line


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def document_header(text: str) -> DocumentHeader | None:
    """The header of an official document, or ``None`` when its number cannot be read.

    Args:
        text: the document's full text (only the opening block and the
            effective-date sentence are read).
    """
    head = unicodedata.normalize("NFC", text[:_HEAD_CHARS])
    number_line = _NUMBER_LINE.search(head)
    if not number_line:
        return None
    m = NUMBERED.match(head, number_line.end())
    if not m:
        return None
    number, year, symbol, party = numbered_parts(m)
    if symbol is None:
        return None
    rest = head[m.end():]
    date = _DATE_WORDS.search(rest) or _DATE_DASH.search(rest)
    issued = _iso(*date.groups()) if date else None
    doc_type, title = _type_and_title(text, rest[date.end():] if date else rest, number_line.group("type"))
    if doc_type is None:
        return None
    lines = [ln.strip(" -*") for ln in head[:number_line.start()].splitlines() if ln.strip(" -*")]
    issuer = _BODIES.get(" ".join(lines[0].split()).casefold()) if lines else None
    if issuer is None:
        issuer = issuer_of_symbol(symbol, party=party)
    ref = LegalRef(
        start=m.start(), end=m.end(), text=head[m.start():m.end()], doc_type=doc_type, number=number,
        year=year, symbol=symbol, canonical=canonical_of(doc_type, number, year, symbol, party=party),
        issued=issued, issuer=issuer, issuer_code=issuer_of_symbol(symbol, party=party),
    )
    eff = _EFFECTIVE.search(unicodedata.normalize("NFC", text))
    return DocumentHeader(ref=ref, title=title, effective=_iso(*eff.groups()) if eff else None)


def _type_and_title(text: str, after_date: str, number_type: str | None) -> tuple[str | None, str | None]:
    """The type from the capitalised title line (or the words before ``số``) and the title."""
    pattern, word_type = type_words()
    doc_type: str | None = None
    title_lines: list[str] = []
    for line in after_date.splitlines()[:8]:
        words = " ".join(line.split())
        if not words:
            continue
        if doc_type is None:
            m = pattern.fullmatch(words.capitalize()) or pattern.fullmatch(words)
            if m:
                doc_type = word_type[words.casefold()]
                continue
            # the assembly and session lines ("QUỐC HỘI NƯỚC ...", "Khoá XI, Kỳ họp thứ 8") come first
            continue
        if words.isupper():
            title_lines.append(words)
        else:
            break
    if doc_type is None and number_type:
        doc_type = lexicon().type_of_word(" ".join(number_type.split()))
    enacted = _ENACTED.search(unicodedata.normalize("NFC", text[:_HEAD_CHARS * 2]))
    if enacted:
        return doc_type or word_type.get(enacted.group(1).casefold()), " ".join(enacted.group(2).split())
    title = " ".join(title_lines).capitalize() if title_lines else None
    return doc_type, title

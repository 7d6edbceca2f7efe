"""What a document symbol says: its type code, its issuer codes, and the canonical identity.

A Vietnamese document number is written ``number/year/TYPE-ISSUER`` for state
documents (``22/2013/QĐ-TTg``; laws carry only the issuer and term,
``45/2019/QH14``; a letter has no type code, ``1041/BTC-QLCS``) and
``number-TYPE/ISSUER`` for Party documents (``26-NQ/TW``). This module reads
those parts; it never decides the document type, which comes from the words
before the number.

Example:
    >>> canonical_of("Nghị quyết", "19", 2017, "NQ-CP", party=False)
    '19/2017/NQ-CP'
    >>> canonical_of("Nghị quyết", "21", None, "NQ/TƯ", party=True)
    '21-NQ/TW'
    >>> canonical_of("Chỉ thị", "26", None, None, party=False)
    'Chỉ thị 26'
    >>> issuer_of_symbol("QĐ-TTg", party=False), issuer_of_symbol("TTLT-BTP-BNV", party=False)
    ('Thủ tướng Chính phủ', 'Bộ Tư pháp, Bộ Nội vụ')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .lexicon import lexicon

_SPLIT: Final = re.compile(r"[-/]")
_TERM: Final = re.compile(r"(?<=\D)\d{1,2}$")


def parts_of(symbol: str) -> list[str]:
    """The codes of a symbol, without spaces: ``'UBND- TNMT'`` -> ``['UBND', 'TNMT']``."""
    return [p for p in _SPLIT.split(symbol.replace(" ", "")) if p]


def canonical_of(doc_type: str, number: str | None, year: int | None, symbol: str | None,
                 *, party: bool) -> str:
    """The one way of writing a numbered document's identity (ANNOTATION.md, ``canonical``)."""
    if number is None:
        return doc_type
    if symbol:
        compact = symbol.replace(" ", "")
        if party:
            return f"{number}-{compact.replace('TƯ', 'TW')}"
        return f"{number}/{year}/{compact}" if year else f"{number}/{compact}"
    return f"{doc_type} {number}/{year}" if year else f"{doc_type} {number}"


def type_code_of(symbol: str, *, party: bool) -> str | None:
    """The type code a symbol opens with (``QĐ`` of ``QĐ-TTg``), or ``None`` (``QH14``, ``BTC-QLCS``)."""
    parts = parts_of(symbol)
    if not parts:
        return None
    codes = lexicon().type_codes_party if party else lexicon().type_codes_state
    # a lone code is an issuer with its term (QH14), not a type
    return parts[0] if parts[0] in codes and len(parts) > 1 else None


def issuer_codes_of(symbol: str, *, party: bool) -> list[str]:
    """The issuer codes of a symbol, term numbers dropped (``QH14`` -> ``QH``)."""
    parts = parts_of(symbol)
    if type_code_of(symbol, party=party) is not None:
        parts = parts[1:]
    elif parts and parts[0] not in lexicon().issuer_codes and _TERM.sub("", parts[0]) not in lexicon().issuer_codes:
        return []
    out: list[str] = []
    codes = lexicon().issuer_codes
    for i, p in enumerate(parts):
        base = p if p in codes else _TERM.sub("", p)
        if base in codes:
            out.append(base)
        elif i == 0:
            return []
        else:
            # a letter's symbol goes on with the drafting unit (BTC-QLCS): not an issuer
            break
    return out


@lru_cache(maxsize=4096)  # a page cites the same few symbols again and again
def issuer_of_symbol(symbol: str | None, *, party: bool) -> str | None:
    """The issuer named by a symbol's codes, expanded; several issuers are joined by ``, ``."""
    if not symbol:
        return None
    names: list[str] = []
    for code in issuer_codes_of(symbol, party=party):
        name = lexicon().issuer_codes[code]
        if name not in names:
            names.append(name)
    return ", ".join(names) or None


@lru_cache(maxsize=4096)
def type_mismatch(doc_type: str, symbol: str | None, *, party: bool) -> str | None:
    """A warning when the type word and the symbol's type code disagree, else ``None``.

    Example:
        >>> type_mismatch("Quyết định", "NĐ-CP", party=False)
        'type word Quyết định but type code NĐ (Nghị định)'
        >>> type_mismatch("Quy định", "QĐi/TW", party=True) is None
        True
    """
    if not symbol:
        return None
    code = type_code_of(symbol, party=party)
    if code is None:
        return None
    table = lexicon().type_codes_party if party else lexicon().type_codes_state
    allowed = table[code]
    if doc_type in allowed:
        return None
    return f"type word {doc_type} but type code {code} ({', '.join(sorted(allowed))})"

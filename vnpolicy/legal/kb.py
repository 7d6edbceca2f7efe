"""A knowledge base of real Vietnamese legal documents, shipped as ``vnpolicy/data/legal_kb.json``.

Built by ``scripts/build_legal_kb.py`` from public official texts: the source
notes of the national legal code (phapdien) and the headers of codes and laws
(vlc-laws). Each entry has the document's number, type, issuer, official
title, issue date and effective date, so that a reference found in an article
(``Nghị định 116/2014/NĐ-CP``) links to it even when the article gives nothing
more.

Example:
    >>> e = lookup("116/2014/NĐ-CP")
    >>> e.doc_type, e.issued, e.issuer
    ('Nghị định', '2014-12-04', 'Chính phủ')
    >>> lookup("Luật Đất đai 2013").canonical
    '45/2013/QH13'
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .lexicon import LexiconError

KB_FILE = "legal_kb.json"
KB_FIELDS = ("kb_id", "canonical", "doc_type", "number", "year", "symbol", "title", "issuer", "issued",
             "effective", "sources")
_LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")


@dataclass(frozen=True, slots=True)
class KbEntry:
    """One document of the knowledge base."""

    kb_id: str
    canonical: str
    doc_type: str
    number: str | None
    year: int | None
    symbol: str | None
    title: str | None
    """The official title (for a law, its name: ``Đất đai``)."""
    issuer: str | None
    issued: str | None
    """Issue date, ISO ``YYYY-MM-DD``."""
    effective: str | None
    """Date the document took effect, ISO ``YYYY-MM-DD``."""
    sources: tuple[str, ...]


def key_of(canonical: str) -> str:
    """The lookup key of a canonical: no spaces, case folded, ``Ð`` (eth) read as ``Đ``."""
    return unicodedata.normalize("NFC", canonical).replace(" ", "").replace("Ð", "Đ").casefold()


def law_key(title: str) -> str:
    """The lookup key of a law's name: case folded, one space, ``–`` read as ``-``, no leading ``Về``."""
    words = " ".join(title.replace("–", "-").split())
    if words[:3].casefold() == "về ":
        words = words[3:]
    return words.casefold()


class KnowledgeBase:
    """Documents indexed by canonical, by (type, number, year) and, for laws, by name."""

    def __init__(self, entries: list[KbEntry]) -> None:
        self.entries = tuple(entries)
        self._by_key: dict[str, KbEntry] = {}
        self._by_id = {e.kb_id: e for e in entries}
        self._by_tny: dict[tuple[str, str, int], list[KbEntry]] = defaultdict(list)
        self._by_name: dict[tuple[str, str], list[KbEntry]] = defaultdict(list)
        self._titles: dict[tuple[str, str], str] = {}
        self._prefixes: set[tuple[str, str]] = set()
        for e in entries:
            self._by_key[key_of(e.canonical)] = e
            if e.number and e.year:
                self._by_tny[(e.doc_type, e.number.lstrip("0"), e.year)].append(e)
            if e.doc_type in _LAW_TYPES and e.title:
                k = law_key(e.title)
                self._by_name[(e.doc_type, k)].append(e)
                self._titles.setdefault((e.doc_type, k), " ".join(e.title.split()).removeprefix("Về "))
                words = k.split(" ")
                self._prefixes.update((e.doc_type, " ".join(words[:n]).rstrip(",")) for n in range(1, len(words) + 1))

    def by_id(self, kb_id: str) -> KbEntry | None:
        """The entry with this ``kb_id``, or ``None``."""
        return self._by_id.get(kb_id)

    def get(self, canonical: str) -> KbEntry | None:
        """The entry with this canonical (any spacing or case), or ``None``."""
        return self._by_key.get(key_of(canonical))

    def find(self, doc_type: str, number: str | None, year: int | None, symbol: str | None,
             canonical: str) -> KbEntry | None:
        """The entry of a numbered reference; without a symbol only when type, number and year say it."""
        if symbol:
            return self.get(canonical)
        if number and year:
            found = self._by_tny.get((doc_type, number.lstrip("0"), year), [])
            return found[0] if len(found) == 1 else None
        return None

    def find_named(self, doc_type: str, name: str, year: int | None) -> KbEntry | None:
        """The law called ``name``: the one of ``year``, or the only one of that name."""
        found = self._by_name.get((doc_type, law_key(name)), [])
        if year is not None:
            found = [e for e in found if year in (e.year, int(e.issued[:4]) if e.issued else None)]
        return found[0] if len(found) == 1 else None

    def law_prefix(self, doc_type: str, key: str) -> bool:
        """Whether some law's name starts with the words of ``key`` (a :func:`law_key`)."""
        return (doc_type, key) in self._prefixes

    def law_title(self, doc_type: str, key: str) -> str | None:
        """The official spelling of a law's name from its lookup key (see :func:`law_key`), or ``None``."""
        return self._titles.get((doc_type, key))


def _entry(row: object, n: int) -> KbEntry:
    if not isinstance(row, list) or len(row) != len(KB_FIELDS):
        raise LexiconError(f"{KB_FILE}: document {n} must be a list of {len(KB_FIELDS)} fields")
    values: dict[str, Any] = dict(zip(KB_FIELDS, row, strict=True))
    for f in ("kb_id", "canonical", "doc_type"):
        if not isinstance(values[f], str) or not values[f]:
            raise LexiconError(f"{KB_FILE}: document {n} has no {f}")
    for f in ("number", "symbol", "title", "issuer", "issued", "effective"):
        if values[f] is not None and not isinstance(values[f], str):
            raise LexiconError(f"{KB_FILE}: document {n}: {f} must be a string or null")
    if values["year"] is not None and not isinstance(values["year"], int):
        raise LexiconError(f"{KB_FILE}: document {n}: year must be an integer or null")
    sources = values["sources"]
    if not isinstance(sources, list):
        raise LexiconError(f"{KB_FILE}: document {n}: sources must be a list")
    return KbEntry(
        kb_id=str(values["kb_id"]), canonical=str(values["canonical"]), doc_type=str(values["doc_type"]),
        number=values["number"], year=values["year"], symbol=values["symbol"],
        title=values["title"], issuer=values["issuer"], issued=values["issued"],
        effective=values["effective"], sources=tuple(str(s) for s in sources),
    )


def load_knowledge_base() -> KnowledgeBase:
    """Read and validate the shipped knowledge base (uncached; see :func:`knowledge_base`).

    Raises:
        LexiconError: the file is missing fields or malformed; rebuild it with
            ``python3 scripts/build_legal_kb.py``.
    """
    path = resources.files("vnpolicy").joinpath("data").joinpath(KB_FILE)
    if not path.is_file():
        raise LexiconError(f"vnpolicy/data/{KB_FILE} is missing; rebuild it with python3 scripts/build_legal_kb.py")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("fields") != list(KB_FIELDS):
        raise LexiconError(f"{KB_FILE}: 'fields' must be {list(KB_FIELDS)}; rebuild it")
    rows = data.get("documents")
    if not isinstance(rows, list):
        raise LexiconError(f"{KB_FILE}: 'documents' must be a list")
    entries = [_entry(row, n) for n, row in enumerate(rows)]
    ids = [e.kb_id for e in entries]
    if len(set(ids)) != len(ids):
        raise LexiconError(f"{KB_FILE}: kb_id values must be unique")
    return KnowledgeBase(entries)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, read once per process (about 0.1 s)."""
    return load_knowledge_base()


def lookup(reference: str) -> KbEntry | None:
    """The knowledge-base entry of a symbol or a reference written as in text.

    Args:
        reference: a canonical (``116/2014/NĐ-CP``, ``26-NQ/TW``) or a reference
            as an article writes it (``Nghị định số 116/2014/NĐ-CP``,
            ``Luật Đất đai năm 2013``).

    Returns:
        The entry, or ``None`` when the knowledge base does not hold the document.

    Example:
        >>> lookup("Nghị định số 116/2014/NĐ-CP").kb_id
        '116-2014-ND-CP'
        >>> lookup("999/2099/NĐ-CP") is None
        True
    """
    kb = knowledge_base()
    direct = kb.get(reference.strip())
    if direct is not None:
        return direct
    from .find import find_legal_refs  # find imports this module

    text = " ".join(unicodedata.normalize("NFC", reference).split())
    for ref in find_legal_refs(text):
        if ref.kb_id is not None:
            return kb.by_id(ref.kb_id)
    return None

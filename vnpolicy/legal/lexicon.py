"""The lexicons of legal references, loaded from ``vnpolicy/data/legal_*.json`` and checked.

Every word list the extractor relies on lives in a data file, so that adding a
document type, a type code or an issuer code is a data change. Each file is
validated when it is loaded: a malformed entry raises :class:`LexiconError`
naming the file and the entry, instead of silently matching nothing.

Example:
    >>> lex = lexicon()
    >>> lex.type_of_word("văn bản"), lex.issuer_codes["TTg"]
    ('Công văn', 'Thủ tướng Chính phủ')
    >>> sorted(lex.type_codes_state["QĐ"])
    ['Quy định', 'Quyết định']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import VnpolicyError

#: The document types of the guideline (ANNOTATION.md, ``doc_type``) plus the
#: few the guideline does not list but real text uses (``Sắc lệnh``, joint
#: resolutions, ``Thông tri`` of the Party, treaties other than ``Hiệp định``).
GUIDELINE_TYPES = frozenset({
    "Quyết định", "Nghị định", "Thông tư", "Thông tư liên tịch", "Nghị quyết", "Chỉ thị", "Kết luận",
    "Quy định", "Quy chế", "Hướng dẫn", "Kế hoạch", "Công văn", "Thông báo", "Luật", "Bộ luật",
    "Hiến pháp", "Pháp lệnh", "Công điện", "Chương trình", "Đề án", "Báo cáo", "Tờ trình", "Biên bản",
    "Quy hoạch", "Nghị định thư", "Hiệp định",
})
EXTRA_TYPES = frozenset({
    "Nghị quyết liên tịch", "Quyết định liên tịch", "Thông tri", "Sắc lệnh", "Lệnh",
    "Hiệp ước", "Công ước",
})


PHRASE_LISTS = ("subject_openers", "subject_skip", "subject_stops", "comma_clause_openers", "coordination_verbs",
                "before_nested_ok", "issuing_verbs", "tense_words", "effect_words", "fronting_words", "fillers",
                "aliases",
                "not_a_law_before", "not_a_title_after")
"""The linker's word lists in ``legal_types.json``."""


class LexiconError(VnpolicyError, ValueError):
    """A lexicon data file is malformed; the message names the file and the entry to fix."""


@dataclass(frozen=True, slots=True)
class DocType:
    """One document type: its guideline name and how text writes it."""

    doc_type: str
    words: tuple[str, ...]
    abbrev: tuple[str, ...]
    bare_number: bool
    named: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list of the legal-reference extractor, validated."""

    types: tuple[DocType, ...]
    bare_number_blockers: frozenset[str]
    named_stopwords: frozenset[str]
    title_stops: frozenset[str]
    determiners: frozenset[str]
    phrases: dict[str, tuple[str, ...]]
    """Word lists of the linker (``subject_openers``, ``issuing_verbs`` ...), longest first."""
    treaty_title_ok: frozenset[str]
    type_codes_state: dict[str, frozenset[str]]
    type_codes_party: dict[str, frozenset[str]]
    no_code_types: frozenset[str]
    issuer_codes: dict[str, str]
    issuer_heads: tuple[str, ...]
    issuer_titles: tuple[str, ...]
    issuer_bodies: tuple[str, ...]
    places: tuple[str, ...]
    surnames: frozenset[str]

    def type_of_word(self, word: str) -> str | None:
        """The ``doc_type`` that a type word (any case) names, or ``None``."""
        key = word.casefold()
        for t in self.types:
            if any(w.casefold() == key for w in (*t.words, *t.abbrev)):
                return t.doc_type
        return None

    def doc_type(self, name: str) -> DocType:
        """The entry of a ``doc_type`` name."""
        for t in self.types:
            if t.doc_type == name:
                return t
        raise KeyError(name)


def _read(name: str) -> dict[str, object]:
    text = resources.files("vnpolicy").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LexiconError(f"vnpolicy/data/{name} is not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"vnpolicy/data/{name} must hold a JSON object")
    return data


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() == v and v for v in value):
        raise LexiconError(f"{where} must be a list of non-empty, trimmed strings")
    return tuple(value)


def _code_map(value: object, where: str, known_types: frozenset[str]) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where} must map codes to lists of document types")
    out: dict[str, frozenset[str]] = {}
    for code, types in value.items():
        names = _str_list(types, f"{where}[{code!r}]")
        unknown = set(names) - known_types - {"Phương án", "Dự án", "Hợp đồng", "Bản ghi nhớ", "Bản thỏa thuận",
                                              "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép",
                                              "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Thông cáo",
                                              "Giấy chứng nhận"}
        if unknown:
            raise LexiconError(f"{where}[{code!r}] names unknown document types {sorted(unknown)}")
        out[code] = frozenset(names)
    return out


def load_lexicon() -> Lexicon:
    """Read and validate the three lexicon files (uncached; see :func:`lexicon`).

    Raises:
        LexiconError: a file is malformed, a type is not a guideline type, a
            word names two types, or a code maps to an unknown type.
    """
    types_data = _read("legal_types.json")
    codes_data = _read("legal_codes.json")
    issuers_data = _read("legal_issuers.json")

    raw_types = types_data.get("types")
    if not isinstance(raw_types, list):
        raise LexiconError("legal_types.json: 'types' must be a list")
    types: list[DocType] = []
    seen_words: dict[str, str] = {}
    allowed = GUIDELINE_TYPES | EXTRA_TYPES
    for i, entry in enumerate(raw_types):
        where = f"legal_types.json types[{i}]"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where} must be an object")
        name = entry.get("doc_type")
        if not isinstance(name, str) or name not in allowed:
            raise LexiconError(f"{where}: doc_type {name!r} is not a type of the guideline")
        words = _str_list(entry.get("words"), f"{where}.words")
        abbrev = _str_list(entry.get("abbrev", []), f"{where}.abbrev")
        for w in (*words, *abbrev):
            key = w if w in abbrev else w.casefold()
            if key in seen_words and seen_words[key] != name:
                raise LexiconError(f"{where}: word {w!r} already names {seen_words[key]!r}")
            seen_words[key] = name
        bare, named = entry.get("bare_number"), entry.get("named")
        if not isinstance(bare, bool) or not isinstance(named, bool):
            raise LexiconError(f"{where}: bare_number and named must be true or false")
        types.append(DocType(name, words, abbrev, bare, named))
    known = frozenset(t.doc_type for t in types)

    codes = issuers_data.get("codes")
    if not isinstance(codes, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                              for k, v in codes.items()):
        raise LexiconError("legal_issuers.json: 'codes' must map codes to issuer names")
    no_code = frozenset(_str_list(codes_data.get("no_code_types"), "legal_codes.json no_code_types"))
    if not no_code <= known:
        raise LexiconError(f"legal_codes.json no_code_types: unknown types {sorted(no_code - known)}")
    return Lexicon(
        types=tuple(types),
        bare_number_blockers=frozenset(_str_list(types_data.get("bare_number_blockers"),
                                                 "legal_types.json bare_number_blockers")),
        named_stopwords=frozenset(_str_list(types_data.get("named_stopwords"),
                                            "legal_types.json named_stopwords")),
        phrases={key: tuple(sorted(_str_list(types_data.get(key), f"legal_types.json {key}"), key=lambda w: -len(w)))
                 for key in PHRASE_LISTS},
        determiners=frozenset(_str_list(types_data.get("determiners"), "legal_types.json determiners")),
        title_stops=frozenset(_str_list(types_data.get("title_stops"), "legal_types.json title_stops")),
        treaty_title_ok=frozenset(_str_list(types_data.get("treaty_title_ok"), "legal_types.json treaty_title_ok")),
        type_codes_state=_code_map(codes_data.get("state"), "legal_codes.json state", known),
        type_codes_party=_code_map(codes_data.get("party"), "legal_codes.json party", known),
        no_code_types=no_code,
        issuer_codes=dict(codes),
        issuer_heads=_str_list(issuers_data.get("heads"), "legal_issuers.json heads"),
        issuer_titles=_str_list(issuers_data.get("titles"), "legal_issuers.json titles"),
        issuer_bodies=_str_list(issuers_data.get("bodies"), "legal_issuers.json bodies"),
        places=_str_list(issuers_data.get("places"), "legal_issuers.json places"),
        surnames=frozenset(_str_list(issuers_data.get("surnames"), "legal_issuers.json surnames")),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The validated lexicon, read once per process."""
    return load_lexicon()

"""Weak labels of the 15 policy areas for unlabelled news: keyword and reference cues.

No public labelled set exists for these areas, so the training data is built
from cues a reader also uses:

- **keywords** of each area (``data/topics_keywords.json``), counted on whole
  syllables, a hit in the title weighing :data:`TITLE_WEIGHT` times a hit in
  the body, the body's hits scaled to the article's length;
- **references** to documents: a symbol's ministry code (``/TT-BYT`` ->
  ``y_te``, ``data/topics_mappings.json``), and documents and named laws that
  the national legal code files under a field (``Nghị định 100/2014/NĐ-CP`` is
  in the code's health field, so it points to ``y_te``);
- **foreign news**: a title about another country with no Vietnamese cue in
  it or around it gets no area, as the guideline says.

An area is a label when its score is at least :data:`FLOOR` and at least
:data:`RELATIVE` of the best area's; areas between that and half of it are
*abstained on*: the binary model of that area does not train on the article
(the cues are unsure), instead of reading it as a negative.

Example:
    >>> cues = KeywordCues.load()
    >>> w = weak_label("Bộ Y tế chỉ đạo chống dịch sốt xuất huyết\\n"
    ...                "Bộ Y tế yêu cầu các bệnh viện tăng cường phòng dịch sốt xuất huyết.", cues)
    >>> w.labels
    ('y_te',)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import ModelError
from .features import _canonical, split_title, syllables
from .taxonomy import POLICY_LABELS

TITLE_WEIGHT = 3.0
"""A cue in the title counts this many times a cue in the body."""
BODY_SCALE = 600
"""Body scores are scaled by ``BODY_SCALE / (syllables + 100)``: about one for a 500-syllable article."""
STRONG, WEAK = 1.0, 0.4
REFERENCE_WEIGHT = 2.0
"""A document reference counts as two strong keywords."""
FLOOR = 4.0
RELATIVE = 0.6
UNSURE_FLOOR = 2.0
UNSURE_RELATIVE = 0.3


def _data(name: str) -> dict[str, object]:
    text = resources.files("vnpolicy").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ModelError(f"vnpolicy/data/{name} must hold a JSON object")
    return data


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({_canonical(p) for p in phrases}, key=lambda s: (-len(s), s))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


@dataclass(frozen=True)
class WeakLabel:
    """The areas the cues point to, the areas they are unsure about, and why."""

    labels: tuple[str, ...]
    abstain: tuple[str, ...]
    scores: Mapping[str, float] = field(default_factory=dict)
    foreign: bool = False


@dataclass(frozen=True)
class KeywordCues:
    """Compiled keyword, reference and foreign-news cues."""

    phrase_areas: Mapping[str, tuple[tuple[str, float], ...]]
    pattern: re.Pattern[str]
    foreign: re.Pattern[str]
    vietnam: re.Pattern[str]
    issuer_codes: Mapping[str, str]
    documents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    laws: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    law_pattern: re.Pattern[str] | None = None

    @classmethod
    def load(cls, documents: Mapping[str, Iterable[str]] | None = None,
             laws: Mapping[str, Iterable[str]] | None = None) -> KeywordCues:
        """The cues of ``vnpolicy/data``, plus document and law maps built from the legal code.

        Args:
            documents: canonical document number (``100/2014/NĐ-CP``) -> areas.
            laws: law name as written after ``Luật`` (``An toàn thực phẩm``) -> areas.

        Raises:
            ModelError: a data file names an unknown area or is malformed.
        """
        kw = _data("topics_keywords.json")
        maps = _data("topics_mappings.json")
        labels = kw.get("labels")
        if not isinstance(labels, dict) or set(labels) != set(POLICY_LABELS):
            raise ModelError("topics_keywords.json must list cues for exactly the 15 areas")
        areas: dict[str, list[tuple[str, float]]] = {}
        for area, tiers in labels.items():
            if not isinstance(tiers, dict):
                raise ModelError(f"topics_keywords.json: {area} must map 'strong'/'weak' to lists")
            for tier, weight in (("strong", STRONG), ("weak", WEAK)):
                for phrase in tiers.get(tier, []):
                    areas.setdefault(_canonical(phrase), []).append((area, weight))
        foreign = kw.get("foreign")
        codes = maps.get("issuer_codes")
        if not isinstance(foreign, dict) or not isinstance(codes, dict):
            raise ModelError("topics data files lack 'foreign' cues or 'issuer_codes'")
        bad = {c for c, a in codes.items() if a not in POLICY_LABELS}
        if bad:
            raise ModelError(f"topics_mappings.json: issuer codes {sorted(bad)} map to unknown areas")
        law_map = {_canonical(k): tuple(v) for k, v in (laws or {}).items()}
        return cls(
            phrase_areas={p: tuple(v) for p, v in areas.items()},
            pattern=_alternation(areas),
            foreign=_alternation(foreign["cues"]),
            vietnam=_alternation(foreign["vietnam"]),
            issuer_codes={str(c): str(a) for c, a in codes.items()},
            documents={k: tuple(v) for k, v in (documents or {}).items()},
            laws=law_map,
            law_pattern=_alternation("luật " + name for name in law_map) if law_map else None,
        )

    def area_scores(self, text: str) -> dict[str, float]:
        """Each area's cue score: title hits x3, body hits scaled by article length."""
        title, body = split_title(text)
        t, b = _canonical(title), _canonical(body)
        n_body = len(syllables(body))
        scale = BODY_SCALE / (n_body + 100)
        out = dict.fromkeys(POLICY_LABELS, 0.0)
        for part, raw, weight in ((t, title, TITLE_WEIGHT), (b, body, scale)):
            for hit in self.pattern.findall(part):
                for area, w in self.phrase_areas[hit]:
                    out[area] += weight * w
            for area in self.reference_areas(raw, part):
                out[area] += weight * REFERENCE_WEIGHT
        return out

    def reference_areas(self, raw: str, canonical: str) -> list[str]:
        """One area per document reference whose issuer or identity points to an area."""
        out: list[str] = []
        for number, year, symbol in _SYMBOL.findall(raw):
            sym = symbol.replace(" ", "").rstrip("-")
            found = self.documents.get(f"{int(number)}/{year}/{sym}")
            if found:
                out.extend(found)
                continue
            parts = sym.split("-")
            if len(parts) > 1:
                # TT-BYT, TTLT-BTC-BYT: each ministry after the type names an area
                out.extend(self.issuer_codes[c] for c in parts[1:] if c in self.issuer_codes)
        if self.law_pattern is not None:
            for hit in self.law_pattern.findall(canonical):
                out.extend(self.laws.get(hit[len("luật "):], ()))
        return out

    def is_foreign(self, text: str) -> bool:
        """Whether the title is about another country and nothing Vietnamese is near it."""
        title, body = split_title(text)
        if not title:
            title, body = body[:200], body[200:]
        t = _canonical(title)
        if not self.foreign.search(t) or self.vietnam.search(t):
            return False
        lead = _canonical(body[:1500])
        return len(self.vietnam.findall(lead)) < 2


_SYMBOL = re.compile(r"(\d{1,5})\s?/\s?((?:19|20)\d\d)\s?/\s?([A-ZĐƯ][A-ZĐƯ0-9]*(?:\s?-\s?[A-ZĐƯ0-9]+)*)")


def weak_label(text: str, cues: KeywordCues) -> WeakLabel:
    """The areas the cues give ``text``, and those they are unsure about.

    Example:
        >>> cues = KeywordCues.load()
        >>> weak_label("Tổng thống Trump gặp Thủ tướng Anh\\nHai nhà lãnh đạo bàn về thương mại.", cues).foreign
        True
    """
    if cues.is_foreign(text):
        return WeakLabel(labels=(), abstain=(), foreign=True)
    scores = cues.area_scores(text)
    best = max(scores.values())
    labels = tuple(a for a in POLICY_LABELS if scores[a] >= max(FLOOR, RELATIVE * best))
    unsure = tuple(
        a for a in POLICY_LABELS
        if a not in labels and scores[a] >= max(UNSURE_FLOOR, UNSURE_RELATIVE * best)
    )
    return WeakLabel(labels=labels, abstain=unsure, scores=scores)


@cache
def default_cues() -> KeywordCues:
    """The packaged cues (without the legal-code document maps), loaded once."""
    return KeywordCues.load()

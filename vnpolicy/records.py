"""Frozen, typed results of every extractor, and their JSON form.

This module is the output contract of ``vnpolicy``: the dict produced by
:meth:`Record.to_dict` uses exactly the keys and field names of the
annotation guideline (``shared/spec/ANNOTATION.md``), so the scorer and any
downstream tool read it directly. It imports nothing of ours.

Example:
    >>> q = Quantity(start=0, end=13, text="32.489 tỷ đồng", value=32489000000000,
    ...              unit="VND", qualifier=None, value_to=None)
    >>> q.to_dict()["unit"]
    'VND'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypeVar

if TYPE_CHECKING:
    import pandas as pd

Number = int | float
"""A JSON number: ``int`` when the value is whole (``41``), else ``float`` (``99.54``)."""

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
JsonDict = dict[str, JsonValue]

_M = TypeVar("_M", bound="_Serialisable")


def _json_name(python_name: str) -> str:
    # ``from`` is a Python keyword, so the dataclass field is ``from_``.
    return python_name[:-1] if python_name.endswith("_") else python_name


def _to_json(value: object) -> JsonValue:
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, _Serialisable):
        return value.to_dict()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot serialise {type(value).__name__}")


class _Serialisable:
    """Mixin: dataclass <-> JSON dict with the guideline's field names."""

    def to_dict(self) -> JsonDict:
        """The mention as a JSON-ready dict with the guideline's keys."""
        assert dataclasses.is_dataclass(self)
        return {
            _json_name(f.name): _to_json(getattr(self, f.name))
            for f in dataclasses.fields(self)
        }

    @classmethod
    def from_dict(cls: type[_M], data: JsonDict) -> _M:
        """Rebuild a mention from :meth:`to_dict` output (unknown keys are ignored)."""
        assert dataclasses.is_dataclass(cls)
        kwargs: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            key = _json_name(f.name)
            if key in data:
                value = data[key]
                kwargs[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Mention(_Serialisable):
    """A stretch of the original text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LegalRef(Mention):
    """A reference to one legal, administrative or Party document.

    ``Quyết định số 22/2013/QĐ-TTg`` -> doc_type ``Quyết định``, number ``22``,
    year ``2013``, symbol ``QĐ-TTg``, canonical ``22/2013/QĐ-TTg``.
    """

    doc_type: str
    number: str | None
    year: int | None
    symbol: str | None
    canonical: str
    issued: str | None = None
    issuer: str | None = None
    subject: str | None = None
    refers_to: str | None = None
    issuer_code: str | None = None
    """The issuer named by the symbol's code, expanded (``TTg`` -> ``Thủ tướng Chính phủ``)."""
    kb_id: str | None = None
    """Identifier of the document in the shipped knowledge base, when it is there."""
    warnings: tuple[str, ...] = ()
    """Inconsistencies found in the text (symbol year vs issue date, ...)."""


@dataclass(frozen=True, slots=True)
class DateMention(Mention):
    """A point in time: ``ngày 26/4/2013`` -> value ``2013-04-26``, grain ``day``.

    ``value`` is TIMEX3-style (``2020-Q1``, ``XXXX-07-01``) or ``None`` for a
    relative expression; ``resolved`` is the value made absolute from the
    publication date when one was given.
    """

    value: str | None
    grain: str | None
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class Period(Mention):
    """A span of time: ``giai đoạn 2018-2020`` -> from ``2018``, to ``2020``."""

    from_: str | None
    to: str | None
    resolved_from: str | None = None
    resolved_to: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity(Mention):
    """A number with what it counts: ``32.489 tỷ đồng`` -> 32489000000000 VND."""

    value: Number
    unit: str | None
    qualifier: str | None = None
    value_to: Number | None = None


@dataclass(frozen=True, slots=True)
class Percent(Mention):
    """A percentage: ``99,54%`` -> 99.54."""

    value: Number
    qualifier: str | None = None
    value_to: Number | None = None


@dataclass(frozen=True, slots=True)
class Fraction(Mention):
    """A part of a whole: ``196/204`` (of ``xã``) -> 196 of 204."""

    numerator: Number
    denominator: Number
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Slogan(Mention):
    """A motto: ``dân biết, dân bàn, dân làm`` with its cue and parts."""

    cue: str | None
    parts: tuple[str, ...]
    canonical_id: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator(_Serialisable):
    """A statistic in context: the number mention it points at plus what it measures."""

    value_start: int
    value_end: int
    value_text: str
    measure: str | None
    period: str | None = None
    location: str | None = None
    value_kind: str | None = None
    """Which list the number is in: ``quantities``, ``percents`` or ``fractions``."""
    linked_start: int | None = None
    """Start of another figure of the same statistic (the percent of a fraction), if any."""
    linked_end: int | None = None
    consistent: bool | None = None
    """Whether the linked figures agree within rounding (``196/204`` and ``96%``: True)."""


@dataclass(frozen=True, slots=True)
class TopicScore(_Serialisable):
    """A policy area with its calibrated probability."""

    label: str
    score: float


MENTION_TYPES: dict[str, type[_Serialisable]] = {
    "legal_refs": LegalRef,
    "dates": DateMention,
    "periods": Period,
    "quantities": Quantity,
    "percents": Percent,
    "fractions": Fraction,
    "slogans": Slogan,
    "indicators": Indicator,
    "topics": TopicScore,
}
"""The record's list keys, in the guideline's order, with the type of their items."""


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one document.

    Example:
        >>> import vnpolicy
        >>> r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã đạt chuẩn.")
        >>> [(d.text, d.value) for d in r.dates]
        [('Năm 2019', '2019')]
    """

    text: str
    id: str | None = None
    published: str | None = None
    repairs: tuple[str, ...] = ()
    """What :func:`vnpolicy.repair` changed before extraction (``("tcvn3->unicode",)``)."""
    legal_refs: tuple[LegalRef, ...] = ()
    dates: tuple[DateMention, ...] = ()
    periods: tuple[Period, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    percents: tuple[Percent, ...] = ()
    fractions: tuple[Fraction, ...] = ()
    slogans: tuple[Slogan, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    topics: tuple[TopicScore, ...] = ()

    KINDS: ClassVar[tuple[str, ...]] = tuple(MENTION_TYPES)

    def mentions(self) -> list[Mention]:
        """Every span mention (not indicators or topics), sorted by position."""
        out: list[Mention] = [
            *self.legal_refs, *self.dates, *self.periods, *self.quantities,
            *self.percents, *self.fractions, *self.slogans,
        ]
        return sorted(out, key=lambda m: (m.start, m.end))

    def indicators_frame(self) -> pd.DataFrame:
        """One row per indicator (value, unit, measure, period, location, sentence, document id).

        Needs pandas (``pip install "vnpolicy[frames]"``).
        """
        # imported here so that this module stays free of our other modules at import time
        from .frames import indicators_frame

        return indicators_frame([self])

    def to_frame(self) -> pd.DataFrame:
        """Every mention of the record, one row each with its ``kind``, ordered by position.

        Needs pandas (``pip install "vnpolicy[frames]"``); see :func:`vnpolicy.frames.record_frame`.
        """
        from .frames import record_frame

        return record_frame(self)

    def _repr_html_(self) -> str:
        """The record as Jupyter shows it: the text with its mentions highlighted, then a table per kind.

        See :func:`vnpolicy.display.render_record`.
        """
        from .display import render_record

        return render_record(self)

    def to_dict(self, *, include_text: bool = True) -> JsonDict:
        """The record as the guideline's JSON object (``id``, ``text``, one list per kind)."""
        out: JsonDict = {"id": self.id}
        if include_text:
            out["text"] = self.text
        if self.published is not None:
            out["published"] = self.published
        out["repairs"] = list(self.repairs)
        for kind in self.KINDS:
            out[kind] = [m.to_dict() for m in getattr(self, kind)]
        return out

    @classmethod
    def from_dict(cls, data: JsonDict) -> Record:
        """Rebuild a record from :meth:`to_dict` output or a gold line."""
        lists: dict[str, tuple[_Serialisable, ...]] = {}
        for kind, item_type in MENTION_TYPES.items():
            items = data.get(kind) or []
            if not isinstance(items, list):
                raise TypeError(f"{kind!r} must be a list, got {type(items).__name__}")
            lists[kind] = tuple(
                item_type.from_dict(x) if isinstance(x, dict)
                # gold topic lists may be bare labels
                else TopicScore(label=str(x), score=1.0)
                for x in items
            )
        text = data.get("text")
        doc_id = data.get("id")
        published = data.get("published")
        repairs = data.get("repairs") or []
        return cls(
            repairs=tuple(str(x) for x in repairs) if isinstance(repairs, list) else (),
            text=text if isinstance(text, str) else "",
            id=None if doc_id is None else str(doc_id),
            published=published if isinstance(published, str) else None,
            **lists,  # type: ignore[arg-type]
        )


"""Records as pandas DataFrames: one frame per kind of mention, one row per mention.

pandas is an optional extra (``pip install "vnpolicy[frames]"``) and is imported
only here. The frames are built from :class:`~vnpolicy.records.Record` objects
alone, so they come out the same whether the records were just extracted,
read back from JSON Lines or from a Parquet dataset
(:func:`vnpolicy.io.read_records`).

* :func:`to_frames`: records -> ``{"legal_refs": frame, "dates": frame, ...}``,
  each row with the document id, its publication date, the sentence holding
  the mention and the kind's fields (``ANNOTATION.md``);
* :func:`record_frame` (``Record.to_frame()``): every mention of one record in
  one frame, with a ``kind`` column;
* :func:`indicators_frame` (``Record.indicators_frame()``): each indicator
  joined with the number it explains.

Example:
    >>> import vnpolicy
    >>> r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.",
    ...                      doc_id="son-la")
    >>> row = indicators_frame([r]).iloc[0]
    >>> row["document_id"], int(row["value"]), row["unit"], row["period"], row["location"]
    ('son-la', 41, 'xã', '2019', 'toàn tỉnh')
    >>> frames = to_frames([r])
    >>> frames["dates"][["document_id", "text", "value", "sentence"]].values.tolist()
    [['son-la', 'Năm 2019', '2019', 'Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.']]
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING

from .errors import MissingDependencyError
from .records import MENTION_TYPES, Fraction, Indicator, Mention, Percent, Quantity, Record
from .text import sentence_spans

if TYPE_CHECKING:
    import pandas as pd

INDICATOR_COLUMNS = ("document_id", "value", "value_to", "unit", "measure", "period", "location", "value_text",
                     "value_kind", "value_start", "value_end", "consistent", "sentence")


def _json_name(python_name: str) -> str:
    # the dataclass field ``from_`` is ``from`` in JSON, as in records.py
    return python_name[:-1] if python_name.endswith("_") else python_name


def _fields(kind: str) -> tuple[str, ...]:
    return tuple(_json_name(f.name) for f in dataclasses.fields(MENTION_TYPES[kind]))  # type: ignore[arg-type]


DOCUMENT_COLUMNS = ("document_id", "published")
"""The columns that say which document a row is from, first in every frame of :func:`to_frames`."""

FRAME_COLUMNS: dict[str, tuple[str, ...]] = {
    kind: (*DOCUMENT_COLUMNS, *(() if kind == "topics" else ("sentence",)), *_fields(kind))
    for kind in MENTION_TYPES
}
"""The columns of each frame of :func:`to_frames`: document, sentence (not for topics), then the kind's fields."""

RECORD_FRAME_COLUMNS: tuple[str, ...] = ("document_id", "kind", "start", "end", "text", "sentence", *dict.fromkeys(
    name for kind in MENTION_TYPES if kind != "topics" for name in _fields(kind)
    if name not in ("start", "end", "text", "value_start", "value_end", "value_text")))
"""The columns of :func:`record_frame`: where the mention is, then every field of every kind (empty if not its own)."""


def _pandas(what: str) -> ModuleType:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError(f'{what} needs pandas: pip install "vnpolicy[frames]"') from None
    return pandas


class _Sentences:
    """The sentence around each of some positions of a text, split only where asked (the splitter is slow)."""

    def __init__(self, text: str, positions: Iterable[int]) -> None:
        self.text = text
        self.spans = sentence_spans(text, lines_of=positions) if text else []
        self.starts = [a for a, _ in self.spans]

    def at(self, pos: int) -> str | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            a, b = self.spans[i]
            return self.text[a:b]
        return None


def _position(mention: Mention | Indicator) -> int:
    return mention.value_start if isinstance(mention, Indicator) else mention.start


def to_frames(records: Iterable[Record]) -> dict[str, pd.DataFrame]:
    """One DataFrame per kind (``legal_refs``, ``dates``, ..., ``indicators``, ``topics``), one row per mention.

    Each row has the document's ``document_id`` and ``published`` date, the
    ``sentence`` that holds the mention (``None`` when the record has no text,
    as with ``--no-text`` output; topics have no sentence) and the fields of
    the kind, named as in the JSON output (``from`` and ``to`` for periods).
    Every kind has its frame, with its columns, even when no record has one.

    Raises:
        MissingDependencyError: pandas is not installed.

    Example:
        >>> import vnpolicy
        >>> frames = to_frames([vnpolicy.extract("Theo Quyết định số 22/2013/QĐ-TTg của Thủ tướng Chính phủ, "
        ...                                       "tỉnh hỗ trợ 11.562/11.615 trường hợp.", doc_id="a")])
        >>> frames["legal_refs"][["document_id", "canonical", "issuer"]].values.tolist()
        [['a', '22/2013/QĐ-TTg', 'Thủ tướng Chính phủ']]
        >>> frames["fractions"][["numerator", "denominator", "unit"]].values.tolist()
        [[11562, 11615, 'trường hợp']]
    """
    pandas = _pandas("to_frames()")
    rows: dict[str, list[dict[str, object]]] = {kind: [] for kind in MENTION_TYPES}
    for record in records:
        located = [m for kind in MENTION_TYPES if kind != "topics" for m in getattr(record, kind)]
        sentences = _Sentences(record.text, (_position(m) for m in located)) if located else None
        for kind in MENTION_TYPES:
            for mention in getattr(record, kind):
                row: dict[str, object] = {"document_id": record.id, "published": record.published}
                if sentences is not None and kind != "topics":
                    row["sentence"] = sentences.at(_position(mention))
                row.update(mention.to_dict())
                rows[kind].append(row)
    return {kind: pandas.DataFrame(rows[kind], columns=list(FRAME_COLUMNS[kind])) for kind in MENTION_TYPES}


def record_frame(record: Record) -> pd.DataFrame:
    """Every mention of one record, indicators included, one row each, ordered by position.

    ``kind`` says which list the mention is from; ``start``, ``end`` and
    ``text`` locate it (an indicator's are those of its number); the other
    columns are the fields of all kinds, empty where a field is not the
    row's own. Topics are not mentions: see ``record.topics`` or
    ``to_frames([record])["topics"]``.

    Raises:
        MissingDependencyError: pandas is not installed.

    Example:
        >>> import vnpolicy
        >>> df = vnpolicy.extract("Ngày 26/4/2013, tỉnh có 196/204 xã.").to_frame()
        >>> df[["kind", "start", "text"]].values.tolist()
        [['dates', 0, 'Ngày 26/4/2013'], ['fractions', 24, '196/204'], ['indicators', 24, '196/204']]
        >>> int(df.loc[1, "numerator"]), df.loc[0, "value"]
        (196, '2013-04-26')
    """
    pandas = _pandas("Record.to_frame()")
    rows: list[dict[str, object]] = []
    located: list[tuple[str, Mention | Indicator]] = [
        (kind, m) for kind in MENTION_TYPES if kind != "topics" for m in getattr(record, kind)]
    sentences = _Sentences(record.text, (_position(m) for _, m in located)) if located else None
    for kind, mention in sorted(located, key=lambda km: (_position(km[1]), list(MENTION_TYPES).index(km[0]))):
        data = mention.to_dict()
        if isinstance(mention, Indicator):
            # an indicator is located by the number it explains
            data["start"] = data.pop("value_start")
            data["end"] = data.pop("value_end")
            data["text"] = data.pop("value_text")
        row: dict[str, object] = {"document_id": record.id, "kind": kind,
                                  "sentence": sentences.at(_position(mention)) if sentences else None}
        row.update(data)
        rows.append(row)
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=list(RECORD_FRAME_COLUMNS))
    return frame


def indicators_frame(records: Iterable[Record]) -> pd.DataFrame:
    """One row per indicator of ``records``: value, unit, measure, period, location, sentence, document id.

    A fraction's value is its share (``196/204`` -> 0.9608), its unit the counted noun.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    pandas = _pandas("indicators_frame()")
    rows: list[dict[str, object]] = []
    for record in records:
        numbers: dict[tuple[int, int], Quantity | Percent | Fraction] = {}
        for group in (record.quantities, record.percents, record.fractions):
            numbers.update(((m.start, m.end), m) for m in group)
        sentences = _Sentences(record.text, (ind.value_start for ind in record.indicators))
        for ind in record.indicators:
            number = numbers.get((ind.value_start, ind.value_end))
            value: object = None
            value_to: object = None
            unit: str | None = None
            if isinstance(number, Quantity):
                value, value_to, unit = number.value, number.value_to, number.unit
            elif isinstance(number, Percent):
                value, value_to, unit = number.value, number.value_to, "%"
            elif isinstance(number, Fraction):
                value = number.numerator / number.denominator if number.denominator else None
                unit = number.unit
            rows.append({
                "document_id": record.id, "value": value, "value_to": value_to, "unit": unit,
                "measure": ind.measure, "period": ind.period, "location": ind.location,
                "value_text": ind.value_text, "value_kind": ind.value_kind, "value_start": ind.value_start,
                "value_end": ind.value_end, "consistent": ind.consistent, "sentence": sentences.at(ind.value_start),
            })
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    return frame

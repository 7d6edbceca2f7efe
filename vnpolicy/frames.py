"""Records as pandas DataFrames: one row per indicator (and, later, per mention).

pandas is an optional extra (``pip install "vnpolicy[frames]"``) and is imported
only here.

Example:
    >>> import vnpolicy
    >>> r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.",
    ...                      doc_id="son-la")
    >>> row = indicators_frame([r]).iloc[0]
    >>> row["document_id"], int(row["value"]), row["unit"], row["period"], row["location"]
    ('son-la', 41, 'xã', '2019', 'toàn tỉnh')
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING

from .errors import MissingDependencyError
from .records import Fraction, Percent, Quantity, Record
from .text import sentence_spans

if TYPE_CHECKING:
    import pandas as pd

INDICATOR_COLUMNS = ("document_id", "value", "value_to", "unit", "measure", "period", "location", "value_text",
                     "value_kind", "value_start", "value_end", "consistent", "sentence")


def _pandas() -> ModuleType:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError('indicators_frame() needs pandas: pip install "vnpolicy[frames]"') from None
    return pandas


def indicators_frame(records: Iterable[Record]) -> pd.DataFrame:
    """One row per indicator of ``records``: value, unit, measure, period, location, sentence, document id.

    A fraction's value is its share (``196/204`` -> 0.9608), its unit the counted noun.
    """
    rows: list[dict[str, object]] = []
    for record in records:
        numbers: dict[tuple[int, int], Quantity | Percent | Fraction] = {}
        for group in (record.quantities, record.percents, record.fractions):
            numbers.update(((m.start, m.end), m) for m in group)
        spans = sentence_spans(record.text) if record.indicators else []
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
            sentence = next((record.text[a:b] for a, b in spans if a <= ind.value_start < b), None)
            rows.append({
                "document_id": record.id, "value": value, "value_to": value_to, "unit": unit,
                "measure": ind.measure, "period": ind.period, "location": ind.location,
                "value_text": ind.value_text, "value_kind": ind.value_kind, "value_start": ind.value_start,
                "value_end": ind.value_end, "consistent": ind.consistent, "sentence": sentence,
            })
    frame: pd.DataFrame = _pandas().DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    return frame

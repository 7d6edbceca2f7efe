"""DataFrames of indicators from real sentences."""

from __future__ import annotations

import pytest

from vnpolicy.frames import INDICATOR_COLUMNS, indicators_frame
from vnpolicy.records import Fraction, Indicator, Percent, Record

TEXT = "Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%. Câu khác."


def _record() -> Record:
    f = Fraction(start=14, end=27, text="11.562/11.615", numerator=11562, denominator=11615, unit="trường hợp")
    p = Percent(start=44, end=50, text="99,54%", value=99.54)
    inds = (
        Indicator(value_start=14, value_end=27, value_text="11.562/11.615", measure="hỗ trợ", value_kind="fractions",
                  consistent=True),
        Indicator(value_start=44, value_end=50, value_text="99,54%", measure="hỗ trợ", value_kind="percents",
                  consistent=True),
    )
    return Record(text=TEXT, id="seed", fractions=(f,), percents=(p,), indicators=inds)


def test_one_row_per_indicator_with_sentence_and_document() -> None:
    pytest.importorskip("pandas")
    df = _record().indicators_frame()
    assert list(df.columns) == list(INDICATOR_COLUMNS)
    assert df["value_text"].tolist() == ["11.562/11.615", "99,54%"]
    assert df["value"].tolist() == pytest.approx([11562 / 11615, 99.54])
    assert df["unit"].tolist() == ["trường hợp", "%"]
    assert set(df["sentence"]) == {"Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%."}
    assert set(df["document_id"]) == {"seed"}


def test_frame_of_no_records_has_the_columns() -> None:
    pytest.importorskip("pandas")
    assert list(indicators_frame([]).columns) == list(INDICATOR_COLUMNS)

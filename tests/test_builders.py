"""The record builders make the very records the classes' constructors make."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnpolicy
from vnpolicy import builders
from vnpolicy.records import DateMention, Fraction, Indicator, Percent, Period, Quantity

numbers = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False))
maybe_numbers = st.none() | numbers
words = st.text(max_size=12)
maybe_words = st.none() | words
offsets = st.integers(0, 10**7)
maybe_offsets = st.none() | offsets

# each builder, its class, and the values of every field in the class's order
BUILDERS: list[tuple[Callable[..., object], type, st.SearchStrategy[tuple[object, ...]]]] = [
    (builders.quantity, Quantity, st.tuples(offsets, offsets, words, numbers, maybe_words, maybe_words, maybe_numbers)),
    (builders.percent, Percent, st.tuples(offsets, offsets, words, numbers, maybe_words, maybe_numbers)),
    (builders.fraction, Fraction, st.tuples(offsets, offsets, words, numbers, numbers, maybe_words)),
    (builders.date_mention, DateMention, st.tuples(offsets, offsets, words, maybe_words, maybe_words, maybe_words)),
    (builders.period, Period, st.tuples(offsets, offsets, words, maybe_words, maybe_words, maybe_words, maybe_words)),
    (builders.indicator, Indicator, st.tuples(offsets, offsets, words, maybe_words, maybe_words, maybe_words,
                                              maybe_words, maybe_offsets, maybe_offsets, st.none() | st.booleans())),
]

# real figures of the dev passages, as the extractors make them
REAL: list[tuple[Callable[..., object], type, tuple[object, ...]]] = [
    (builders.quantity, Quantity, (13, 31, "32.489 tỷ đồng", 32489000000000, "VND", "hơn", None)),
    (builders.percent, Percent, (27, 33, "99,54%", 99.54, None, None)),
    (builders.fraction, Fraction, (13, 20, "196/204", 196, 204, "xã")),
    (builders.date_mention, DateMention, (0, 24, "Ngày 27 tháng 02 năm 2020", "2020-02-27", "day", "2020-02-27")),
    (builders.period, Period, (0, 19, "giai đoạn 2018-2020", "2018", "2020", "2018", "2020")),
    (builders.indicator, Indicator, (13, 20, "196/204", "xã đạt chuẩn", "2019", "Toàn tỉnh", "fractions", 30, 33,
                                     True)),
]


@pytest.mark.parametrize(("build", "cls", "values"), REAL, ids=[c.__name__ for _, c, _ in REAL])
def test_a_built_record_is_the_constructed_one(build: Callable[..., object], cls: type,
                                               values: tuple[object, ...]) -> None:
    built, constructed = build(*values), cls(*values)
    assert type(built) is cls
    assert built == constructed and hash(built) == hash(constructed)
    assert repr(built) == repr(constructed)
    assert dataclasses.astuple(built) == values  # type: ignore[call-overload]
    assert pickle.loads(pickle.dumps(built)) == constructed
    assert copy.deepcopy(built) == constructed


@pytest.mark.parametrize(("build", "cls", "values"), BUILDERS, ids=[c.__name__ for _, c, _ in BUILDERS])
@settings(derandomize=True, max_examples=60, deadline=None)
@given(data=st.data())
def test_any_values_build_the_constructed_record(build: Callable[..., object], cls: type,
                                                 values: st.SearchStrategy[tuple[object, ...]],
                                                 data: st.DataObject) -> None:
    drawn = data.draw(values)
    built = build(*drawn)
    assert built == cls(*drawn)
    assert dataclasses.astuple(built) == drawn  # type: ignore[call-overload]


@pytest.mark.parametrize("cls", [Quantity, Percent, Fraction, DateMention, Period, Indicator])
def test_a_built_record_stays_frozen(cls: type) -> None:
    build, _, values = next(case for case in REAL if case[1] is cls)
    built = build(*values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, dataclasses.fields(cls)[0].name, 0)


def test_a_record_with_a_field_its_builder_misses_stops_the_import() -> None:
    # what happens if a field is added to Percent and not to its builder
    with pytest.raises(TypeError, match="Percent has the fields"):
        builders._check_fields({Percent: ("start", "end", "text", "value", "qualifier")})
    builders._check_fields({Percent: ("start", "end", "text", "value", "qualifier", "value_to")})


def test_the_extractors_give_records_of_the_exact_classes() -> None:
    record = vnpolicy.extract("Ngày 27 tháng 02 năm 2020, toàn tỉnh có 196/204 xã đạt chuẩn (96%), "
                              "hơn 2.511 doanh nghiệp trong giai đoạn 2018-2020.")
    made = [*record.dates, *record.periods, *record.quantities, *record.percents, *record.fractions,
            *record.indicators]
    assert {type(m).__name__ for m in made} == {"DateMention", "Period", "Quantity", "Percent", "Fraction",
                                                "Indicator"}
    for mention in made:
        rebuilt = type(mention)(*dataclasses.astuple(mention))  # type: ignore[call-overload]
        assert rebuilt == mention and pickle.loads(pickle.dumps(mention)) == mention

"""The records the extractors make once per figure, made without their dataclass ``__init__``.

A megabyte of statistical tables holds 300,000 figures, and each becomes two
records (a :class:`~vnpolicy.records.Percent` and its
:class:`~vnpolicy.records.Indicator`). A frozen dataclass sets each field
through ``object.__setattr__`` in a generated Python ``__init__``; the call
of the class and that ``__init__`` took a quarter of the time of such a table.
The functions here make the same object the same way the class does, by
allocating it and storing each field in its slot through the slot's own
descriptor. Compiled (``vnpolicy/compiled.py``), that takes half the time.

The result is an ordinary instance of the record class: equal to, hashing and
pickling as the one its constructor makes (``tests/test_builders.py`` checks
each function against the constructor). Each function takes every field in
the class's order; at import the field lists are checked against the
classes, so a field added to a record without its builder stops the import
instead of leaving a slot unset.

Example:
    >>> from vnpolicy.records import Percent
    >>> percent(27, 30, "96%", 96, None, None) == Percent(27, 30, "96%", 96, None, None)
    True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Final, TypeVar

from .records import DateMention, Fraction, Indicator, Mention, Number, Percent, Period, Quantity

__all__ = ["date_mention", "fraction", "indicator", "moved", "percent", "period", "quantity"]

_Setter = Callable[[object, object], None]
_M = TypeVar("_M", bound=Mention)

# the fields each builder sets, in the order of its arguments
_FIELDS: Final[dict[type, tuple[str, ...]]] = {
    Quantity: ("start", "end", "text", "value", "unit", "qualifier", "value_to"),
    Percent: ("start", "end", "text", "value", "qualifier", "value_to"),
    Fraction: ("start", "end", "text", "numerator", "denominator", "unit"),
    DateMention: ("start", "end", "text", "value", "grain", "resolved"),
    Period: ("start", "end", "text", "from_", "to", "resolved_from", "resolved_to"),
    Indicator: ("value_start", "value_end", "value_text", "measure", "period", "location", "value_kind",
                "linked_start", "linked_end", "consistent"),
}


def _check_fields(builds: Mapping[type, tuple[str, ...]]) -> None:
    """Raise ``TypeError`` when a class's fields are not the ones its builder sets."""
    for cls, names in builds.items():
        fields = tuple(f.name for f in dataclasses.fields(cls))
        if fields != names:
            raise TypeError(f"{cls.__name__} has the fields {fields}, but vnpolicy/builders.py sets {names}: "
                            "make its builder set every field")


_check_fields(_FIELDS)


def _setter(cls: type, name: str) -> _Setter:
    """The ``__set__`` of the slot ``name`` of ``cls``: it stores a value, past the frozen ``__setattr__``."""
    setter: _Setter = getattr(cls, name).__set__
    return setter


_new: Final = object.__new__
# the classes as compiled constants: a plain imported name is looked up at every call
_QUANTITY: Final = Quantity
_PERCENT: Final = Percent
_FRACTION: Final = Fraction
_DATE_MENTION: Final = DateMention
_PERIOD: Final = Period
_INDICATOR: Final = Indicator

# Mention's slots serve every kind of mention
_START: Final = _setter(Mention, "start")
_END: Final = _setter(Mention, "end")
_TEXT: Final = _setter(Mention, "text")

_Q_VALUE: Final = _setter(Quantity, "value")
_Q_UNIT: Final = _setter(Quantity, "unit")
_Q_QUALIFIER: Final = _setter(Quantity, "qualifier")
_Q_VALUE_TO: Final = _setter(Quantity, "value_to")

_P_VALUE: Final = _setter(Percent, "value")
_P_QUALIFIER: Final = _setter(Percent, "qualifier")
_P_VALUE_TO: Final = _setter(Percent, "value_to")

_F_NUMERATOR: Final = _setter(Fraction, "numerator")
_F_DENOMINATOR: Final = _setter(Fraction, "denominator")
_F_UNIT: Final = _setter(Fraction, "unit")

_D_VALUE: Final = _setter(DateMention, "value")
_D_GRAIN: Final = _setter(DateMention, "grain")
_D_RESOLVED: Final = _setter(DateMention, "resolved")

_R_FROM: Final = _setter(Period, "from_")
_R_TO: Final = _setter(Period, "to")
_R_RESOLVED_FROM: Final = _setter(Period, "resolved_from")
_R_RESOLVED_TO: Final = _setter(Period, "resolved_to")

_I_VALUE_START: Final = _setter(Indicator, "value_start")
_I_VALUE_END: Final = _setter(Indicator, "value_end")
_I_VALUE_TEXT: Final = _setter(Indicator, "value_text")
_I_MEASURE: Final = _setter(Indicator, "measure")
_I_PERIOD: Final = _setter(Indicator, "period")
_I_LOCATION: Final = _setter(Indicator, "location")
_I_VALUE_KIND: Final = _setter(Indicator, "value_kind")
_I_LINKED_START: Final = _setter(Indicator, "linked_start")
_I_LINKED_END: Final = _setter(Indicator, "linked_end")
_I_CONSISTENT: Final = _setter(Indicator, "consistent")


def quantity(start: int, end: int, text: str, value: Number, unit: str | None, qualifier: str | None,
             value_to: Number | None) -> Quantity:
    """``Quantity(start, end, text, value, unit, qualifier, value_to)``.

    Example:
        >>> quantity(0, 5, "41 xã", 41, "xã", None, None).unit
        'xã'
    """
    made: Quantity = _new(_QUANTITY)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    _Q_VALUE(made, value)
    _Q_UNIT(made, unit)
    _Q_QUALIFIER(made, qualifier)
    _Q_VALUE_TO(made, value_to)
    return made


def percent(start: int, end: int, text: str, value: Number, qualifier: str | None,
            value_to: Number | None) -> Percent:
    """``Percent(start, end, text, value, qualifier, value_to)``.

    Example:
        >>> percent(0, 6, "99,54%", 99.54, None, None).value
        99.54
    """
    made: Percent = _new(_PERCENT)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    _P_VALUE(made, value)
    _P_QUALIFIER(made, qualifier)
    _P_VALUE_TO(made, value_to)
    return made


def fraction(start: int, end: int, text: str, numerator: Number, denominator: Number,
             unit: str | None) -> Fraction:
    """``Fraction(start, end, text, numerator, denominator, unit)``.

    Example:
        >>> fraction(0, 7, "196/204", 196, 204, "xã").denominator
        204
    """
    made: Fraction = _new(_FRACTION)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    _F_NUMERATOR(made, numerator)
    _F_DENOMINATOR(made, denominator)
    _F_UNIT(made, unit)
    return made


def date_mention(start: int, end: int, text: str, value: str | None, grain: str | None,
                 resolved: str | None) -> DateMention:
    """``DateMention(start, end, text, value, grain, resolved)``.

    Example:
        >>> date_mention(0, 8, "năm 2019", "2019", "year", None).value
        '2019'
    """
    made: DateMention = _new(_DATE_MENTION)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    _D_VALUE(made, value)
    _D_GRAIN(made, grain)
    _D_RESOLVED(made, resolved)
    return made


def period(start: int, end: int, text: str, from_: str | None, to: str | None, resolved_from: str | None,
           resolved_to: str | None) -> Period:
    """``Period(start, end, text, from_, to, resolved_from, resolved_to)``.

    Example:
        >>> period(0, 19, "giai đoạn 2018-2020", "2018", "2020", None, None).to
        '2020'
    """
    made: Period = _new(_PERIOD)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    _R_FROM(made, from_)
    _R_TO(made, to)
    _R_RESOLVED_FROM(made, resolved_from)
    _R_RESOLVED_TO(made, resolved_to)
    return made


def indicator(value_start: int, value_end: int, value_text: str, measure: str | None, period: str | None,
              location: str | None, value_kind: str | None, linked_start: int | None, linked_end: int | None,
              consistent: bool | None) -> Indicator:
    """``Indicator(value_start, value_end, value_text, measure, period, location, value_kind, linked_start,
    linked_end, consistent)``.

    Example:
        >>> indicator(13, 16, "96%", "tỷ lệ", "2019", None, "percents", None, None, None).measure
        'tỷ lệ'
    """
    made: Indicator = _new(_INDICATOR)
    _I_VALUE_START(made, value_start)
    _I_VALUE_END(made, value_end)
    _I_VALUE_TEXT(made, value_text)
    _I_MEASURE(made, measure)
    _I_PERIOD(made, period)
    _I_LOCATION(made, location)
    _I_VALUE_KIND(made, value_kind)
    _I_LINKED_START(made, linked_start)
    _I_LINKED_END(made, linked_end)
    _I_CONSISTENT(made, consistent)
    return made


# the fields after start, end and text of each kind of mention moved so far, with their setters
_REST_OF_KIND: Final[dict[type, list[tuple[str, _Setter]]]] = {}


def moved(mention: _M, start: int, end: int, text: str) -> _M:
    """The mention at another span: ``dataclasses.replace(mention, start=start, end=end, text=text)``.

    Any kind of mention: its other fields, read off the class's dataclass fields,
    are copied slot to slot (the pipeline moves every mention of a decomposed
    or repaired text back into the text the user gave).

    Example:
        >>> q = quantity(12, 17, "41 xã", 41, "xã", None, None)
        >>> moved(q, 12, 18, "41\u00a0 xã").end, moved(q, 12, 18, "41\u00a0 xã").unit
        (18, 'xã')
    """
    kind = type(mention)
    rest = _REST_OF_KIND.get(kind)
    if rest is None:
        rest = _REST_OF_KIND[kind] = _rest_of(kind)
    made: _M = _new(kind)
    _START(made, start)
    _END(made, end)
    _TEXT(made, text)
    for name, setter in rest:
        setter(made, getattr(mention, name))
    return made


def _rest_of(kind: type) -> list[tuple[str, _Setter]]:
    names = [f.name for f in dataclasses.fields(kind)]
    if names[:3] != ["start", "end", "text"]:
        raise TypeError(f"{kind.__name__} does not start with the fields of Mention")
    return [(name, _setter(kind, name)) for name in names[3:]]

"""SpanSet: the spans that earlier extractors took."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnpolicy.spans import SpanSet

CASES = [
    # id, spans, query, expected, reason
    ("inside", [(10, 24)], (12, 14), True, "a date inside a legal reference"),
    ("touching-left", [(10, 24)], (5, 10), False, "half-open spans only touch"),
    ("touching-right", [(10, 24)], (24, 30), False, "the ngày after a reference is free"),
    ("covering", [(10, 24)], (0, 40), True, "a candidate that swallows a reference"),
    ("merged", [(0, 5), (3, 9)], (8, 9), True, "overlapping inputs merge"),
    ("empty", [], (0, 100), False, "nothing taken"),
]


@pytest.mark.parametrize(("spans", "query", "expected"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES])
def test_overlaps(spans: list[tuple[int, int]], query: tuple[int, int], expected: bool) -> None:
    assert SpanSet(spans).overlaps(*query) is expected


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200))), st.integers(0, 200), st.integers(1, 20))
def test_overlaps_agrees_with_brute_force(raw: list[tuple[int, int]], start: int, width: int) -> None:
    spans = [(a, b) for a, b in raw if a < b]
    end = start + width
    brute = any(max(a, start) < min(b, end) for a, b in spans)
    assert SpanSet(spans).overlaps(start, end) is brute

"""Sets of character spans that later extractors must keep out of.

The extractors run in order: legal references first, then dates and periods,
then numbers. Each one marks what it took, so that ``22/2013`` inside
``22/2013/QĐ-TTg`` is not read again as a date or a fraction, and the years of
``giai đoạn 2018-2020`` are not read again as quantities.

Example:
    >>> taken = SpanSet([(10, 24)])
    >>> taken.overlaps(20, 30), taken.overlaps(0, 10)
    (True, False)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator


class SpanSet:
    """An immutable set of half-open ``[start, end)`` spans with fast overlap tests."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares at least one character with the set."""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start

    def contains(self, pos: int) -> bool:
        """Whether the character at ``pos`` is in the set."""
        return self.overlaps(pos, pos + 1)

    def union(self, spans: Iterable[tuple[int, int]]) -> SpanSet:
        """A new set with ``spans`` added."""
        return SpanSet([*zip(self._starts, self._ends, strict=True), *spans])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(zip(self._starts, self._ends, strict=True))

    def __len__(self) -> int:
        return len(self._starts)

    def __repr__(self) -> str:
        return f"SpanSet({list(zip(self._starts, self._ends, strict=True))})"

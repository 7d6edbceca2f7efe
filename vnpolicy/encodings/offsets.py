"""Offset maps from a repaired text back to the text (or bytes) it came from.

A repair replaces stretches of the source: ``aù`` (two VNI characters) becomes
``á``, ``Ã¡`` (mojibake) becomes ``á``, three UTF-8 bytes become one character.
A :class:`SpanMap` records where those stretches are, so that a span of the
output maps back to the source; a span edge inside a replaced stretch widens to
take the whole stretch (the map is many-to-one there).

Example:
    >>> text, span_map = apply_edits("Coäng hoøa", [(1, 3, "ộ"), (7, 9, "ò")])
    >>> text
    'Cộng hòa'
    >>> span_map.to_source(0, 4), span_map.to_source(5, 8)
    ((0, 5), (6, 10))
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Edit = tuple[int, int, str]
"""``(start, end, replacement)``: the source stretch ``[start, end)`` becomes ``replacement``."""


@dataclass(frozen=True, slots=True)
class SpanMap:
    """Where the output of one repair step comes from in its input.

    ``seg_out[i]``/``seg_src[i]`` start a stretch in which output and source
    advance together (same length) or a replaced stretch (lengths differ); the
    same layout as :class:`vnpolicy.text.NormalisedText`, so both map alike.
    """

    out_len: int
    src_len: int
    seg_out: tuple[int, ...]
    seg_src: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the output span ``[start, end)`` to the source, widening inside replaced stretches."""
        if not self.seg_out:
            return start, end
        src_start = self._map(start, at_end=False)
        return src_start, max(src_start, self._map(end, at_end=True))

    def _map(self, pos: int, *, at_end: bool) -> int:
        if at_end:
            # an end stops before a dropped stretch that follows it
            j = bisect_left(self.seg_out, pos)
            if j < len(self.seg_out) and self.seg_out[j] == pos:
                return self.seg_src[j]
        i = max(0, bisect_right(self.seg_out, pos) - 1)
        out_start, src_start = self.seg_out[i], self.seg_src[i]
        if pos <= out_start:
            return src_start
        last = i + 1 >= len(self.seg_out)
        out_next = self.out_len if last else self.seg_out[i + 1]
        src_next = self.src_len if last else self.seg_src[i + 1]
        if out_next - out_start == src_next - src_start:
            return min(src_start + (pos - out_start), src_next)
        return src_next if at_end else src_start


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, SpanMap]:
    """Apply sorted, non-overlapping edits and return the new text with its map.

    Edits that keep the length (``hoá`` -> ``hóa``) add no stretch: offsets
    inside them stay one-to-one.
    """
    pieces: list[str] = []
    seg_out: list[int] = [0]
    seg_src: list[int] = [0]
    out_len = 0
    copied_to = 0
    for start, end, replacement in edits:
        if start < copied_to:
            raise ValueError(f"overlapping edit at {start} (previous edit ended at {copied_to})")
        pieces.append(text[copied_to:start])
        out_len += start - copied_to
        if end - start != len(replacement):
            if seg_out[-1] != out_len or seg_src[-1] != start:
                seg_out.append(out_len)
                seg_src.append(start)
            pieces.append(replacement)
            out_len += len(replacement)
            seg_out.append(out_len)
            seg_src.append(end)
        else:
            pieces.append(replacement)
            out_len += len(replacement)
        copied_to = end
    pieces.append(text[copied_to:])
    out_len += len(text) - copied_to
    if len(seg_out) == 1:
        return "".join(pieces), SpanMap(out_len, len(text), (), ())
    return "".join(pieces), SpanMap(out_len, len(text), tuple(seg_out), tuple(seg_src))


def utf8_map(text: str, n_bytes: int) -> SpanMap:
    """The map from ``text`` to the UTF-8 bytes it was decoded from (byte offsets).

    Example:
        >>> data = "Đảng 1".encode()
        >>> m = utf8_map(data.decode(), len(data))
        >>> m.to_source(0, 4), data[slice(*m.to_source(5, 6))]
        ((0, 7), b'1')
    """
    seg_out: list[int] = [0]
    seg_src: list[int] = [0]
    extra = 0
    for i, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            continue
        width = 2 if code < 0x800 else 3 if code < 0x10000 else 4
        if seg_out[-1] != i:
            seg_out.append(i)
            seg_src.append(i + extra)
        extra += width - 1
        seg_out.append(i + 1)
        seg_src.append(i + 1 + extra)
    if len(seg_out) == 1:
        return SpanMap(len(text), n_bytes, (), ())
    return SpanMap(len(text), n_bytes, tuple(seg_out), tuple(seg_src))


Offsets = npt.NDArray[np.int64]


class SegmentArrays:
    """One offset map (a :class:`SpanMap`, or a ``NormalisedText``'s segments) for many spans at once.

    :meth:`SpanMap.to_source` looks up one span with two bisections; a
    megabyte of dense text has tens of thousands of mentions, and this maps
    all their starts and ends in a few array operations (``searchsorted``)
    with the same answers.

    Example:
        >>> span_map = apply_edits("Coäng hoøa", [(1, 3, "ộ"), (7, 9, "ò")])[1]
        >>> arrays = SegmentArrays(span_map.seg_out, span_map.seg_src, span_map.out_len, span_map.src_len)
        >>> starts, ends = arrays.to_source(np.array([0, 5]), np.array([4, 8]))
        >>> starts.tolist(), ends.tolist()
        ([0, 6], [5, 10])
    """

    __slots__ = ("_out", "_out_next", "_same", "_src", "_src_next")

    def __init__(self, seg_out: Sequence[int], seg_src: Sequence[int], out_len: int, src_len: int) -> None:
        self._out = np.array(seg_out, dtype=np.int64)
        self._src = np.array(seg_src, dtype=np.int64)
        # where each stretch ends: the next stretch's start, or the end of the text
        self._out_next = np.append(self._out[1:], np.int64(out_len))
        self._src_next = np.append(self._src[1:], np.int64(src_len))
        # stretches in which output and source advance together (not replaced)
        self._same = (self._out_next - self._out) == (self._src_next - self._src)

    def to_source(self, starts: Offsets, ends: Offsets) -> tuple[Offsets, Offsets]:
        """Map the output spans ``[starts[i], ends[i])`` to the source, as :meth:`SpanMap.to_source` does."""
        if not len(self._out):
            return starts, ends
        mapped_starts = self._map(starts, at_end=False)
        return mapped_starts, np.maximum(mapped_starts, self._map(ends, at_end=True))

    def _map(self, pos: Offsets, *, at_end: bool) -> Offsets:
        i = np.maximum(np.searchsorted(self._out, pos, side="right") - 1, 0)
        out_start, src_start = self._out[i], self._src[i]
        # inside a stretch that kept its length: the same distance in; inside a
        # replaced stretch: its start (for a span start) or its end (for an end)
        inside = np.minimum(src_start + (pos - out_start), self._src_next[i])
        edge = self._src_next[i] if at_end else src_start
        mapped: Offsets = np.where(pos <= out_start, src_start, np.where(self._same[i], inside, edge))
        if at_end:
            # an end stops before a dropped stretch that follows it
            j = np.searchsorted(self._out, pos, side="left")
            hit = j < len(self._out)
            j = np.minimum(j, len(self._out) - 1)
            mapped = np.where(hit & (self._out[j] == pos), self._src[j], mapped)
        return mapped

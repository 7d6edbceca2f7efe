"""Mojibake (UTF-8 read as Windows-1252 or Latin-1), fixed by ftfy, with an offset map.

ftfy decides whether a line is mojibake and how to undo it; it is the
well-kept tool for that and this module only adapts it. ftfy returns the plan
it followed (``encode`` with a one-byte codec, ``decode`` as UTF-8, perhaps
twice); replaying the plan gives, for each repaired character, the characters
of the line it came from. A plan with other steps falls back to one edit for
the whole line.

Example:
    >>> from .offsets import apply_edits
    >>> line = "Nghá»‹ Ä‘á»‹nh sá»‘ 15"
    >>> text, span_map = apply_edits(line, fix_mojibake(line) or [])
    >>> text, line[slice(*span_map.to_source(0, 4))]
    ('Nghị định số 15', 'Nghá»‹')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ftfy
import numpy as np
import numpy.typing as npt

from .offsets import Edit

# A character Windows-1252 or Latin-1 gives a UTF-8 lead byte (0xC2-0xF4),
# followed by one it gives a continuation byte (0x80-0xBF): the trace every
# misread multi-byte character leaves.
HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

_ONE_BYTE_CODECS = ("latin-1", "iso-8859-1", "sloppy-windows-1252", "windows-1252", "sloppy-windows-1251",
                    "windows-1251", "sloppy-windows-1250", "windows-1250", "macroman", "cp437",
                    "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2")


def fix_mojibake(line: str) -> list[Edit] | None:
    """Edits that undo mojibake in ``line``, or ``None`` when ftfy finds none."""
    fixed = ftfy.fix_encoding_and_explain(line)
    if not fixed.explanation or fixed.text == line:
        return None
    bounds = _replay(line, fixed.explanation)
    if bounds is None or bounds[1] != fixed.text:
        return [(0, len(line), fixed.text)]
    cuts, text = bounds
    # an ASCII character comes from the same ASCII byte: only the others are edits
    changed = np.flatnonzero(_code_points(text) >= 0x80)
    starts, ends = cuts[changed].tolist(), cuts[changed + 1].tolist()
    return [(start, end, text[j]) for start, end, j in zip(starts, ends, changed.tolist(), strict=True)]


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    """The code points of ``text`` as an array (a lone surrogate is kept as its code point)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _utf8_starts(text: str) -> npt.NDArray[np.int64]:
    """Where each character of ``text`` starts in its UTF-8 bytes, and the length of those bytes last.

    A megabyte of mojibake is a million characters: the widths are worked out
    on an array rather than one call per character.
    """
    codes = _code_points(text)
    widths = 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)
    return np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(widths)))


def _replay(line: str, plan: Sequence[tuple[str, str]]) -> tuple[npt.NDArray[np.int64], str] | None:
    """Replay ftfy's plan; ``cuts[j]`` is where output character ``j`` starts in ``line``."""
    cuts = np.arange(len(line) + 1, dtype=np.int64)
    current = line
    steps = list(plan)
    i = 0
    while i < len(steps):
        action, codec = steps[i]
        follow = steps[i + 1] if i + 1 < len(steps) else ("", "")
        if action != "encode" or codec not in _ONE_BYTE_CODECS or follow[0] != "decode" or \
                follow[1] not in ("utf-8", "utf-8-variants"):
            return None
        try:
            data = current.encode(codec)
            decoded = data.decode(follow[1])
        except (UnicodeError, LookupError):
            return None
        starts = _utf8_starts(decoded)
        if len(data) != len(current) or starts[-1] != len(data):
            return None
        # one byte per character of ``current``: a byte offset is a character offset there
        cuts = cuts[starts]
        current = decoded
        i += 2
    return cuts, current

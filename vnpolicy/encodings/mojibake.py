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
from itertools import accumulate

import ftfy

from .offsets import Edit

# A character Windows-1252 or Latin-1 gives a UTF-8 lead byte (0xC2-0xF4),
# followed by one it gives a continuation byte (0x80-0xBF): the trace every
# misread multi-byte character leaves.
HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

_NON_ASCII = re.compile("[^\x00-\x7f]")

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
    return [(cuts[j], cuts[j + 1], text[j]) for j in (m.start() for m in _NON_ASCII.finditer(text))]


def _utf8_width(char: str) -> int:
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def _replay(line: str, plan: Sequence[tuple[str, str]]) -> tuple[list[int], str] | None:
    """Replay ftfy's plan; ``cuts[j]`` is where output character ``j`` starts in ``line``."""
    cuts = list(range(len(line) + 1))
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
        starts = [0, *accumulate(map(_utf8_width, decoded))]
        if len(data) != len(current) or starts[-1] != len(data):
            return None
        cuts = starts if i == 0 else [cuts[s] for s in starts]
        current = decoded
        i += 2
    return cuts, current

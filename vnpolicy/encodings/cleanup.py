"""Unicode repairs after decoding: entities, invisible characters, NFC, tone placement, quotes.

Each function returns edits (see :mod:`vnpolicy.encodings.offsets`) and finds
nothing to do on clean text after one search.

Example:
    >>> from .offsets import apply_edits
    >>> import unicodedata
    >>> raw = unicodedata.normalize("NFD", "Hoá đơn") + " &amp; «thuế»"
    >>> text = raw
    >>> for step in (entity_edits, nfc_edits, tone_edits, quote_edits):
    ...     text = apply_edits(text, step(text))[0]
    >>> text
    'Hóa đơn & “thuế”'
"""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import Final

import regex

from .detect import ENTITY, OLD_TONE
from .offsets import Edit
from .syllables import place_tone

# the same characters :func:`vnpolicy.text.normalise` drops
INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RUN: Final = regex.compile(f"[{INVISIBLE}]+")
# runs of combining marks; split() keeps them at the odd indices of its result
_MARKS_SPLIT: Final = regex.compile(r"(\p{M}+)")
_LETTERS: Final = regex.compile(r"[^\W\d_]+")

# Quote characters other than the press's “ ” ‘ ’ and ASCII, one for one.
QUOTES: Final = {
    "„": "“", "‟": "“", "〝": "“", "«": "“",
    "〞": "”", "〟": "”", "»": "”",
    "‚": "‘", "‛": "‘", "‹": "‘",
    "›": "’",
    "＂": '"', "＇": "'",
}
_QUOTE: Final = regex.compile("[" + "".join(QUOTES) + "]")


def entity_edits(text: str) -> list[Edit]:
    """HTML character references (``&amp;``, ``&#7879;``) replaced by their characters."""
    edits: list[Edit] = []
    for match in ENTITY.finditer(text):
        char = html.unescape(match.group())
        if char != match.group() and char.isprintable():
            edits.append((match.start(), match.end(), char))
    return edits


def invisible_edits(text: str) -> list[Edit]:
    """Zero-width characters, BOMs and soft hyphens dropped (they split words for no reason)."""
    return [(m.start(), m.end(), "") for m in _INVISIBLE_RUN.finditer(text)]


def nfc_edits(text: str) -> list[Edit]:
    """Each base letter with its combining marks composed (NFC), one cluster at a time."""
    if unicodedata.is_normalized("NFC", text):
        return []
    # NFD Vietnamese has a cluster every few characters: one split in C finds
    # every run of marks (a pattern that starts with the class of marks is
    # scanned for three times faster than one that starts with the base), and
    # the few distinct clusters are composed once each (cached)
    parts = _MARKS_SPLIT.split(text)
    offsets = [0, *accumulate(map(len, parts))]
    edits: list[Edit] = []
    for k in range(1, len(parts), 2):
        # the cluster: the character before the marks (none at the very start) and the marks
        base = parts[k - 1][-1:]
        cluster = base + parts[k]
        composed = _compose(cluster)
        if composed != cluster:
            edits.append((offsets[k] - len(base), offsets[k + 1], composed))
    if not edits:
        # no combining marks: a singleton decomposition (U+212B Å) or Hangul jamo
        return [(0, len(text), unicodedata.normalize("NFC", text))]
    return edits


@lru_cache(maxsize=4096)
def _compose(cluster: str) -> str:
    return unicodedata.normalize("NFC", cluster)


def tone_edits(text: str) -> list[Edit]:
    """Old-style tones (``hoá``, ``thuỷ``, ``khoẻ``) moved to the ``hóa`` style underthesea writes."""
    edits: list[Edit] = []
    last_end = -1
    for match in OLD_TONE.finditer(text):
        word = _LETTERS.match(text, _word_start(text, match.start()))
        if word is None or word.start() < last_end:
            continue
        placed = place_tone(word.group())
        if placed != word.group():
            edits.append((word.start(), word.end(), placed))
        last_end = word.end()
    return edits


def _word_start(text: str, pos: int) -> int:
    # syllables are short: looking back a few letters is enough, and keeps a
    # megabyte without spaces linear
    start = pos
    while start > 0 and pos - start < 8 and text[start - 1].isalpha():
        start -= 1
    return start


def quote_edits(text: str) -> list[Edit]:
    """Guillemets, low-9 and reversed quotes become the press's “ ” ‘ ’ (one for one)."""
    return [(m.start(), m.end(), QUOTES[m.group()]) for m in _QUOTE.finditer(text)]

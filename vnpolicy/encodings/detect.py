"""Cheap checks for "nothing to repair", and a score that tells repaired text from broken.

:func:`needs_repair` is the gate every text passes: one regular-expression
search that finds nothing in clean NFC Vietnamese (a character outside the
alphabet of clean text, an old-style tone, a VIQR mark, an HTML entity), so
clean text costs one scan and no allocation. Everything behind the gate may be
slower: :func:`vietnamese_score` counts how many words of a candidate
conversion are Vietnamese syllables, which is how a TCVN3 reading is preferred
to a VNI reading of the same line.

Example:
    >>> needs_repair("Nghị định số 15/2020/NĐ-CP ngày 3/2 về “xử phạt”.")
    False
    >>> needs_repair("Nghá»‹ Ä‘á»‹nh"), needs_repair("B¸o c¸o"), needs_repair("hoá đơn")
    (True, True, True)
    >>> vietnamese_score("Báo cáo tài chính"), vietnamese_score("B¸o c¸o tµi chÝnh")
    (4, -4)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .syllables import LETTERS, is_syllable
from .tables import c1_to_cp1252

# Characters clean Vietnamese text is made of: printable ASCII, the Vietnamese
# letters, spaces the normaliser maps, and the punctuation of the press. A
# character outside it is what every repair (legacy bytes, mojibake, combining
# marks, invisible characters, odd quotes) leaves behind.
_VIETNAMESE = "".join(sorted(set(LETTERS) | set("đĐ")))
_CLEAN_CHARS = (
    "\t\n\r\x0b\x0c -~"  # printable ASCII ('&' of an entity is caught below)
    + _VIETNAMESE
    + "\u00a0\u2000-\u200a\u202f\u205f\u3000"  # spaces (normalise makes them plain)
    + "\u2010-\u2015\u2018\u2019\u201c\u201d\u2022\u2026\u2030\u2032\u2033"  # dashes, quotes, …
    + "\u00b0\u00b1\u00b2\u00b3\u20ab\u20ac"  # ° ± ² ³ ₫ €
)
# An old-style tone at the end of a syllable: ``oá``, ``oẻ``, ``uý`` but not
# ``quả`` or ``quý``; the lookbehinds only run on a candidate pair.
_OLD_TONE = (
    r"[oOuU][áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸýỳỷỹỵÝỲỶỸỴ]"
    r"(?<![uU][áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸ])(?<![oO][ýỳỷỹỵÝỲỶỸỴ])(?<![qQ][uU][ýỳỷỹỵÝỲỶỸỴ])(?![^\W\d_])"
)
# A VIQR mark after a vowel: before a letter or another mark (``Vie^.t``), or
# anywhere for the marks plain text does not put after a vowel (``Vi``` ``xa~``).
# Each pattern starts with a character class so that ``re`` scans for it in C.
_VIQR_MARK = r"[\^(+*`'?~](?<=[aeiouyAEIOUY][\^(+*`'?~])(?:(?=[a-zA-Z`'?~.])|(?<=[\^+*`~]))"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"

_UNCLEAN_CHAR = re.compile("[^" + _CLEAN_CHARS.replace("\\", "\\\\").replace("]", "\\]") + "]")
OLD_TONE = re.compile(_OLD_TONE)
ENTITY = re.compile(_ENTITY)
VIQR_HINT = re.compile(_VIQR_MARK)

# Characters that clean Vietnamese never contains but legacy bytes read as
# Latin-1 / Windows-1252 always do: the hint that a line may be TCVN3, VNI,
# VISCII, Windows-1258 or mojibake.
LEGACY_HINT = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8"
    "\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020\u2021\u2039\u203a\u2122]"
)

# Letters that only Unicode writes: no legacy surface (Latin-1, Windows-1252) has them.
UNICODE_VIETNAMESE = re.compile("[ăđơưĂĐƠƯĩĨũŨ\u1ea0-\u1ef9]")

_TOKEN = re.compile(r"\S+")
_EDGE = "\"'()[]{}<>.,;:!?…“”‘’«»-–—/*_|"


def needs_repair(text: str) -> bool:
    """Whether ``text`` may need any repair; ``False`` means it is clean as it is.

    Four searches, each a character-class scan in C that stops at the first
    hit: about 30 ns a character on clean text (``benchmarks/pathological.py``
    measures it).
    """
    return (
        _UNCLEAN_CHAR.search(text) is not None
        or OLD_TONE.search(text) is not None
        or VIQR_HINT.search(text) is not None
        or ("&" in text and ENTITY.search(text) is not None)
    )


def vietnamese_score(text: str) -> int:
    """Words that are Vietnamese syllables minus words that are not (ASCII words count zero).

    A word is a run between spaces with the punctuation around it stripped; a
    hyphenated word counts once, as a syllable only if every part is one; a
    one-letter word does not count.
    """
    score = 0
    # a C1 control is Windows-1252 punctuation (“ –) in a document read as Latin-1:
    # turning it into that punctuation is no evidence for any legacy table
    for match in _TOKEN.finditer(c1_to_cp1252(text)):
        score += _word_value(match.group())
    return score


@lru_cache(maxsize=65536)
def _word_value(token: str) -> int:
    # cached: the words of a text repeat, and a long text is scored once per candidate table
    word = token.strip(_EDGE)
    if len(word) < 2 or word.isascii():
        return 0  # a one-letter word (ờ, ý) is weak evidence: a dash byte can read as one
    return 1 if all(is_syllable(part) for part in word.split("-") if part) else -1

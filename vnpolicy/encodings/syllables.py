"""Vietnamese syllables: letters split into base and tone, validity, and where the tone goes.

Detection scores a candidate conversion by how many of its words are real
Vietnamese syllables, VIQR decides whether a trailing ``?`` or ``.`` is a tone
mark by whether the result is a syllable, and tone placement moves the tone of
``hoá`` to ``hóa``. All three need the same small model of a syllable: an onset,
a rhyme from a closed list, and one tone on a vowel the rules allow.

Example:
    >>> is_syllable("nghiêng"), is_syllable("cọc"), is_syllable("hßa")
    (True, True, False)
    >>> place_tone("hoá"), place_tone("Thuỷ"), place_tone("HOÀ"), place_tone("hoàng")
    ('hóa', 'Thủy', 'HÒA', 'hoàng')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

# The five tone marks, as combining characters; the order is the traditional one
# (huyền, hỏi, ngã, sắc, nặng) that legacy tables follow too.
TONES: Final = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_SET: Final = frozenset(TONES)

# Bases a tone can sit on (lowercase, NFC); quality marks (breve, circumflex,
# horn) are part of the base.
VOWELS: Final = "aăâeêioôơuưy"
_MARKED: Final = frozenset("ăâêôơư")

ONSETS: Final = frozenset((
    "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
))

_CODAS: Final = ("c", "ch", "m", "n", "ng", "nh", "p", "t")
_STOPS: Final = frozenset(("c", "ch", "p", "t"))

# Rhymes without tone, by nucleus; a rhyme may add any coda its nucleus takes.
# Written from the Vietnamese rhyme inventory; loanwords (``xoong``) are left out
# on purpose so that a foreign word does not pass for a syllable.
_OPEN_RHYMES: Final = frozenset((
    "a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "o", "oi", "ô", "ôi",
    "ơ", "ơi", "u", "ua", "ui", "ư", "ưa", "ưi", "ưu", "y", "oa", "oai", "oao", "oay", "oe", "oeo", "uê",
    "uy", "uya", "uyu", "uơ", "ươi", "ươu", "uôi", "iêu", "yêu", "uây",
))
_CLOSED_NUCLEI: dict[str, tuple[str, ...]] = {
    "a": _CODAS, "ă": ("c", "m", "n", "ng", "p", "t"), "â": ("c", "m", "n", "ng", "p", "t"),
    "e": ("c", "m", "n", "ng", "p", "t"), "ê": ("ch", "m", "n", "nh", "p", "t"),
    "i": ("ch", "m", "n", "nh", "p", "t"), "o": ("c", "m", "n", "ng", "p", "t"),
    "ô": ("c", "m", "n", "ng", "p", "t"), "ơ": ("m", "n", "p", "t"),
    "u": ("c", "m", "n", "ng", "p", "t"), "ư": ("c", "m", "n", "ng", "t"),
    "iê": ("c", "m", "n", "ng", "p", "t"), "yê": ("m", "n", "ng", "t"),
    "uô": ("c", "m", "n", "ng", "t"), "ươ": ("c", "m", "n", "ng", "p", "t"),
    "oa": _CODAS, "oă": ("c", "m", "n", "ng", "t"), "oe": ("n", "t", "m"),
    "uâ": ("n", "ng", "t"), "uê": ("ch", "nh", "n"), "uy": ("ch", "n", "nh", "t", "p"),
    "uyê": ("n", "t"),
}
RHYMES: Final = frozenset(
    _OPEN_RHYMES | {nucleus + coda for nucleus, codas in _CLOSED_NUCLEI.items() for coda in codas}
)
_MAX_RHYME: Final = max(map(len, RHYMES))


def _letter_table() -> dict[str, tuple[str, int]]:
    """Every Vietnamese letter (both cases, NFC) -> (base letter, tone index or -1)."""
    table: dict[str, tuple[str, int]] = {}
    for base in VOWELS + VOWELS.upper():
        table[base] = (base, -1)
        for index, tone in enumerate(TONES):
            table[unicodedata.normalize("NFC", base + tone)] = (base, index)
    return table


LETTERS: dict[str, tuple[str, int]] = _letter_table()
_COMPOSE: dict[tuple[str, int], str] = {value: key for key, value in LETTERS.items()}
VIETNAMESE_LETTERS: Final = frozenset(LETTERS) | frozenset("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")


def compose(base: str, tone: int) -> str:
    """The letter ``base`` (a Vietnamese vowel) with tone ``tone`` (-1 for none).

    Example:
        >>> compose("ơ", 3), compose("Ư", 4), compose("a", -1)
        ('ớ', 'Ự', 'a')
    """
    return _COMPOSE[(base, tone)]


def split_tone(word: str) -> tuple[str, int, int] | None:
    """``word`` without its tone, the tone index and the position it sat at.

    Returns ``(toneless, tone, position)`` with ``tone == position == -1`` for a
    word without a tone, or ``None`` when a character is not a Vietnamese letter
    or there are two tones.

    Example:
        >>> split_tone("Việt")
        ('Viêt', 4, 2)
    """
    tone = position = -1
    chars = list(word)
    for i, char in enumerate(chars):
        info = LETTERS.get(char)
        if info is None:
            if char not in VIETNAMESE_LETTERS:
                return None
            continue
        base, mark = info
        if mark >= 0:
            if tone >= 0:
                return None
            tone, position = mark, i
            chars[i] = base
    return "".join(chars), tone, position


@lru_cache(maxsize=65536)
def parse(toneless: str) -> tuple[int, int, int] | None:
    """Split a lowercase toneless syllable into onset, nucleus and coda lengths.

    Returns ``(onset_end, nucleus_end, coda_len)`` or ``None`` when it is not a
    Vietnamese syllable. ``qu`` and ``gi`` are onsets when a vowel follows them.

    Example:
        >>> parse("nghiêng"), parse("quy"), parse("gia"), parse("gin"), parse("xyz")
        ((3, 5, 2), (2, 3, 0), (2, 3, 0), (1, 2, 1), None)
    """
    if not toneless or len(toneless) > 7:
        return None
    for onset_len in (3, 2, 1, 0):
        onset = toneless[:onset_len]
        if onset_len and onset not in ONSETS:
            continue
        rhyme = toneless[onset_len:]
        if not rhyme or len(rhyme) > _MAX_RHYME or rhyme not in RHYMES:
            continue
        if onset == "qu" and rhyme[0] in "uư":
            continue
        coda_len = 0
        for coda in ("ng", "nh", "ch", "c", "m", "n", "p", "t"):
            if rhyme.endswith(coda) and rhyme[: -len(coda)] in _CLOSED_NUCLEI:
                coda_len = len(coda)
                break
        # a glide-final rhyme (ai, ao, ...) keeps its glide in the nucleus
        return onset_len, len(toneless) - coda_len, coda_len
    return None


def tone_position(toneless: str, *, old_style: bool = False) -> int | None:
    """Index (in ``toneless``) of the vowel that carries the tone, or ``None``.

    The default is the style of ``hóa``, ``thủy``, ``khỏe`` (tone on the first
    vowel of an open ``oa``, ``oe``, ``uy``), as underthesea's ``text_normalize``
    writes it; ``old_style=True`` gives ``hoá``, ``thuỷ``, ``khoẻ``.

    Example:
        >>> tone_position("hoa"), tone_position("hoa", old_style=True), tone_position("nguyên")
        (1, 2, 4)
    """
    lowered = toneless.lower()
    parsed = parse(lowered)
    if parsed is None:
        return None
    onset_end, nucleus_end, coda_len = parsed
    vowels = [i for i in range(onset_end, nucleus_end) if lowered[i] in VOWELS]
    if not vowels:
        return None
    marked = [i for i in vowels if lowered[i] in _MARKED]
    if marked:
        return marked[-1]  # ươ -> ơ, uyê -> ê
    if len(vowels) == 1:
        return vowels[0]
    if coda_len:
        return vowels[-1]
    if len(vowels) == 3:
        return vowels[1]
    pair = lowered[vowels[0]] + lowered[vowels[1]]
    if old_style and pair in ("oa", "oe", "uy"):
        return vowels[1]
    return vowels[0]


def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case, NFC) is one well-formed Vietnamese syllable.

    The tone may sit where either placement style puts it; a stop-final syllable
    (``-c``, ``-ch``, ``-p``, ``-t``) takes only the sắc or nặng tone.

    Example:
        >>> is_syllable("Hóa"), is_syllable("hoá"), is_syllable("tèt"), is_syllable("aọ")
        (True, True, False, False)
    """
    split = split_tone(word)
    if split is None:
        return False
    toneless, tone, position = split
    lowered = toneless.lower()
    parsed = parse(lowered)
    if parsed is None:
        return False
    if tone < 0:
        # a toneless stop-final syllable is not Vietnamese (``cat``, ``set``)
        return not lowered.endswith(tuple(_STOPS))
    if lowered.endswith(tuple(_STOPS)) and tone not in (3, 4):
        return False
    return position in (tone_position(lowered), tone_position(lowered, old_style=True))


def place_tone(word: str) -> str:
    """``word`` with its tone moved to where the ``hóa`` style puts it.

    Words that are not one Vietnamese syllable come back unchanged, and so do
    tones on a vowel that neither style allows (that is a typo, not a style).

    Example:
        >>> place_tone("khoẻ"), place_tone("uỷ"), place_tone("quý"), place_tone("Noé!")
        ('khỏe', 'ủy', 'quý', 'Noé!')
    """
    split = split_tone(word)
    if split is None:
        return word
    toneless, tone, position = split
    if tone < 0:
        return word
    old = tone_position(toneless, old_style=True)
    new = tone_position(toneless)
    if new is None or position != old or position == new:
        return word
    chars = list(toneless)
    chars[new] = compose(chars[new], tone)
    return "".join(chars)

"""VIQR (RFC 1456): Vietnamese written in ASCII, ``Vie^.t Nam`` for ``Việt Nam``.

The marks of VIQR are also punctuation: ``?`` is the hỏi tone and a question
mark, ``.`` the nặng tone and a full stop. A mark inside a word (``Vie^.t``) is
a mark. A mark at the end of a word is one only if the result is a Vietnamese
syllable (``sao?`` cannot be ``saỏ``); when both readings are syllables
(``ra.`` is ``ra.`` or ``rạ``) the next word decides: a sentence goes on in
lowercase or with a number, ends at a line end, and before a capital the
counts of Unicode news decide whether the toned syllable (``vụ`` in ``Quân vụ
Thượng viện``) is more common there than the plain one ending a sentence. A
backslash escapes a mark (``\\?``). Words that are not syllables (``NDD-CP``,
``Nestle'``, ``DDa('k``) are read letter by letter when they hold a mark
inside or a ``DD``.

Example:
    >>> from .offsets import apply_edits
    >>> s = "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. Vi` sao? Nghi. ddi.nh 15/NDD-CP"
    >>> apply_edits(s, convert_viqr(s))[0]
    'Cộng hòa xã hội chủ nghĩa Việt Nam. Vì sao? Nghị định 15/NĐ-CP'
    >>> looks_like_viqr(s), looks_like_viqr("Thông tư số 02/2015. Vì sao?")
    (True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .detect import UNICODE_VIETNAMESE
from .offsets import Edit
from .syllables import LETTERS, is_syllable
from .tables import load_viqr, load_viqr_counts

_MARKS = "^(+*`'?~."
# A word: letters, with marks after letters; a mark run inside a word is at
# most two long (a quality and a tone), at its end three (and a full stop).
# Letters and marks are disjoint, so matching is linear.
_WORD = re.compile(r"[A-Za-z]+(?:[\^(+*`'?~.]{1,2}[A-Za-z]+)*[\^(+*`'?~.]{0,3}")
_ESCAPE = re.compile(r"(?<=[A-Za-z\^(+*`'?~.])\\(?=[\^(+*`'?~.\\])")
_SENTENCE_MARKS = frozenset("?.")
_INNER_MARK = re.compile(r"[\^(+*`'?~.][A-Za-z]|[aAeEoO]\^|[aA]\(|[oOuU][+*]|DD|Dd|[aeiouyAEIOUY][`'~]$")


@lru_cache(maxsize=65536)
def _decode(word: str, *, strict: bool = True) -> str | None:
    """``word`` read as VIQR; ``None`` when a mark has no vowel before it, or (strict) no syllable results.

    Lenient reading (``strict=False``) takes ``DD`` but not ``dd`` (``add``)
    and allows one tone per vowel run, for names and acronyms.
    """
    viqr = load_viqr()
    tones, qualities, letters = viqr["tones"], viqr["qualities"], viqr["letters"]
    out: list[str] = []
    toned: list[tuple[int, str]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in letters and (strict or pair != "dd"):
            out.append(letters[pair])
            i += 2
            continue
        char = word[i]
        if not char.isalpha():
            return None
        if pair in qualities:
            out.append(qualities[pair])
            i += 2
        else:
            out.append(char)
            i += 1
        if i < len(word) and word[i] in tones:
            if out[-1] not in LETTERS or (toned and (strict or toned[-1][0] == len(out) - 1)):
                return None
            toned.append((len(out) - 1, tones[word[i]]))
            i += 1
    for at, tone in toned:
        out[at] = unicodedata.normalize("NFC", out[at] + tone)
    decoded = "".join(out)
    if strict and not is_syllable(decoded):
        return None
    return decoded


def _literal_stop(text: str, end: int, word: str, mark: str, plain: str, toned: str) -> bool:
    """Whether the ``?`` or ``.`` ending ``word`` at ``end`` is punctuation rather than a tone."""
    rest = end
    while rest < len(text) and text[rest] in " \t":
        rest += 1
    if rest >= len(text) or text[rest] in "\r\n":
        return True
    follower = text[rest]
    if follower.islower() or follower.isdigit() or (rest == end and follower in ".,;:!?)"):
        return False  # the sentence goes on, or punctuation follows the mark straight away
    counts = load_viqr_counts()
    before_capital = counts.get(toned.lower(), (0, 0, 0))[0]
    ending = counts.get(plain.lower(), (0, 0, 0))[1 if mark == "." else 2]
    if before_capital or ending:
        if plain.lower() == "ha" and _after_number(text, end - len(word)):
            return True  # "100 ha." is a hectare at a sentence end
        return before_capital <= ending
    return not word[0].isupper()


def _after_number(text: str, start: int) -> bool:
    before = start - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    return before >= 0 and text[before].isdigit()


def _read(text: str, start: int, end: int) -> str | None:
    """The Unicode reading of the VIQR word ``text[start:end]``, or ``None`` to leave it."""
    word = text[start:end]
    readings: list[tuple[int, str]] = []
    for cut in range(4):
        if cut and (len(word) <= cut or word[-cut] not in _MARKS):
            break
        decoded = _decode(word[: len(word) - cut])
        if decoded is not None:
            readings.append((cut, decoded + word[len(word) - cut :]))
    if readings:
        cut, reading = readings[0]
        if cut == 0 and len(readings) > 1 and readings[1][0] == 1 and word[-1] in _SENTENCE_MARKS:
            plain = readings[1][1][:-1]
            if _literal_stop(text, end, word, word[-1], plain, reading):
                return readings[1][1]
        return reading
    if not _INNER_MARK.search(word):
        return None
    # not a syllable: a name, loanword or acronym (Nestle', DDa('k, VPDDKDD)
    core = word.rstrip(".?")
    lenient = _decode(core, strict=False)
    return None if lenient is None else lenient + word[len(core) :]


def convert_viqr(text: str) -> list[Edit]:
    """Edits that turn the VIQR words of ``text`` into Unicode; other text is left alone."""
    edits: list[Edit] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isalpha() and "dd" not in word.lower():
            continue
        start, end = match.span()
        new = _read(text, start, end)
        if new is not None and new != word:
            edits.append((start, end, new))
    escapes = [(m.start(), m.end(), "") for m in _ESCAPE.finditer(text)]
    if escapes:
        edits = sorted(edits + escapes)
    return edits


def looks_like_viqr(text: str) -> bool:
    """Whether ``text`` is written in VIQR: marked words are common and Unicode Vietnamese rare.

    Counts words whose marks make a Vietnamese syllable (``Vie^.t``,
    ``ngu+o+`i``) against all words and against Unicode Vietnamese letters.
    Only the words around a mark are read, so Unicode text with a stray
    ``a^`` costs one scan.
    """
    words = text.count(" ") + text.count("\n") + 1
    needed = max(2 if words > 3 else 1, words // 10)
    marked = 0
    last_end = -1
    for hint in _MARKED.finditer(text):
        if hint.start() < last_end:
            continue
        match = _WORD.match(text, _word_start(text, hint.start()))
        if match is None:
            continue
        last_end = match.end()
        word = match.group()
        inner = word.rstrip(_MARKS)
        if inner.isalpha() and "dd" not in inner.lower() and inner == word:
            continue
        if _decode(word) is not None or (inner != word and _INNER_MARK.search(inner) and _decode(inner)):
            marked += 1
            if marked >= needed:
                break  # enough evidence: VIQR text need not be read twice
    if marked < needed:
        return False
    # stop counting Unicode letters as soon as they outnumber the VIQR words
    return all(count < marked for count, _ in enumerate(UNICODE_VIETNAMESE.finditer(text), 1))


# a vowel with a mark after it, or a DD: where a VIQR word can be
_MARKED = re.compile(r"[aeiouyAEIOUY][\^(+*`'?~.]|[dD][dD]")


def _word_start(text: str, pos: int) -> int:
    start = pos
    # VIQR words are short; looking back a few characters keeps long runs linear
    while start > 0 and pos - start < 12 and text[start - 1].isascii() and \
            (text[start - 1].isalpha() or text[start - 1] in _MARKS):
        start -= 1
    return start

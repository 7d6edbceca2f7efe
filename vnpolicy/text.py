"""Text normalisation with an offset map back to the original, and sentence spans.

Extractors see one canonical form of the text (NFC, plain spaces, no
zero-width characters) but every mention must point into the string the user
gave: ``Nghị định`` is 9 code points in NFC and 11 in NFD, so normalising
keeps a map from normalised to original offsets.

Example:
    >>> import unicodedata
    >>> raw = unicodedata.normalize("NFD", "Nghị định 116") + "\u00a0ngày"
    >>> norm = normalise(raw)
    >>> norm.text
    'Nghị định 116 ngày'
    >>> start, end = norm.to_original(0, 9)
    >>> raw[start:end] == unicodedata.normalize("NFD", "Nghị định")
    True
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import regex

# Characters that are replaced one for one (same length), or dropped.
_SPACE_LIKE: Final = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TO_SPACE: Final = str.maketrans({c: " " for c in _SPACE_LIKE})

# A run of combining marks (with the base character before it), or a character
# to drop. Everything between two matches is copied as it is.
_EDIT: Final = regex.compile(rf"\P{{M}}?\p{{M}}+|[{_INVISIBLE}]+")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """The normalised text and the way back to the original.

    ``segment_norm[i]``/``segment_orig[i]`` start a stretch in which both texts
    advance together; a composed cluster or a dropped character opens a new
    stretch.
    """

    text: str
    original: str
    segment_norm: tuple[int, ...] = ()
    segment_orig: tuple[int, ...] = ()

    @property
    def is_identity(self) -> bool:
        """Whether offsets in ``text`` are offsets in ``original`` (the common case)."""
        return not self.segment_norm

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original string.

        A span edge inside a composed cluster widens to take the whole cluster.
        """
        if not self.segment_norm:
            return start, end
        orig_start = self._map(start, at_end=False)
        return orig_start, max(orig_start, self._map(end, at_end=True))

    def _map(self, pos: int, *, at_end: bool) -> int:
        if at_end:
            # an end stops before any dropped character that follows it
            j = bisect_left(self.segment_norm, pos)
            if j < len(self.segment_norm) and self.segment_norm[j] == pos:
                return self.segment_orig[j]
        i = bisect_right(self.segment_norm, pos) - 1
        norm_start, orig_start = self.segment_norm[i], self.segment_orig[i]
        if pos == norm_start:
            return orig_start
        last = i + 1 >= len(self.segment_norm)
        norm_next = len(self.text) if last else self.segment_norm[i + 1]
        orig_next = len(self.original) if last else self.segment_orig[i + 1]
        if norm_next - norm_start == orig_next - orig_start:
            return orig_start + (pos - norm_start)
        return orig_next if at_end else orig_start


def normalise(text: str) -> NormalisedText:
    """NFC, plain spaces for no-break and other spaces, zero-width characters dropped.

    Line ends and quote characters are kept: they are one character each and
    the extractors know them.
    """
    spaced = text.translate(_TO_SPACE) if _has_space_like(text) else text
    if unicodedata.is_normalized("NFC", spaced) and not _has_invisible(spaced):
        return NormalisedText(text=spaced, original=text)
    pieces: list[str] = []
    seg_norm: list[int] = [0]
    seg_orig: list[int] = [0]
    norm_len = 0
    copied_to = 0
    nfc = unicodedata.normalize
    # one round of this loop per cluster: NFD text has one every few characters
    for m in _EDIT.finditer(spaced):
        start, end = m.span()
        cluster = m.group()
        pieces.append(spaced[copied_to:start])
        norm_len += start - copied_to
        replacement = "" if cluster[0] in _INVISIBLE else nfc("NFC", cluster)
        seg_norm.append(norm_len)
        seg_orig.append(start)
        pieces.append(replacement)
        norm_len += len(replacement)
        seg_norm.append(norm_len)
        seg_orig.append(end)
        copied_to = end
    pieces.append(spaced[copied_to:])
    result = "".join(pieces)
    if not unicodedata.is_normalized("NFC", result):
        # a singleton decomposition with no combining mark (rare): give up the
        # fine map for a plain per-character NFC that keeps lengths
        result = "".join(unicodedata.normalize("NFC", c) if len(unicodedata.normalize("NFC", c)) == 1 else c
                         for c in result)
    return NormalisedText(text=result, original=text,
                          segment_norm=tuple(seg_norm), segment_orig=tuple(seg_orig))


def _has_space_like(text: str) -> bool:
    return any(c in text for c in _SPACE_LIKE)


def _has_invisible(text: str) -> bool:
    return any(c in text for c in _INVISIBLE)


_PARAGRAPH: Final = regex.compile(r"[^\n]+")
_SPACES: Final = re.compile(r"\s*")
# where underthesea's splitter may end a sentence: a ``?``, a ``!``, or a ``.`` that
# is not between two digits (``1.234`` is a thousands mark to it, never an end)
_POSSIBLE_END: Final = re.compile(r"[?!]|(?<!\d)\.|\.(?!\d)")
# neither a letter, a digit (``str.isalnum``) nor a dot: where underthesea's word before a stop begins
_NOT_IN_WORD: Final = re.compile(r"[^\w.]|_")


def sentence_spans(text: str, *, lines_of: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` offsets, by underthesea's splitter.

    Paragraphs (lines) are split first, so a sentence never crosses a line end.

    Args:
        text: the text.
        lines_of: offsets into ``text``; when given, only the lines that hold
            one of them are split (the splitter is the slowest step of a whole
            extraction, and a caller that looks up the sentences of a few
            positions needs no others). The spans of those lines are the same.

    Example:
        >>> s = "Toàn tỉnh có 41 xã. Ông Nguyễn Văn A. cho biết thêm."
        >>> [s[a:b] for a, b in sentence_spans(s)]
        ['Toàn tỉnh có 41 xã.', 'Ông Nguyễn Văn A. cho biết thêm.']
        >>> [s[a:b] for a, b in sentence_spans(s + "\\nDòng khác. Nữa.", lines_of=[14])]
        ['Toàn tỉnh có 41 xã.', 'Ông Nguyễn Văn A. cho biết thêm.']
    """
    tokenize = _sent_tokenize()
    spans: list[tuple[int, int]] = []
    stops = _PossibleEnds(text)
    if lines_of is None:
        for para in _PARAGRAPH.finditer(text):
            start, end = para.span()
            _split_line(tokenize, text, start, end, spans, stops.any_in(start, end))
        return spans
    line_end = -1  # where the line split last ends (its line break)
    for pos in sorted(lines_of):
        if pos <= line_end or not 0 <= pos < len(text) or text[pos] == "\n":
            continue  # on the line just split, or on no line
        # looking back no further than the line split last keeps this linear
        line_start = text.rfind("\n", max(line_end, 0), pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        _split_line(tokenize, text, line_start, line_end, spans, stops.any_in(line_start, line_end))
    return spans


class _PossibleEnds:
    """Where the text may end a sentence, found in one pass, asked line by line in text order.

    A match of ``_POSSIBLE_END`` is one character, and its look-arounds see
    the same characters in the whole text as in the line (the line break, or
    the end): the matches inside a line are the line's own. A table with a
    figure on each of its 300,000 lines is searched once, not once per line.
    """

    def __init__(self, text: str) -> None:
        self.positions = [m.start() for m in _POSSIBLE_END.finditer(text)]
        self.index = 0

    def any_in(self, start: int, end: int) -> bool:
        """Whether a possible end lies in ``[start, end)``; ``start`` never smaller than the last asked."""
        positions, k = self.positions, self.index
        while k < len(positions) and positions[k] < start:
            k += 1
        self.index = k
        return k < len(positions) and positions[k] < end


def _split_line(tokenize: Callable[[str], list[str]], text: str, base: int, end: int,
                spans: list[tuple[int, int]], may_end: bool) -> None:
    """Add the sentences of the line ``text[base:end]`` to ``spans``.

    ``may_end`` says whether the line holds a possible end of sentence (``_POSSIBLE_END``).
    """
    if not may_end:
        # a line whose every stop sits between digits (``41 xã, 1.234 hộ``) has no
        # sentence end for the splitter to find: it is one sentence, the line less
        # its spaces, found without copying the line (a table has one per figure)
        first = base
        if base < end and text[base].isspace():
            first = _SPACES.match(text, base, end).end()  # type: ignore[union-attr]
        if first < end:
            last = end
            while text[last - 1].isspace():
                last -= 1
            spans.append((first, last))
        return
    chunk = text[base:end]
    if not chunk.strip():
        return
    cursor = 0
    for sentence in tokenize(chunk):
        sentence = sentence.strip()
        if not sentence:
            continue
        # a sentence mostly starts right after the spaces that end the one
        # before: a comparison there spares a search through a long line
        start = cursor
        if start < len(chunk) and chunk[start].isspace():
            start = _SPACES.match(chunk, cursor).end()  # type: ignore[union-attr]
        found = start if chunk.startswith(sentence, start) else chunk.find(sentence, cursor)
        if found < 0:
            # the splitter changed the text; fall back to the rest of the line
            spans.append((base + cursor, end))
            cursor = len(chunk)
            break
        spans.append((base + found, base + found + len(sentence)))
        cursor = found + len(sentence)
    rest = chunk[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((base + cursor + lead, base + len(chunk.rstrip())))


@lru_cache(maxsize=1)
def _sent_tokenize() -> Callable[[str], list[str]]:
    """underthesea's sentence splitter: its rules and abbreviations, in linear time.

    underthesea (``underthesea.sent_tokenize``) steps through a text one
    character at a time in Python and, to tell ``TP. Hồ Chí Minh`` (an
    abbreviation) from the end of a sentence, reads the word before each
    ``.`` back to the first character that is neither a letter, a digit nor a
    dot: in ``a.a.a.a...`` that is the start of the run, for every stop (80 KB
    of it took 73 s). :class:`_SentenceSplitter` applies the same rules with
    underthesea's own list of abbreviations, jumping from stop to stop; the
    sentences are the same (all 105,754 lines of the baomoi archive, and a
    property test against underthesea). An underthesea without that list is
    used as it is.
    """
    # imported lazily: underthesea costs ~0.4 s and only sentence-level linkers need it
    import importlib

    from underthesea import sent_tokenize

    module = importlib.import_module("underthesea.pipeline.sent_tokenize")
    getattr(module, "_load_model", lambda: None)()
    abbreviations = getattr(getattr(module, "sentence_tokenizer", None), "abbrev_types", None)
    if not isinstance(abbreviations, (set, frozenset)) or not all(isinstance(a, str) for a in abbreviations):
        return sent_tokenize  # type: ignore[no-any-return]
    return _SentenceSplitter(frozenset(abbreviations))


_STOP: Final = re.compile(r"[.?!]")
_STOPS: Final = re.compile(r"[.?!]+")
_DOTS: Final = re.compile(r"\.+")
_BLANKS: Final = re.compile(r"[ \t]*")
_BLANKS_AND_BREAKS: Final = re.compile(r"[ \t\n\r]*")
_STOP_CHARS: Final = frozenset(".?!")
_BLANK_OR_BREAK_CHARS: Final = frozenset(" \t\n\r")


class _SentenceSplitter:
    """Sentences end at ``.``, ``?`` and ``!``, as underthesea ends them.

    - A ``.`` between two digits (``1.234``) or after an abbreviation (``TP.``,
      ``v.v.``, a single letter as in ``Nguyễn Văn A.``) ends nothing.
    - Three dots or more end a sentence only before a capital or at the end.
    - Any other stop ends one, with the stops right after it (``Thật vậy?!``).

    Example:
        >>> _SentenceSplitter(frozenset({"tp"}))("TP. Huế có 1.234 hộ... Đúng vậy?! Xong")
        ['TP. Huế có 1.234 hộ...', 'Đúng vậy?!', 'Xong']
    """

    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations
        # no word longer than this is an abbreviation: the look back stops there
        self.reach = max(map(len, abbreviations), default=0) + 1

    def __call__(self, text: str) -> list[str]:
        # Each pattern below is first asked of the one character after the stop:
        # most stops are one ``.`` followed by one space, and a line of a hundred
        # thousand stops (``a.a.a.``) is then read with one search per stop.
        sentences: list[str] = []
        start = 0
        length = len(text)
        stop = _STOP.search(text)
        while stop is not None:
            at = stop.start()
            if text[at] == ".":
                dots_end = at + 1
                if dots_end < length and text[dots_end] == ".":
                    dots_end = _DOTS.match(text, at).end()  # type: ignore[union-attr]
                if dots_end - at >= 3:
                    after = _BLANKS.match(text, dots_end).end()  # type: ignore[union-attr]
                    if after >= length or text[after].isupper():
                        _add_sentence(sentences, text[start:dots_end])
                        start = dots_end = _BLANKS_AND_BREAKS.match(text, dots_end).end()  # type: ignore[union-attr]
                    stop = _STOP.search(text, dots_end)
                    continue
            if self._ends_sentence(text, at):
                end = at + 1
                if end < length and text[end] in _STOP_CHARS:
                    end = _STOPS.match(text, at).end()  # type: ignore[union-attr]
                _add_sentence(sentences, text[start:end])
                start = end
                if start < length and text[start] in _BLANK_OR_BREAK_CHARS:
                    start = _BLANKS_AND_BREAKS.match(text, start).end()  # type: ignore[union-attr]
                stop = _STOP.search(text, start)
                continue
            stop = _STOP.search(text, at + 1)
        _add_sentence(sentences, text[start:])
        return sentences

    def _ends_sentence(self, text: str, at: int) -> bool:
        if text[at] != ".":
            return True
        if 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit():
            return False
        # the letters, digits and dots just before the stop, read backwards in one search;
        # a word cut at ``reach`` is longer than any abbreviation, as the whole word was
        back = text[max(at - self.reach, 0):at][::-1]
        other = _NOT_IN_WORD.search(back)
        word = text[at - (other.start() if other is not None else len(back)):at]
        return not word or word.lower() not in self.abbreviations


def _add_sentence(sentences: list[str], piece: str) -> None:
    sentence = piece.strip()
    if sentence:
        sentences.append(sentence)

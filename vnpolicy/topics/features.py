"""Syllable features for the topic classifiers: the same code at training and prediction time.

Vietnamese is written one syllable a word-piece, separated by spaces, so a
lower-cased syllable and the pair of syllables that follows it (``nghị định``,
``nông thôn``, ``bảo hiểm``) carry most of what a topic model needs without a
word segmenter. The featurizer keeps an explicit vocabulary (a list of
syllables and a table of syllable pairs) rather than a hash: lookups are
dictionary hits in C, and the shipped model stays small because only the
n-grams kept at training time take a column.

Weights are ``(1 + log tf) * idf`` (or ``idf`` alone for the presence
weighting, ``tf="binary"``) and every row is scaled to unit length, so a long
report and a two-line brief are on the same scale.

Only the first :data:`MAX_CHARS` characters of a document are read: every
article of the corpora is far shorter, and a megabyte of hostile input (one
line of ``1/1/1/...``, mojibake, decomposed Unicode) then costs the same few
milliseconds as a long article.

Example:
    >>> syllables("Nghị định 116/2014/NĐ-CP về Hoà bình")
    ['nghị', 'định', '000', '0000', 'nđ', 'cp', 'về', 'hòa', 'bình']
    >>> f = SyllableFeaturizer.build(["nông thôn mới", "nông thôn"], min_df=1)
    >>> f.vocabulary()
    ['nông', 'thôn', 'mới', 'nông thôn', 'thôn mới']
    >>> ids, vals = f.transform_one("Xây dựng nông thôn")
    >>> [f.vocabulary()[i] for i in ids]
    ['nông', 'thôn', 'nông thôn']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from typing import Literal

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

_WORD = re.compile(r"[^\W_]+")
# Digits all read as one shape per length: years, amounts and document numbers
# say little about the topic, but "0000" (a year) and "0g" (3G, 4G) do a bit.
# The fold runs on UTF-8 bytes: bytes 0x31-0x39 are always ASCII digits there,
# and bytes.translate is some 20 times as fast as str.translate on non-ASCII text.
_DIGIT_BYTES = bytes.maketrans(b"123456789", b"000000000")
# Two spellings of open syllables coexist ("hoà"/"hòa", "thuỷ"/"thủy"); the
# corpora we train on use the tone on the first vowel, so map the other one.
# "quý" is the same in both styles: the u of "qu" is a consonant.
_TONES = {
    "o": ("àáảãạ", "òóỏõọ", "a"),
    "e": ("èéẻẽẹ", "òóỏõọ", "e"),
    "y": ("ỳýỷỹỵ", "ùúủũụ", "y"),
}
_RETONE: dict[str, str] = {}
for _second, (_marked, _first_marked, _plain) in _TONES.items():
    _lead = "u" if _second == "y" else "o"
    for _i, _mark in enumerate(_marked):
        _RETONE[_lead + _mark] = _first_marked[_i] + _plain
_OLD_PAIR = re.compile(r"(?<!q)(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])\b")

TITLE_MAX_CHARS = 300
"""A first line longer than this is body text, not a title."""

MAX_CHARS = 100_000
"""A document's features are those of its first this-many characters.

The longest of the 35 440 baomoi-2017 articles has 37 107 characters, the
longest UNC news article 35 146 (99.9% of baomoi articles are under 14 000):
every real article is read whole, while a 1 MB or 10 MB input, often a hostile
one, is classified from its first 100 000 characters in a few milliseconds.
A topic is set by the start of a text; beyond this many characters the row,
scaled to unit length, barely moves anyway.
"""

TfWeighting = Literal["log", "binary"]
"""How a column's count weighs: ``"log"`` is ``1 + log(count)``, ``"binary"`` is 1 if present."""


def _canonical(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # surrogatepass: a lone surrogate (a broken emoji pair) round-trips unchanged
    text = text.lower().encode("utf-8", "surrogatepass").translate(_DIGIT_BYTES).decode("utf-8", "surrogatepass")
    return _OLD_PAIR.sub(lambda m: _RETONE[m.group()], text)


def text_head(text: str, limit: int = MAX_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut before the syllable the limit falls in.

    Args:
        text: any string.
        limit: most characters to keep (default :data:`MAX_CHARS`).

    Returns:
        ``text`` itself when it is not longer than ``limit``; otherwise its
        start, ending at the last space or line break of its final 1 000
        characters (or exactly at ``limit`` when there is none), so that no
        half syllable, and no letter without its combining tone mark, is read.

    Example:
        >>> text_head("Chính phủ ban hành nghị định", limit=12)
        'Chính phủ'
        >>> text_head("Chính phủ", limit=100)
        'Chính phủ'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit].isspace():
        return cut
    lo = max(0, limit - 1_000)
    space = max(cut.rfind(" ", lo), cut.rfind("\n", lo), cut.rfind("\t", lo))
    return cut[:space] if space > 0 else cut


def syllables(text: str) -> list[str]:
    """The lower-cased syllables of ``text`` in NFC, digits folded to ``0``, one tone style.

    Args:
        text: any string.

    Returns:
        The syllables in order; punctuation and symbols are dropped.

    Example:
        >>> syllables("Thủ tướng: Uỷ ban phải hoàn thành trong Quý I/2017!")
        ['thủ', 'tướng', 'ủy', 'ban', 'phải', 'hoàn', 'thành', 'trong', 'quý', 'i', '0000']
    """
    return _WORD.findall(_canonical(text))


def split_title(text: str) -> tuple[str, str]:
    """The first line as a title (when it is short and a body follows) and the rest.

    Example:
        >>> split_title("Tăng lương cơ sở\\nTừ 1/7, lương cơ sở tăng.")
        ('Tăng lương cơ sở', 'Từ 1/7, lương cơ sở tăng.')
        >>> split_title("Một dòng duy nhất")
        ('', 'Một dòng duy nhất')
    """
    head, sep, rest = text.lstrip().partition("\n")
    if sep and rest.strip() and len(head) <= TITLE_MAX_CHARS:
        return head.strip(), rest
    return "", text


def document_syllables(text: str, title_weight: int) -> list[str]:
    """Syllables of the text's first :data:`MAX_CHARS` characters, the title's ``title_weight`` more times.

    A title names the main topic in a dozen syllables; counting it again gives
    it the weight a reader gives it without a separate feature space.

    Example:
        >>> document_syllables("Giá lúa tăng\\nNông dân vui", title_weight=1)
        ['giá', 'lúa', 'tăng', 'nông', 'dân', 'vui', 'giá', 'lúa', 'tăng', '\\x00']
    """
    text = text_head(text)
    title, _ = split_title(text)
    toks = syllables(text)
    if title and title_weight > 0:
        head = syllables(title)
        for _ in range(title_weight):
            toks.extend(head)
            # a boundary marker that is never a syllable keeps the repeats from
            # forming a bigram across the seam
            toks.append("\x00")
    return toks


@dataclass(eq=False)
class SyllableFeaturizer:
    """Maps a text to sparse tf-idf weights over syllable uni- and bigrams.

    Columns ``0 .. len(unigrams)-1`` are the syllables; the bigram of
    ``bigrams[k] = (i, j)`` is column ``len(unigrams) + k``. ``bigrams`` is
    sorted by ``i * len(unigrams) + j``, the key looked up at prediction time.

    Attributes:
        unigrams: the syllable vocabulary.
        bigrams: ``(n, 2)`` array of unigram indices.
        idf: one weight per column.
        title_weight: how many extra times the title's syllables are counted.
        tf: ``"log"`` weighs a column ``(1 + log count) * idf``; ``"binary"``
            weighs it ``idf`` whatever its count (presence).
    """

    unigrams: list[str]
    bigrams: IntArray
    idf: FloatArray
    title_weight: int = 2
    tf: TfWeighting = "log"
    _index: dict[str, int] = field(init=False, repr=False)
    _keys: IntArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {w: i for i, w in enumerate(self.unigrams)}
        n = len(self.unigrams)
        bi = np.asarray(self.bigrams, dtype=np.int64).reshape(-1, 2)
        self.bigrams = bi
        self._keys = bi[:, 0] * n + bi[:, 1]
        if self._keys.size and np.any(np.diff(self._keys) <= 0):
            raise ValueError("bigrams must be sorted by key and unique")
        if self.idf.shape != (self.n_features,):
            raise ValueError(f"idf has {self.idf.shape} weights for {self.n_features} features")
        if self.tf not in ("log", "binary"):
            raise ValueError(f"tf must be 'log' or 'binary', got {self.tf!r}")

    @property
    def n_features(self) -> int:
        """The number of columns."""
        return len(self.unigrams) + int(self.bigrams.shape[0])

    def vocabulary(self) -> list[str]:
        """Every column's n-gram as text, in column order."""
        out = list(self.unigrams)
        out.extend(f"{self.unigrams[i]} {self.unigrams[j]}" for i, j in self.bigrams.tolist())
        return out

    def counts_one(self, text: str) -> tuple[IntArray, IntArray]:
        """The columns present in ``text`` (sorted) and their raw counts."""
        toks = document_syllables(text, self.title_weight)
        # map() over dict.get runs the lookups in C, without a Python frame per syllable
        ids = np.fromiter(map(self._index.get, toks, repeat(-1)), dtype=np.int64, count=len(toks))
        if ids.size == 0:
            return ids, ids.copy()
        n = len(self.unigrams)
        left, right = ids[:-1], ids[1:]
        ok = (left >= 0) & (right >= 0)
        keys = left[ok] * n + right[ok]
        pos = np.searchsorted(self._keys, keys)
        pos_ok = pos < self._keys.size
        pos, keys = pos[pos_ok], keys[pos_ok]
        hit = self._keys[pos] == keys
        cols = np.concatenate([ids[ids >= 0], pos[hit] + n])
        return np.unique(cols, return_counts=True)

    def transform_one(self, text: str) -> tuple[IntArray, FloatArray]:
        """Sparse row of ``text``: column indices (sorted) and unit-length weights."""
        cols, counts = self.counts_one(text)
        # presence: idf alone; counts: (1 + log tf) * idf
        weight = 1.0 if self.tf == "binary" else 1.0 + np.log(counts.astype(np.float32))
        vals = weight * self.idf[cols]
        norm = float(np.sqrt(np.dot(vals, vals)))
        if norm > 0.0:
            vals = vals / norm
        return cols, vals.astype(np.float32)

    @classmethod
    def build(
        cls,
        texts: Iterable[str],
        *,
        min_df: int = 2,
        max_unigrams: int = 50_000,
        max_bigrams: int = 200_000,
        title_weight: int = 2,
        tf: TfWeighting = "log",
    ) -> SyllableFeaturizer:
        """Choose the vocabulary from training texts by document frequency and set the idf.

        Args:
            texts: the training documents.
            min_df: an n-gram seen in fewer documents is dropped.
            max_unigrams: keep at most this many syllables (the most frequent).
            max_bigrams: keep at most this many syllable pairs (the most frequent).
            title_weight: extra counts of the title's syllables.
            tf: the count weighting (see the class).

        Returns:
            A featurizer whose idf is ``log((1 + n) / (1 + df)) + 1``.
        """
        uni_df: Counter[str] = Counter()
        bi_df: Counter[tuple[str, str]] = Counter()
        n_docs = 0
        for text in texts:
            n_docs += 1
            toks = document_syllables(text, title_weight)
            uni_df.update(set(toks))
            bi_df.update(set(pairwise(toks)))
        uni_df.pop("\x00", None)
        unigrams = _top(uni_df, min_df, max_unigrams)
        index = {w: i for i, w in enumerate(unigrams)}
        pairs = [
            (index[a], index[b], df)
            for (a, b), df in bi_df.items()
            if df >= min_df and a in index and b in index
        ]
        pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
        pairs = pairs[:max_bigrams]
        n = len(unigrams)
        pairs.sort(key=lambda p: p[0] * n + p[1])
        bigrams = np.array([(a, b) for a, b, _ in pairs], dtype=np.int64).reshape(-1, 2)
        df = np.array([uni_df[w] for w in unigrams] + [d for _, _, d in pairs], dtype=np.float64)
        idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)
        return cls(unigrams=unigrams, bigrams=bigrams, idf=idf, title_weight=title_weight, tf=tf)

    def transform(self, texts: Sequence[str]) -> tuple[IntArray, IntArray, FloatArray]:
        """CSR parts ``(indptr, indices, data)`` of the rows of ``texts``."""
        indptr = [0]
        all_cols: list[IntArray] = []
        all_vals: list[FloatArray] = []
        for text in texts:
            cols, vals = self.transform_one(text)
            all_cols.append(cols)
            all_vals.append(vals)
            indptr.append(indptr[-1] + cols.size)
        indices = np.concatenate(all_cols) if all_cols else np.zeros(0, dtype=np.int64)
        data = np.concatenate(all_vals) if all_vals else np.zeros(0, dtype=np.float32)
        return np.asarray(indptr, dtype=np.int64), indices, data


def _top(df: Counter[str], min_df: int, limit: int) -> list[str]:
    kept = [(w, d) for w, d in df.items() if d >= min_df]
    kept.sort(key=lambda p: (-p[1], p[0]))
    return [w for w, _ in kept[:limit]]


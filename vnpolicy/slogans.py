"""Slogans: quoted mottos and well-known unquoted ones, with their cue, parts and canonical id.

A slogan (``ANNOTATION.md``, section *slogans*) is a motto, watchword or
campaign name that the text presents as such: usually in quotes, often after
(or before) a cue noun such as ``phương châm`` or ``khẩu hiệu``. Most quoted
text in the news is something else: quoted speech, names of events and
products, nicknames and scare quotes. The extractor therefore works in three
steps:

1. Pair the quote marks of each line (any kind: ``“ ”``, ``" "``, ``‘ ’``,
   ``« »``, ``''``), reading each mark's role from its neighbours rather than
   from its glyph, because real text mixes and misuses them.
2. Judge each quotation by the word that governs it (a cue noun, a name noun,
   a speech verb or a campaign verb, found in the few words before it, or a cue
   after it: ``“X” làm chủ đề``), by speech around it (``“...”, ông A nói``),
   by its shape (parallel comma-separated parts, a counted motto such as
   ``3 không``) and by its content (first-person words, sentence breaks,
   length).
3. Find the well-known mottos of ``data/slogans.json`` also where they are not
   quoted, in variant forms (parts reordered, added or dropped), and give every
   slogan the lexicon's ``canonical_id`` so that one motto can be counted across
   an archive.

Example:
    >>> s = find_slogans("Với phương châm “Nhà nước hỗ trợ, nhân dân cùng làm”, "
    ...                  "xã đã làm 20 km đường.")
    >>> [(x.text, x.cue, x.parts) for x in s]
    [('Nhà nước hỗ trợ, nhân dân cùng làm', 'phương châm', ('Nhà nước hỗ trợ', 'nhân dân cùng làm'))]
    >>> find_slogans("Hiện tượng “sốt giá ảo” xảy ra ở nhiều nơi.")
    []
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import Final

from .errors import VnpolicyError
from .legal.patterns import trie_pattern
from .records import Slogan
from .spans import SpanSet

__all__ = ["canonical_slogan_id", "find_quotations", "find_slogans", "split_parts"]


class SloganDataError(VnpolicyError, ValueError):
    """A slogan data file (``data/slogan_cues.json``, ``data/slogans.json``) is malformed."""


# --------------------------------------------------------------------------- parts

# A spaced hyphen or dash separates parts (``Y tế Việt Nam - Hướng tới ...``);
# an unspaced one joins words (``Nga-Mỹ``, ``Thu Bồn- Dòng sông``) and does not.
_PART_SEPARATOR: Final = re.compile(r"\s*,\s*|\s+[-–—]\s+")
_LAST_AND: Final = re.compile(r"\s+và\s+")


def split_parts(motto: str) -> tuple[str, ...]:
    """The parts of a motto as the annotation guideline defines them.

    The motto is split at its commas and at a spaced ``-`` (or dash); when it has
    a comma, the ``và`` that joins the last part of the list splits too. Each
    part is stripped; empty parts are dropped. A motto with no comma and no
    spaced dash is one part.

    Args:
        motto: the slogan text (without its quote marks).

    Returns:
        The parts, in order.

    Example:
        >>> split_parts("trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân")
        ('trọng dân', 'gần dân', 'hiểu dân', 'học dân', 'có trách nhiệm với dân')
        >>> split_parts("Y tế Việt Nam - Hướng tới sự hài lòng của người bệnh")
        ('Y tế Việt Nam', 'Hướng tới sự hài lòng của người bệnh')
        >>> split_parts("Học tập và làm theo tấm gương đạo đức Hồ Chí Minh")
        ('Học tập và làm theo tấm gương đạo đức Hồ Chí Minh',)
        >>> split_parts("Thu Bồn- Dòng sông di sản")
        ('Thu Bồn- Dòng sông di sản',)
    """
    pieces = _PART_SEPARATOR.split(motto)
    if "," in motto:
        # Only the ``và`` of the last comma-separated item joins the list; a
        # ``và`` inside an earlier item belongs to that item.
        last = _LAST_AND.split(pieces[-1], maxsplit=1)
        pieces[-1:] = last
    parts = tuple(p.strip() for p in pieces if p.strip())
    return parts or (motto.strip(),)


# --------------------------------------------------------------------------- quotes

_QUOTE_CHARS: Final = "\"“”„‟«»‘’‚'‹›"
_QUOTE_SET: Final = frozenset(_QUOTE_CHARS)
_QUOTE_RE: Final = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")
_QUOTE_RUN_RE: Final = re.compile("[" + re.escape(_QUOTE_CHARS) + "]+")
_DOUBLE, _SINGLE, _ANGLE = 0, 1, 2
_FAMILY: Final = {
    '"': _DOUBLE, "“": _DOUBLE, "”": _DOUBLE, "„": _DOUBLE, "‟": _DOUBLE,
    "'": _SINGLE, "‘": _SINGLE, "’": _SINGLE, "‚": _SINGLE,
    "«": _ANGLE, "»": _ANGLE, "‹": _ANGLE, "›": _ANGLE,
}
_GLYPH_OPEN: Final = frozenset("“„«‘‚‹")
_GLYPH_CLOSE: Final = frozenset("”»’›")
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN: Final = frozenset("([{<-–—/:;,=+•*…")
_AFTER_CLOSE: Final = frozenset(".,;:!?)]}>-–—/…")
_NOT_AFTER_OPEN: Final = frozenset(".,;:!?)]}>…")
# How far down the stack a closing mark looks for its opener: deep enough for
# speech that quotes a motto that quotes a name, shallow enough to stay O(1).
_STACK_REACH: Final = 4
# How many quotations may be open at once on one line. Prose nests two or three;
# past this the oldest opener is given up as dangling. Without a bound, nested
# marks (``“a “a “a ... ” ” ”``) make quotations inside quotations without end,
# and reading their contents costs the square of the line.
_MAX_OPEN: Final = 16
_NEIGHBOUR_REACH: Final = 3
_MAX_DANGLING: Final = 250

_OPEN, _CLOSE = 1, 2


@dataclass(slots=True)  # not frozen: a line of short quotations makes hundreds of thousands
class _Quotation:
    """One quotation: marks at ``[open_start, start)`` and ``[end, close_end)``.

    ``start``/``end`` delimit the stripped content. A quotation whose closing
    mark is missing has ``close_end == end``.
    """

    open_start: int
    start: int
    end: int
    close_end: int
    closed: bool


def _role(ch: str, prev: str, nxt: str, family: int, stack: Sequence[tuple[int, int, int]]) -> int:
    """Whether the mark ``ch`` opens, closes, or is no quote mark at all (0).

    ``prev`` and ``nxt`` are the first characters before and after it that are
    not quote marks, looking at most :data:`_NEIGHBOUR_REACH` characters away
    (a space when there is none).
    """
    if family == _SINGLE and ch in "'’" and prev.isalnum() and nxt.isalnum():
        return 0  # an apostrophe: N'Golo, Đắk G'long, Vietnam’s
    can_open = not nxt.isspace() and nxt not in _NOT_AFTER_OPEN and (prev.isspace() or prev in _BEFORE_OPEN)
    can_close = not prev.isspace() and prev not in "([{<" and (nxt.isspace() or nxt in _AFTER_CLOSE)
    if can_open != can_close:
        return _OPEN if can_open else _CLOSE
    # Both or neither (``quân"Cười``, `` " ``): the glyph decides when it has a
    # direction; a straight mark closes what is open, else opens.
    if ch in _GLYPH_OPEN:
        return _OPEN
    if ch in _GLYPH_CLOSE:
        return _CLOSE
    if family == _SINGLE:
        return 0
    return _CLOSE if _find_opener(stack, family) >= 0 else _OPEN


def _find_opener(stack: Sequence[tuple[int, int, int]], family: int) -> int:
    """Index in ``stack`` of the nearest opener of ``family`` within reach, or -1."""
    k = len(stack) - 1
    stop = max(-1, k - _STACK_REACH)
    while k > stop:
        if stack[k][2] == family:
            return k
        k -= 1
    return -1


def _strip_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, and the comma, colon or single full stop that closes a clause, off a quotation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and text[end - 2] != ".":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


_DANGLING_END: Final = re.compile(r"[\n.;!?“”\"«»]")


def _dangling(text: str, open_start: int, open_end: int) -> _Quotation | None:
    """A quotation whose closing mark is missing: it runs to the end of its clause."""
    m = _DANGLING_END.search(text, open_end, open_end + _MAX_DANGLING)
    end = m.start() if m else min(len(text), open_end + _MAX_DANGLING)
    if text.find("\n", open_end, end) >= 0:
        return None
    start, end = _strip_content(text, open_end, end)
    if end <= start:
        return None
    return _Quotation(open_start, start, end, end, closed=False)


def _pair_quotes(text: str) -> list[_Quotation]:
    """Every quotation in ``text``, paired line by line in one pass (linear time).

    A closing mark looks a few openers down the stack for one of its family
    (double, single, angle), so a stray mark costs at most its own quotation.
    Openers left without a closing mark become dangling quotations that end
    with their clause.
    """
    out: list[_Quotation] = []
    stack: list[tuple[int, int, int]] = []
    dangling: list[tuple[int, int]] = []
    last = 0
    n = len(text)
    in_order = True  # closed quotations come in text order unless they nest
    # Marks come in runs (mostly of one): the neighbours of every mark of a run
    # are the characters around the run, when they are within reach.
    for run in _QUOTE_RUN_RE.finditer(text):
        run_start, run_end = run.span()
        if stack and text.find("\n", last, run_start) >= 0:
            dangling.extend((s, e) for s, e, _ in stack)
            stack.clear()
        before = text[run_start - 1] if run_start else " "
        after = text[run_end] if run_end < n else " "
        i = run_start
        while i < run_end:
            ch = text[i]
            end = i + 1
            family = _FAMILY[ch]
            if ch == "'" and end < n and text[end] == "'":
                # two apostrophes typed for a double quote: ''mạnh mẽ''
                end += 1
                family = _DOUBLE
            last = end
            role = _role(ch, before if i - run_start < _NEIGHBOUR_REACH else " ",
                         after if run_end - end < _NEIGHBOUR_REACH else " ", family, stack)
            if role == _OPEN:
                if len(stack) >= _MAX_OPEN:
                    oldest = stack.pop(0)
                    dangling.append((oldest[0], oldest[1]))
                stack.append((i, end, family))
            elif role == _CLOSE:
                k = _find_opener(stack, family)
                if k >= 0:
                    open_start, open_end, _ = stack[k]
                    if k + 1 < len(stack):
                        dangling.extend((s, e) for s, e, _ in stack[k + 1:])
                    del stack[k:]
                    start, stop = _strip_content(text, open_end, i)
                    if stop > start:
                        if out and open_start < out[-1].open_start:
                            in_order = False  # a quotation inside the one before
                        out.append(_Quotation(open_start, start, stop, end, closed=True))
            i = end
    dangling.extend((s, e) for s, e, _ in stack)
    for s, e in dangling:
        q = _dangling(text, s, e)
        if q is not None:
            out.append(q)
            in_order = False
    if not in_order:
        out.sort(key=_QUOTATION_ORDER)
    return out


_QUOTATION_ORDER: Final = attrgetter("open_start", "close_end")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """The content spans of every closed quotation in ``text``, in order.

    Quote marks of any kind are paired within a line by their context, so
    mixed, misused and unbalanced marks still pair sensibly. The spans
    exclude the marks and surrounding spaces.

    Example:
        >>> t = 'Ông nói: "Dự án “Xanh - sạch - đẹp” rất tốt", rồi đi.'
        >>> [t[a:b] for a, b in find_quotations(t)]
        ['Dự án “Xanh - sạch - đẹp” rất tốt', 'Xanh - sạch - đẹp']
    """
    return [(q.start, q.end) for q in _pair_quotes(text) if q.closed]


# --------------------------------------------------------------------------- word lists

_STRONG, _WEAK, _SHAPE, _CAMPAIGN, _NAME, _SPEECH = "strong", "weak", "shape", "campaign", "name", "speech"
_CUE_KINDS: Final = (_STRONG, _WEAK, _SHAPE)
_LIST_KEYS: Final = (
    "strong_cues", "weak_cues", "shape_cues", "campaign_verbs", "name_heads", "speech_verbs", "first_person",
    "event_starts", "copulas", "demonstratives", "number_words", "counted_words", "breaking_words",
    "particles", "pronouns",
)


def _phrase_regex(phrases: Iterable[str]) -> str:
    """An alternation of whole-word phrases, longest first so that the longest one wins."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + r")(?!\w)"


@dataclass(frozen=True, slots=True)
class _Cues:
    """The word lists of ``data/slogan_cues.json``, compiled."""

    kind: dict[str, str]
    trigger_re: re.Pattern[str]
    first_person_re: re.Pattern[str]
    event_start_re: re.Pattern[str]
    right_cue_re: re.Pattern[str]
    right_speech_re: re.Pattern[str]
    demonstrative_re: re.Pattern[str]
    counted_re: re.Pattern[str]
    breaking_words: frozenset[str]
    particles: frozenset[str]
    pronouns: frozenset[str]


def _load_json(name: str) -> dict[str, object]:
    try:
        raw = (resources.files("vnpolicy") / "data" / name).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as e:
        raise SloganDataError(f"cannot read vnpolicy/data/{name}: {e}; reinstall vnpolicy") from e
    if not isinstance(data, dict):
        raise SloganDataError(f"vnpolicy/data/{name} must hold a JSON object")
    return data


def _string_list(data: dict[str, object], key: str, source: str, *, lower: bool = True) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SloganDataError(f"{source}: {key!r} must be a list of non-empty strings")
    bad = [v for v in value
           if v != unicodedata.normalize("NFC", v.lower() if lower else v).strip() or "  " in v]
    if bad:
        raise SloganDataError(f"{source}: {key!r} entries must be lower-case NFC and stripped: {bad[:3]}")
    return list(value)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    source = "vnpolicy/data/slogan_cues.json"
    data = _load_json("slogan_cues.json")
    lists = {key: _string_list(data, key, source) for key in _LIST_KEYS}
    kind: dict[str, str] = {}
    # Later kinds win a clash, so a phrase listed as both a name and a cue
    # (none today; the consistency test checks it) would read as a cue.
    for key, label in (("speech_verbs", _SPEECH), ("name_heads", _NAME), ("campaign_verbs", _CAMPAIGN),
                       ("shape_cues", _SHAPE), ("weak_cues", _WEAK), ("strong_cues", _STRONG)):
        for phrase in lists[key]:
            kind[phrase] = label
    cue_words = lists["strong_cues"] + lists["weak_cues"] + lists["shape_cues"]
    speech = _phrase_regex(lists["speech_verbs"])
    return _Cues(
        kind=kind,
        trigger_re=re.compile(_phrase_regex(kind)),
        first_person_re=re.compile(_phrase_regex(lists["first_person"])),
        event_start_re=re.compile(r"^" + _phrase_regex(lists["event_starts"])),
        right_cue_re=re.compile(
            r"^\s*" + _phrase_regex(lists["copulas"]) + r"\s+(?:\w+\s+){0,2}?(" + _phrase_regex(cue_words) + ")"
        ),
        # ``”, ông Nguyễn Văn A, Giám đốc Sở, cho biết``: a reporting clause
        # after the quotation marks it as speech.
        right_speech_re=re.compile(
            r"^\s*(?:,|\.?\s*[-–—]|\()\s*(?:[^\s.;!?“”\"]+\s+){0,10}?" + speech
        ),
        demonstrative_re=re.compile(r"^\s*" + _phrase_regex(lists["demonstratives"])),
        counted_re=re.compile(
            r"^(?:\d+|" + "|".join(lists["number_words"]) + r")\s+(?:" + "|".join(lists["counted_words"]) + r")(?!\w)"
        ),
        breaking_words=frozenset(lists["breaking_words"]),
        particles=frozenset(lists["particles"]),
        pronouns=frozenset(lists["pronouns"]),
    )


# --------------------------------------------------------------------------- lexicon

_NON_WORD: Final = re.compile(r"[^\w]+")
_YEAR_TAIL: Final = re.compile(r"(?:\s+(?:năm|lần thứ|mùa))?\s+(?:(?:19|20)\d\d|\d{1,2}|[ivx]+)$")
# For lookup only, any dash, comma or semicolon separates parts: variant forms
# write ``dân biết-dân bàn`` as often as ``dân biết - dân bàn``.
_LOOKUP_SEPARATOR: Final = re.compile(r"\s*[,;–—-]\s*|\s+và\s+|\s+hoặc\s+")
_MAX_PREFIX_EXTRA: Final = 4
_UNQUOTED_MODES: Final = ("always", "cue", "never")
_MAX_LOOKUP_CHARS: Final = 300
_MAX_LOOKUP_PARTS: Final = 12


def _key(phrase: str) -> str:
    """A motto's lookup key: case-folded words, no punctuation, no trailing year or edition.

    Example:
        >>> _key("Tết trồng cây, năm 2017!")
        'tết trồng cây'
    """
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFC", phrase).casefold()).strip()
    if words[-1:].isdigit() or words[-1:] in ("i", "v", "x"):
        words = _YEAR_TAIL.sub("", words)
    return words


@dataclass(frozen=True, slots=True)
class _Entry:
    """One motto of the lexicon."""

    id: str
    forms: tuple[str, ...]
    parts: frozenset[str]
    heads: frozenset[str]
    anchors: frozenset[str]
    min_parts: int
    unquoted: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    by_form: dict[str, _Entry]
    by_part: dict[str, tuple[_Entry, ...]]
    by_headless: dict[str, tuple[_Entry, ...]]
    scan_re: re.Pattern[str] | None
    scan_form: dict[str, _Entry]
    scan_part: dict[str, tuple[_Entry, ...]]


def _common_heads(parts: Iterable[str]) -> frozenset[str]:
    """First words shared by two or more parts: ``dân`` of ``dân biết, dân bàn``."""
    seen: dict[str, int] = {}
    for p in parts:
        head = p.split(" ", 1)[0]
        if " " in p:
            seen[head] = seen.get(head, 0) + 1
    return frozenset(h for h, n in seen.items() if n >= 2)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    source = "vnpolicy/data/slogans.json"
    data = _load_json("slogans.json")
    raw_entries = data.get("slogans")
    if not isinstance(raw_entries, list):
        raise SloganDataError(f"{source}: 'slogans' must be a list")
    entries: list[_Entry] = []
    seen_ids: set[str] = set()
    for raw in raw_entries:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise SloganDataError(f"{source}: every slogan needs a string 'id': {raw!r}")
        sid = raw["id"]
        if not re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)*", sid) or sid in seen_ids:
            raise SloganDataError(f"{source}: id {sid!r} must be unique snake_case ASCII")
        seen_ids.add(sid)
        where = f"{source} {sid}"
        forms = tuple(_key(f) for f in _string_list(raw, "forms", where, lower=False)) if "forms" in raw else ()
        parts = (frozenset(_key(p) for p in _string_list(raw, "parts", where, lower=False))
                 if "parts" in raw else frozenset())
        anchors = (frozenset(_key(p) for p in _string_list(raw, "anchors", where, lower=False))
                   if "anchors" in raw else parts)
        min_parts = raw.get("min_parts", 2)
        if not isinstance(min_parts, int) or min_parts < 2:
            raise SloganDataError(f"{source} {sid}: 'min_parts' must be an integer >= 2")
        if not forms and len(parts) < min_parts:
            raise SloganDataError(f"{source} {sid}: needs 'forms' or at least min_parts 'parts'")
        if not anchors <= parts:
            raise SloganDataError(f"{source} {sid}: every anchor must be one of the parts")
        unquoted = raw.get("unquoted", "cue")
        if unquoted not in _UNQUOTED_MODES:
            raise SloganDataError(f"{source} {sid}: 'unquoted' must be one of {_UNQUOTED_MODES}")
        entries.append(_Entry(sid, forms, parts, _common_heads(parts), anchors, min_parts, str(unquoted)))
    by_form: dict[str, _Entry] = {}
    by_part: dict[str, list[_Entry]] = {}
    by_headless: dict[str, list[_Entry]] = {}
    for entry in entries:
        for form in entry.forms:
            if by_form.setdefault(form, entry) is not entry:
                raise SloganDataError(f"{source}: form {form!r} belongs to two slogans")
        for part in entry.parts:
            by_part.setdefault(part, []).append(entry)
            for head in entry.heads:
                if part.startswith(head + " "):
                    by_headless.setdefault(part[len(head) + 1:], []).append(entry)
    # The unquoted scan looks for whole forms of four words or more (shorter
    # ones are ordinary phrases: ``tết trồng cây``) and for anchor parts.
    scan_form = {f: e for f, e in by_form.items() if len(f.split()) >= 4 and e.unquoted != "never"}
    scan_part: dict[str, list[_Entry]] = {}
    for entry in entries:
        if entry.unquoted == "never":
            continue
        for anchor in entry.anchors:
            scan_part.setdefault(anchor, []).append(entry)
    phrases = set(scan_form) | set(scan_part)
    return _Lexicon(
        entries=tuple(entries),
        by_form=by_form,
        by_part={k: tuple(v) for k, v in by_part.items()},
        by_headless={k: tuple(v) for k, v in by_headless.items()},
        # Every phrase is looked for after a space: ``re`` then skips to the
        # next space in C instead of trying the trie at every character.
        scan_re=re.compile(" (" + trie_pattern(phrases) + ")") if phrases else None,
        scan_form=scan_form,
        scan_part={k: tuple(v) for k, v in scan_part.items()},
    )


def _part_hits(entry: _Entry, part_keys: Sequence[str]) -> int:
    """How many of ``part_keys`` are parts of ``entry`` (a bare part takes the entry's shared head)."""
    return sum(1 for p in part_keys if _is_part(entry, p))


def _is_part(entry: _Entry, key: str) -> bool:
    if key in entry.parts:
        return True
    # ``dân kiểm tra, giám sát``: the second part drops the head it shares.
    return any(f"{h} {key}" in entry.parts for h in entry.heads)


def _has_anchor(entry: _Entry, part_keys: Sequence[str]) -> bool:
    """Whether one of ``part_keys`` is an anchor of ``entry`` (with or without its shared head)."""
    return any(p in entry.anchors or any(f"{h} {p}" in entry.anchors for h in entry.heads) for p in part_keys)


def canonical_slogan_id(motto: str) -> str | None:
    """The lexicon id of a well-known motto, in any of its variant forms, or ``None``.

    Case, punctuation, a trailing year (``năm 2017``), the order of the parts
    and an added or missing part do not matter.

    Args:
        motto: the slogan text.

    Returns:
        The canonical id of ``data/slogans.json``, or ``None`` for a motto not in it.

    Example:
        >>> canonical_slogan_id("Dân biết, dân bàn, dân làm, dân kiểm tra, giám sát")
        'dan_biet_dan_ban'
        >>> canonical_slogan_id("dân giám sát, dân kiểm tra, dân biết, dân bàn")
        'dan_biet_dan_ban'
        >>> canonical_slogan_id("Tết trồng cây năm 2017")
        'tet_trong_cay'
        >>> canonical_slogan_id("Chúng tôi sẽ cố gắng") is None
        True
    """
    if len(motto) > _MAX_LOOKUP_CHARS:
        return None  # longer than any motto: speech or a document
    return _canonical_id(motto)


@lru_cache(maxsize=4096)
def _canonical_id(motto: str) -> str | None:
    """:func:`canonical_slogan_id` of a motto of at most ``_MAX_LOOKUP_CHARS``, remembered.

    Every quotation is looked up, and a text repeats its quotations (a page of
    one campaign's name, a list of the same scare quote).
    """
    lex = _lexicon()
    key = _key(motto)
    if not key:
        return None
    entry = lex.by_form.get(key)
    if entry is not None:
        return entry.id
    words = key.split()
    # a known form of three words or more followed by a few more words:
    # ``Tết trồng cây xuân Đinh Dậu`` (but not ``ba cùng lúc``)
    for n in range(len(words) - 1, max(2, len(words) - 1 - _MAX_PREFIX_EXTRA), -1):
        entry = lex.by_form.get(" ".join(words[:n]))
        if entry is not None:
            return entry.id
    pieces = _LOOKUP_SEPARATOR.split(motto)
    if len(pieces) < 2:
        return None  # one part: no part of a motto can vouch for it
    part_keys = [k for k in (_key(p) for p in pieces) if k]
    if len(part_keys) < 2 or len(part_keys) > _MAX_LOOKUP_PARTS:
        return None
    best: tuple[int, str] | None = None
    candidates = {e for p in part_keys for e in (*lex.by_part.get(p, ()), *lex.by_headless.get(p, ()))}
    for entry in sorted(candidates, key=lambda e: e.id):
        hits = _part_hits(entry, part_keys)
        # most parts must be the motto's own: a list that merely contains
        # ``dân chủ`` and ``công bằng`` is not ``dân giàu, nước mạnh, ...``
        if (hits >= entry.min_parts and 2 * hits > len(part_keys) and _has_anchor(entry, part_keys)
                and (best is None or hits > best[0])):
            best = (hits, entry.id)
    return best[1] if best else None


# --------------------------------------------------------------------------- judging quotations

# Where a clause starts: after a sentence mark followed by a space or the end
# (``[.!?…](?=\s|$)``), or after ``;``, a line end, a quote mark or a bracket.
# The pattern reads the window backwards: a sentence mark before a space (or
# at the end) is, in the reversed text, one after a space (or at the start).
_BOUNDARY_REVERSED_RE: Final = re.compile(r"[;\n\"“”„‟«»‘’‹›()]|(?:^|(?<=\s))[.!?…]")
_WORD_RE: Final = re.compile(r"\w+")
_SENTENCE_BREAK_RE: Final = re.compile(r"[.!?…]\s+\w")
_LIST_SEPARATOR_RE: Final = re.compile(r"\s*(?:[,;/]|[-–—])?\s*(?:(?:và|hoặc|hay|cùng|,)\s*)?")
_LEFT_REACH: Final = 160
_RIGHT_REACH: Final = 120
# Longest a motto may be, in words: the longest real ones (``thông điệp``
# sentences) run to some 35 words; longer quotations are speech or documents.
_MAX_WORDS_STRONG: Final = 45
_MAX_WORDS_WEAK: Final = 20
# after a weak cue, four syllables or fewer are mostly a term in scare quotes
# (``mục tiêu “hỗ trợ kĩ thuật”``)
_MIN_WORDS_WEAK: Final = 5
# A cue several words away, linked by a colon, may introduce a first-person
# motto (``thông điệp ... này: “Chúng tôi rửa tay vì bạn, ...”``) but a
# first-person quotation longer than a motto (few pass 15 syllables) there is
# someone's statement.
_MAX_WORDS_COLON_TALK: Final = 15
_MAX_WORDS_CAMPAIGN: Final = 15
_MAX_PART_WORDS: Final = 6
# What links a cue to a quotation a few words away: ``là``, ``mang tên``,
# ``với tên gọi``, ``các khẩu hiệu như``.
_LINK_WORDS: Final = frozenset({"là", "tên", "gọi", "như", "sau"})

# Gap limits, in words, between a governing word and the quotation: (plain,
# ending with a colon). ``chủ đề của hội nghị năm nay là “...”`` is 5 words;
# ``thông điệp mà ... muốn nhắn gửi ... này: “...”`` runs longer but ends in a colon.
_GAP: Final = {
    _STRONG: (6, 20),
    _WEAK: (3, 3),
    _SHAPE: (3, 3),
    _CAMPAIGN: (3, 3),
    _NAME: (4, 4),
    _SPEECH: (2, 10),
}


@dataclass(frozen=True, slots=True)
class _Governor:
    kind: str
    phrase: str
    gap: int


def _linked(kind: str, gap_text: str) -> bool:
    """Whether a governing word of ``kind`` still governs across the words ``gap_text`` before the quotation.

    A cue noun governs when it stands next to the quotation (``phương châm
    hành động “...”``) or is linked to it by a copula or a colon (``chủ đề của
    hội nghị năm nay là “...”``); a verb between them (``chiến dịch nhằm “...”``)
    starts another predicate, and a comma another phrase.

    Example:
        >>> _linked("strong", " hành động "), _linked("strong", " bí mật nhằm ")
        (True, False)
    """
    words = _WORD_RE.findall(gap_text)
    n = len(words)
    colon = gap_text.rstrip().endswith(":")
    plain, with_colon = _GAP[kind]
    if kind == _SPEECH:
        return n <= plain or ((colon or "rằng" in words) and n <= with_colon)
    if "," in gap_text:
        return False
    if kind in (_NAME, _CAMPAIGN):
        return n <= plain
    if n <= 2 and not _cues().breaking_words.intersection(words):
        return True
    linked = colon or (bool(words) and words[-1] in _LINK_WORDS)
    return linked and n <= (with_colon if colon else plain)


def _governor(window: str) -> _Governor | None:
    """The word that governs a quotation, from the lower-cased clause before it.

    The nearest cue, name or speech verb that is linked to the quotation
    governs it, except that a cue further left takes over a campaign verb or
    a name it governs itself: ``phong trào thi đua “...”``, ``chủ đề của cuộc
    thi là “...”``.
    """
    cues = _cues()
    chosen: _Governor | None = None
    for m in reversed(list(cues.trigger_re.finditer(window))):
        phrase = " ".join(m.group().split())
        kind = cues.kind.get(phrase)
        if kind is None or not _linked(kind, window[m.end():]):
            continue
        if chosen is not None:
            if kind in _CUE_KINDS:
                return _Governor(kind, phrase, len(_WORD_RE.findall(window[m.end():])))
            continue
        chosen = _Governor(kind, phrase, len(_WORD_RE.findall(window[m.end():])))
        if kind not in (_NAME, _CAMPAIGN):
            return chosen
    return chosen


def _clause_before(lower: str, start: int, line_start: int) -> str:
    """The lower-cased clause before ``start``, after the last sentence end or other quotation."""
    # a doubled opening mark (``phương châm ““...””``) is not a boundary
    while start > line_start and (lower[start - 1] in _QUOTE_SET or lower[start - 1] == " "):
        start -= 1
        if start - 1 >= line_start and lower[start - 1] not in _QUOTE_SET and lower[start - 1] != " ":
            break
    window = lower[max(line_start, start - _LEFT_REACH):start]
    # the last boundary is the first one of the reversed window: one search
    # instead of a match object for every boundary (a line of short quotations
    # has dozens in each window)
    m = _BOUNDARY_REVERSED_RE.search(window[::-1])
    return window[len(window) - m.start():] if m else window


def _clause_after(lower: str, end: int, line_end: int) -> str:
    window = lower[end:min(line_end, end + _RIGHT_REACH)]
    m = _QUOTE_RE.search(window)
    return window[: m.start()] if m else window


def _is_parallel(parts: Sequence[str]) -> bool:
    """Whether parts read as a motto's parallel members rather than a sentence or a list of names.

    Example:
        >>> _is_parallel(("dân biết", "dân bàn", "dân làm"))
        True
        >>> _is_parallel(("Thôi không sao", "bỏ đi em"))
        False
    """
    if len(parts) < 2:
        return False
    words = [p.split() for p in parts]
    sizes = [len(w) for w in words]
    if max(sizes) > _MAX_PART_WORDS or min(sizes) == 0:
        return False
    if all(w[0][:1].isupper() for ws in words for w in ws if w[0].isalpha()):
        return False  # every word capitalised: a list of names
    if any(w.isdigit() for ws in words for w in ws):
        return False
    lowered = [[w.lower() for w in ws] for ws in words]
    firsts = [ws[0] for ws in lowered]
    lasts = [ws[-1] for ws in lowered]
    repeated = len(set(firsts)) < len(firsts) or len(set(lasts)) < len(lasts)
    if len(parts) == 2:
        shared = set(lowered[0]) & set(lowered[1])
        return repeated or (bool(shared) and max(sizes) <= 5)
    return repeated or max(sizes) <= 3


def _is_motto_shaped(parts: Sequence[str]) -> bool:
    """The stricter shape asked of what a shape-only cue governs.

    ``quan điểm``, ``châm ngôn`` and the like govern proverbs and opinions,
    which are often two parallel halves (``Ở bầu thì tròn, ở ống thì dài``):
    only three or more parts that all share a word (``của dân, do dân, vì
    dân``) or two halves that mirror each other (``Hà Nội vì cả nước, cả nước
    vì Hà Nội``) read as a motto.

    Example:
        >>> _is_motto_shaped(("của dân", "do dân", "vì dân"))
        True
        >>> _is_motto_shaped(("Ở bầu thì tròn", "ở ống thì dài"))
        False
    """
    if not _is_parallel(parts):
        return False
    lowered = [p.lower().split() for p in parts]
    if len(lowered) >= 3:
        return bool(set(lowered[0]).intersection(*lowered[1:]))
    return sorted(lowered[0]) == sorted(lowered[1]) and len(lowered[0]) >= 3


@dataclass(frozen=True, slots=True)
class _Verdict:
    cue: str | None


def _talk_like(cues: _Cues, content: str, lowered: str) -> bool:
    """Whether a quotation reads as someone's words: first person, a sentence break, a final particle or ``?``."""
    words = _WORD_RE.findall(lowered)
    return (cues.first_person_re.search(lowered) is not None
            or _SENTENCE_BREAK_RE.search(content) is not None
            or content.rstrip().endswith(("?", "...", "…"))
            or (bool(words) and (words[-1] in cues.particles or words[0] in cues.pronouns)))


_LETTER_LIKE: Final = re.compile(r"[^\W\d_]")


def _has_letter(content: str) -> bool:
    """``any(c.isalpha() for c in content)``, with one search in most cases.

    ``[^\\W\\d_]`` takes every letter and a few other characters (``²``, ``½``):
    only when it finds one of those is each character looked at.
    """
    m = _LETTER_LIKE.search(content)
    if m is None:
        return False
    return m.group().isalpha() or any(c.isalpha() for c in content)


def _judge(text: str, lower: str, q: _Quotation, line_start: int, line_end: int,
           lexicon_id: str | None) -> _Verdict | None:
    """Whether a quotation is a slogan, and its cue; ``None`` when it is not one."""
    cues = _cues()
    content = text[q.start:q.end]
    if not _has_letter(content):
        return None
    if content[:1] in _QUOTE_SET or content[-1:] in _QUOTE_SET:
        return None  # doubled marks: the inner quotation is the one to judge
    before = _clause_before(lower, q.open_start, line_start)
    after = _clause_after(lower, q.close_end, line_end)
    governor = _governor(before)
    right_cue = cues.right_cue_re.match(after)
    if governor is None and right_cue is None and lexicon_id is None:
        # no cue, no governing word, not a known motto: every rule below says no,
        # so most quotations (speech, names, scare quotes) stop here
        return None
    n_words = len(content.split())
    lowered = lower[q.start:q.end]
    counted = n_words <= 4 and cues.counted_re.match(lowered) is not None
    known = lexicon_id is not None

    if governor is not None and governor.kind == _NAME and right_cue is None:
        return None
    if governor is not None and governor.kind == _SPEECH and not known:
        return None
    adjacent_cue = governor is not None and governor.kind == _STRONG and governor.gap <= 2
    if not adjacent_cue and not known and cues.right_speech_re.match(after):
        return None
    kind = governor.kind if governor is not None else None
    cue = governor.phrase if governor is not None and kind in _CUE_KINDS else None
    if right_cue is not None and kind not in _CUE_KINDS:
        cue = " ".join(right_cue.group(1).split())
        kind = cues.kind[cue]
    if known:
        return _Verdict(cue)
    parts = split_parts(content)
    if not q.closed:
        # a missing closing mark: only a cue and the shape of a motto vouch for where it ends
        return _Verdict(cue) if kind in _CUE_KINDS and _is_parallel(parts) else None
    if kind == _STRONG:
        # a motto is one sentence; two or more are a statement quoted as a
        # ``thông điệp`` (``“Việt Nam mong muốn ... Hoa Kỳ. Thành công ...”``)
        if n_words > _MAX_WORDS_STRONG or _SENTENCE_BREAK_RE.search(content):
            return None
        if (governor is not None and governor.gap > 2 and n_words > _MAX_WORDS_COLON_TALK
                and cues.first_person_re.search(lowered) and not _is_parallel(parts)):
            return None  # ``thông điệp của ông ... theo cách sau: “Chúng tôi sẽ ...”``: a long quote of someone
        if n_words == 1 and not (content[:1].isupper() or counted):
            return None  # ``chủ đề “hót”``: a word in scare quotes
        return _Verdict(cue)
    talk = _talk_like(cues, content, lowered)
    if kind == _SHAPE:
        return _Verdict(cue) if counted or (_is_motto_shaped(parts) and not talk) else None
    if kind == _WEAK:
        if (_is_parallel(parts) and not talk) or counted:
            return _Verdict(cue)
        plain = _MIN_WORDS_WEAK <= n_words <= _MAX_WORDS_WEAK and governor is not None and governor.gap <= 1
        if plain and not talk and not cues.demonstrative_re.match(after):
            return _Verdict(cue)
        return None
    if kind == _CAMPAIGN:
        # a campaign's name is capitalised: ``phát động “Tết trồng cây”``, not
        # ``phát động một “trận đánh lớn”``
        if (2 <= n_words <= _MAX_WORDS_CAMPAIGN and content[:1].isupper() and not talk
                and not cues.event_start_re.match(lowered)):
            return _Verdict(None)
        return None
    # With no cue at all, shape is not enough: parallel parts in quotes are as
    # often an idiom (``dở khóc, dở cười``), a process (``chặn xe - kiểm sổ -
    # trả lại``) or talk as a motto; only the lexicon vouches for them.
    return None


# --------------------------------------------------------------------------- unquoted mottos

_CLAUSE_EDGE: Final = re.compile(r"[.;:!?\n()\[\]\"“”„‟«»‘’‹›]")
_SCAN_PART_SEPARATOR: Final = re.compile(r"\s*,\s*|\s+[-–—]\s+|\s+và\s+")
_CLAUSE_REACH: Final = 200
_SEPARATOR_AFTER: Final = re.compile(r"\s*,|\s+[-–—]\s|\s+và\s")
_SEPARATOR_BEFORE: Final = re.compile(r"(?:,|\s[-–—]|\svà)\s*$")


def _unquoted(text: str, lower: str, quoted: SpanSet) -> list[Slogan]:
    """Well-known mottos written without quote marks, found through the lexicon."""
    lex = _lexicon()
    if lex.scan_re is None:
        return []
    out: dict[tuple[int, int], Slogan] = {}
    covered = 0
    # a line break counts as the space before a motto; the leading space
    # lets a motto open the text
    scanned = " " + lower.replace("\n", " ")
    for m in lex.scan_re.finditer(scanned):
        a, b = m.start(1) - 1, m.end(1) - 1
        if a < covered:
            continue  # a part of the list just found: one run per list keeps this linear
        if (b < len(lower) and lower[b].isalnum()) or quoted.overlaps(a, b):
            continue
        found = m.group(1)
        if found in lex.scan_form:
            span: tuple[int, int] | None = (a, b)
            entry: _Entry | None = lex.scan_form[found]
        elif _SEPARATOR_AFTER.match(lower, b) or _SEPARATOR_BEFORE.search(lower, max(0, a - 5), a):
            # a part of a list touches a separator on at least one side
            span, entry = _expand_list(lower, a, b, lex.scan_part.get(found, ()))
        else:
            continue
        if span is None or entry is None or quoted.overlaps(*span):
            continue
        covered = span[1]
        line_start = lower.rfind("\n", max(0, span[0] - _LEFT_REACH), span[0]) + 1
        governor = _governor(_clause_before(lower, span[0], line_start))
        # right after the cue: ``cuộc vận động Người Việt Nam ...``, not
        # ``theo tinh thần của Chính phủ kiến tạo``
        # two tests, not ``in (*_CUE_KINDS, _CAMPAIGN)``: mypyc cannot compile a starred tuple after ``in``
        cued = (governor is not None and (governor.kind in _CUE_KINDS or governor.kind == _CAMPAIGN)
                and governor.gap == 0)
        if entry.unquoted == "cue" and not cued:
            continue
        cue = governor.phrase if cued and governor is not None and governor.kind in _CUE_KINDS else None
        motto = text[span[0]:span[1]]
        out[span] = Slogan(start=span[0], end=span[1], text=motto, cue=cue,
                           parts=split_parts(motto), canonical_id=entry.id)
    return list(out.values())


def _expand_list(lower: str, a: int, b: int, entries: Sequence[_Entry]) -> tuple[tuple[int, int] | None, _Entry | None]:
    """The run of parts of one motto around a found part, as a span, with the motto's id."""
    left = max(0, a - _CLAUSE_REACH)
    for m in _CLAUSE_EDGE.finditer(lower, left, a):
        left = m.end()
    edge = _CLAUSE_EDGE.search(lower, b, b + _CLAUSE_REACH)
    right = edge.start() if edge else min(len(lower), b + _CLAUSE_REACH)
    pieces: list[tuple[int, int]] = []
    pos = left
    for sep in _SCAN_PART_SEPARATOR.finditer(lower, left, right):
        pieces.append(_trimmed(lower, pos, sep.start()))
        pos = sep.end()
    pieces.append(_trimmed(lower, pos, right))
    here = next((i for i, (s, e) in enumerate(pieces) if s <= a and b <= e), None)
    if here is None:
        return None, None
    best: tuple[int, tuple[int, int], _Entry] | None = None
    for entry in entries:
        run = _run_of_parts(lower, pieces, here, entry)
        if run is not None and run[0] >= entry.min_parts and (best is None or run[0] > best[0]):
            best = (run[0], run[1], entry)
    return (best[1], best[2]) if best else (None, None)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _part_variants(entry: _Entry) -> list[str]:
    """The entry's parts, with and without their shared head, longest first."""
    variants = set(entry.parts)
    for part in entry.parts:
        variants.update(part[len(h) + 1:] for h in entry.heads if part.startswith(h + " "))
    return sorted(variants, key=len, reverse=True)


def _run_of_parts(lower: str, pieces: Sequence[tuple[int, int]], here: int, entry: _Entry
                  ) -> tuple[int, tuple[int, int]] | None:
    """Extend from piece ``here`` over neighbouring pieces that are parts of ``entry``.

    Inner pieces must be parts exactly; the first may carry words before its
    part (``thực hiện phương châm dân biết``) and the last words after it
    (``dân kiểm tra trong công tác``); those words are left out of the span.
    Returns the number of parts and the span.
    """
    variants = _part_variants(entry)

    def exact(i: int) -> bool:
        s, e = pieces[i]
        return _is_part(entry, _key(lower[s:e]))

    def tail_start(i: int) -> int | None:
        s, e = pieces[i]
        piece = lower[s:e]
        for v in variants:
            if piece.endswith(v) and len(piece) > len(v) and not piece[-len(v) - 1].isalnum():
                return e - len(v)
        return None

    def head_end(i: int) -> int | None:
        s, e = pieces[i]
        piece = lower[s:e]
        for v in variants:
            if piece.startswith(v) and len(piece) > len(v) and not piece[len(v)].isalnum():
                return s + len(v)
        return None

    if exact(here):
        first = last = here
        start_cut: int | None = None
        end_cut: int | None = None
    elif (cut := tail_start(here)) is not None:
        first = last = here
        start_cut, end_cut = cut, None
    elif (cut := head_end(here)) is not None:
        first = last = here
        start_cut, end_cut = None, cut
    else:
        return None
    if start_cut is None:
        while first > 0 and exact(first - 1):
            first -= 1
        if first > 0 and (cut := tail_start(first - 1)) is not None:
            first -= 1
            start_cut = cut
    if end_cut is None:
        while last + 1 < len(pieces) and exact(last + 1):
            last += 1
        if last + 1 < len(pieces) and (cut := head_end(last + 1)) is not None:
            last += 1
            end_cut = cut
    span = (pieces[first][0] if start_cut is None else start_cut,
            pieces[last][1] if end_cut is None else end_cut)
    return last - first + 1, span


# --------------------------------------------------------------------------- the verb

def _lower(text: str) -> str:
    """Lower-cased text with the same length, so offsets carry over."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_slogans(text: str) -> list[Slogan]:
    """Every slogan in ``text``: quoted mottos and well-known unquoted ones.

    Args:
        text: normalised text (NFC, plain spaces), as :func:`vnpolicy.text.normalise` gives.

    Returns:
        Slogans sorted by position; each ``text`` equals ``text[start:end]``,
        ``cue`` is the lower-case cue word or ``None``, ``parts`` follows the
        guideline and ``canonical_id`` names a motto of the lexicon.

    Example:
        >>> t = ("Thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra”, "
        ...      "ông Nguyễn Văn A nói: “Chúng tôi sẽ cố gắng”.")
        >>> [(s.text, s.cue, s.canonical_id) for s in find_slogans(t)]
        [('dân biết, dân bàn, dân làm, dân kiểm tra', 'phương châm', 'dan_biet_dan_ban')]
        >>> [s.parts for s in find_slogans('Hưởng ứng "Tết trồng cây đời đời nhớ ơn Bác Hồ".')]
        [('Tết trồng cây đời đời nhớ ơn Bác Hồ',)]
    """
    has_quote = _QUOTE_RE.search(text) is not None
    lower = _lower(text)
    out: list[Slogan] = []
    quoted_spans: list[tuple[int, int]] = []
    if has_quote:
        previous: tuple[_Quotation, _Verdict] | None = None
        for q in _pair_quotes(text):
            quoted_spans.append((q.open_start, q.close_end))
            # only the clause around a quotation is read: bounded look-ups keep
            # a megabyte-long line linear
            line_start = text.rfind("\n", max(0, q.open_start - _LEFT_REACH), q.open_start) + 1
            line_end = text.find("\n", q.close_end, q.close_end + _RIGHT_REACH)
            line_end = min(len(text), q.close_end + _RIGHT_REACH) if line_end < 0 else line_end
            content = text[q.start:q.end]
            lexicon_id = canonical_slogan_id(content)
            verdict = None
            if previous is not None and _continues_list(text, previous[0], q):
                verdict = previous[1] if len(content.split()) <= _MAX_WORDS_STRONG else None
            if verdict is None:
                verdict = _judge(text, lower, q, line_start, line_end, lexicon_id)
            if verdict is None:
                previous = None
                continue
            previous = (q, verdict)
            out.append(Slogan(start=q.start, end=q.end, text=content, cue=verdict.cue,
                              parts=split_parts(content), canonical_id=lexicon_id))
    out.extend(_unquoted(text, lower, SpanSet(quoted_spans)))
    out.sort(key=lambda s: (s.start, s.end))
    return _drop_overlaps(out)


def _continues_list(text: str, prev: _Quotation, q: _Quotation) -> bool:
    """Whether ``q`` follows ``prev`` in a list of quotations: ``phương châm “A”, “B” và “C”``."""
    if not prev.closed or q.open_start < prev.close_end:
        return False
    m = _LIST_SEPARATOR_RE.fullmatch(text, prev.close_end, q.open_start)
    return m is not None


def _drop_overlaps(slogans: list[Slogan]) -> list[Slogan]:
    """Keep, of overlapping slogans, the one that starts first (the longer at a tie)."""
    kept: list[Slogan] = []
    for s in slogans:
        if kept and s.start < kept[-1].end:
            if s.end - s.start > kept[-1].end - kept[-1].start and s.start == kept[-1].start:
                kept[-1] = s
            continue
        kept.append(s)
    return kept

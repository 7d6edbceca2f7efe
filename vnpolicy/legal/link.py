"""Link each reference to its issue date, issuer and title, resolve short forms, check consistency.

Vietnamese writes what it says about a document around the reference, in the
same sentence, in a small number of orders:

* after it: ``Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính
  phủ về ...``, ``Nghị định 89/1999/NĐ-CP của Chính phủ về BHTG ngày
  1-9-1999``, ``Nghị định 56/2017/NĐ-CP Quy định chi tiết ... (ngày 9/5/2017)``;
* before it, as the subject of an issuing verb: ``Ngày 11.4.2017, Phó Chánh
  thanh tra Sở Xây dựng Mai Thanh Tùng đã ký ban hành Quyết định số ...``,
  ``Bộ Chính trị ban hành Nghị quyết ...``;
* as the main clause after a fronted reference: ``Tại Nghị định 109/2005/NĐ-CP
  ..., Chính phủ đã nâng ...``.

The forward reading walks these pieces in any order (a date, ``của`` +
issuer, a title, fillers such as ``ban hành``), each at most once, and stops at
anything else; a date after ``từ`` or ``có hiệu lực`` is an effective date and
is skipped, never taken as the issue date.

Example:
    >>> from vnpolicy.legal.find import find_legal_refs
    >>> text = "Theo Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ về hỗ trợ nhà ở."
    >>> refs = find_legal_refs(text)
    >>> at = text.index("ngày")
    >>> d = DateMention(start=at, end=at + 14, text="ngày 26/4/2013", value="2013-04-26", grain="day")
    >>> r = link_legal_refs(text, refs, [d], [])[0]
    >>> r.issued, r.issuer, r.subject
    ('2013-04-26', 'Thủ tướng Chính phủ', 'hỗ trợ nhà ở')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Final

from ..records import DateMention, LegalRef
from .kb import knowledge_base
from .lexicon import lexicon
from .patterns import UPPER, type_words
from .symbols import type_mismatch

# A sentence ends at a line end, or at . ! ? … followed by a space and a capital,
# a digit or an opening quote. Dots inside tokens (TP.HCM, 11.4.2017, PGS.TS) and
# before a lower-case word ("Nguyễn Văn A. cho biết") do not end one.
# A match starts only at the first mark of a run: otherwise a long run of dots
# that is not followed by a capital is retried from every position (quadratic).
_SENTENCE_END: Final = re.compile(rf"\n|(?<![.!?…])[.!?…]+[\"”’)]*(?= +[\"“‘(]?[{UPPER}0-9])")
_ISO_DAY: Final = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")
_SPACE: Final = re.compile(r"[ ,]*")
_PAREN_OPEN: Final = re.compile(r" *\( *")
_PAREN_CLOSE: Final = re.compile(r" *\)")
_WORD_AT: Final = re.compile(r"[^\W\d_][\w&.\-]*")
_CLOSING_MARK: Final = ", có hiệu lực"
_CLOSING: Final = re.compile(r" của ([^()]{2,120}?), có hiệu lực")
# the farthest a date may end before ``, có hiệu lực`` for _CLOSING to join them:
# `` của `` (5) and at most 120 characters of issuer
_CLOSING_REACH: Final = 5 + 120
_NAME_WORD: Final = re.compile(rf"[{UPPER}][^\W\d_]*(?: |$)")


@dataclass(frozen=True, slots=True)
class _Context:
    """What the linker knows about the passage."""

    text: str
    refs: Sequence[LegalRef]
    starts: list[int]
    dates: list[DateMention]
    date_starts: list[int]
    any_dates: list[DateMention]
    any_starts: list[int]
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    date_end_max: list[int]
    """``date_end_max[k]``: the latest end of ``dates[0..k]``, to stop a backward walk early."""
    closings: list[int]
    """Offsets of every ``, có hiệu lực`` in the text, found once instead of once per reference."""
    comma_spaces: list[int]
    """Offsets of every ``, `` in the text, likewise."""


@dataclass
class _Found:
    issued: str | None = None
    issued_at: int = -1
    issuer: str | None = None
    subject: str | None = None
    subject_span: tuple[int, int] = (0, 0)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans: line ends and sentence punctuation before a capital.

    Example:
        >>> s = "Ngày 11.4.2017, ông A. ký Quyết định số 262/QĐ-XPVPHC. Tiếp đó, TP.HCM họp."
        >>> [s[a:b] for a, b in sentence_bounds(s)]
        ['Ngày 11.4.2017, ông A. ký Quyết định số 262/QĐ-XPVPHC.', 'Tiếp đó, TP.HCM họp.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def link_legal_refs(text: str, refs: Sequence[LegalRef], dates: Sequence[DateMention],
                    sentences: Sequence[tuple[int, int]], *, published: dt.date | None = None) -> list[LegalRef]:
    """Fill ``issued``, ``issuer``, ``subject``, ``refers_to`` and ``warnings`` of ``refs``.

    Args:
        text: the normalised text the references were found in.
        refs: references from :func:`find_legal_refs`.
        dates: date mentions of the same text; only day-grain dates can be
            issue dates (``value`` ``2013-04-26`` or ``XXXX-05-03``).
        sentences: sentence spans, or empty to let this function find them.
        published: the publication date; an issue date after it is flagged.

    Returns:
        New references (the inputs are frozen), in the same order.
    """
    if not refs:
        return []
    ordered = sorted(refs, key=lambda r: (r.start, r.end))
    day_dates = sorted((d for d in dates if d.value and _ISO_DAY.match(d.value)), key=lambda d: d.start)
    spans = sorted(sentences) if sentences else sentence_bounds(text)
    any_dates = sorted(dates, key=lambda d: d.start)
    ctx = _Context(text, ordered, [r.start for r in ordered], day_dates, [d.start for d in day_dates],
                   any_dates, [d.start for d in any_dates], spans, [s for s, _ in spans],
                   list(accumulate((d.end for d in day_dates), max)),
                   _occurrences(text, _CLOSING_MARK), _occurrences(text, ", "))
    found: list[_Found] = []
    title_until = 0  # end of the titles read so far: a reference before it is cited inside one
    for i in range(len(ordered)):
        f = _forward(ctx, i, nested=ordered[i].start < title_until)
        title_until = max(title_until, f.subject_span[1])
        found.append(f)
    for i, ref in enumerate(ordered):
        f = found[i]
        if f.issuer is None:
            f.issuer = _issuer_before(ctx, ref) or _issuer_after_fronted(ctx, i) or _issuer_do(ctx, i)
        if f.issued is None:
            f.issued = _issued_before(ctx, i)
        if f.subject is None and ref.number is not None:
            f.subject = _gap_subject(text, ref)
    # Every field is worked out first and each reference is rebuilt at most once
    # (not at all when nothing was linked): rebuilding this frozen record is
    # what costs most on a page of references.
    issued = _share_years(ordered, [_complete_year(f.issued, ref) for ref, f in zip(ordered, found, strict=True)])
    refers_to = _resolve(ordered)
    out: list[LegalRef] = []
    for ref, f, when, target in zip(ordered, found, issued, refers_to, strict=True):
        warnings = _warnings(ref, when, published)
        if (when, f.issuer, f.subject, target, warnings) == (ref.issued, ref.issuer, ref.subject, None, ref.warnings):
            out.append(ref)
        else:
            out.append(dataclasses.replace(ref, issued=when, issuer=f.issuer, subject=f.subject,
                                           refers_to=ref.refers_to if target is None else target,
                                           warnings=warnings))
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts in ``text``, in order.

    The linker asks "the first ``needle`` after this reference" once per
    reference; a ``str.find`` each time would rescan a long sentence for every
    reference in it (quadratic on a megabyte-long line), a bisection in this
    list does not.
    """
    out: list[int] = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _first_at_or_after(offsets: list[int], pos: int, limit: int, size: int) -> int:
    """``text.find(needle, pos, limit)`` answered from the needle's :func:`_occurrences` (``size`` its length)."""
    j = bisect_left(offsets, pos)
    return offsets[j] if j < len(offsets) and offsets[j] + size <= limit else -1


def _trailing_spaces(text: str, end: int) -> int:
    """How many whitespace characters end ``text[:end]`` (without copying that prefix)."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return end - k


# ---- the sentence around a position ------------------------------------------------------------

def _sentence(ctx: _Context, pos: int) -> tuple[int, int]:
    i = bisect_right(ctx.sentence_starts, pos) - 1
    if i >= 0 and ctx.sentences[i][0] <= pos < max(ctx.sentences[i][1], ctx.sentences[i][0] + 1):
        return ctx.sentences[i]
    return (pos, pos)


def _date_at(ctx: _Context, pos: int, *, any_grain: bool = False) -> DateMention | None:
    """The day date (or any date) that starts at ``pos`` (or at ``pos`` after ``ngày``)."""
    dates, starts = (ctx.any_dates, ctx.any_starts) if any_grain else (ctx.dates, ctx.date_starts)
    i = bisect_right(starts, pos) - 1
    for j in (i, i + 1):
        if 0 <= j < len(dates):
            d = dates[j]
            if d.start == pos or (d.start > pos and _only_ngay_between(ctx.text, pos, d.start)):
                return d
    return None


_SPACES: Final = re.compile(r"\s*")


def _only_ngay_between(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end].strip().casefold()`` is ``ngày`` or empty, without copying a long gap.

    The next date may stand far away: slicing up to it for every position
    asked would make the linker quadratic on a long line.
    """
    start = _SPACES.match(text, start, end).end()  # type: ignore[union-attr]
    if start == end:
        return True
    # a casefold never shortens a string, so ``ngày`` is at most four characters
    # followed by nothing but spaces
    if _SPACES.fullmatch(text, min(end, start + 4), end) is None:
        return False
    return text[start:min(end, start + 4)].rstrip().casefold() == "ngày"


def _ref_at(ctx: _Context, pos: int) -> LegalRef | None:
    i = bisect_right(ctx.starts, pos) - 1
    if 0 <= i < len(ctx.refs) and ctx.refs[i].start == pos:
        return ctx.refs[i]
    return None


def _phrase_at(text: str, pos: int, phrases: Sequence[str]) -> str | None:
    """The first phrase (longest first) written at ``pos`` as whole words, any case of its first letter."""
    if not 0 <= pos < len(text):
        return None  # no phrase is empty
    # Only the phrases whose first letter matches (in any case) are tried: the
    # linker asks this at every word of a title, with lists of dozens of phrases.
    for p in _by_first_letter(phrases).get(text[pos].casefold(), ()):
        end = pos + len(p)
        if text.startswith(p[1:], pos + 1) and (end >= len(text) or not text[end].isalnum()):
            return text[pos:end]
    return None


_FIRST_LETTER_INDEX: dict[int, tuple[Sequence[str], dict[str, tuple[str, ...]]]] = {}


def _by_first_letter(phrases: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """``phrases`` filed by their casefolded first letter, each file in the list's order.

    The lists are the lexicon's (built once) and literal tuples of this module,
    so they are remembered by identity; the entry keeps the list alive, so its
    id cannot be reused by another list.
    """
    entry = _FIRST_LETTER_INDEX.get(id(phrases))
    if entry is not None and entry[0] is phrases:
        return entry[1]
    index: dict[str, list[str]] = {}
    for p in phrases:
        index.setdefault(p[0].casefold(), []).append(p)
    filed = {k: tuple(v) for k, v in index.items()}
    if len(_FIRST_LETTER_INDEX) >= 64:
        _FIRST_LETTER_INDEX.clear()  # only a caller passing fresh lists gets here: stay bounded
    _FIRST_LETTER_INDEX[id(phrases)] = (phrases, filed)
    return filed


# ---- after the reference: date, issuer, title in any order ----------------------------------------

def _forward(ctx: _Context, i: int, *, nested: bool) -> _Found:
    """Read the pieces that follow reference ``i`` in its sentence.

    A reference inside another one's title (``Nghị định ... thi hành Luật tín
    ngưỡng, tôn giáo ban hành ngày 30/12/2017``) takes only a date written right
    after it: what follows the title belongs to the outer document.
    """
    lex = lexicon()
    text = ctx.text
    ref = ctx.refs[i]
    _, sent_end = _sentence(ctx, ref.start)
    found = _Found()
    pos = ref.end
    # a law or a treaty is known by its name: what may follow it is its date and issuer, not a title
    named = ref.number is None
    laws = named and ref.doc_type not in ("Hiệp định", "Hiệp ước", "Công ước", "Nghị định thư")
    if nested and named:
        # a law cited in another document's title: the date and issuer after the title are that document's
        return found
    for _ in range(8):
        skipped_from = pos
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        after_comma = "," in text[skipped_from:pos]
        if pos >= sent_end:
            break
        paren = _PAREN_OPEN.match(text, pos) if text[pos] == "(" else None
        if paren and paren.start() == pos:
            alias = _phrase_at(text, paren.end(), lex.phrases["aliases"])
            close_at = text.find(")", pos, sent_end)
            if alias and close_at > 0:
                # "(gọi tắt là Nghị định thư)": a short name, skipped
                pos = close_at + 1
                continue
            if named or nested:
                break
            pos = paren.end()
            continue
        close = _PAREN_CLOSE.match(text, pos) if text[pos] == ")" else None
        if close:
            pos = close.end()
            continue
        # another reference: what follows belongs to it
        if _ref_at(ctx, pos) is not None:
            break
        date = _date_at(ctx, pos)
        if date is not None:
            if after_comma and _opens_clause(text, date.end, sent_end):
                # "..., ngày 25/8/2014, Bộ NN&PTNT có ...": the date of the next clause
                break
            if found.issued is None:
                found.issued, found.issued_at = date.value, date.start
            pos = date.end
            continue
        effect = _phrase_at(text, pos, lex.phrases["effect_words"])
        if effect:
            after = _SPACE.match(text, pos + len(effect)).end()  # type: ignore[union-attr]
            skipped = _date_at(ctx, after, any_grain=True)
            if skipped is None:
                break
            pos = skipped.end
            continue
        low = text[pos:pos + 6].casefold()
        if low.startswith("của ") and found.issuer is None:
            issuer, end = _issuer_phrase(text, pos + 4, sent_end)
            if issuer is None:
                break
            found.issuer, pos = issuer, end
            continue
        verb = _phrase_at(text, pos, lex.phrases["fillers"])
        if verb and not nested and (not laws or verb == "hiện hành"):
            nxt = _SPACE.match(text, pos + len(verb)).end()  # type: ignore[union-attr]
            if verb == "hiện hành" or _date_at(ctx, nxt) is not None or text[nxt:nxt + 4].casefold() == "ngày":
                pos = nxt
                continue
        if found.subject is None and not named:
            subject = _subject_at(ctx, pos, sent_end, i)
            if subject is not None:
                found.subject, end = subject
                found.subject_span = (pos, end)
                pos = end
                continue
        break
    if found.issued is None and not named:
        _citation_close(ctx, i, pos, sent_end, found)
    return found


def _citation_close(ctx: _Context, i: int, pos: int, sent_end: int, found: _Found) -> None:
    """``REF <title> ngày D của X, có hiệu lực ...``: the closing of an official citation.

    Taken when the forward reading stopped inside a long title: the last day
    date of the sentence followed by ``của <issuer>, có hiệu lực`` is the issue
    date, unless another numbered reference comes first.
    """
    text = ctx.text
    closing = _first_at_or_after(ctx.closings, pos, sent_end, len(_CLOSING_MARK))
    if closing < 0:
        return
    k = bisect_right(ctx.date_starts, closing) - 1
    while k >= 0 and ctx.dates[k].start >= pos:
        if ctx.date_end_max[k] < closing - _CLOSING_REACH:
            return  # no earlier date ends close enough to the closing for `` của <issuer>``
        d = ctx.dates[k]
        m = _CLOSING.match(text, d.end, closing + len(_CLOSING_MARK))
        if m and m.end() == closing + len(_CLOSING_MARK):
            found.issued, found.issued_at = d.value, d.start
            if found.issuer is None:
                found.issuer = _strip_person(m.group(1).strip())
            if found.subject is None:
                found.subject = text[pos:d.start].strip(" ,;:-–.") or None
            return
        k -= 1


def _opens_clause(text: str, pos: int, limit: int) -> bool:
    """Whether a comma and a capitalised word follow ``pos``: the date before it opens a new clause."""
    m = re.compile(r", +([^\W\d_]\w*)").match(text, pos, limit)
    return bool(m and m.group(1)[0].isupper() and not m.group(1).isupper())


def _subject_at(ctx: _Context, pos: int, sent_end: int, i: int) -> tuple[str, int] | None:
    """The title that opens at ``pos`` (``về ...``, ``quy định ...``) and where it ends."""
    lex = lexicon()
    text = ctx.text
    start = pos
    skip = _phrase_at(text, pos, lex.phrases["subject_skip"])
    if skip:
        start = pos + len(skip) + 1
    gui = _phrase_at(text, start, ("gửi",))
    if gui:
        # "công văn ... gửi <recipients> về việc ...": the title comes after the recipients
        about = text.find(" về ", start, min(sent_end, start + 250))
        if about < 0 or any(start < r.start < about for r in ctx.refs[i + 1:i + 3]):
            return None
        start = about + 1
    opener = _phrase_at(text, start, lex.phrases["subject_openers"])
    if opener is None:
        return _official_title(ctx, start, sent_end, i)
    if opener.casefold() == "ban hành" and _phrase_at(text, start + len(opener) + 1, lex.phrases["not_a_title_after"]):
        # "Thông tư ... ban hành theo ...", "ban hành ngày ...": an act, not a title
        return None
    end = _subject_end(ctx, start + len(opener), sent_end, i)
    subject = text[start:end].strip(" ,;:-–.")
    for lead in ("về việc ", "Về việc ", "về ", "Về "):
        if subject.startswith(lead):
            subject = subject[len(lead):]
            break
    if not subject or subject.casefold() in (opener.casefold(), "việc"):
        return None
    return subject, end


def _official_title(ctx: _Context, start: int, sent_end: int, i: int) -> tuple[str, int] | None:
    """A capitalised title right after the symbol, as official citations write it.

    ``Thông tư số 27/2014/TT-BTC Quy chuẩn kỹ thuật ... ngày 20/02/2014 của Bộ
    Tài chính``: taken only when the issue date follows the title, since in
    running text a capital after a reference often starts something else.
    """
    text = ctx.text
    word = _WORD_AT.match(text, start)
    if word is None or not word.group()[0].isupper() or word.group().isupper():
        return None
    end = _subject_end(ctx, word.end(), sent_end, i)
    after = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    filler = _phrase_at(text, after, lexicon().phrases["fillers"])
    if filler:
        after = _SPACE.match(text, after + len(filler)).end()  # type: ignore[union-attr]
    if _date_at(ctx, after) is None:
        return None
    subject = text[start:end].strip(" ,;:-–.")
    return (subject, end) if subject else None


_TITLE_MARKS: Final = re.compile(r"[;:\n(), ]")


def _subject_end(ctx: _Context, pos: int, sent_end: int, i: int) -> int:
    """Where a title that runs from before ``pos`` ends."""
    lex = lexicon()
    text = ctx.text
    limit = min(sent_end, pos + 400)
    depth = 0
    j = pos
    nested_numbered_end = -1
    # only punctuation and spaces can end a title: jump from one to the next
    while (mark := _TITLE_MARKS.search(text, j, limit)) is not None:
        j = mark.start()
        c = text[j]
        if c in ";:\n":
            return j
        if c == "(":
            if depth == 0:
                return j
            depth += 1
        elif c == ")":
            if depth == 0:
                return j
            depth -= 1
        elif c == ",":
            if _comma_ends(ctx, j, limit):
                return j
        elif c == " " and j + 1 < limit:
            nxt = j + 1
            ref = _ref_at(ctx, nxt)
            if ref is not None:
                before = text[max(pos - 30, 0):j].casefold()
                if not any(before.endswith(w) or before.endswith(w + " số") for w in lex.phrases["before_nested_ok"]):
                    return _word_start(text, j)
                nested_numbered_end = ref.end if ref.number is not None else -1
                j = ref.end
                continue
            if text[nxt:nxt + 4].casefold() == "ngày" and _date_at(ctx, nxt) is not None:
                if nested_numbered_end >= 0 and not text[nested_numbered_end:nxt].strip():
                    j = _date_at(ctx, nxt).end  # type: ignore[union-attr]
                    continue
                return j
            stop = _phrase_at(text, nxt, lex.phrases["subject_stops"])
            if stop:
                return j
            if _phrase_at(text, nxt, ("và",)):
                after = nxt + 3
                if _ref_at(ctx, after) is not None or _phrase_at(text, after, lex.phrases["coordination_verbs"]):
                    return j
        j += 1
    return limit


def _word_start(text: str, j: int) -> int:
    """The start of the word that ends at ``j`` (the word before a nested reference)."""
    k = text.rfind(" ", 0, j)
    return k if k >= 0 else j


def _comma_ends(ctx: _Context, j: int, limit: int) -> bool:
    """Whether the comma at ``j`` closes a title: a new clause, a capitalised subject or a reference follows."""
    lex = lexicon()
    text = ctx.text
    nxt = j + 1
    while nxt < limit and text[nxt] == " ":
        nxt += 1
    if nxt >= limit or _ref_at(ctx, nxt) is not None or _date_at(ctx, nxt) is not None:
        return True
    word = _WORD_AT.match(text, nxt)
    if word is None:
        return True
    w = word.group()
    if w[0].isupper() and not w.isupper():
        return True
    if _phrase_at(text, nxt, lex.phrases["comma_clause_openers"]):
        return True
    seg_end = text.find(",", nxt, limit)
    seg_end = limit if seg_end < 0 else seg_end
    k = text.find(" ", nxt, seg_end)
    while k >= 0:
        if _phrase_at(text, k + 1, lex.phrases["subject_stops"]):
            return True
        k = text.find(" ", k + 1, seg_end)
    return False


_GAP_SO_NUMBER: Final = re.compile(r" (?:số|Số) *:? *\d")


def _gap_subject(text: str, ref: LegalRef) -> str | None:
    """The title written between the type word and ``số`` (``biên bản vi phạm ... số 12/BB-VPHC``)."""
    m = type_words()[0].match(text, ref.start)
    if not m:
        return None
    so = _GAP_SO_NUMBER.search(ref.text[m.end() - ref.start:])
    if not so or so.start() == 0:
        return None
    gap = ref.text[m.end() - ref.start:m.end() - ref.start + so.start()].strip()
    for lead in ("về việc ", "về "):
        if gap.startswith(lead):
            gap = gap[len(lead):]
    if not gap or gap.casefold() in ("khẩn", "hỏa tốc", "hoả tốc"):
        return None
    return gap


# ---- issuers ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _issuer_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()

    def alt(words: Sequence[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(set(words), key=lambda w: -len(w)))

    bodies = re.compile(rf"(?:{alt(lex.issuer_bodies)})(?![\w&])")
    heads = re.compile(rf"(?<![\w])(?:{alt(lex.issuer_heads)})(?= [{UPPER}0-9]|[ .,;)]|$)")
    titles = re.compile(rf"(?:{alt(lex.issuer_titles)}) +$")
    return bodies, heads, titles


def _issuer_phrase(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The issuing body named at ``pos`` (after ``của``/``do``), with an office title before it."""
    lex = lexicon()
    bodies, heads, _ = _issuer_patterns()
    start = pos
    title = _phrase_at(text, pos, lex.issuer_titles)
    if title:
        pos = pos + len(title) + 1
    body = bodies.match(text, pos)
    if body:
        end = body.end()
    else:
        head = heads.match(text, pos)
        if not head:
            return None, start
        end = _name_end(text, head.end(), limit)
    if title and not body and end == pos:
        return None, start
    return _strip_person(text[start:end].strip()), end


def _name_end(text: str, pos: int, limit: int) -> int:
    """Where the name after an issuer's head word ends (``Sở Xây dựng``, ``UBND tỉnh Đắk Nông``)."""
    lex = lexicon()
    stops = lex.title_stops | {"yêu", "đề", "cho", "báo", "chỉ", "quyết", "vừa", "ký", "ra", "có", "gửi"}
    end = pos
    j = pos
    words = 0
    seen_place = False
    while j < limit and words < 8:
        if text[j] != " ":
            break
        m = _WORD_AT.match(text, j + 1) or re.compile(r"\d+").match(text, j + 1)
        if not m:
            break
        w = m.group().rstrip(".")
        if not w:
            break
        upper = w[0].isupper() or w[0].isdigit()
        if w.casefold() in stops and not upper:
            break
        if seen_place and not upper:
            break
        if w in lex.places:
            seen_place = True
        elif not upper and words == 0 and not seen_place and w.casefold() in lex.determiners:
            # a head followed by a determiner ("Bộ này") names no body
            break
        end = j + 1 + len(w)
        j = end
        words += 1
    return end


def _strip_person(issuer: str) -> str:
    """``Bộ trưởng Bộ Công Thương Trần Tuấn Anh`` -> ``Bộ trưởng Bộ Công Thương``; ``(Bộ Y tế)`` dropped."""
    lex = lexicon()
    issuer = re.sub(r"\s*\([^()]*\)\s*$", "", issuer)
    words = issuer.split(" ")
    # the shortest name that starts with a family name: a place may end in one (huyện Đại Từ)
    for k in range(len(words) - 2, max(len(words) - 5, 0), -1):
        # a place name after tỉnh/huyện/... is not a person
        if words[k] in lex.surnames and all(w[:1].isupper() for w in words[k:]) and words[k - 1] not in lex.places:
            return " ".join(words[:k])
    return issuer


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """The start of the clause that ends at ``pos``: after the last comma, semicolon or ``khi``.

    Looks back at most 300 characters, so that a text without punctuation stays linear.
    """
    sent_start = max(sent_start, pos - 300)
    best = sent_start
    for sep in (", ", "; ", ": ", " khi ", "“", "\""):
        k = text.rfind(sep, sent_start, pos)
        if k >= 0:
            best = max(best, k + len(sep))
    return best


_OWNER: Final = re.compile(r".*của ([^,;:()]{3,80}?) (?:tại|theo|trong)$")
_OWNER_ENDS: Final = (" tại", " theo", " trong")


def _issuer_before(ctx: _Context, ref: LegalRef) -> str | None:
    """``X (đã) ký/ban hành/ra/có REF``: the body X of the clause before an issuing verb."""
    lex = lexicon()
    text = ctx.text
    sent_start, _ = _sentence(ctx, ref.start)
    base = max(sent_start, ref.start - 200)
    before = text[base:ref.start].rstrip()
    verb_start = None
    # one test of every verb at once first: most references follow no issuing verb
    for verb in lex.phrases["issuing_verbs"] if before.endswith(lex.phrases["issuing_verbs"]) else ():
        if before.endswith(verb) and (len(before) == len(verb) or not before[-len(verb) - 1].isalnum()):
            verb_start = ref.start - _trailing_spaces(text, ref.start) - len(verb)
            break
    if verb_start is None:
        # the pattern can only match a clause that ends with one of these words;
        # testing that first spares the backtracking search on most references
        owner = _OWNER.search(before) if before.endswith(_OWNER_ENDS) else None
        if owner:
            pos = base + owner.start(1)
            issuer, end = _issuer_phrase(text, pos, ref.start)
            if issuer and text[end:ref.start].strip().casefold() in ("tại", "theo", "trong"):
                return issuer
        return None
    end = verb_start
    while True:
        head = text[max(sent_start, end - 30):end].rstrip()
        for tense in lex.phrases["tense_words"]:
            if head.endswith(" " + tense) or head == tense:
                end = end - _trailing_spaces(text, end) - len(tense)
                break
        else:
            break
    clause_from = _clause_start(text, sent_start, end)
    clause = text[clause_from:end].strip()
    clause = re.sub(r"\s*\([^()]*\)\s*$", "", clause)
    return _last_body(clause)


def _last_body(clause: str) -> str | None:
    """The last issuing body named in ``clause``, extended left over an office title."""
    bodies, heads, titles = _issuer_patterns()
    found = None
    for m in heads.finditer(clause):
        found = m
    for m in bodies.finditer(clause):
        if found is None or m.start() >= found.start() or m.end() > found.start():
            found = m if found is None or m.start() <= found.start() else found
    if found is None:
        return None
    start = found.start()
    title = titles.search(clause, 0, start)
    if title:
        start = title.start()
    issuer = _strip_person(clause[start:].strip(" ,"))
    return issuer or None


@lru_cache(maxsize=1)
def _fronting_last_letters() -> frozenset[str]:
    return frozenset(w[-1] for w in lexicon().phrases["fronting_words"])


def _issuer_after_fronted(ctx: _Context, i: int) -> str | None:
    """``Tại/Trong/Theo REF ..., X đã ...``: the body that is the subject of the main clause."""
    lex = lexicon()
    text = ctx.text
    ref = ctx.refs[i]
    # the clause before must end with a fronting word: its last letter says no
    # to most references before the clause is looked for
    last = ref.start - _trailing_spaces(text, ref.start)
    if last <= 0 or text[last - 1].casefold()[-1:] not in _fronting_last_letters():
        return None
    sent_start, sent_end = _sentence(ctx, ref.start)
    lead = text[_clause_start(text, sent_start, ref.start):ref.start].strip().casefold()
    if not lead.endswith(lex.phrases["fronting_words"]) or len(lead.split()) > 3:
        return None
    comma = _first_at_or_after(ctx.comma_spaces, ref.end, sent_end, 2)
    if comma < 0 or (i + 1 < len(ctx.refs) and ctx.refs[i + 1].start < comma
                     and not _nested_in_title(text, ref, ctx.refs[i + 1])):
        return None
    issuer, end = _issuer_phrase(text, comma + 2, sent_end)
    if issuer is None:
        return None
    after = text[end:end + 12].strip()
    if not _phrase_at(after, 0, lex.phrases["tense_words"]):
        return None
    return issuer


def _issuer_do(ctx: _Context, i: int) -> str | None:
    """``REF gửi ... do X (person) ký``: the body that signed, named after the reference."""
    text = ctx.text
    ref = ctx.refs[i]
    _, sent_end = _sentence(ctx, ref.start)
    limit = ctx.refs[i + 1].start if i + 1 < len(ctx.refs) and ctx.refs[i + 1].start < sent_end else sent_end
    k = text.find(" do ", ref.end, min(limit, ref.end + 200))
    if k < 0:
        return None
    issuer, end = _issuer_phrase(text, k + 4, limit)
    if issuer is None:
        return None
    rest = text[end:min(limit, end + 40)]
    m = re.match(rf"(?: [{UPPER}][^\W\d_]*)* (?:ký|ban hành)(?!\w)", rest)
    return issuer if m else None


def _nested_in_title(text: str, outer: LegalRef, inner: LegalRef) -> bool:
    between = text[outer.end:inner.start].casefold()
    return any(w in between for w in ("sửa đổi", "bổ sung", "thay thế", "hướng dẫn", "thi hành"))


# ---- issue dates before the reference ----------------------------------------------------------

def _issued_before(ctx: _Context, i: int) -> str | None:
    """``Ngày 11.4.2017, X đã ký REF``: a day date that opens the clause of an issuing verb."""
    lex = lexicon()
    text = ctx.text
    ref = ctx.refs[i]
    sent_start, _ = _sentence(ctx, ref.start)
    k = bisect_right(ctx.date_starts, ref.start) - 1
    if k < 0:
        return None
    date = ctx.dates[k]
    if date.start < sent_start or date.end > ref.start or ref.start - date.end > 160:
        return None
    if i > 0 and ctx.refs[i - 1].start > date.start:
        return None
    lead = text[max(sent_start, date.start - 15):date.start].casefold()
    if lead.rstrip().endswith(lex.phrases["effect_words"]):
        return None
    before = text[date.end:ref.start].rstrip().casefold()
    if not before.endswith((*lex.phrases["issuing_verbs"], "tại")):
        return None
    return date.value


# ---- years, resolution, checks -----------------------------------------------------------------------

def _complete_year(value: str | None, ref: LegalRef) -> str | None:
    """``XXXX-05-03`` takes the year of the symbol, which is the issue year."""
    if value and value.startswith("XXXX") and ref.year:
        return f"{ref.year:04d}{value[4:]}"
    return value


def _share_years(refs: Sequence[LegalRef], issued: list[str | None]) -> list[str | None]:
    """A year-less issue date takes the year of the same document's full date in the passage.

    ``issued[i]`` is the issue date found for ``refs[i]``; returns the dates completed.
    """
    full: dict[tuple[str, str], str] = {}
    for r, when in zip(refs, issued, strict=True):
        if when and not when.startswith("XXXX") and len(when) == 10:
            full.setdefault((r.canonical, when[5:]), when)
    return [
        full.get((r.canonical, when[5:]), when) if when and when.startswith("XXXX") else when
        for r, when in zip(refs, issued, strict=True)
    ]


def _resolve(refs: Sequence[LegalRef]) -> list[str | None]:
    """The canonical of the full reference each short form abbreviates (nearest before, else after), or ``None``."""
    full: dict[tuple[str, str], list[int]] = {}
    for k, c in enumerate(refs):
        for key in _full_keys(c):
            full.setdefault(key, []).append(k)
    # _abbreviates reads only whether the short form has a number and its year:
    # the candidates are filtered once per key and such pair, not once per
    # reference (which is quadratic when a passage repeats one document)
    usable: dict[tuple[tuple[str, str], bool, int | None], list[int]] = {}
    out: list[str | None] = []
    for i, r in enumerate(refs):
        target = None
        for key in _short_keys(r):
            group = (key, r.number is None, r.year)
            candidates = usable.get(group)
            if candidates is None:
                candidates = usable[group] = [k for k in full.get(key, []) if _abbreviates(r, refs[k])]
            # the nearest candidate before this reference, else the first after it
            j = bisect_left(candidates, i)
            if j > 0:
                target = refs[candidates[j - 1]]
                break
            after = j + 1 if j < len(candidates) and candidates[j] == i else j
            if after < len(candidates):
                target = refs[candidates[after]]
                break
        out.append(target.canonical if target else None)
    return out


def _name_of(ref: LegalRef) -> str:
    """The name of a named reference without its type and year (``Luật Trẻ em 2016`` -> ``Trẻ em``)."""
    name = ref.canonical[len(ref.doc_type):].strip()
    return name[:-4].strip() if ref.year and name[-4:].isdigit() else name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[ ,\-]+", name) if w).upper()


def _full_keys(ref: LegalRef) -> list[tuple[str, str]]:
    """The keys under which a reference can be pointed at by a short form."""
    if ref.number is not None:
        return [(ref.doc_type, ref.number.lstrip("0"))] if ref.symbol or ref.year else []
    if ref.year is None:
        return []
    name = _name_of(ref)
    return [(ref.doc_type, name.casefold()), (ref.doc_type, "=" + _initials(name))]


def _short_keys(ref: LegalRef) -> list[tuple[str, str]]:
    if ref.symbol is not None:
        return []
    if ref.number is not None:
        return [(ref.doc_type, ref.number.lstrip("0"))]
    if ref.year is not None:
        return []
    name = _name_of(ref)
    keys = [(ref.doc_type, name.casefold())]
    if name.isupper():
        keys.append((ref.doc_type, "=" + name))
    return keys


def _abbreviates(short: LegalRef, full: LegalRef) -> bool:
    if short.number is None:
        return True
    return bool(full.symbol or (full.year and not short.year)) and (short.year is None or full.year == short.year)


def _warnings(ref: LegalRef, issued: str | None, published: dt.date | None) -> tuple[str, ...]:
    """What is inconsistent about ``ref`` issued on ``issued``."""
    out: list[str] = []
    if issued and ref.year and not issued.startswith("XXXX") and int(issued[:4]) != ref.year:
        out.append(f"symbol year {ref.year} but issued {issued}")
    if not ref.text[:7].casefold().startswith("văn bản"):
        mismatch = type_mismatch(ref.doc_type, ref.symbol, party=_is_party(ref))
        if mismatch:
            out.append(mismatch)
    if published and issued and len(issued) == 10 and not issued.startswith("XXXX"):
        try:
            if dt.date.fromisoformat(issued) > published:
                out.append(f"issued {issued} after publication {published.isoformat()}")
        except ValueError:
            out.append(f"issued {issued} is not a calendar date")
    if ref.kb_id and issued and not issued.startswith("XXXX"):
        entry = knowledge_base().by_id(ref.kb_id)
        if entry and entry.issued and entry.issued != issued:
            out.append(f"issued {issued} but the knowledge base has {entry.issued}")
    return tuple(out)


def _is_party(ref: LegalRef) -> bool:
    return bool(ref.number and ref.symbol and ref.canonical.startswith(f"{ref.number}-"))

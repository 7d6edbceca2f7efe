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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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
_SENTENCE_END = re.compile(rf"\n|(?<![.!?…])[.!?…]+[\"”’)]*(?= +[\"“‘(]?[{UPPER}0-9])")
_ISO_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")
_SPACE = re.compile(r"[ ,]*")
_PAREN_OPEN = re.compile(r" *\( *")
_PAREN_CLOSE = re.compile(r" *\)")
_WORD_AT = re.compile(r"[^\W\d_][\w&.\-]*")
_CLOSING = re.compile(r" của ([^()]{2,120}?), có hiệu lực")
_NAME_WORD = re.compile(rf"[{UPPER}][^\W\d_]*(?: |$)")


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
                   any_dates, [d.start for d in any_dates], spans, [s for s, _ in spans])
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
    linked = [
        dataclasses.replace(ref, issued=_complete_year(f.issued, ref), issuer=f.issuer, subject=f.subject)
        for ref, f in zip(ordered, found, strict=True)
    ]
    linked = _share_years(linked)
    linked = _resolve(linked)
    return [dataclasses.replace(r, warnings=_warnings(r, published)) for r in linked]


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
            if d.start == pos or (d.start > pos and ctx.text[pos:d.start].strip().casefold() in ("ngày", "")):
                return d
    return None


def _ref_at(ctx: _Context, pos: int) -> LegalRef | None:
    i = bisect_right(ctx.starts, pos) - 1
    if 0 <= i < len(ctx.refs) and ctx.refs[i].start == pos:
        return ctx.refs[i]
    return None


def _phrase_at(text: str, pos: int, phrases: Sequence[str]) -> str | None:
    """The first phrase (longest first) written at ``pos`` as whole words, any case of its first letter."""
    for p in phrases:
        end = pos + len(p)
        if (text[pos:end] == p or (text[pos:end].casefold() == p.casefold() and text[pos + 1:end] == p[1:])) \
                and (end >= len(text) or not text[end].isalnum()):
            return text[pos:end]
    return None


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
        paren = _PAREN_OPEN.match(text, pos)
        if paren and paren.start() == pos and text[pos] == "(":
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
        close = _PAREN_CLOSE.match(text, pos)
        if close and text[pos] == ")":
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
    closing = text.find(", có hiệu lực", pos, sent_end)
    if closing < 0:
        return
    k = bisect_right(ctx.date_starts, closing) - 1
    while k >= 0 and ctx.dates[k].start >= pos:
        d = ctx.dates[k]
        m = _CLOSING.match(text, d.end, closing + len(", có hiệu lực"))
        if m and m.end() == closing + len(", có hiệu lực"):
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


def _subject_end(ctx: _Context, pos: int, sent_end: int, i: int) -> int:
    """Where a title that runs from before ``pos`` ends."""
    lex = lexicon()
    text = ctx.text
    limit = min(sent_end, pos + 400)
    depth = 0
    j = pos
    nested_numbered_end = -1
    while j < limit:
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
            if _date_at(ctx, nxt) is not None and text[nxt:nxt + 4].casefold() == "ngày":
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
    k = nxt
    while k < seg_end:
        if text[k] == " " and _phrase_at(text, k + 1, lex.phrases["subject_stops"]):
            return True
        k += 1
    return False


def _gap_subject(text: str, ref: LegalRef) -> str | None:
    """The title written between the type word and ``số`` (``biên bản vi phạm ... số 12/BB-VPHC``)."""
    m = type_words()[0].match(text, ref.start)
    if not m:
        return None
    so = re.search(r" (?:số|Số) *:? *\d", ref.text[m.end() - ref.start:])
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


def _issuer_before(ctx: _Context, ref: LegalRef) -> str | None:
    """``X (đã) ký/ban hành/ra/có REF``: the body X of the clause before an issuing verb."""
    lex = lexicon()
    text = ctx.text
    sent_start, _ = _sentence(ctx, ref.start)
    base = max(sent_start, ref.start - 200)
    before = text[base:ref.start].rstrip()
    verb_start = None
    for verb in lex.phrases["issuing_verbs"]:
        if before.endswith(verb) and (len(before) == len(verb) or not before[-len(verb) - 1].isalnum()):
            verb_start = ref.start - (len(text[:ref.start]) - len(text[:ref.start].rstrip())) - len(verb)
            break
    if verb_start is None:
        owner = re.search(r".*của ([^,;:()]{3,80}?) (?:tại|theo|trong)$", before)
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
                end = end - (len(text[:end]) - len(text[:end].rstrip())) - len(tense)
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


def _issuer_after_fronted(ctx: _Context, i: int) -> str | None:
    """``Tại/Trong/Theo REF ..., X đã ...``: the body that is the subject of the main clause."""
    lex = lexicon()
    text = ctx.text
    ref = ctx.refs[i]
    sent_start, sent_end = _sentence(ctx, ref.start)
    lead = text[_clause_start(text, sent_start, ref.start):ref.start].strip().casefold()
    if not any(lead.endswith(w) for w in lex.phrases["fronting_words"]) or len(lead.split()) > 3:
        return None
    comma = text.find(", ", ref.end, sent_end)
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
    if any(lead.rstrip().endswith(w) for w in lex.phrases["effect_words"]):
        return None
    before = text[date.end:ref.start].rstrip().casefold()
    if not any(before.endswith(v) for v in (*lex.phrases["issuing_verbs"], "tại")):
        return None
    return date.value


# ---- years, resolution, checks -----------------------------------------------------------------------

def _complete_year(value: str | None, ref: LegalRef) -> str | None:
    """``XXXX-05-03`` takes the year of the symbol, which is the issue year."""
    if value and value.startswith("XXXX") and ref.year:
        return f"{ref.year:04d}{value[4:]}"
    return value


def _share_years(refs: list[LegalRef]) -> list[LegalRef]:
    """A year-less issue date takes the year of the same document's full date in the passage."""
    full: dict[tuple[str, str], str] = {}
    for r in refs:
        if r.issued and not r.issued.startswith("XXXX") and len(r.issued) == 10:
            full.setdefault((r.canonical, r.issued[5:]), r.issued)
    return [
        dataclasses.replace(r, issued=full.get((r.canonical, r.issued[5:]), r.issued))
        if r.issued and r.issued.startswith("XXXX") else r
        for r in refs
    ]


def _resolve(refs: list[LegalRef]) -> list[LegalRef]:
    """Point each short form at the full reference it abbreviates (nearest before, else after)."""
    full: dict[tuple[str, str], list[int]] = {}
    for k, c in enumerate(refs):
        for key in _full_keys(c):
            full.setdefault(key, []).append(k)
    out: list[LegalRef] = []
    for i, r in enumerate(refs):
        target = None
        for key in _short_keys(r):
            candidates = [k for k in full.get(key, []) if k != i and _abbreviates(r, refs[k])]
            if candidates:
                before = [k for k in candidates if k < i]
                target = refs[before[-1] if before else candidates[0]]
                break
        out.append(dataclasses.replace(r, refers_to=target.canonical) if target else r)
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


def _warnings(ref: LegalRef, published: dt.date | None) -> tuple[str, ...]:
    out: list[str] = []
    if ref.issued and ref.year and not ref.issued.startswith("XXXX") and int(ref.issued[:4]) != ref.year:
        out.append(f"symbol year {ref.year} but issued {ref.issued}")
    if not ref.text[:7].casefold().startswith("văn bản"):
        mismatch = type_mismatch(ref.doc_type, ref.symbol, party=_is_party(ref))
        if mismatch:
            out.append(mismatch)
    if published and ref.issued and len(ref.issued) == 10 and not ref.issued.startswith("XXXX"):
        try:
            if dt.date.fromisoformat(ref.issued) > published:
                out.append(f"issued {ref.issued} after publication {published.isoformat()}")
        except ValueError:
            out.append(f"issued {ref.issued} is not a calendar date")
    if ref.kb_id and ref.issued and not ref.issued.startswith("XXXX"):
        entry = knowledge_base().by_id(ref.kb_id)
        if entry and entry.issued and entry.issued != ref.issued:
            out.append(f"issued {ref.issued} but the knowledge base has {entry.issued}")
    return tuple(out)


def _is_party(ref: LegalRef) -> bool:
    return bool(ref.number and ref.symbol and ref.canonical.startswith(f"{ref.number}-"))

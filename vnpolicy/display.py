"""A record as HTML for Jupyter: the text with every mention highlighted by kind, then a table per kind.

:meth:`vnpolicy.Record._repr_html_` calls :func:`render_record`, so a record
left as the last expression of a notebook cell shows itself. The HTML is
self-contained (inline styles only: no script, no stylesheet, no network), so
it survives notebook sanitisers and can be saved as a file as it is. Hovering
a mention shows its normalised value in the browser's tooltip (the HTML
``title`` attribute): ``2013-04-26``, ``32 489 000 000 000 VND``,
``22/2013/QĐ-TTg · Thủ tướng Chính phủ · 2013-04-26``.

Mentions may overlap: a legal reference may hold a date, and an indicator is
about the very number a quantity spans. Marks are nested, never crossed: an
indicator is drawn as an underline of the number it explains (its measure,
period and place join the number's tooltip), and a mention that crosses the
edge of another is left unmarked in the text (it is still in its table).
Removing the tags and unescaping the marked text gives the text back exactly.

Example:
    >>> import vnpolicy
    >>> r = vnpolicy.extract("Ngày 26/4/2013, toàn tỉnh có 196/204 xã đạt 96%.")
    >>> html = render_text(r)
    >>> import re
    >>> [title.split("\\n")[0] for title in re.findall(r'title="([^"]*)"', html)]
    ['2013-04-26', '196/204 xã = 96.1%', '96%']
    >>> import html as h
    >>> h.unescape(re.sub(r"<[^>]*>", "", html)) == r.text
    True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .records import (
    DateMention,
    Fraction,
    Indicator,
    LegalRef,
    Mention,
    Number,
    Percent,
    Period,
    Quantity,
    Record,
    Slogan,
    TopicScore,
)
from .topics.taxonomy import POLICY_AREAS

KIND_COLOURS: dict[str, str] = {
    "legal_refs": "#ffc078",
    "dates": "#74c0fc",
    "periods": "#b197fc",
    "quantities": "#8ce99a",
    "percents": "#ffe066",
    "fractions": "#66d9e8",
    "slogans": "#faa2c1",
    "indicators": "#495057",
}
"""Background colour of each kind of mention (for indicators: the colour of the underline).

The spaCy adapter gives the same colours to displaCy, so both views read alike.
"""

KIND_NAMES: dict[str, str] = {
    "legal_refs": "legal reference",
    "dates": "date",
    "periods": "period",
    "quantities": "quantity",
    "percents": "percent",
    "fractions": "fraction",
    "slogans": "slogan",
    "indicators": "indicator",
    "topics": "topic",
}
"""What the legend calls each kind."""

SPAN_KINDS = tuple(k for k in Record.KINDS if k not in ("indicators", "topics"))
"""The kinds drawn as a coloured mark, in the output's order, which is the order a tie at
one span is nested (outer first); indicators underline their number, topics have no span."""

_TEXT_STYLE = "white-space:pre-wrap;line-height:1.8;font-size:14px"
_MARK_STYLE = "background:{colour};color:#212529;padding:1px 2px;border-radius:3px"
_UNDERLINE = f"border-bottom:2px solid {KIND_COLOURS['indicators']};padding-bottom:1px"
_TABLE_STYLE = "border-collapse:collapse;font-size:13px;margin:4px 0 8px 0"
_TABLES_STYLE = "display:flex;flex-wrap:wrap;align-items:flex-start;gap:0 28px;margin-top:8px"
_CELL_STYLE = "border:1px solid #dee2e6;padding:2px 6px;text-align:left;vertical-align:top"


def format_number(value: Number | None) -> str:
    """A number with spaces between groups of three digits and ``.`` as the decimal mark.

    Example:
        >>> format_number(32489000000000), format_number(8679.8), format_number(99.54)
        ('32 489 000 000 000', '8 679.8', '99.54')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)  # Parquet stores every number as a double: 41.0 is read 41
    return f"{value:,}".replace(",", " ")


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _range(value: Number | None, value_to: Number | None) -> str:
    return format_number(value) + ("" if value_to is None else "–" + format_number(value_to))


def _legal_value(m: LegalRef) -> str:
    refers = f"→ {m.refers_to}" if m.refers_to else None
    return _join(m.canonical, refers, m.issuer, m.issued, *m.warnings)


def _date_value(m: DateMention) -> str:
    value = m.value or "relative"
    return value if not m.resolved or m.resolved == m.value else f"{value} → {m.resolved}"


def _period_value(m: Period) -> str:
    return f"{m.from_ or '?'} → {m.to or 'now'}"


def _quantity_value(m: Quantity) -> str:
    return " ".join(p for p in (m.qualifier, _range(m.value, m.value_to), m.unit) if p)


def _percent_value(m: Percent) -> str:
    return " ".join(p for p in (m.qualifier, _range(m.value, m.value_to) + "%") if p)


def _fraction_value(m: Fraction) -> str:
    share = f" = {m.numerator / m.denominator:.1%}" if m.denominator else ""
    unit = f" {m.unit}" if m.unit else ""
    return f"{format_number(m.numerator)}/{format_number(m.denominator)}{unit}{share}"


def _slogan_value(m: Slogan) -> str:
    return _join(" | ".join(m.parts), m.cue, m.canonical_id)


def indicator_value(ind: Indicator) -> str:
    """What an indicator says about its number, in one line.

    Example:
        >>> from vnpolicy.records import Indicator
        >>> indicator_value(Indicator(value_start=0, value_end=11, value_text="410.000 tấn",
        ...                           measure="sản lượng", period="2019", location="toàn tỉnh"))
        'indicator: sản lượng · 2019 · toàn tỉnh'
    """
    agree = {True: "agrees with its linked figure", False: "DISAGREES with its linked figure", None: None}
    return "indicator: " + _join(ind.measure or "?", ind.period, ind.location, agree[ind.consistent])


def mention_value(mention: Mention | Indicator) -> str:
    """The normalised value of a mention, as its tooltip shows it.

    Example:
        >>> import vnpolicy
        >>> r = vnpolicy.extract("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ "
        ...                      "hỗ trợ 32.489 tỷ đồng")
        >>> [mention_value(m) for m in r.mentions()]
        ['22/2013/QĐ-TTg · Thủ tướng Chính phủ · 2013-04-26', '2013-04-26', '32 489 000 000 000 VND']
    """
    if isinstance(mention, LegalRef):
        return _legal_value(mention)
    if isinstance(mention, DateMention):
        return _date_value(mention)
    if isinstance(mention, Period):
        return _period_value(mention)
    if isinstance(mention, Quantity):
        return _quantity_value(mention)
    if isinstance(mention, Percent):
        return _percent_value(mention)
    if isinstance(mention, Fraction):
        return _fraction_value(mention)
    if isinstance(mention, Slogan):
        return _slogan_value(mention)
    if isinstance(mention, Indicator):
        return indicator_value(mention)
    return mention.text


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str
    title: str
    underline: bool


def _marks(record: Record) -> tuple[list[_Mark], int]:
    """The marks to draw, well nested, and how many mentions were left unmarked because they cross another."""
    n = len(record.text)
    explained: dict[tuple[int, int], list[Indicator]] = {}
    for ind in record.indicators:
        explained.setdefault((ind.value_start, ind.value_end), []).append(ind)
    candidates: list[tuple[int, int, int, _Mark]] = []
    for rank, kind in enumerate(SPAN_KINDS):
        for m in getattr(record, kind):
            inds = explained.pop((m.start, m.end), []) if kind in ("quantities", "percents", "fractions") else []
            title = "\n".join([mention_value(m), *(indicator_value(i) for i in inds)])
            candidates.append((m.start, m.end, rank, _Mark(m.start, m.end, kind, title, bool(inds))))
    # an indicator whose number is not among the record's numbers (a hand-made record) is drawn on its own
    for (start, end), inds in explained.items():
        title = "\n".join(indicator_value(i) for i in inds)
        candidates.append((start, end, len(SPAN_KINDS), _Mark(start, end, "indicators", title, True)))
    chosen: list[_Mark] = []
    open_ends: list[int] = []
    crossing = 0
    for start, end, _, mark in sorted(candidates, key=lambda c: (c[0], -c[1], c[2])):
        if not 0 <= start < end <= n:
            crossing += 1  # empty or outside the text: nothing to draw
            continue
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            crossing += 1
            continue
        chosen.append(mark)
        open_ends.append(end)
    return chosen, crossing


def _open_tag(mark: _Mark) -> str:
    if mark.kind == "indicators":
        style = _UNDERLINE
    else:
        style = _MARK_STYLE.format(colour=KIND_COLOURS[mark.kind])
        if mark.underline:
            style += ";" + _UNDERLINE
    return f'<mark title="{html.escape(mark.title)}" data-kind="{mark.kind}" style="{style}">'


def render_text(record: Record) -> str:
    """The record's text as HTML with its mentions marked; tags removed and unescaped, it is the text again.

    Example:
        >>> import vnpolicy
        >>> html = render_text(vnpolicy.extract('Năm 2019 <đạt> & "vượt"'))
        >>> html[html.index('>Năm'):]
        '>Năm 2019</mark> &lt;đạt&gt; &amp; &quot;vượt&quot;</div>'
    """
    return _marked_text(record.text, _marks(record)[0])


def _marked_text(text: str, marks: Sequence[_Mark]) -> str:
    events: list[tuple[int, int, int, str]] = []
    for k, mark in enumerate(marks):
        # at one offset, closing tags come first (inner before outer), then opening ones (outer before inner)
        events.append((mark.start, 1, k, _open_tag(mark)))
        events.append((mark.end, 0, -k, "</mark>"))
    events.sort()
    pieces = [f'<div style="{_TEXT_STYLE}">']
    pos = 0
    for at, _, _, tag in events:
        pieces.append(html.escape(text[pos:at]))
        pieces.append(tag)
        pos = at
    pieces.append(html.escape(text[pos:]))
    pieces.append("</div>")
    return "".join(pieces)


def _cell(value: object, tag: str = "td") -> str:
    text = str(value)
    # short cells (a cue, a date, a unit) never wrap; long ones (a title, a measure) do
    style = _CELL_STYLE + (";white-space:nowrap" if len(text) <= 24 else "")
    return f'<{tag} style="{style}">{html.escape(text)}</{tag}>'


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(_cell(h, "th") for h in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f'<table style="{_TABLE_STYLE}"><tr style="background:#f1f3f5">{head}</tr>{body}</table>'


def _text(value: str | None) -> str:
    return "" if value is None else value


def _tick(value: bool | None) -> str:
    return {True: "✓", False: "✗", None: ""}[value]


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "legal_refs": ("text", "canonical", "type", "issued", "issuer", "subject", "refers to", "knowledge base"),
    "dates": ("text", "value", "grain", "resolved"),
    "periods": ("text", "from", "to"),
    "quantities": ("text", "qualifier", "value", "unit"),
    "percents": ("text", "qualifier", "value"),
    "fractions": ("text", "numerator", "denominator", "unit", "share"),
    "slogans": ("text", "cue", "parts", "lexicon id"),
    "indicators": ("figure", "measure", "period", "location", "consistent"),
    "topics": ("label", "area", "score"),
}
"""The columns of each kind's table (the JSON has every field; these are the ones worth a glance)."""


def _row(m: object) -> tuple[object, ...]:
    """The cells of a mention's row, in the order of :data:`TABLE_COLUMNS`."""
    if isinstance(m, LegalRef):
        return (m.text, m.canonical, m.doc_type, _text(m.issued), _text(m.issuer), _text(m.subject),
                _text(m.refers_to), _text(m.kb_id))
    if isinstance(m, DateMention):
        return (m.text, _text(m.value), _text(m.grain), _text(m.resolved))
    if isinstance(m, Period):
        return (m.text, _text(m.from_), _text(m.to))
    if isinstance(m, Quantity):
        return (m.text, _text(m.qualifier), _range(m.value, m.value_to), _text(m.unit))
    if isinstance(m, Percent):
        return (m.text, _text(m.qualifier), _range(m.value, m.value_to))
    if isinstance(m, Fraction):
        share = f"{m.numerator / m.denominator:.1%}" if m.denominator else ""
        return (m.text, format_number(m.numerator), format_number(m.denominator), _text(m.unit), share)
    if isinstance(m, Slogan):
        return (m.text, _text(m.cue), " | ".join(m.parts), _text(m.canonical_id))
    if isinstance(m, Indicator):
        return (m.value_text, _text(m.measure), _text(m.period), _text(m.location), _tick(m.consistent))
    if isinstance(m, TopicScore):
        return (m.label, POLICY_AREAS.get(m.label, ""), f"{m.score:.2f}")
    raise TypeError(f"no table row for {type(m).__name__}")


def _legend(record: Record) -> str:
    chips = []
    for kind in SPAN_KINDS:
        style = _MARK_STYLE.format(colour=KIND_COLOURS[kind])
        chips.append(f'<span style="{style}">{KIND_NAMES[kind]} ({len(getattr(record, kind))})</span>')
    chips.append(f'<span style="{_UNDERLINE}">{KIND_NAMES["indicators"]} ({len(record.indicators)})</span>')
    return '<div style="margin:6px 0;line-height:2">' + " ".join(chips) + "</div>"


def _header(record: Record) -> str:
    parts = []
    if record.id is not None:
        parts.append(f"<b>{html.escape(record.id)}</b>")
    if record.published is not None:
        parts.append(f"published {html.escape(record.published)}")
    parts.append(f"{len(record.text):,} characters".replace(",", " "))
    if record.repairs:
        parts.append("repaired: " + html.escape(", ".join(record.repairs)))
    topics = ", ".join(f"{t.label} {t.score:.2f}" for t in record.topics)
    parts.append("topics: " + (html.escape(topics) if topics else "none"))
    return '<div style="color:#495057">' + " · ".join(parts) + "</div>"


def render_tables(record: Record) -> str:
    """One compact table per kind that the record has, in the guideline's order.

    Example:
        >>> import vnpolicy
        >>> html = render_tables(vnpolicy.extract("toàn tỉnh có 196/204 xã"))
        >>> html.count("<table"), "196/204" in html
        (2, True)
    """
    out = []
    for kind, header in TABLE_COLUMNS.items():
        items = getattr(record, kind)
        if items:
            title = f'<div style="font-weight:bold;margin-top:6px">{kind} ({len(items)})</div>'
            out.append(f"<div>{title}{_table(header, map(_row, items))}</div>")
    # small tables side by side, wrapping: the view stays short enough to read without scrolling far
    return f'<div style="{_TABLES_STYLE}">' + "".join(out) + "</div>"


def render_record(record: Record) -> str:
    """The whole view of a record: header, colour legend, marked text, then a table per kind.

    Example:
        >>> import vnpolicy
        >>> page = render_record(vnpolicy.extract("Ngày 26/4/2013 có <script>alert(1)</script>", doc_id="x"))
        >>> "<script>" in page, "&lt;script&gt;" in page
        (False, True)
    """
    marks, unmarked = _marks(record)
    note = ""
    if unmarked:
        note = (f'<div style="color:#868e96;font-size:12px">{unmarked} mention(s) cross another mention '
                "(or lie outside the text) and are shown in the tables only.</div>")
    return ('<div class="vnpolicy-record" style="font-family:system-ui,\'Segoe UI\',Roboto,\'Noto Sans\','
            'Arial,sans-serif;max-width:1100px">'
            + _header(record) + _legend(record) + note + _marked_text(record.text, marks) + render_tables(record)
            + "</div>")

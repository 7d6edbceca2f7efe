"""The HTML view of a record: tooltips on real sentences, escaping, nesting, and the text given back exactly."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnpolicy
from vnpolicy.display import KIND_COLOURS, mention_value, render_record, render_tables, render_text
from vnpolicy.records import DateMention, Indicator, LegalRef, Percent, Quantity, Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
TAG = re.compile(r"<[^>]*>")
ALLOWED_TAGS = {"div", "mark", "span", "b", "table", "tr", "th", "td"}


class Marks(HTMLParser):
    """The marks of a rendered text: kind, tooltip, text inside and nesting depth; and every tag used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, object]] = []
        self.open: list[dict[str, object]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "mark":
            mark: dict[str, object] = {**dict(attrs), "text": "", "depth": len(self.open)}
            self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["text"] = str(mark["text"]) + data


def marks_of(fragment: str) -> Marks:
    parser = Marks()
    parser.feed(fragment)
    parser.close()
    return parser


def plain(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


GOLD_PASSAGES = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
SON_LA = GOLD_PASSAGES[0]["text"]

# id, sentence, kind, marked text, the first line of its tooltip, reason
TOOLTIPS = [
    ("legal-ref", "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ về hỗ trợ người có "
     "công với cách mạng về nhà ở", "legal_refs", "Quyết định số 22/2013/QĐ-TTg",
     "22/2013/QĐ-TTg · Thủ tướng Chính phủ · 2013-04-26", "canonical, issuer, issue date"),
    ("date", "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ", "dates",
     "ngày 26/4/2013", "2013-04-26", "TIMEX3 value"),
    ("amount", "Toàn tỉnh có 2.511 doanh nghiệp đăng ký kinh doanh với tổng vốn đăng ký 32.489 tỷ đồng.",
     "quantities", "32.489 tỷ đồng", "32 489 000 000 000 VND", "the scale word applied, grouped by threes"),
    ("percent", "Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%.", "percents", "99,54%", "99.54%",
     "decimal comma read"),
    ("fraction", "Đã hỗ trợ cho 11.562/11.615 trường hợp, đạt 99,54%.", "fractions", "11.562/11.615",
     "11 562/11 615 trường hợp = 99.5%", "share of the whole"),
    ("period", "Giai đoạn 2018-2020, toàn tỉnh có 586 HTX.", "periods", "Giai đoạn 2018-2020", "2018 → 2020",
     "from and to"),
    ("slogan", "Thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân giám sát, dân kiểm tra”.", "slogans",
     "dân biết, dân bàn, dân làm, dân giám sát, dân kiểm tra",
     "dân biết | dân bàn | dân làm | dân giám sát | dân kiểm tra · phương châm · dan_biet_dan_ban",
     "parts, cue and lexicon id"),
]


@pytest.mark.parametrize(("sentence", "kind", "text", "value"), [row[1:5] for row in TOOLTIPS],
                         ids=[row[0] for row in TOOLTIPS])
def test_each_kind_is_marked_with_its_value_in_the_tooltip(sentence: str, kind: str, text: str, value: str) -> None:
    marks = marks_of(render_text(vnpolicy.extract(sentence))).marks
    found = [m for m in marks if m["data-kind"] == kind and m["text"] == text]
    assert len(found) == 1, marks
    assert str(found[0]["title"]).split("\n")[0] == value
    assert KIND_COLOURS[kind] in str(found[0]["style"])


def test_a_statistic_is_underlined_and_its_indicator_joins_the_tooltip() -> None:
    r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã được công nhận đạt chuẩn nông thôn mới.")
    (mark,) = [m for m in marks_of(render_text(r)).marks if m["data-kind"] == "quantities"]
    title = str(mark["title"]).split("\n")
    assert title[0] == "41 xã"
    assert title[1] == "indicator: " + " · ".join(filter(None, [r.indicators[0].measure, r.indicators[0].period,
                                                               r.indicators[0].location]))
    assert "border-bottom" in str(mark["style"])


def test_linked_fraction_and_percent_say_they_agree() -> None:
    # "... có 196/204 xã, phường, thị trấn đã được Nhà nước đầu tư đường ô tô đến trung tâm ..., đạt 96%"
    titles = {m["text"]: str(m["title"]) for m in marks_of(render_text(vnpolicy.extract(SON_LA))).marks}
    assert "agrees with its linked figure" in titles["196/204"]
    assert "agrees with its linked figure" in titles["96%"]


@pytest.mark.parametrize("text", [p["text"] for p in GOLD_PASSAGES], ids=[p["id"] for p in GOLD_PASSAGES])
def test_removing_the_tags_gives_every_dev_passage_back_exactly(text: str) -> None:
    r = vnpolicy.extract(text)
    fragment = render_text(r)
    assert plain(fragment) == text
    parsed = marks_of(fragment)
    assert parsed.tags <= ALLOWED_TAGS
    drawn = [(m["data-kind"], m["text"]) for m in parsed.marks]
    # every mention is drawn once, unless it crosses another
    for kind in ("legal_refs", "dates", "periods", "quantities", "percents", "fractions", "slogans"):
        for m in getattr(r, kind):
            assert drawn.count((kind, m.text)) >= 1


def test_the_articles_of_the_sample_come_back_exactly() -> None:
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:40]:
        data = json.loads(line)
        r = vnpolicy.extract(data["text"], published=data["published"], doc_id=data["id"])
        page = r._repr_html_()
        assert page == render_record(r)
        start = page.index('<div style="white-space:pre-wrap')
        assert plain(page[start:page.index("</div>", start) + 6]) == data["text"]


def test_a_date_inside_a_legal_reference_is_nested_and_crossing_mentions_lose_no_text() -> None:
    text = "Theo Luật Đất đai năm 2013 và Hiến pháp năm 2013, tỉnh có 41 xã."
    law = text.index("Luật")
    year = text.index("năm 2013")
    record = Record(
        text=text,
        legal_refs=(LegalRef(start=law, end=year + 8, text=text[law:year + 8], doc_type="Luật", number=None,
                             year=2013, symbol=None, canonical="Luật Đất đai 2013"),),
        dates=(DateMention(start=year, end=year + 8, text="năm 2013", value="2013", grain="year"),
               # crosses the end of the law: left unmarked, kept in the table
               DateMention(start=year + 4, end=year + 12, text=text[year + 4:year + 12], value="2013", grain="year")),
        quantities=(Quantity(start=58, end=63, text=text[58:63], value=41, unit="xã"),),
        indicators=(Indicator(value_start=58, value_end=63, value_text="41 xã", measure="xã"),
                    # an indicator whose number the record lacks is drawn on its own
                    Indicator(value_start=5, value_end=9, value_text="Luật", measure="luật")),
    )
    fragment = render_text(record)
    assert plain(fragment) == text
    marks = marks_of(fragment).marks
    by_text = {(m["data-kind"], m["text"]): m for m in marks}
    assert by_text[("legal_refs", "Luật Đất đai năm 2013")]["depth"] == 0
    assert by_text[("dates", "năm 2013")]["depth"] == 1
    assert by_text[("indicators", "Luật")]["depth"] == 1
    assert ("dates", text[year + 4:year + 12]) not in by_text
    page = render_record(record)
    assert "1 mention(s) cross another mention" in page
    assert render_tables(record).count(text[year + 4:year + 12]) == 1


def test_markup_in_the_text_and_in_the_values_is_escaped() -> None:
    text = 'Ngày 26/4/2013 <script>alert("x")</script> & \'Công ty A&B\' có 41 xã'
    r = vnpolicy.extract(text, doc_id='<b id="x">')
    page = render_record(r)
    assert "<script>" not in page and '<b id="x">' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Công ty A&amp;B&#x27;" in page
    assert marks_of(page).tags <= ALLOWED_TAGS


def test_an_empty_record_and_a_record_read_back_from_json_render() -> None:
    assert plain(render_text(Record(text=""))) == ""
    assert "topics: none" in render_record(Record(text=""))
    r = vnpolicy.extract(SON_LA, doc_id="seed-0001")
    again = Record.from_dict(json.loads(json.dumps(r.to_dict())))
    assert render_record(again) == render_record(r)


def test_values_of_records_read_from_parquet_are_whole_numbers_again() -> None:
    q = Quantity(start=0, end=14, text="32.489 tỷ đồng", value=32489000000000.0, unit="VND")
    assert mention_value(q) == "32 489 000 000 000 VND"
    assert mention_value(Percent(start=0, end=6, text="99,54%", value=99.54, value_to=None)) == "99.54%"


# any text, markup-like characters included, with mentions anywhere: nested, crossing, empty or outside the text
texts = st.lists(st.sampled_from([*"<>&\"'; \n\r\tabcđặ/0123456789%", "&amp;", "<script>", "&#x27;", "ệ"]),
                 max_size=30).map("".join)


@st.composite
def records(draw: st.DrawFn) -> Record:
    text = draw(texts)
    n = len(text)
    spans = st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2))
    quantities = tuple(Quantity(start=a, end=b, text=text[max(a, 0):max(b, 0)], value=draw(st.integers(0, 10**12)),
                                unit=draw(st.sampled_from(["VND", "xã", "<ha>", None])))
                       for a, b in draw(st.lists(spans, max_size=4)))
    dates = tuple(DateMention(start=a, end=b, text=text[max(a, 0):max(b, 0)], value=draw(st.sampled_from(
        ["2013-04-26", None, '"><script>'])), grain="day") for a, b in draw(st.lists(spans, max_size=4)))
    indicators = tuple(Indicator(value_start=a, value_end=b, value_text="", measure=draw(texts))
                       for a, b in draw(st.lists(spans, max_size=3)))
    return Record(text=text, id=draw(st.none() | texts), quantities=quantities, dates=dates, indicators=indicators)


@settings(max_examples=300, deadline=None)
@given(records())
def test_property_any_text_and_any_mentions_round_trip_and_stay_escaped(record: Record) -> None:
    fragment = render_text(record)
    assert plain(fragment) == record.text
    page = render_record(record)
    parsed = marks_of(page)
    assert parsed.tags <= ALLOWED_TAGS
    for mark in parsed.marks:
        assert mark["data-kind"] in KIND_COLOURS
    # every tooltip is the value, unescaped back exactly
    values = {mention_value(m) for m in (*record.quantities, *record.dates)}
    for mark in parsed.marks:
        if mark["data-kind"] in ("quantities", "dates"):
            assert str(mark["title"]).split("\n")[0] in values

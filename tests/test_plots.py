"""Figures of real records: what each plot draws matches the records, PNGs render, empty input says why."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

import vnpolicy
from vnpolicy.legal_refs import group
from vnpolicy.records import Record

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402

from vnpolicy import plots  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"


@pytest.fixture(scope="module")
def articles() -> list[Record]:
    """The 120 dated articles of the bundled sample."""
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        out.append(vnpolicy.extract(data["text"], published=data["published"], doc_id=data["id"]))
    return out


@pytest.fixture(scope="module")
def passages() -> list[Record]:
    """The 76 dev passages (policy news and legal texts, no publication date): many references and figures."""
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        out.append(vnpolicy.extract(data["text"], doc_id=data["id"]))
    return out


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def test_references_over_time_stack_every_dated_document(passages: list[Record]) -> None:
    fig = plots.references_over_time(passages)
    ax = fig.axes[0]
    expected: Counter[int] = Counter()
    for r in passages:
        for doc in group(r):
            year = int(doc.issued[:4]) if doc.issued and doc.issued[:4].isdigit() else doc.year
            if year is not None:
                expected[year] += 1
    drawn: Counter[int] = Counter()
    for bar in ax.patches:
        drawn[round(bar.get_x() + bar.get_width() / 2)] += round(bar.get_height())
    assert +drawn == expected
    assert ax.get_legend().get_title().get_text() == "document type"
    assert "Quyết định" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert png(fig).startswith(b"\x89PNG")


def test_most_cited_counts_articles_not_mentions(passages: list[Record]) -> None:
    fig = plots.most_cited(passages, top=10)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    widths = [round(b.get_width()) for b in ax.patches]
    assert len(names) == len(widths) == 10
    assert widths == sorted(widths)  # most cited on top
    top_name = names[-1]
    citing = sum(1 for r in passages if any(
        (d.canonical if d.canonical.startswith(d.doc_type) else f"{d.doc_type} {d.canonical}") == top_name
        for d in group(r)))
    assert widths[-1] == citing
    assert png(fig).startswith(b"\x89PNG")


def test_indicators_by_period_counts_and_values(passages: list[Record], articles: list[Record]) -> None:
    records = passages + articles
    fig = plots.indicators_by_period(records)
    ax = fig.axes[0]
    periods = [t.get_text() for t in ax.get_xticklabels()]
    # a period written without its year (tháng 6: XXXX-06) cannot be placed in time
    expected = Counter(i.period for r in records for i in r.indicators if i.period and i.period[:4].isdigit())
    assert {p: round(b.get_height()) for p, b in zip(periods, ax.patches, strict=True)} == \
        {p: n for p, n in expected.items() if p in periods}
    years = [int(p[:4]) for p in periods]
    assert years == sorted(years)
    by_year = plots.indicators_by_period(records, by="year").axes[0]
    assert {t.get_text(): round(b.get_height()) for t, b in zip(by_year.get_xticklabels(), by_year.patches,
                                                               strict=True)} == \
        dict(Counter(p[:4] for p in expected.elements()))
    values = plots.indicators_by_period(records, unit="%", values=True, by="year")
    points = values.axes[0].collections[0].get_offsets()
    assert len(points) == sum(1 for r in records for i in r.indicators
                              if i.period and i.period[:4].isdigit() and i.value_kind in ("percents", "fractions"))
    assert png(values).startswith(b"\x89PNG")


def test_values_of_several_units_need_a_unit(passages: list[Record]) -> None:
    with pytest.raises(vnpolicy.InputValueError, match="several units"):
        plots.indicators_by_period(passages, values=True)


def test_topics_over_time_by_publication_month(articles: list[Record]) -> None:
    fig = plots.topics_over_time(articles)
    ax = fig.axes[0]
    months = [t.get_text() for t in ax.get_xticklabels()]
    published = sorted({r.published[:7] for r in articles if r.published})
    # every month from the first to the last, those without an article too (2021-01 to 2021-03 in the sample)
    assert months[0] == published[0] and months[-1] == published[-1] and set(published) <= set(months)
    assert len(months) == (int(months[-1][:4]) - int(months[0][:4])) * 12 + int(months[-1][5:]) - int(months[0][5:]) + 1
    line = ax.get_lines()[0]
    label = line.get_label()
    assert list(line.get_ydata()) == [sum(1 for r in articles if r.published and r.published[:7] == m
                                          and label in {t.label for t in r.topics}) for m in months]
    share = plots.topics_over_time(articles, freq="quarter", share=True)
    assert all(0 <= y <= 1 for line in share.axes[0].get_lines() for y in line.get_ydata() if y == y)  # NaN: no article
    assert png(share).startswith(b"\x89PNG")


def test_figures_are_not_kept_by_pyplot(articles: list[Record]) -> None:
    fig = plots.most_cited(articles)
    assert isinstance(fig, Figure)
    assert fig.canvas.manager is None  # made with the object API: no pyplot window, nothing to close


@pytest.mark.parametrize(("plot", "records", "message"), [
    (plots.references_over_time, [], "got no records"),
    (plots.most_cited, [], "got no records"),
    (plots.indicators_by_period, [], "got no records"),
    (plots.topics_over_time, [], "got no records"),
    (plots.most_cited, ["Năm 2019, toàn tỉnh có 41 xã đạt chuẩn nông thôn mới."], "no legal reference in 1 records"),
    (plots.references_over_time, ["Theo Nghị quyết Đại hội XIII"], "no cited document with an issue date or year"),
    (plots.indicators_by_period, ["Toàn tỉnh có 41 xã đạt chuẩn nông thôn mới."], "no indicator with a period"),
    (plots.topics_over_time, ["Bộ Y tế chỉ đạo chống dịch sốt xuất huyết"], "no record with a publication date"),
], ids=["refs-empty", "cited-empty", "indicators-empty", "topics-empty", "no-reference", "no-year", "no-period",
        "no-date"])
def test_nothing_to_draw_says_what_is_missing(plot: object, records: list[str], message: str) -> None:
    with pytest.raises(vnpolicy.InputValueError, match=message):
        plot([vnpolicy.extract(t) for t in records])  # type: ignore[operator]

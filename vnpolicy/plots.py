"""Plots of a collection of records: references over time, the most cited documents, indicators by period, topics.

matplotlib is an optional extra (``pip install "vnpolicy[plots]"``) and is
imported only here. Each function takes records (from
:func:`vnpolicy.extract_many`, :func:`vnpolicy.io.read_records`, ...) and
returns a :class:`matplotlib.figure.Figure` made with the object API, never
with pyplot: nothing is kept in global state, so figures can be made in a
loop, a test or a server without piling up. In Jupyter a returned figure
shows itself (after ``%matplotlib inline``); ``fig.savefig("refs.png")``
writes it. Each raises :class:`~vnpolicy.InputValueError` with what is
missing when there is nothing to draw, rather than an empty figure.

Example:
    >>> import vnpolicy
    >>> records = [vnpolicy.extract("Theo Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")]
    >>> fig = most_cited(records)
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    'Quyết định 22/2013/QĐ-TTg'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from .errors import InputValueError, MissingDependencyError
from .legal_refs import group
from .records import Fraction, Indicator, Number, Percent, Quantity, Record

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Frequency = Literal["year", "quarter", "month"]
PeriodGrain = Literal["period", "year"]

FIGURE_SIZE = (9.0, 4.8)
"""Width and height of every figure, in inches."""

OTHER = "other"
"""The label of the types (or topics) left out of a legend that shows only the largest ones."""

_YEAR = re.compile(r"\d{4}")


def _figure(size: tuple[float, float] = FIGURE_SIZE) -> tuple[Figure, Axes]:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError('vnpolicy.plots needs matplotlib: pip install "vnpolicy[plots]"') from None
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def _records(records: Iterable[Record], what: str) -> list[Record]:
    out = list(records)
    if not out:
        raise InputValueError(f"{what}() got no records; pass the records of an archive "
                              "(vnpolicy.extract_many(...) or vnpolicy.io.read_records(...))")
    return out


def _issue_year(issued: str | None, year: int | None) -> int | None:
    if issued and _YEAR.fullmatch(issued[:4]):
        return int(issued[:4])
    return year


def references_over_time(records: Iterable[Record], *, top_types: int = 6) -> Figure:
    """Cited documents by the year they were issued, stacked by document type.

    Each article counts each document it cites once, however often it
    repeats it (short back-references such as ``Quyết định 22`` join their
    document). The year is that of the issue date the text gives, else the
    year in the symbol (``22/2013/QĐ-TTg``: 2013); documents with neither are
    left out. The ``top_types`` most frequent types get their own colour.

    Raises:
        InputValueError: no records, or no cited document with a year.

    Example:
        >>> import vnpolicy
        >>> fig = references_over_time([vnpolicy.extract("Căn cứ Nghị định 116/2014/NĐ-CP ngày 4/12/2014 "
        ...                                              "và Luật Đất đai năm 2013")])
        >>> fig.axes[0].get_title()
        'Cited documents by year of issue (2 citations in 1 articles)'
    """
    items = _records(records, "references_over_time")
    counts: Counter[tuple[int, str]] = Counter()
    for record in items:
        for doc in group(record):
            year = _issue_year(doc.issued, doc.year)
            if year is not None:
                counts[(year, doc.doc_type)] += 1
    if not counts:
        raise InputValueError(f"references_over_time() found no cited document with an issue date or year in "
                              f"{len(items)} records")
    by_type: Counter[str] = Counter()
    for (_, doc_type), n in counts.items():
        by_type[doc_type] += n
    shown = [t for t, _ in by_type.most_common(top_types)]
    years = list(range(min(y for y, _ in counts), max(y for y, _ in counts) + 1))
    from matplotlib.ticker import MaxNLocator

    fig, ax = _figure()
    bottom = [0] * len(years)
    series = [*shown, OTHER] if len(by_type) > len(shown) else shown
    for doc_type in series:
        heights = [sum(n for (y, t), n in counts.items() if y == year and (t == doc_type or (
            doc_type == OTHER and t not in shown))) for year in years]
        ax.bar(years, heights, bottom=bottom, label=doc_type, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2012.5
    ax.set_title(f"Cited documents by year of issue ({sum(counts.values())} citations in {len(items)} articles)")
    ax.set_xlabel("year of issue")
    ax.set_ylabel("documents cited (once per article)")
    ax.legend(title="document type", fontsize="small")
    return fig


def most_cited(records: Iterable[Record], *, top: int = 15) -> Figure:
    """The documents cited by the most articles, as horizontal bars, most cited on top.

    A document is counted once per article that cites it; short
    back-references join their document, and the document is named by its
    type and canonical form (``Quyết định 22/2013/QĐ-TTg``, ``Luật Đất đai 2013``).

    Raises:
        InputValueError: no records, or no legal reference in them.
    """
    items = _records(records, "most_cited")
    articles: Counter[str] = Counter()
    for record in items:
        for doc in group(record):
            name = doc.canonical if doc.canonical.startswith(doc.doc_type) else f"{doc.doc_type} {doc.canonical}"
            articles[name] += 1
    if not articles:
        raise InputValueError(f"most_cited() found no legal reference in {len(items)} records")
    ranked = articles.most_common(top)
    height = max(FIGURE_SIZE[1], 0.32 * len(ranked) + 1.2)
    fig, ax = _figure((FIGURE_SIZE[0], height))
    names = [name for name, _ in reversed(ranked)]
    counts = [n for _, n in reversed(ranked)]
    bars = ax.barh(names, counts, color="#f08c00")
    ax.bar_label(bars, padding=2, fontsize="small")
    ax.set_title(f"Most cited documents ({len(articles)} distinct documents in {len(items)} articles)")
    ax.set_xlabel("articles citing the document")
    return fig


def _period_key(period: str) -> tuple[int, str]:
    found = _YEAR.search(period)
    return (int(found.group()) if found else 10**6, period)


def _number_value(number: Quantity | Percent | Fraction) -> tuple[Number | None, str | None]:
    if isinstance(number, Quantity):
        return number.value, number.unit
    if isinstance(number, Percent):
        return number.value, "%"
    # a fraction is drawn as the percent it stands for: 196/204 is 96.1%
    return (100 * number.numerator / number.denominator if number.denominator else None), "%"


def _numbers(record: Record) -> dict[tuple[int, int], Quantity | Percent | Fraction]:
    out: dict[tuple[int, int], Quantity | Percent | Fraction] = {}
    for kind in (record.quantities, record.percents, record.fractions):
        out.update(((m.start, m.end), m) for m in kind)
    return out


def _placed(period: str, by: PeriodGrain) -> str | None:
    """The period as drawn: as written, or its first year; ``None`` when it has no year (``XXXX-06``)."""
    found = _YEAR.match(period)
    if found is None:
        return None
    return found.group() if by == "year" else period


def _matching(items: Sequence[Record], measure: str | None, unit: str | None
              ) -> list[tuple[str, Indicator, Number | None, str | None]]:
    wanted = measure.casefold() if measure else None
    out = []
    for record in items:
        numbers = _numbers(record)
        for ind in record.indicators:
            if ind.period is None or (wanted and wanted not in (ind.measure or "").casefold()):
                continue
            number = numbers.get((ind.value_start, ind.value_end))
            value, its_unit = _number_value(number) if number is not None else (None, None)
            if unit is not None and its_unit != unit:
                continue
            out.append((ind.period, ind, value, its_unit))
    return out


def indicators_by_period(records: Iterable[Record], *, measure: str | None = None, unit: str | None = None,
                         values: bool = False, by: PeriodGrain = "period", max_periods: int = 30) -> Figure:
    """Statistics by the period they refer to: how many (bars), or their values (points and median).

    Only indicators whose sentence states a period with its year are drawn:
    a period written without one (``tháng 6``: ``XXXX-06``) cannot be placed
    in time, and the title says how many were left out.

    Args:
        records: the records.
        measure: keep the indicators whose measure contains this text
            (``"sản lượng"``, ``"vốn"``), ignoring case.
        unit: keep the figures in this unit (``"tấn"``, ``"VND"``, ``"%"``;
            fractions are drawn as percents).
        values: draw each figure's value by period, with the median of each
            period, instead of counting them. The figures must then share one
            unit: pass ``unit`` when they do not.
        by: ``"period"`` draws each period as the text gives it (``2019``,
            ``2020-Q1``, ``2016/2017``); ``"year"`` puts each under its
            (first) year, which suits an archive.
        max_periods: draw at most this many periods, those with the most
            figures, in time order.

    Raises:
        InputValueError: no records, no indicator with a dated period matches,
            or ``values`` with figures in several units and no ``unit``.

    Example:
        >>> import vnpolicy
        >>> r = vnpolicy.extract("Năm 2019, sản lượng lúa đạt 410.000 tấn. Năm 2020, sản lượng lúa đạt 430.000 tấn.")
        >>> fig = indicators_by_period([r], measure="sản lượng", values=True)
        >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
        ['2019', '2020']
    """
    items = _records(records, "indicators_by_period")
    matched = _matching(items, measure, unit)
    found = [(placed, ind, v, u) for period, ind, v, u in matched if (placed := _placed(period, by)) is not None]
    what = " and ".join(filter(None, [f"measure containing {measure!r}" if measure else None,
                                      f"unit {unit!r}" if unit else None])) or "any measure"
    if not found:
        raise InputValueError(f"indicators_by_period() found no indicator with a period and {what} in "
                              f"{len(items)} records")
    by_period: Counter[str] = Counter(period for period, *_ in found)
    periods = sorted((p for p, _ in by_period.most_common(max_periods)), key=_period_key)
    fig, ax = _figure()
    x = {p: i for i, p in enumerate(periods)}
    label = measure or "indicators"
    left_out = f"; {len(matched) - len(found)} with a period of no year left out" if len(found) < len(matched) else ""
    if not values:
        bars = ax.bar(range(len(periods)), [by_period[p] for p in periods], color="#2b8a3e")
        ax.bar_label(bars, padding=2, fontsize="small")
        ax.set_ylabel("figures reported")
        ax.set_title(f"Figures by {by} ({label}: {sum(by_period[p] for p in periods)} figures{left_out})")
    else:
        units = sorted({u or "(no unit)" for _, _, v, u in found if v is not None})
        if len(units) > 1:
            raise InputValueError(f"indicators_by_period(values=True): the figures of {what} are in several units "
                                  f"({', '.join(units)}); pass unit=... to choose one")
        if not units:
            raise InputValueError(f"indicators_by_period(values=True) found no figure with a value for {what}")
        points = [(x[p], float(v)) for p, _, v, _ in found if v is not None and p in x]
        ax.scatter([px for px, _ in points], [py for _, py in points], color="#2b8a3e", alpha=0.6, label="figure")
        medians = []
        for p in periods:
            vs = sorted(py for px, py in points if px == x[p])
            medians.append(_median(vs) if vs else float("nan"))
        ax.plot(range(len(periods)), medians, color="#212529", marker="_", markersize=18, linestyle="none",
                label="median")
        ax.set_ylabel(f"{label} ({units[0]})")
        ax.set_title(f"{label} by {by} ({len(points)} figures{left_out})")
        ax.legend(fontsize="small")
    ax.set_xticks(range(len(periods)), periods, rotation=45 if len(periods) > 8 else 0, ha="right"
                  if len(periods) > 8 else "center")
    ax.set_xlabel(f"{by} the figure refers to")
    return fig


def _median(values: Sequence[float]) -> float:
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _bucket(published: str, freq: Frequency) -> str | None:
    if not _YEAR.fullmatch(published[:4]):
        return None
    if freq == "year":
        return published[:4]
    month = published[5:7]
    if not month.isdigit():
        return None
    if freq == "quarter":
        return f"{published[:4]}-Q{(int(month) - 1) // 3 + 1}"
    return published[:7]


def _every_bucket(first: str, last: str, freq: Frequency) -> list[str]:
    """Every year, quarter or month from ``first`` to ``last``, so that a time without articles shows as one."""
    step = {"year": 1, "quarter": 4, "month": 12}[freq]

    def index(bucket: str) -> int:
        year, rest = int(bucket[:4]), bucket[5:].lstrip("Q")
        return year * step + (int(rest) - 1 if rest else 0)

    def name(i: int) -> str:
        year, part = divmod(i, step)
        return {"year": f"{year}", "quarter": f"{year}-Q{part + 1}", "month": f"{year}-{part + 1:02d}"}[freq]

    return [name(i) for i in range(index(first), index(last) + 1)]


def topics_over_time(records: Iterable[Record], *, freq: Frequency = "month", share: bool = False,
                     top: int = 8) -> Figure:
    """Articles per policy topic by publication date (``Record.published``), one line per topic.

    Args:
        records: the records; those without a publication date are left out
            (the title says how many).
        freq: ``"month"``, ``"quarter"`` or ``"year"``.
        share: draw the share of the period's articles that carry the topic
            instead of the count.
        top: draw the ``top`` most frequent topics.

    Raises:
        InputValueError: no records, no record with a publication date, or no topic.

    Example:
        >>> import vnpolicy
        >>> r = vnpolicy.extract("Bộ Y tế yêu cầu các bệnh viện tăng cường phòng chống dịch sốt xuất huyết",
        ...                      published="2017-03-05")
        >>> topics_over_time([r], freq="year").axes[0].get_lines()[0].get_label()
        'y_te'
    """
    items = _records(records, "topics_over_time")
    articles: Counter[str] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    undated = 0
    for record in items:
        bucket = _bucket(record.published, freq) if record.published else None
        if bucket is None:
            undated += 1
            continue
        articles[bucket] += 1
        for topic in record.topics:
            counts[(bucket, topic.label)] += 1
    if not articles:
        raise InputValueError(f"topics_over_time() found no record with a publication date in {len(items)} records; "
                              "pass published= to vnpolicy.extract, or read documents that carry one")
    if not counts:
        raise InputValueError(f"topics_over_time() found no topic in {sum(articles.values())} dated records")
    totals: Counter[str] = Counter()
    for (_, label), n in counts.items():
        totals[label] += n
    buckets = _every_bucket(min(articles), max(articles), freq)
    fig, ax = _figure()
    for label, _ in totals.most_common(top):
        # a month with no article is a gap in the share, and a zero in the count
        ys = [(counts[(b, label)] / articles[b] if articles[b] else float("nan")) if share else counts[(b, label)]
              for b in buckets]
        ax.plot(range(len(buckets)), ys, marker="o", label=label)
    ax.set_xticks(range(len(buckets)), buckets, rotation=45 if len(buckets) > 8 else 0,
                  ha="right" if len(buckets) > 8 else "center")
    left_out = f", {undated} without a date left out" if undated else ""
    ax.set_title(f"Policy topics by {freq} of publication ({sum(articles.values())} articles{left_out})")
    ax.set_xlabel(f"{freq} of publication")
    ax.set_ylabel("share of the articles" if share else "articles")
    ax.legend(fontsize="small", ncols=2)
    return fig

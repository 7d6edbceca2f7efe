"""Dates and periods -> TIMEX3 (placeholder, being written)."""

from __future__ import annotations

import datetime as dt

from .records import DateMention, Period
from .spans import SpanSet


def find_dates(text: str, *, blocked: SpanSet = SpanSet(),
               published: dt.date | None = None) -> tuple[list[DateMention], list[Period]]:
    """Every date and period in ``text`` outside ``blocked``."""
    return [], []

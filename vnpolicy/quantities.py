"""Quantities, percents and fractions (placeholder, being written)."""

from __future__ import annotations

from .records import Fraction, Percent, Quantity
from .spans import SpanSet


def find_numbers(text: str, *, blocked: SpanSet = SpanSet()
                 ) -> tuple[list[Quantity], list[Percent], list[Fraction]]:
    """Every quantity, percent and fraction in ``text`` outside ``blocked``."""
    return [], [], []

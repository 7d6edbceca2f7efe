"""The record contract: guideline keys, frozen types, JSON round trip on the real gold set."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from vnpolicy.records import MENTION_TYPES, DateMention, Period, Quantity, Record

GOLD = Path(__file__).resolve().parent.parent / "corpora" / "gold" / "dev.jsonl"
GUIDELINE_FIELDS = {
    "legal_refs": {"start", "end", "text", "doc_type", "number", "year", "symbol", "canonical",
                   "issued", "issuer", "subject", "refers_to"},
    "dates": {"start", "end", "text", "value", "grain"},
    "periods": {"start", "end", "text", "from", "to"},
    "quantities": {"start", "end", "text", "value", "unit", "qualifier", "value_to"},
    "percents": {"start", "end", "text", "value", "qualifier", "value_to"},
    "fractions": {"start", "end", "text", "numerator", "denominator", "unit"},
    "slogans": {"start", "end", "text", "cue", "parts"},
    "indicators": {"value_start", "value_end", "value_text", "measure", "period", "location"},
    "topics": {"label", "score"},
}


@pytest.mark.parametrize("kind", sorted(GUIDELINE_FIELDS))
def test_every_guideline_field_is_a_json_key(kind: str) -> None:
    keys = {f.name.rstrip("_") for f in dataclasses.fields(MENTION_TYPES[kind])}  # type: ignore[arg-type]
    assert GUIDELINE_FIELDS[kind] <= keys


def test_period_uses_from_not_from_underscore() -> None:
    p = Period(start=0, end=19, text="giai đoạn 2018-2020", from_="2018", to="2020")
    assert p.to_dict()["from"] == "2018"
    assert Period.from_dict(p.to_dict()) == p


def test_mentions_are_frozen() -> None:
    d = DateMention(start=0, end=8, text="năm 2019", value="2019", grain="year")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.value = "2020"  # type: ignore[misc]


def test_gold_lines_round_trip_through_record() -> None:
    """Every real gold passage reads into a Record and writes back the same mention fields."""
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        record = Record.from_dict(gold)
        again = record.to_dict()
        for kind in GUIDELINE_FIELDS:
            if kind == "topics":
                continue
            for g, r in zip(gold.get(kind, []), again[kind], strict=True):
                assert isinstance(r, dict)
                for key in GUIDELINE_FIELDS[kind]:
                    assert r[key] == g.get(key), (gold["id"], kind, key)
        assert Record.from_dict(again) == record


def test_from_dict_rejects_non_list_kind() -> None:
    with pytest.raises(TypeError, match="dates"):
        Record.from_dict({"text": "x", "dates": "năm 2019"})


def test_quantity_value_keeps_int_when_whole() -> None:
    q = Quantity(start=0, end=5, text="41 xã", value=41, unit="xã")
    assert json.dumps(q.to_dict()["value"]) == "41"

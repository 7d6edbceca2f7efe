"""Batch extraction: one record or error record per document, in order."""

from __future__ import annotations

from vnpolicy.batch import extract_documents
from vnpolicy.io.readers import Document, ReadError
from vnpolicy.records import Record


def test_records_and_errors_keep_input_order_and_ids() -> None:
    docs: list[Document | ReadError] = [
        Document(id="a", text="Năm 2019 toàn tỉnh có 41 xã."),
        ReadError(id="b", source="x.jsonl", error="MissingText", message="line 2 needs text"),
        Document(id="c", text="", published="not a date"),
        Document(id="d", text=""),
    ]
    out = list(extract_documents(docs))
    assert [x.id for x in out] == ["a", "b", "c", "d"]
    assert [type(x).__name__ for x in out] == ["Record", "ReadError", "ReadError", "Record"]
    assert isinstance(out[2], ReadError) and out[2].error == "InputValueError"
    assert isinstance(out[3], Record) and out[3].mentions() == []

"""CSV and TSV files: one document per row, columns named by a header line.

Rows are parsed as a stream, each physical line decoded on its own by
:func:`~vnpolicy.io.decode.decode_bytes`, so one badly encoded line costs one
error record, not the file. The id, text, title and date columns are those of
:class:`~vnpolicy.io.documents.ReadOptions`; a row without an id column value
is ``FILE:ROW`` (data rows counted from 1).

Example:
    >>> import io
    >>> data = "id,text\\nd1,\\"Năm 2019, toàn tỉnh có 41 xã\\"\\n,Ngày 1/7\\n".encode()
    >>> [(d.id, d.text) for d in iter_csv(io.BytesIO(data), where="a.csv", source="a.csv",
    ...                                   options=ReadOptions())]
    [('d1', 'Năm 2019, toàn tỉnh có 41 xã'), ('a.csv:2', 'Ngày 1/7')]
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from ..errors import DecodeError, DocumentError, DocumentTooLargeError, MissingTextError
from .decode import decode_bytes
from .documents import Document, ReadError, ReadOptions


def iter_csv(stream: IO[bytes], *, where: str, source: str, options: ReadOptions,
             delimiter: str = ",") -> Iterator[Document | ReadError]:
    """One document (or error record) per data row of a CSV stream with a header line."""
    # The module-wide default (128 KiB) is below a long article; the size limit decides instead.
    if csv.field_size_limit() < options.max_bytes:
        csv.field_size_limit(options.max_bytes)
    bad_lines: dict[int, DecodeError] = {}

    def lines() -> Iterator[str]:
        for line_no, raw in enumerate(stream, 1):
            try:
                yield decode_bytes(raw)
            except DocumentError as e:
                bad_lines[line_no] = DecodeError(f"line {line_no}: {e}")
                yield "\n"

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    columns = {name.strip().lstrip("\ufeff"): i for i, name in enumerate(header)}
    last_line = reader.line_num
    row_no = 0
    for row in reader:
        broken = [bad_lines.pop(n) for n in list(bad_lines) if last_line < n <= reader.line_num]
        last_line = reader.line_num
        if not row and not broken:  # a blank line is no document
            continue
        row_no += 1
        doc_id = _cell(row, columns, options.id_field) or f"{where}:{row_no}"
        if broken:
            yield ReadError.from_exception(doc_id, source, broken[0])
            continue
        text = _cell(row, columns, options.text_field)
        if text is None:
            yield ReadError.from_exception(doc_id, source, MissingTextError(
                f"row {row_no} has no column {options.text_field!r} (columns: {', '.join(columns)}); "
                "name the text column with --text-field"))
            continue
        size = len(text.encode("utf-8"))
        if size > options.max_bytes:
            yield ReadError.from_exception(doc_id, source, DocumentTooLargeError(
                f"row {row_no} has {size} bytes of text, over the limit of {options.max_bytes}; "
                "raise the limit (--max-bytes)"))
            continue
        published = next((v for f in options.date_fields if (v := _cell(row, columns, f))), None)
        yield Document(id=doc_id, text=text, published=published,
                       title=_cell(row, columns, options.title_field) or None, source=source)


def _cell(row: list[str], columns: dict[str, int], name: str) -> str | None:
    """The cell of column ``name`` in ``row``; ``None`` when the row has no such column."""
    i = columns.get(name)
    return None if i is None or i >= len(row) else row[i]

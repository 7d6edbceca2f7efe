"""Read back what ``vnpolicy extract`` wrote: records from a JSON Lines file or a Parquet dataset.

Both outputs hold the same records, and :func:`read_records` gives them back
as the same :class:`~vnpolicy.records.Record` objects, so that everything
downstream (:func:`vnpolicy.to_frames`, the plots, the HTML view) works on
either. Parquet stores every number as a double (``docs/parquet-schema.md``);
a whole number is read back as an ``int``, as the JSON output has it, so a
record read from Parquet equals the one read from JSON Lines. pyarrow (the
``batch`` extra) is imported only when a Parquet dataset is read.

Example:
    >>> import json, tempfile, pathlib, vnpolicy
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> _ = path.write_text(json.dumps(vnpolicy.extract("Năm 2019", doc_id="a").to_dict()) + "\\n")
    >>> [(r.id, r.dates[0].value) for r in read_records(path)]
    [('a', '2019')]
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..errors import InputValueError, MissingDependencyError
from ..records import MENTION_TYPES, JsonDict, JsonValue, Number, Record

__all__ = ["read_records"]

MANIFEST = "_manifest.json"
"""The file that only a finished Parquet dataset has (see :mod:`vnpolicy.io.parquet`)."""


def read_records(path: str | Path) -> Iterator[Record]:
    """The records of a ``vnpolicy extract`` output, in output order, one at a time.

    Args:
        path: a JSON Lines file (``-o OUT.jsonl``; any file that is not a
            folder is read as JSON Lines) or a finished Parquet dataset folder
            (``--format parquet``). Error records are in their own file or
            table and are not read.

    Raises:
        InputValueError: the path does not exist, or is a folder that is not
            a finished Parquet dataset (a run still going, or killed, leaves
            ``OUT.partial``: finish it with ``--resume``).
        MissingDependencyError: a Parquet dataset, and pyarrow is not installed.
    """
    path = Path(path)
    if path.is_dir():
        if not (path / MANIFEST).is_file():
            raise InputValueError(f"{path} is a folder but not a finished vnpolicy Parquet dataset (no {MANIFEST}); "
                                  "pass the folder given to -o, once the run has finished")
        return _parquet_records(path)
    if not path.is_file():
        raise InputValueError(f"{path} does not exist; pass the JSON Lines file or Parquet folder that "
                              "`vnpolicy extract -o` wrote")
    return _jsonl_records(path)


def _jsonl_records(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputValueError(f"{path}, line {number}: not JSON ({e.msg})") from None
            if not isinstance(data, dict):
                raise InputValueError(f"{path}, line {number}: a JSON object was expected")
            yield Record.from_dict(data)


def _number_columns() -> dict[str, set[str]]:
    """The columns of each kind that hold JSON numbers (``value``, ``numerator``, ...)."""
    columns: dict[str, set[str]] = {}
    for kind, item_type in MENTION_TYPES.items():
        hints = typing.get_type_hints(item_type)
        columns[kind] = {f.name for f in fields(item_type)  # type: ignore[arg-type]
                         if hints[f.name] in (Number, Number | None)}
    return columns


def _whole(value: Any) -> Any:
    # Parquet has no JSON number: 41 was stored as 41.0 and is 41 again
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _parquet_records(folder: Path) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("reading a Parquet dataset needs pyarrow: pip install 'vnpolicy[batch]'") from None
    numbers = _number_columns()
    # every table has one part per checkpoint, holding the same documents: read them part by part
    for part in sorted((folder / "documents").glob("part-*.parquet")):
        documents = pq.read_table(part).to_pylist()
        mentions: dict[int, dict[str, list[JsonValue]]] = {}
        for kind in MENTION_TYPES:
            kind_part = folder / kind / part.name
            if not kind_part.is_file():
                continue  # a dataset of an older schema without this kind
            for row in pq.read_table(kind_part).to_pylist():
                index = row.pop("doc_index")
                row.pop("doc_id")
                for column in numbers[kind]:
                    if column in row:
                        row[column] = _whole(row[column])
                mentions.setdefault(index, {}).setdefault(kind, []).append(row)
        for doc in documents:
            data: JsonDict = {"id": doc["id"], "text": doc["text"], "published": doc["published"],
                              "repairs": doc["repairs"] or []}
            data.update(mentions.get(doc["doc_index"], {}))
            yield Record.from_dict(data)


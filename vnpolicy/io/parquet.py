"""Records as a Parquet dataset: a ``documents`` table and one table per kind of mention.

The only module that imports pyarrow (the ``batch`` extra). The dataset is a
folder with one sub-folder per table, each holding ``part-NNNNN.parquet``
files in input order, and a ``_manifest.json``::

    OUT/
      _manifest.json
      documents/part-00000.parquet  part-00001.parquet ...
      legal_refs/ dates/ periods/ quantities/ percents/ fractions/ slogans/ indicators/ topics/
      errors/

Every table has a part for every checkpoint of the run (an empty part keeps
the schema readable when a kind has no mention). DuckDB
(``read_parquet('OUT/dates/*.parquet')``), pandas (``pd.read_parquet('OUT/dates')``)
and polars (``pl.read_parquet('OUT/dates/*.parquet')``) read the tables directly.
The schema is derived from :mod:`vnpolicy.records` and documented in
``docs/parquet-schema.md`` (``python -m vnpolicy.io.parquet`` prints it; a
test keeps the two in step): columns are only ever added, never renamed.

While the run goes on the dataset is ``OUT.partial/``, with its checkpoint;
it is renamed to ``OUT`` when complete, so a folder under the final name is
always a finished dataset.

Example:
    >>> import tempfile, pathlib, vnpolicy
    >>> import pyarrow.dataset as ds
    >>> from vnpolicy.io.documents import Document
    >>> from vnpolicy.io.output import EncodedChunk, Extracted
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.parquet"
    >>> doc = Document(id="a", text="Ngày 26/4/2013, toàn tỉnh có 41 xã.")
    >>> with ParquetOutput(out) as output:
    ...     results = [Extracted(doc, vnpolicy.extract(doc.text, doc_id="a"))]
    ...     output.write(EncodedChunk(0, 1, 0, output.encoder(results, 0)))
    ...     output.finish()
    >>> ds.dataset(out / "documents").to_table().to_pylist()[0]["chars"]
    35
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import CheckpointError, MissingDependencyError, OutputExistsError
from ..records import MENTION_TYPES, JsonDict, Number
from .checkpoint import Checkpoint, check_fingerprint, fsync_dir, load_checkpoint, save_checkpoint, write_atomic
from .documents import ReadError
from .output import EncodedChunk, Output, Result

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as e:  # pragma: no cover - the batch extra is installed in CI
    raise MissingDependencyError("writing Parquet needs pyarrow: pip install 'vnpolicy[batch]'") from e

SCHEMA_VERSION = 1
COMPRESSION = "zstd"
DOCUMENTS = "documents"
ERRORS = "errors"
# Encoded tables are buffered up to this many bytes before a row group is written.
_ROW_GROUP_BYTES = 64 * 1024 * 1024

Tables = dict[str, "pa.Table"]


def _arrow_type(hint: object) -> pa.DataType:
    """The Arrow type of a field of a record dataclass (``X | None`` is a nullable ``X``)."""
    if hint == Number or hint == (Number | None):
        return pa.float64()  # a JSON number: int or float, so float64
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return _arrow_type(args[0])
    if origin is tuple:
        items = typing.get_args(hint)
        if len(items) == 2 and items[1] is Ellipsis:
            return pa.list_(_arrow_type(items[0]))
    simple: dict[object, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Parquet type for record fields of type {hint!r}; add one in vnpolicy/io/parquet.py")


def _is_number(hint: object) -> bool:
    return hint == Number or hint == (Number | None)


def _mention_schema(kind: str) -> pa.Schema:
    item_type = MENTION_TYPES[kind]
    hints = typing.get_type_hints(item_type)
    columns = [pa.field("doc_id", pa.string(), nullable=False), pa.field("doc_index", pa.int64(), nullable=False)]
    for f in fields(item_type):  # type: ignore[arg-type]
        columns.append(pa.field(_json_name(f.name), _arrow_type(hints[f.name])))
    return pa.schema(columns)


def _json_name(name: str) -> str:
    # the dataclass field ``from_`` is ``from`` in JSON, as in records.py
    return name[:-1] if name.endswith("_") else name


def table_schemas() -> dict[str, pa.Schema]:
    """Every table of the dataset with its schema, in a fixed order.

    Example:
        >>> schemas = table_schemas()
        >>> list(schemas)[:3], schemas["dates"].names[:4]
        (['documents', 'legal_refs', 'dates'], ['doc_id', 'doc_index', 'start', 'end'])
    """
    documents = pa.schema([
        pa.field("doc_index", pa.int64(), nullable=False),
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("chars", pa.int64(), nullable=False),
        pa.field("repairs", pa.list_(pa.string())),
        pa.field("text", pa.string()),
    ])
    errors = pa.schema([
        pa.field("doc_index", pa.int64(), nullable=False),
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("error", pa.string(), nullable=False),
        pa.field("message", pa.string()),
    ])
    return {DOCUMENTS: documents, **{kind: _mention_schema(kind) for kind in MENTION_TYPES}, ERRORS: errors}


SCHEMAS = table_schemas()


@dataclass(frozen=True, slots=True)
class ParquetEncoder:
    """Encodes results as one Arrow table per dataset table, in the worker."""

    include_text: bool = True

    def __call__(self, results: Sequence[Result], first_index: int) -> Tables:
        """The rows of each table for ``results`` (documents ``first_index, ...``)."""
        columns: dict[str, dict[str, list[Any]]] = {
            name: {column: [] for column in schema.names} for name, schema in SCHEMAS.items()}
        for index, result in enumerate(results, first_index):
            if isinstance(result, ReadError):
                _append(columns[ERRORS], {"doc_index": index, **result.to_dict()})
                continue
            doc, record = result.document, result.record
            _append(columns[DOCUMENTS], {
                "doc_index": index, "id": doc.id, "source": doc.source, "title": doc.title,
                "published": record.published, "chars": len(record.text), "repairs": list(record.repairs),
                "text": record.text if self.include_text else None})
            for kind in MENTION_TYPES:
                table = columns[kind]
                for mention in getattr(record, kind):
                    _append(table, {"doc_id": doc.id, "doc_index": index, **mention.to_dict()})
        return {name: pa.Table.from_pydict(_coerce(name, cols), schema=SCHEMAS[name]) for name, cols in columns.items()}


_NUMBER_COLUMNS = {
    kind: {_json_name(f.name) for f in fields(item_type)  # type: ignore[arg-type]
           if _is_number(typing.get_type_hints(item_type)[f.name])}
    for kind, item_type in MENTION_TYPES.items()
}


def _append(table: dict[str, list[Any]], row: dict[str, Any]) -> None:
    for column, values in table.items():
        values.append(row.get(column))


def _coerce(name: str, columns: dict[str, list[Any]]) -> dict[str, list[Any]]:
    # JSON numbers may be ints too large for an exact double; Arrow refuses those, so convert here.
    for column in _NUMBER_COLUMNS.get(name, ()):
        columns[column] = [None if v is None else float(v) for v in columns[column]]
    return columns


class ParquetOutput(Output[Tables]):
    """A Parquet dataset written atomically and resumably (see the module docstring).

    Raises:
        OutputExistsError: (on creation) the dataset, or an interrupted run's
            ``OUT.partial``, is there and neither ``overwrite`` nor ``resume`` is set.
        CheckpointError: (on creation, with ``resume``) the inputs or settings changed.
    """

    def __init__(self, path: str | Path, *, include_text: bool = True, overwrite: bool = False,
                 resume: bool = False, fingerprint: tuple[str, JsonDict] = ("", {})) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.checkpoint_path = self.partial / "_checkpoint.json"
        self._encoder = ParquetEncoder(include_text)
        self._fingerprint = fingerprint
        self._buffers: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
        self._buffered_bytes = 0
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._rows = dict.fromkeys(SCHEMAS, 0)
        self._parts = 0
        self._committed = -1
        if resume:
            self._resume()
        else:
            self._fresh(overwrite)

    @property
    def encoder(self) -> ParquetEncoder:
        """Encodes a chunk as Arrow tables."""
        return self._encoder

    def _fresh(self, overwrite: bool) -> None:
        if not overwrite:
            if self.path.exists():
                raise OutputExistsError(f"{self.path} exists; remove it, pass --overwrite to replace it, or "
                                        "--resume to continue the run that wrote it")
            if self.partial.exists():
                raise OutputExistsError(f"an interrupted run left {self.partial}; pass --resume to continue it "
                                        "or --overwrite to start again")
        shutil.rmtree(self.partial, ignore_errors=True)
        for name in SCHEMAS:
            (self.partial / name).mkdir(parents=True)

    def _resume(self) -> None:
        checkpoint = load_checkpoint(self.checkpoint_path)
        if checkpoint is None:
            if self.path.exists() and not self.partial.exists():
                self.complete = True
                return
            self._fresh(overwrite=True)  # killed before its first checkpoint: nothing to keep
            return
        check_fingerprint(checkpoint, *self._fingerprint, path=self.checkpoint_path)
        parts, rows = checkpoint.state.get("parts"), checkpoint.state.get("rows")
        if not isinstance(parts, int) or not isinstance(rows, dict):
            raise CheckpointError(f"{self.checkpoint_path} has no list of parts; start again with --overwrite")
        keep = {_part_name(i) for i in range(parts)}
        for name in SCHEMAS:
            folder = self.partial / name
            folder.mkdir(parents=True, exist_ok=True)
            for file in folder.iterdir():
                if file.name not in keep:  # written after the checkpoint: redone now
                    file.unlink()
            missing = keep - {f.name for f in folder.iterdir()}
            if missing:
                raise CheckpointError(f"{folder} lacks {sorted(missing)[0]} that its checkpoint lists; "
                                      "start again with --overwrite")
            count = rows.get(name, 0)
            self._rows[name] = count if isinstance(count, int) else 0
        self._parts = parts
        self.start = checkpoint.done
        self.records, self.errors = checkpoint.records, checkpoint.errors
        self._committed = self.start

    def write(self, chunk: EncodedChunk[Tables]) -> None:
        """Buffer a chunk's tables; a row group is written when the buffer is full."""
        for name, table in chunk.payload.items():
            if table.num_rows:
                self._buffers[name].append(table)
                self._buffered_bytes += table.nbytes
        self.records += chunk.n_records
        self.errors += chunk.n_errors
        if self._buffered_bytes >= _ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        for name, tables in self._buffers.items():
            if not tables:
                continue
            writer = self._writers.get(name)
            if writer is None:
                writer = self._writers[name] = self._open_part(name)
            table = pa.concat_tables(tables)
            writer.write_table(table)
            self._rows[name] += table.num_rows
            tables.clear()
        self._buffered_bytes = 0

    def _open_part(self, name: str) -> pq.ParquetWriter:
        path = self.partial / name / (_part_name(self._parts) + ".partial")
        return pq.ParquetWriter(path, SCHEMAS[name], compression=COMPRESSION)

    def commit(self) -> None:
        """Close the current part of every table (renamed into place), then record a checkpoint."""
        if self._committed == self.done or self.complete:
            return
        self._flush()
        for name in SCHEMAS:
            writer = self._writers.pop(name, None) or self._open_part(name)
            writer.close()
            partial = self.partial / name / (_part_name(self._parts) + ".partial")
            with partial.open("rb") as f:
                os.fsync(f.fileno())
            os.replace(partial, partial.with_suffix(""))
            fsync_dir(partial.parent)
        self._parts += 1
        rows: JsonDict = dict(self._rows)
        save_checkpoint(self.checkpoint_path, Checkpoint(
            fingerprint=self._fingerprint[0], done=self.done, records=self.records, errors=self.errors,
            state={"parts": self._parts, "rows": rows}, described=self._fingerprint[1]))
        self._committed = self.done

    def finish(self) -> None:
        """Write the manifest and rename the complete dataset to its final name."""
        if self.complete:
            return
        self.commit()  # a run with no document still gets one empty, readable part per table
        manifest: JsonDict = {
            "format": "vnpolicy-parquet", "schema_version": SCHEMA_VERSION, "documents": self.done,
            "records": self.records, "errors": self.errors, "parts": self._parts,
            "tables": {name: {"rows": rows, "columns": list(SCHEMAS[name].names)} for name, rows in self._rows.items()},
        }
        write_atomic(self.partial / "_manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
        self.checkpoint_path.unlink(missing_ok=True)
        if self.path.exists():  # --overwrite: the old dataset goes only once the new one is complete
            old = self.path.with_name(self.path.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(self.path, old)
            os.replace(self.partial, self.path)
            shutil.rmtree(old)
        else:
            os.replace(self.partial, self.path)
        fsync_dir(self.path.parent)

    def close(self) -> None:
        """Close open part files, leaving them (as ``.partial``) and the checkpoint for ``--resume``."""
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def describe(self) -> str:
        """The dataset folder, for the summary line."""
        return f"{self.path}/ ({self.errors} error records in {self.path}/{ERRORS}/)"


def _part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def schema_markdown() -> str:
    """The dataset's schema as the Markdown of ``docs/parquet-schema.md``."""
    lines = [
        "# Parquet output: schema",
        "",
        "`vnpolicy extract ARCHIVE... -o OUT --format parquet` writes a dataset folder `OUT/` with one",
        "sub-folder per table, each holding `part-NNNNN.parquet` files in input order, and a",
        "`_manifest.json` (schema version, row counts). Generated by `python -m vnpolicy.io.parquet`;",
        f"schema version {SCHEMA_VERSION}. Columns are only ever added, never renamed or retyped.",
        "",
        "- `documents`: one row per document that became a record, in input order.",
        "- one table per kind of mention (`legal_refs`, `dates`, ...), one row per mention, keyed by",
        "  `doc_id` (= `documents.id`) and `doc_index` (= `documents.doc_index`, the document's position",
        "  in the run's input); the other columns are the fields of `ANNOTATION.md`.",
        "- `errors`: one row per document that could not be read or extracted. Every input document is",
        "  in exactly one of `documents` and `errors`; together their `doc_index` values are 0, 1, 2, ...",
        "",
        "Numbers that are JSON numbers in the JSON Lines output (`value`, `value_to`, `numerator`,",
        "`denominator`) are `double`. Dates are ISO/TIMEX3 strings, as in JSON.",
        "",
        "Query it directly:",
        "",
        "```sql",
        "-- DuckDB",
        "SELECT d.id, q.value, q.unit FROM read_parquet('OUT/quantities/*.parquet') q",
        "JOIN read_parquet('OUT/documents/*.parquet') d ON d.id = q.doc_id WHERE q.unit = 'ha';",
        "```",
        "",
        "```python",
        "pd.read_parquet('OUT/dates')                 # pandas (pyarrow engine)",
        "pl.read_parquet('OUT/dates/*.parquet')       # polars",
        "```",
    ]
    for name, schema in SCHEMAS.items():
        lines += ["", f"## `{name}`", "", "| column | type | nullable |", "| --- | --- | --- |"]
        lines += [f"| `{f.name}` | `{f.type}` | {'yes' if f.nullable else 'no'} |" for f in schema]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_markdown())

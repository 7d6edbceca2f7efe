"""Extract from many documents: in this process, on a pool of processes, or on a Dask cluster.

Three ways in:

* :func:`extract_many` for notebooks: texts, files, folders or archives in,
  records out, in order, lazily;
* :func:`run_batch`, behind ``vnpolicy extract``: archives in, a JSON Lines
  file or a Parquet dataset out, with a checkpoint for ``--resume``;
* :func:`extract_documents`, the sequential core, for documents already read.

Whatever the engine, every input document comes out exactly once, as a record
or as an error record with the same id, in input order.

Example:
    >>> from vnpolicy.io import Document
    >>> out = list(extract_documents([Document(id="a", text="Năm 2019")]))
    >>> out[0].id, type(out[0]).__name__
    ('a', 'Record')
    >>> [r.id for r in extract_many(["Ngày 1/7/2020", "Năm 2019"])]
    ['0', '1']
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from .engines.local import LocalEngine
from .engines.work import Chunk, Engine, extract_item, keep_results
from .errors import CheckpointError, InputTypeError, InputValueError
from .io.checkpoint import fingerprint
from .io.documents import Document, Item, RawDocument, ReadError, ReadOptions
from .io.output import Output
from .io.readers import DocumentSource, read_items
from .io.writers import JsonlOutput
from .progress import Progress
from .records import JsonValue, Record

__all__ = ["BatchSummary", "extract_documents", "extract_many", "run_batch"]

OutputFormat = Literal["jsonl", "parquet"]
EngineName = Literal["local", "dask"]

CHUNK_BYTES = 4 << 20
"""A chunk is closed early when its documents reach this many bytes (4 MiB), whatever the engine's chunk size."""
CHECKPOINT_DOCUMENTS = 5000
"""A checkpoint every this many documents: at most this much work is redone after a kill."""
CHECKPOINT_SECONDS = 60.0
"""...and at least this often (seconds), for slow runs."""


def extract_documents(documents: Iterable[Document | ReadError]) -> Iterator[Record | ReadError]:
    """One record or one error record per input document, in input order, in this process."""
    options = ReadOptions()
    for doc in documents:
        result = extract_item(doc, options)
        yield result if isinstance(result, ReadError) else result.record


def extract_many(items: Iterable[str | Path | Document], *, workers: int = 1,
                 options: ReadOptions | None = None) -> Iterator[Record | ReadError]:
    """Records from texts, files, folders or archives, in order, as they are extracted.

    Args:
        items: each a text (``str``; its id is its position in ``items``), a
            path (``pathlib.Path``: a file, folder or archive, read as by
            ``vnpolicy extract``) or a :class:`~vnpolicy.io.Document`.
        workers: processes to extract on; 1 extracts in this process.
        options: field names and size limit for files (JSON Lines, CSV).

    Yields:
        A :class:`~vnpolicy.records.Record` per document, or a
        :class:`~vnpolicy.io.ReadError` for a document that could not be read
        or extracted, with the document's id.

    Raises:
        InputTypeError: an item is neither a text, a path nor a document.
        InputValueError: a path does not exist or cannot be read.

    Example:
        >>> for r in extract_many(["Quyết định số 22/2013/QĐ-TTg", "Năm 2019, toàn tỉnh có 41 xã."]):
        ...     print(r.id, len(r.text))
        0 28
        1 29
    """
    read_options = options or ReadOptions()
    with LocalEngine(workers) as engine:
        for chunk in engine.map(_chunks(_items_of(items, read_options), 0, engine.chunk_documents), keep_results,
                                read_options):
            yield from chunk.payload


def _items_of(items: Iterable[str | Path | Document], options: ReadOptions) -> Iterator[Item]:
    for position, item in enumerate(items):
        if isinstance(item, str):
            yield Document(id=str(position), text=item)
        elif isinstance(item, Path):
            yield from read_items([item], options)
        elif isinstance(item, Document):
            yield item
        else:
            raise InputTypeError(f"extract_many() takes texts (str), paths (pathlib.Path) or Documents, got "
                                 f"{type(item).__name__}; wrap file names in pathlib.Path")


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did."""

    documents: int
    """Input documents in the output, records and error records together (resumed ones included)."""
    records: int
    errors: int
    resumed_from: int
    """Documents already written by the interrupted run this one resumed (0 for a new run)."""
    seconds: float
    output: str
    already_complete: bool = False

    @property
    def rate(self) -> float:
        """Documents per second extracted by this run."""
        return (self.documents - self.resumed_from) / self.seconds if self.seconds > 0 else 0.0


def run_batch(inputs: Iterable[str | Path], output: str | Path | None = None, *,
              output_format: OutputFormat = "jsonl", workers: int = 1, engine: EngineName = "local",
              scheduler: str | None = None, resume: bool = False, overwrite: bool = False, include_text: bool = True,
              options: ReadOptions | None = None, checkpoint_every: int = CHECKPOINT_DOCUMENTS,
              checkpoint_seconds: float = CHECKPOINT_SECONDS, progress: Progress | None = None) -> BatchSummary:
    """Extract every document of ``inputs`` into ``output``, streaming, in parallel, resumably.

    Args:
        inputs: files, folders and archives (see :mod:`vnpolicy.io.readers`).
        output: a ``.jsonl`` file (error records beside it in ``OUT.errors.jsonl``),
            a Parquet dataset folder, or ``None`` for standard output (JSON Lines).
        output_format: ``jsonl`` or ``parquet``.
        workers: processes (local engine) or, for a new ``LocalCluster``, Dask workers.
        engine: ``local`` or ``dask``.
        scheduler: a Dask scheduler address (``tcp://HOST:PORT``); none starts a ``LocalCluster``.
        resume: continue the interrupted run that wrote ``output`` from its checkpoint.
        overwrite: replace an existing output.
        include_text: keep each document's text in its record.
        options: field names and size limit.
        checkpoint_every: documents between checkpoints.
        checkpoint_seconds: seconds between checkpoints, at most.
        progress: where to report progress; ``None`` reports nothing.

    Returns:
        The counts, and where the output went.

    Raises:
        InputValueError: an input does not exist or cannot be read, or the output exists
            (``OutputExistsError``) and neither ``resume`` nor ``overwrite`` is given.
        CheckpointError: ``resume`` with inputs or settings other than the checkpoint's.
        MissingDependencyError: Parquet or Dask without the ``batch``/``dask`` extras.
    """
    if resume and overwrite:
        raise InputValueError("--resume continues a run and --overwrite replaces it; give one of them")
    if output is None and (resume or output_format == "parquet"):
        raise InputValueError("--resume and --format parquet need an output (-o OUT)")
    started = time.monotonic()
    paths = [Path(p) for p in inputs]
    read_options = options or ReadOptions()
    source = DocumentSource(paths, read_options)
    with _open_output(paths, output, output_format, include_text=include_text, resume=resume, overwrite=overwrite,
                      options=read_options) as out:
        if out.complete:
            return BatchSummary(out.done, out.records, out.errors, out.start, 0.0, out.describe(), True)
        if progress is not None:
            progress.total_bytes = source.total_bytes
            progress.skip(out.start)
        items = iter(source)
        # documents done by the run being resumed: read again (the order is fixed), not parsed or extracted
        if sum(1 for _ in itertools.islice(items, out.start)) < out.start:
            raise CheckpointError(f"the inputs hold fewer than the {out.start} documents the checkpoint says were "
                                  "done; start again with --overwrite")
        last_commit, committed = time.monotonic(), out.done
        with _engine(engine, workers, scheduler, preload=type(out.encoder).__module__) as runner:
            try:
                for chunk in runner.map(_chunks(items, out.start, runner.chunk_documents), out.encoder, read_options):
                    out.write(chunk)
                    if out.done - committed >= checkpoint_every or \
                            time.monotonic() - last_commit >= checkpoint_seconds:
                        out.commit()
                        last_commit, committed = time.monotonic(), out.done
                    if progress is not None:
                        progress.update(documents=out.done, errors=out.errors, bytes_read=source.bytes_read)
            except KeyboardInterrupt:
                out.commit()  # whole chunks were written: keep them for --resume
                raise
        out.finish()
        if progress is not None:
            progress.update(documents=out.done, errors=out.errors, bytes_read=source.bytes_read, force=True)
            progress.close()
        return BatchSummary(out.done, out.records, out.errors, out.start, time.monotonic() - started, out.describe())


def _open_output(paths: list[Path], output: str | Path | None, output_format: OutputFormat, *, include_text: bool,
                 resume: bool, overwrite: bool, options: ReadOptions) -> Output[Any]:
    from . import __version__  # here, not at import time: vnpolicy/__init__ imports this module

    settings: dict[str, JsonValue] = {"format": output_format, "include_text": include_text, "vnpolicy": __version__,
                                      **{k: list(v) if isinstance(v, tuple) else v for k, v in asdict(options).items()}}
    marks = fingerprint(paths, settings) if output is not None else ("", {})
    if output_format == "parquet":
        assert output is not None
        from .io.parquet import ParquetOutput

        return ParquetOutput(output, include_text=include_text, overwrite=overwrite, resume=resume,
                             fingerprint=marks)
    return JsonlOutput(output, include_text=include_text, overwrite=overwrite, resume=resume, fingerprint=marks)


def _engine(name: EngineName, workers: int, scheduler: str | None, *, preload: str) -> Engine:
    if name == "dask":
        from .engines.dask_engine import DaskEngine  # dask is an optional extra

        return DaskEngine(workers=workers, scheduler=scheduler)
    if scheduler is not None:
        raise InputValueError("--scheduler is for --engine dask")
    return LocalEngine(workers, preload=[preload])


def _chunks(items: Iterator[Item], first_index: int, max_documents: int) -> Iterator[Chunk]:
    """Consecutive items in chunks of at most ``max_documents`` documents or :data:`CHUNK_BYTES` bytes."""
    batch: list[Item] = []
    size = 0
    index = first_index
    for item in items:
        batch.append(item)
        size += _size(item)
        if len(batch) >= max_documents or size >= CHUNK_BYTES:
            yield Chunk(index, tuple(batch))
            index += len(batch)
            batch, size = [], 0
    if batch:
        yield Chunk(index, tuple(batch))


def _size(item: Item) -> int:
    if isinstance(item, RawDocument):
        return item.size
    if isinstance(item, Document):
        return len(item.text)
    return 0

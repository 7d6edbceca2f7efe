"""The Dask engine, and records as a ``dask.bag`` or ``dask.dataframe``.

The only module that imports Dask (the ``dask`` extra).

* :class:`DaskEngine` runs ``vnpolicy extract --engine dask``: this process
  reads the archive and writes the output exactly as the local engine does;
  chunks go to the cluster's workers as tasks, at most a few per worker in
  flight, and come back in input order. Workers keep ``vnpolicy`` imported
  between tasks.
* :func:`records_bag` and :func:`records_dataframe` are for code that already
  works in Dask: the reading happens on the workers, one partition per input
  file, per group of files of a folder, or per group of members of a ``.zip``
  (which can be read at random); a ``.tar.gz``, a JSON Lines or a WARC file is
  one stream, so one partition: give many files to get many partitions.

Example (on a cluster of your own):
    >>> from distributed import Client, LocalCluster            # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2, processes=True))  # doctest: +SKIP
    >>> bag = records_bag(["corpora/sample/unc-news-sample.jsonl"])   # doctest: +SKIP
    >>> bag.map(lambda r: len(r.dates)).sum().compute()             # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import MissingDependencyError
from ..io.documents import Item, ReadError, ReadOptions
from ..io.output import EncodedChunk, Encoder
from ..io.readers import DocumentSource, detect_format, iter_folder, read_zip_members
from ..records import Record
from .ordered import ordered_map
from .work import Chunk, extract_item, keep_results, run_chunk, warm_up

try:
    import dask.bag as db
    from dask.delayed import delayed
    from distributed import Client, LocalCluster
except ImportError as e:  # pragma: no cover - the dask extra is installed in CI
    raise MissingDependencyError("the Dask engine needs Dask: pip install 'vnpolicy[dask]'") from e

if TYPE_CHECKING:
    import dask.dataframe as dd

P = TypeVar("P")

IN_FLIGHT_PER_WORKER = 4
"""Chunks per worker thread submitted ahead of the writer (a little more than locally: network latency)."""
CHUNK_DOCUMENTS = 256
"""Documents per task: a Dask task costs some milliseconds of CPU (serialisation, scheduling), so fewer, larger ones."""
FILES_PER_PARTITION = 512
"""Files of a folder, or members of a zip, per partition of :func:`records_bag`."""


class DaskEngine:
    """Runs chunks on a Dask cluster: ``scheduler`` (``tcp://HOST:PORT``) or a new ``LocalCluster``.

    A new ``LocalCluster`` has ``workers`` worker processes (all cores when 0)
    with one thread each: extraction is pure Python, so threads would share one core.
    """

    def __init__(self, workers: int = 0, scheduler: str | None = None) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.chunk_documents = CHUNK_DOCUMENTS
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    def __enter__(self) -> DaskEngine:
        if self.scheduler is None:
            # ":0": a random port for the scheduler's web server, which otherwise takes 8787 and fails
            # when another cluster (or a test running beside) holds it
            self._cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=":0", silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        else:
            self._client = Client(self.scheduler)
        self._client.run(warm_up)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def client(self) -> Client:
        """The Dask client (inside the ``with`` block)."""
        assert self._client is not None, "use DaskEngine in a with-block"
        return self._client

    def map(self, chunks: Iterable[Chunk], encoder: Encoder[P], options: ReadOptions) -> Iterator[EncodedChunk[P]]:
        """Each chunk run as a task on the cluster, results in input order."""
        client = self.client
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1

        def submit(chunk: Chunk) -> Any:
            return client.submit(run_chunk, chunk, encoder, options, pure=False)

        yield from ordered_map(submit, chunks, max_in_flight=threads * IN_FLIGHT_PER_WORKER)


@dataclass(frozen=True, slots=True)
class Partition:
    """What one partition reads: whole files, or some members of a zip archive.

    ``files`` are ``(path, id, prefix)``: the file, its id, and the prefix of
    the ids of its members when it is an archive.
    """

    files: tuple[tuple[str, str, str], ...] = ()
    zip_path: str | None = None
    members: tuple[str, ...] = ()
    prefix: str = ""


def partitions(inputs: Iterable[str | Path], options: ReadOptions | None = None, *,
               files_per_partition: int = FILES_PER_PARTITION) -> list[Partition]:
    """How :func:`records_bag` splits ``inputs`` (the same documents and ids as ``vnpolicy extract``)."""
    paths = DocumentSource(inputs, options).paths  # validates the paths
    out: list[Partition] = []
    for path in paths:
        if path.is_dir():
            files = [(str(child), rel, rel + "/") for child, rel in iter_folder(path)]
            out += [Partition(files=tuple(files[i:i + files_per_partition]))
                    for i in range(0, len(files), files_per_partition)]
        elif detect_format(path.name) == "zip":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                names = [i.filename for i in archive.infolist() if not i.is_dir()]
            out += [Partition(zip_path=str(path), members=tuple(names[i:i + files_per_partition]))
                    for i in range(0, len(names), files_per_partition)]
        else:
            out.append(Partition(files=((str(path), str(path), ""),)))
    return out


def _partition_items(part: Partition, options: ReadOptions) -> Iterator[Item]:
    if part.zip_path is not None:
        yield from read_zip_members(Path(part.zip_path), part.members, prefix=part.prefix, options=options)
    for path, doc_id, prefix in part.files:
        source = DocumentSource([path], options)
        yield from source.read_file(Path(path), doc_id=doc_id, prefix=prefix)


def _partition_records(part: Partition, options: ReadOptions) -> list[Record | ReadError]:
    return keep_results([extract_item(item, options) for item in _partition_items(part, options)], 0)


def records_bag(inputs: Iterable[str | Path], options: ReadOptions | None = None, *,
                files_per_partition: int = FILES_PER_PARTITION) -> db.Bag:
    """A ``dask.bag`` of records (and :class:`~vnpolicy.io.ReadError` error records), read on the workers.

    Every input document is in the bag exactly once, with the id that
    ``vnpolicy extract`` gives it; the bag's order is the input order.
    """
    read_options = options or ReadOptions()
    parts = partitions(inputs, read_options, files_per_partition=files_per_partition)
    return db.from_delayed([delayed(_partition_records)(part, read_options) for part in parts])


def _partition_table(part: Partition, table: str, options: ReadOptions, include_text: bool) -> Any:
    from ..io.parquet import ParquetEncoder

    results = [extract_item(item, options) for item in _partition_items(part, options)]
    return ParquetEncoder(include_text)(results, 0)[table].to_pandas()


def records_dataframe(inputs: Iterable[str | Path], table: str = "documents", options: ReadOptions | None = None, *,
                      include_text: bool = True, files_per_partition: int = FILES_PER_PARTITION) -> dd.DataFrame:
    """One table of the Parquet schema (``documents``, ``dates``, ..., ``errors``) as a ``dask.dataframe``.

    The columns are those of ``docs/parquet-schema.md``; ``doc_index`` counts
    documents within each partition (join the tables on ``doc_id``/``id``).

    Raises:
        InputValueError: ``table`` is not a table of the schema.
    """
    import dask.dataframe as dd

    from ..errors import InputValueError
    from ..io.parquet import SCHEMAS

    if table not in SCHEMAS:
        raise InputValueError(f"no table {table!r}; choose one of {', '.join(SCHEMAS)}")
    read_options = options or ReadOptions()
    parts = partitions(inputs, read_options, files_per_partition=files_per_partition)
    meta = SCHEMAS[table].empty_table().to_pandas()
    return dd.from_map(_partition_table, parts, args=(table, read_options, include_text), meta=meta,
                       enforce_metadata=False)

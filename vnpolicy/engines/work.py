"""What a worker does with a chunk: parse, extract, encode. Runs in worker processes.

Workers import this module once (the process pool preloads it, Dask workers
keep it), so ``vnpolicy``'s patterns and lexicons load once per worker, not per
chunk.

Example:
    >>> from vnpolicy.io.documents import Document, ReadOptions
    >>> out = run_chunk(Chunk(0, (Document(id="a", text="Năm 2019"),)), keep_results, ReadOptions())
    >>> out.n_documents, out.n_errors, [type(r).__name__ for r in out.payload]
    (1, 0, ['Record'])
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, TypeVar

from ..io.documents import Item, ReadError, ReadOptions
from ..io.output import EncodedChunk, Encoder, Extracted, Result
from ..io.parse import parse_item
from ..pipeline import extract
from ..records import Record

P = TypeVar("P")

_ORPHAN_CHECK_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive input items, the first being input document number ``first_index``."""

    first_index: int
    items: tuple[Item, ...]


class Engine(Protocol):
    """Runs chunks somewhere and gives their results back in input order (a context manager).

    ``chunk_documents`` is the chunk size that suits it: a task's overhead is
    larger on a cluster than in a local pool.
    """

    chunk_documents: int

    def __enter__(self) -> Engine:
        ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        ...

    def map(self, chunks: Iterable[Chunk], encoder: Encoder[P], options: ReadOptions) -> Iterator[EncodedChunk[P]]:
        """Each chunk parsed, extracted and encoded, in input order."""
        ...


def extract_item(item: Item, options: ReadOptions) -> Result:
    """One input item parsed and extracted, or its error record; never raises for a bad document."""
    doc = parse_item(item, options)
    if isinstance(doc, ReadError):
        return doc
    try:
        record = extract(doc.text, published=doc.published, doc_id=doc.id, repair=options.repair)
    except Exception as e:  # an extractor bug on one document must not stop the batch
        return ReadError.from_exception(doc.id, doc.source or "", e)
    return Extracted(doc, record)


def run_chunk(chunk: Chunk, encoder: Encoder[P], options: ReadOptions) -> EncodedChunk[P]:
    """Parse, extract and encode one chunk."""
    results = [extract_item(item, options) for item in chunk.items]
    errors = sum(1 for r in results if isinstance(r, ReadError))
    return EncodedChunk(chunk.first_index, len(results), errors, encoder(results, chunk.first_index))


def keep_results(results: Sequence[Result], first_index: int) -> list[Record | ReadError]:
    """The encoder of the Python API: records and error records as objects."""
    return [r.record if isinstance(r, Extracted) else r for r in results]


def warm_up() -> None:
    """Load patterns, lexicons and models now, before the first chunk is timed."""
    extract("Ngày 26/4/2013, toàn tỉnh có 41 xã.")


def init_worker(main_pid: int) -> None:
    """Warm a new pool worker up, and make it exit if the process that runs the batch dies.

    A run killed with SIGKILL cannot stop its workers, and the fork server
    that started them (their parent) stays up while they live; so each worker
    watches the main process itself and exits once it is gone.
    """
    warm_up()

    def watch() -> None:
        while True:
            time.sleep(_ORPHAN_CHECK_SECONDS)
            try:
                os.kill(main_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # a process of another user took the number: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="vnpolicy-orphan-watch", daemon=True).start()

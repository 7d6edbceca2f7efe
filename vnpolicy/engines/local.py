"""The local engine: a pool of worker processes on this machine.

``workers=1`` runs in this process (no pool, nothing to start). Otherwise a
process pool is started from a fork server that has already imported
``vnpolicy`` (workers import it once, then fork cheaply); chunks are submitted
with a bounded number in flight and come back in input order.

Where there is no fork server (macOS, Windows), workers are spawned and
import the calling script again: guard its entry point with
``if __name__ == "__main__":`` as for any process pool.

A worker that dies (killed by the kernel for memory, a crash in native code)
breaks the pool; the engine then starts a new pool and runs the documents of
the chunks that were in flight one by one, so that only a document that kills
a worker again becomes an error record (``WorkerDiedError``) and the run goes on.

Example:
    >>> from vnpolicy.engines.work import Chunk, keep_results
    >>> from vnpolicy.io.documents import Document, ReadOptions
    >>> chunks = [Chunk(i, (Document(id=str(i), text="Năm 2019"),)) for i in range(3)]
    >>> with LocalEngine(workers=1) as engine:
    ...     [c.payload[0].id for c in engine.map(chunks, keep_results, ReadOptions())]
    ['0', '1', '2']
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TypeVar

from ..io.documents import RawDocument, ReadError, ReadOptions
from ..io.output import EncodedChunk, Encoder
from .work import Chunk, init_worker, run_chunk

P = TypeVar("P")

IN_FLIGHT_PER_WORKER = 8
"""Chunks submitted per worker ahead of the writer (results come back in order, so a slow head chunk holds
the others back: a deeper queue keeps workers busy on a loaded machine; memory stays a few MiB)."""
CHUNK_DOCUMENTS = 64
"""Documents per chunk: large enough to amortise the transfer, small enough to balance the workers."""


class LocalEngine:
    """Runs chunks on ``workers`` local processes (in this process when ``workers`` is 1, one per core when 0).

    ``preload`` names more modules for the fork server to import once (the
    output's encoder, e.g. ``vnpolicy.io.parquet`` and pyarrow with it).
    """

    def __init__(self, workers: int = 1, *, preload: Sequence[str] = ()) -> None:
        self.workers = workers if workers > 0 else os.cpu_count() or 1
        self.preload = ["vnpolicy.engines.work", *preload]
        self.chunk_documents = CHUNK_DOCUMENTS
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            self._pool = self._start_pool()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start_pool(self) -> ProcessPoolExecutor:
        if sys.platform.startswith("linux"):
            # fork from a clean server that has imported vnpolicy: cheap workers, no fork of our threads
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(self.preload)
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=init_worker,
                                   initargs=(os.getpid(),))

    def map(self, chunks: Iterable[Chunk], encoder: Encoder[P], options: ReadOptions) -> Iterator[EncodedChunk[P]]:
        """Each chunk parsed, extracted and encoded, in input order."""
        if self._pool is None:
            for chunk in chunks:
                yield run_chunk(chunk, encoder, options)
            return
        pending: deque[tuple[Chunk, Future[EncodedChunk[P]]]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for chunk in chunks:
            pending.append((chunk, self._submit(chunk, encoder, options)))
            while pending and (len(pending) >= limit or pending[0][1].done()):
                yield from self._take(pending, encoder, options)
        while pending:
            yield from self._take(pending, encoder, options)

    def _submit(self, chunk: Chunk, encoder: Encoder[P], options: ReadOptions) -> Future[EncodedChunk[P]]:
        assert self._pool is not None
        return self._pool.submit(run_chunk, chunk, encoder, options)

    def _take(self, pending: deque[tuple[Chunk, Future[EncodedChunk[P]]]], encoder: Encoder[P],
              options: ReadOptions) -> Iterator[EncodedChunk[P]]:
        chunk, future = pending.popleft()
        try:
            yield future.result()
            return
        except BrokenProcessPool:
            pass
        self._restart()
        yield from self._one_by_one(chunk, encoder, options)
        for i, (other, _) in enumerate(pending):  # their futures died with the pool
            pending[i] = (other, self._submit(other, encoder, options))

    def _restart(self) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._start_pool()

    def _one_by_one(self, chunk: Chunk, encoder: Encoder[P], options: ReadOptions) -> Iterator[EncodedChunk[P]]:
        """The documents of a chunk that broke the pool, each in its own task."""
        for offset, item in enumerate(chunk.items):
            single = Chunk(chunk.first_index + offset, (item,))
            try:
                yield self._submit(single, encoder, options).result()
            except BrokenProcessPool:
                self._restart()
                doc_id = item.id
                source = item.source if isinstance(item, RawDocument | ReadError) else (item.source or "")
                error = ReadError(doc_id, source, "WorkerDiedError",
                                  "a worker process died extracting this document, again when it was retried "
                                  "alone (out of memory, or a crash in native code)")
                yield EncodedChunk(single.first_index, 1, 1, encoder([error], single.first_index))

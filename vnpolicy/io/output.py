"""The contract between a batch engine and an output format.

A run's results travel in chunks: a worker extracts a chunk of documents and
*encodes* the results with the output's :class:`Encoder` (JSON text, Arrow
tables), so the costly part runs in parallel; the process that writes only
appends encoded chunks, in input order, and commits a checkpoint now and then.

Example:
    >>> from vnpolicy.records import Record
    >>> r = Extracted(Document(id="a", text=""), Record(text="", id="a"))
    >>> EncodedChunk(first_index=0, n_documents=1, n_errors=0, payload=[r]).n_records
    1
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, Protocol, TypeVar

from ..records import Record
from .documents import Document, ReadError

P = TypeVar("P")
P_co = TypeVar("P_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document and the record extracted from it."""

    document: Document
    record: Record


Result = Extracted | ReadError
"""What one input document becomes: a record, or an error record."""


@dataclass(frozen=True, slots=True)
class EncodedChunk(Generic[P]):
    """The encoded results of consecutive input documents ``first_index ...``."""

    first_index: int
    n_documents: int
    n_errors: int
    payload: P

    @property
    def n_records(self) -> int:
        """Documents that became records (not error records)."""
        return self.n_documents - self.n_errors


class Encoder(Protocol[P_co]):
    """Turns results into what the output writes; must be picklable (it runs in workers)."""

    def __call__(self, results: Sequence[Result], first_index: int) -> P_co:
        """Encode ``results``, the documents ``first_index, first_index + 1, ...``."""
        ...


class Output(ABC, Generic[P]):
    """Where a run's records and error records go, atomically and resumably.

    ``start`` is the number of input documents already written by an earlier,
    interrupted run (0 for a new run); the engine skips that many. ``complete``
    is true when ``--resume`` finds the run already finished.
    """

    start: int = 0
    records: int = 0
    errors: int = 0
    complete: bool = False

    @property
    @abstractmethod
    def encoder(self) -> Encoder[P]:
        """The encoder whose payloads :meth:`write` takes."""

    @property
    def done(self) -> int:
        """Input documents written so far (this run and the one resumed)."""
        return self.records + self.errors

    @abstractmethod
    def write(self, chunk: EncodedChunk[P]) -> None:
        """Append a chunk; chunks come in input order."""

    @abstractmethod
    def commit(self) -> None:
        """Make everything written so far durable and record a checkpoint."""

    @abstractmethod
    def finish(self) -> None:
        """Publish the complete output under its final name(s)."""

    @abstractmethod
    def close(self) -> None:
        """Release files; after a failure, leave the partial output and checkpoint for ``--resume``."""

    def __enter__(self) -> Output[P]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def describe(self) -> str:
        """Where the records went, for the summary line."""
        return "standard output"

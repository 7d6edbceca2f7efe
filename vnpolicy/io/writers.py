"""Write records as JSON Lines, atomically.

The output appears under its final name only once it is complete: a run that
dies leaves a ``.partial`` file, never a truncated file that looks finished.
:class:`JsonlWriter` writes one file; :class:`JsonlOutput` is the batch
engine's output (records and error records, with a checkpoint for ``--resume``).

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> with JsonlWriter(out) as w:
    ...     w.write({"id": "d1", "dates": []})
    >>> out.read_text(encoding="utf-8")
    '{"id": "d1", "dates": []}\\n'
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from ..errors import CheckpointError, OutputExistsError
from ..records import JsonDict, JsonValue
from .checkpoint import Checkpoint, check_fingerprint, fsync_dir, load_checkpoint, save_checkpoint
from .documents import ReadError
from .output import EncodedChunk, Extracted, Output, Result


class JsonlWriter:
    """A JSON Lines file (or standard output for ``None``/``-``) written atomically."""

    def __init__(self, path: str | Path | None, *, overwrite: bool = False) -> None:
        self.path = None if path is None or path == "-" else Path(path)
        if self.path is not None and self.path.exists() and not overwrite:
            raise OutputExistsError(f"{self.path} exists; remove it or pass --overwrite")
        self._partial = None if self.path is None else self.path.with_name(self.path.name + ".partial")
        self._file: IO[str] | None = None
        self.count = 0

    def __enter__(self) -> JsonlWriter:
        if self._partial is None:
            self._file = sys.stdout
        else:
            self._partial.parent.mkdir(parents=True, exist_ok=True)
            self._file = self._partial.open("w", encoding="utf-8")
        return self

    def write(self, obj: dict[str, JsonValue] | dict[str, str]) -> None:
        """Write one object as one line."""
        assert self._file is not None, "use JsonlWriter in a with-block"
        self._file.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.count += 1

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._file is None or self._partial is None or self.path is None:
            if self._file is not None:
                self._file.flush()
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if exc_type is None:
            os.replace(self._partial, self.path)


def record_json(result: Extracted, *, include_text: bool = True) -> dict[str, JsonValue]:
    """The JSON object of one record: ``id``, ``source``, ``title`` (when known), then the guideline's keys.

    Example:
        >>> import vnpolicy
        >>> from vnpolicy.io.documents import Document
        >>> doc = Document(id="a", text="Năm 2019", source="a.zip")
        >>> obj = record_json(Extracted(doc, vnpolicy.extract(doc.text, doc_id=doc.id)), include_text=False)
        >>> list(obj)[:2], "text" in obj
        (['id', 'source'], False)
    """
    body = result.record.to_dict(include_text=include_text)
    out: dict[str, JsonValue] = {"id": body.pop("id")}
    if result.document.source is not None:
        out["source"] = result.document.source
    if result.document.title is not None:
        out["title"] = result.document.title
    out.update(body)
    return out


@dataclass(frozen=True, slots=True)
class JsonlEncoder:
    """Encodes results as two blocks of JSON lines (records, error records), in the worker."""

    include_text: bool = True

    def __call__(self, results: Sequence[Result], first_index: int) -> tuple[bytes, bytes]:
        """The records' lines and the error records' lines, UTF-8."""
        records: list[str] = []
        errors: list[str] = []
        for result in results:
            if isinstance(result, ReadError):
                errors.append(json.dumps(result.to_dict(), ensure_ascii=False))
            else:
                records.append(json.dumps(record_json(result, include_text=self.include_text), ensure_ascii=False))
        return _lines(records), _lines(errors)


def _lines(lines: list[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


class JsonlOutput(Output[tuple[bytes, bytes]]):
    """Records to ``OUT``, error records to ``OUT.errors.jsonl``, atomically and resumably.

    While the run goes on, both are written to ``.partial`` files beside their
    final names, and ``OUT.checkpoint.json`` records where each file ended at
    the last commit. On success the files are renamed to their final names (the
    error file first, the records last: a records file under its final name
    means a finished run) and the checkpoint is removed. ``path=None`` writes
    records to standard output and error records to standard error, with no
    checkpoint.

    Raises:
        OutputExistsError: (on creation) the output, or an interrupted run's
            partial output, is there and neither ``overwrite`` nor ``resume`` is set.
        CheckpointError: (on creation, with ``resume``) the inputs or settings changed.
    """

    def __init__(self, path: str | Path | None, *, include_text: bool = True, overwrite: bool = False,
                 resume: bool = False, fingerprint: tuple[str, JsonDict] = ("", {})) -> None:
        self._encoder = JsonlEncoder(include_text)
        self._fingerprint = fingerprint
        self.path = None if path is None or str(path) == "-" else Path(path)
        self._files: list[IO[bytes]] = []
        self._committed = -1
        if self.path is None:
            return
        self.errors_path = self.path.with_name(self.path.name + ".errors.jsonl")
        self.checkpoint_path = self.path.with_name(self.path.name + ".checkpoint.json")
        finals = [self.path, self.errors_path]
        self._partials = [p.with_name(p.name + ".partial") for p in finals]
        if resume:
            self._resume()
        else:
            self._fresh(overwrite)

    @property
    def encoder(self) -> JsonlEncoder:
        """Encodes a chunk as JSON lines."""
        return self._encoder

    def _fresh(self, overwrite: bool) -> None:
        assert self.path is not None
        if not overwrite:
            for final in (self.path, self.errors_path):
                if final.exists():
                    raise OutputExistsError(f"{final} exists; remove it, pass --overwrite to replace it, or "
                                            "--resume to continue the run that wrote it")
            if self.checkpoint_path.exists() or any(p.exists() for p in self._partials):
                raise OutputExistsError(f"an interrupted run left {self._partials[0]}; pass --resume to continue "
                                        "it or --overwrite to start again")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.checkpoint_path.unlink(missing_ok=True)
        self._files = [p.open("wb") for p in self._partials]

    def _resume(self) -> None:
        assert self.path is not None
        checkpoint = load_checkpoint(self.checkpoint_path)
        if checkpoint is None:
            if self.path.exists() and not self._partials[0].exists():
                self.complete = True
                return
            self._fresh(overwrite=True)  # killed before its first checkpoint: nothing to keep
            return
        check_fingerprint(checkpoint, *self._fingerprint, path=self.checkpoint_path)
        records_partial, errors_partial = self._partials
        if not records_partial.exists() and self.path.exists():
            # killed after publishing, before removing the checkpoint
            self.checkpoint_path.unlink()
            self.complete = True
            return
        if not errors_partial.exists() and self.errors_path.exists():
            os.replace(self.errors_path, errors_partial)  # killed between the two renames of finish()
        offsets = checkpoint.state.get("offsets")
        if not isinstance(offsets, list) or len(offsets) != 2:
            raise CheckpointError(f"{self.checkpoint_path} has no file offsets; start again with --overwrite")
        for partial, offset in zip(self._partials, offsets, strict=True):
            f = partial.open("r+b") if partial.exists() else partial.open("w+b")
            if not isinstance(offset, int) or f.seek(0, os.SEEK_END) < offset:
                f.close()
                raise CheckpointError(f"{partial} is shorter than its checkpoint says; start again with --overwrite")
            f.truncate(offset)
            f.seek(offset)
            self._files.append(f)
        self.start = checkpoint.done
        self.records, self.errors = checkpoint.records, checkpoint.errors
        self._committed = self.start

    def write(self, chunk: EncodedChunk[tuple[bytes, bytes]]) -> None:
        """Append a chunk's records and error records."""
        records, errors = chunk.payload
        if self.path is None:
            sys.stdout.write(records.decode("utf-8"))
            sys.stderr.write(errors.decode("utf-8"))
        else:
            self._files[0].write(records)
            self._files[1].write(errors)
        self.records += chunk.n_records
        self.errors += chunk.n_errors

    def commit(self) -> None:
        """Flush both files to disk, then record where they end."""
        if self.path is None:
            sys.stdout.flush()
            return
        if self._committed == self.done:
            return
        offsets: list[JsonValue] = []
        for f in self._files:
            f.flush()
            os.fsync(f.fileno())
            offsets.append(f.tell())
        save_checkpoint(self.checkpoint_path, Checkpoint(
            fingerprint=self._fingerprint[0], done=self.done, records=self.records, errors=self.errors,
            state={"offsets": offsets}, described=self._fingerprint[1]))
        self._committed = self.done

    def finish(self) -> None:
        """Rename the complete files to their final names and remove the checkpoint."""
        if self.path is None:
            sys.stdout.flush()
            return
        if self.complete:
            return
        for f in self._files:
            f.flush()
            os.fsync(f.fileno())
            f.close()
        os.replace(self._partials[1], self.errors_path)
        os.replace(self._partials[0], self.path)
        fsync_dir(self.path.parent)
        self.checkpoint_path.unlink(missing_ok=True)
        self._files = []

    def close(self) -> None:
        """Close the partial files, leaving them and the checkpoint for ``--resume``."""
        for f in self._files:
            f.close()
        self._files = []

    def describe(self) -> str:
        """The output files, for the summary line."""
        if self.path is None:
            return "standard output"
        return f"{self.path} ({self.errors} error records in {self.errors_path})"

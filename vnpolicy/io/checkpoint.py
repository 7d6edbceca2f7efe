"""Checkpoints of a batch run, so that a killed run can be resumed where it stopped.

A checkpoint says how many input documents are safely written (in input
order) and where each output file ends at that point. It is written only
after the output files are flushed to disk, and atomically (temporary file,
``fsync``, rename), so it never points past data that a crash could lose.
Anything written after the last checkpoint is dropped on resume and redone,
which is why a resumed run writes exactly the records of a clean run.

The checkpoint also holds a fingerprint of the inputs (paths, sizes,
modification times) and of the options that change records; resuming with
different ones is refused.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "run.checkpoint.json"
    >>> save_checkpoint(path, Checkpoint(fingerprint="abc", done=200, records=199, errors=1,
    ...                                  state={"offsets": [1024, 80]}))
    >>> load_checkpoint(path).done
    200
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import CheckpointError
from ..records import JsonDict, JsonValue

CHECKPOINT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far a run has safely got."""

    fingerprint: str
    """:func:`fingerprint` of the run's inputs and settings."""
    done: int
    """Input documents written, records and error records together, in input order."""
    records: int
    errors: int
    state: JsonDict = field(default_factory=dict)
    """What the writer needs to continue (file offsets, finished parts)."""
    described: JsonDict = field(default_factory=dict)
    """The inputs and settings behind the fingerprint, to say what changed."""


def save_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Write ``checkpoint`` to ``path`` atomically."""
    data = {"version": CHECKPOINT_VERSION, **asdict(checkpoint)}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def load_checkpoint(path: Path) -> Checkpoint | None:
    """The checkpoint at ``path``, or ``None`` when there is none.

    Raises:
        CheckpointError: the file is not a checkpoint of this version.
    """
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise CheckpointError(f"{path} is damaged ({e}); start again with --overwrite") from None
    if not isinstance(data, dict) or data.get("version") != CHECKPOINT_VERSION:
        raise CheckpointError(f"{path} is not a vnpolicy checkpoint of version {CHECKPOINT_VERSION}; "
                              "start again with --overwrite")
    try:
        return Checkpoint(fingerprint=str(data["fingerprint"]), done=int(data["done"]),
                          records=int(data["records"]), errors=int(data["errors"]),
                          state=dict(data.get("state") or {}), described=dict(data.get("described") or {}))
    except (KeyError, TypeError, ValueError) as e:
        raise CheckpointError(f"{path} is damaged ({e!r}); start again with --overwrite") from None


def describe_inputs(paths: Iterable[str | Path]) -> list[JsonValue]:
    """Each input's absolute path, size and modification time (a folder: of all its files)."""
    out: list[JsonValue] = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            stats = [p.stat() for p in files]
            out.append({"path": str(path), "files": len(files), "size": sum(s.st_size for s in stats),
                        "mtime_ns": max((s.st_mtime_ns for s in stats), default=0)})
        else:
            stat = path.stat()
            out.append({"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    return out


def fingerprint(paths: Iterable[str | Path], settings: Mapping[str, JsonValue]) -> tuple[str, JsonDict]:
    """A hash of the inputs and of the settings that change the records, with what it hashes."""
    described: JsonDict = {"inputs": describe_inputs(paths), "settings": dict(settings)}
    digest = hashlib.sha256(json.dumps(described, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest(), described


def check_fingerprint(checkpoint: Checkpoint, expected: str, described: JsonDict, path: Path) -> None:
    """Refuse to resume when the inputs or settings differ from the checkpoint's.

    Raises:
        CheckpointError: they differ; the message says which.
    """
    if checkpoint.fingerprint == expected:
        return
    changed = [key for key in sorted(set(described) | set(checkpoint.described))
               if described.get(key) != checkpoint.described.get(key)]
    raise CheckpointError(f"cannot resume from {path}: the {' and '.join(changed) or 'run'} changed since it was "
                          "written; rerun the same command, or start again with --overwrite")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either the old or the new content, never a part."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""Write records as JSON Lines, atomically.

The output appears under its final name only once it is complete: a run that
dies leaves a ``.partial`` file, never a truncated file that looks finished.

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
from pathlib import Path
from types import TracebackType
from typing import IO

from ..errors import InputValueError
from ..records import JsonValue


class JsonlWriter:
    """A JSON Lines file (or standard output for ``None``/``-``) written atomically."""

    def __init__(self, path: str | Path | None, *, overwrite: bool = False) -> None:
        self.path = None if path is None or path == "-" else Path(path)
        if self.path is not None and self.path.exists() and not overwrite:
            raise InputValueError(f"{self.path} exists; remove it or pass --overwrite")
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

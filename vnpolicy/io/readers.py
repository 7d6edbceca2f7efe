"""Read documents from text files, folders and JSON Lines files, one at a time.

Every input document comes out exactly once: as a :class:`Document`, or as a
:class:`ReadError` when it cannot be read (undecodable bytes, a JSON line that
is not an object with text), so a batch never stops on one bad document.

Example:
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text(json.dumps({"id": "d1", "text": "Năm 2019"}) + "\\n", encoding="utf-8")
    >>> [d.id for d in read_documents([p])]
    ['d1']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputValueError

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Document:
    """One document to extract from."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read; it becomes an error record."""

    id: str
    source: str
    error: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The error record written beside the output."""
        return {"id": self.id, "source": self.source, "error": self.error, "message": self.message}


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    """Documents from ``.txt`` files, ``.jsonl`` files and folders of them, in a stable order.

    Raises:
        InputValueError: a path does not exist or is of a kind that cannot be read.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    yield from _read_file(child, doc_id=str(child.relative_to(path)))
        elif path.is_file():
            if path.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES:
                raise InputValueError(f"{path}: cannot read {path.suffix or 'this'} files; give .txt, .jsonl "
                                      "or a folder of them")
            yield from _read_file(path, doc_id=str(path))
        else:
            raise InputValueError(f"{path}: no such file or folder")


def _read_file(path: Path, *, doc_id: str) -> Iterator[Document | ReadError]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield ReadError(doc_id, str(path), "UnicodeDecodeError", f"not UTF-8 ({e}); convert the file first")
        return
    yield Document(id=doc_id, text=text, source=str(path))


def _read_jsonl(path: Path) -> Iterator[Document | ReadError]:
    with path.open("rb") as f:
        for line_no, raw_line in enumerate(f, 1):
            if not raw_line.strip():
                continue
            where = f"{path}:{line_no}"
            try:
                obj = json.loads(raw_line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                yield ReadError(where, str(path), type(e).__name__, f"line {line_no} is not UTF-8 JSON: {e}")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                doc_id = str(obj.get("id", where)) if isinstance(obj, dict) else where
                yield ReadError(doc_id, str(path), "MissingText",
                                f"line {line_no} needs a JSON object with a string field 'text'")
                continue
            raw_id = obj.get("id")
            published = obj.get("published") or obj.get("date")
            title = obj.get("title")
            yield Document(
                id=where if raw_id is None else str(raw_id),
                text=obj["text"],
                published=published if isinstance(published, str) and published else None,
                title=title if isinstance(title, str) else None,
                source=str(path),
            )

"""Read documents from files, folders and archives, one at a time, in a stable order.

Every input document comes out exactly once: as a document, or as an error
record (:class:`ReadError`) when it cannot be read (undecodable or binary
bytes, too large, a damaged archive member, a JSON line without text), so a
batch never stops on one bad document and never loses one silently.

What is read, by file name (case-insensitive), wherever the file is (given
on the command line, in a folder, inside an archive):

============================================  ======================================================
``.txt``, ``.text``, ``.md``, no suffix      one document; id: the path
``.html``, ``.htm``, ``.xhtml``               one page: main text, title, date (trafilatura)
``.jsonl``, ``.ndjson``                       one document a line; id: the id field, else ``FILE:LINE``
``.csv``, ``.tsv``                            one document a row; id: the id column, else ``FILE:ROW``
``.warc``, ``.warc.gz``                       one document per HTML or text page; id: the URI
``.zip``, ``.tar``, ``.tar.gz``, ``.tgz``,    every regular member, read by its own name; id: the
``.tar.bz2``, ``.tar.xz``                     member path (prefixed by the archive's path in a folder)
``NAME.gz``                                   ``NAME`` compressed with gzip
============================================  ======================================================

Ids: a file given on the command line is its path as given; a file in a folder
is its path relative to the folder. Anything else inside a folder or an
archive (an image, a PDF, an archive inside an archive) becomes an error
record; hidden files (``.DS_Store``, ``__MACOSX/``) are not documents.

Nothing is unpacked to disk and nothing but the current document is held in
memory: archives and compressed files are read as streams.

Example:
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text(json.dumps({"id": "d1", "text": "Năm 2019"}) + "\\n", encoding="utf-8")
    >>> [d.id for d in read_documents([p])]
    ['d1']
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

from ..errors import CorruptArchiveError, DocumentError, InputValueError, UnsupportedFormatError
from .archives import ARCHIVE_ERRORS, MEMBER_ERRORS, is_hidden, iter_members
from .csv_rows import iter_csv
from .documents import Document, Item, RawDocument, ReadError, ReadOptions
from .jsonl import iter_jsonl
from .parse import parse_item
from .warc import iter_warc

__all__ = ["Document", "DocumentSource", "ReadError", "ReadOptions", "detect_format", "read_documents",
           "read_items"]

Format = Literal["text", "html", "jsonl", "csv", "tsv", "warc", "zip", "tar", "gzip"]

# Longest suffixes first: ``.tar.gz`` is a tar archive, ``.warc.gz`` a WARC file, ``x.txt.gz`` gzip.
_SUFFIXES: tuple[tuple[str, Format], ...] = (
    (".tar.gz", "tar"), (".tgz", "tar"), (".tar.bz2", "tar"), (".tbz2", "tar"), (".tbz", "tar"),
    (".tar.xz", "tar"), (".txz", "tar"), (".tar", "tar"), (".zip", "zip"),
    (".warc.gz", "warc"), (".warc", "warc"),
    (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv"), (".tsv", "tsv"),
    (".html", "html"), (".htm", "html"), (".xhtml", "html"), (".txt", "text"), (".text", "text"),
    (".md", "text"), (".gz", "gzip"),
)
_READABLE = ", ".join(s for s, _ in _SUFFIXES)


def detect_format(name: str) -> Format | None:
    """How to read a file, from its name; ``None`` when it cannot be read.

    Example:
        >>> [detect_format(n) for n in ["a.tar.gz", "b.warc.gz", "c.txt.gz", "21478642", "d.pdf"]]
        ['tar', 'warc', 'gzip', 'text', None]
    """
    base = name.rsplit("/", 1)[-1].lower()
    for suffix, fmt in _SUFFIXES:
        if base.endswith(suffix):
            return fmt
    return "text" if "." not in base else None


class DocumentSource:
    """The documents of some files, folders and archives, with how far the reading has got.

    Iterating yields :data:`~vnpolicy.io.documents.Item` values: raw documents
    (parse them with :func:`~vnpolicy.io.parse.parse_raw`), documents (CSV rows)
    and error records, exactly one per input document.

    Raises:
        InputValueError: (on creation) a path does not exist or cannot be read.
    """

    def __init__(self, paths: Iterable[str | Path], options: ReadOptions | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.options = options or ReadOptions()
        for path in self.paths:
            if path.is_dir():
                continue
            if not path.is_file():
                raise InputValueError(f"{path}: no such file or folder")
            if detect_format(path.name) is None:
                raise InputValueError(f"{path}: cannot read {path.suffix or 'this'} files; give {_READABLE} "
                                      "files, or a folder of them")
        self._done_bytes = 0
        self._current: IO[bytes] | None = None
        self._total: int | None = None

    @property
    def total_bytes(self) -> int:
        """The size of every input file (folders walked), for progress and ETA."""
        if self._total is None:
            self._total = sum(os.path.getsize(p) for p in self._files_for_size())
        return self._total

    @property
    def bytes_read(self) -> int:
        """How many bytes of the input files have been read so far (compressed bytes for archives)."""
        current = 0
        if self._current is not None:
            try:
                current = self._current.tell()
            except (OSError, ValueError):  # closed between the check and the call
                current = 0
        return self._done_bytes + current

    def __iter__(self) -> Iterator[Item]:
        for path in self.paths:
            if path.is_dir():
                for child, rel in iter_folder(path):
                    yield from self.read_file(child, doc_id=rel, prefix=rel + "/")
            else:
                yield from self.read_file(path, doc_id=str(path), prefix="")

    def _files_for_size(self) -> Iterator[Path]:
        for path in self.paths:
            if path.is_dir():
                yield from (child for child, _ in iter_folder(path))
            else:
                yield path

    def read_file(self, path: Path, *, doc_id: str, prefix: str) -> Iterator[Item]:
        """The documents of one file, ``doc_id`` being its id and ``prefix`` that of its members."""
        try:
            size = path.stat().st_size
            stream = path.open("rb")
        except OSError as e:
            yield ReadError(doc_id, str(path), type(e).__name__, f"cannot open the file: {e}")
            return
        self._current = stream
        try:
            with stream:
                yield from read_stream(stream, path.name, size, doc_id=doc_id, prefix=prefix, source=str(path),
                                       options=self.options)
        finally:
            self._current = None
            self._done_bytes += size


def read_items(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """One item per input document (raw documents unparsed); see :class:`DocumentSource`."""
    return iter(DocumentSource(paths, options))


def read_documents(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Document | ReadError]:
    """One document or error record per input document, parsed, in a stable order.

    Raises:
        InputValueError: a path does not exist or is of a kind that cannot be read.
    """
    source = DocumentSource(paths, options)
    for item in source:
        yield parse_item(item, source.options)


def read_zip_members(path: Path, names: Iterable[str], *, prefix: str,
                     options: ReadOptions) -> Iterator[Item]:
    """The documents of some members of a zip archive (random access), in archive order."""
    source = str(path)
    with path.open("rb") as stream:
        try:
            yield from _read_members(stream, "zip", set(names), prefix=prefix, source=source, options=options)
        except CorruptArchiveError as e:
            yield ReadError.from_exception(prefix.rstrip("/") or source, source, e)


def _read_members(stream: IO[bytes], kind: Literal["zip", "tar"], names: set[str] | None, *, prefix: str,
                  source: str, options: ReadOptions) -> Iterator[Item]:
    """The documents of an archive's members, each read by its own name."""
    for member in iter_members(stream, kind, names=names):
        member_id = prefix + member.name
        try:
            member_stream = member.open()
        except MEMBER_ERRORS as e:
            yield ReadError.from_exception(member_id, source, CorruptArchiveError(
                f"cannot open the member ({type(e).__name__}: {e})"))
            continue
        yield from read_stream(member_stream, member.name, member.size, doc_id=member_id, prefix=member_id + "/",
                               source=source, options=options, in_archive=True)


def iter_folder(folder: Path) -> Iterator[tuple[Path, str]]:
    """The visible files under ``folder``, sorted by relative path, with that path."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        for name in sorted(f for f in files if not is_hidden(f)):
            child = Path(root) / name
            yield child, child.relative_to(folder).as_posix()


def read_stream(stream: IO[bytes], name: str, size: int | None, *, doc_id: str, prefix: str, source: str,
                options: ReadOptions, in_archive: bool = False) -> Iterator[Item]:
    """The documents of one file given as a binary stream, read by its ``name``.

    Args:
        stream: the file's bytes.
        name: its name (the suffix decides the format).
        size: its size when known (checked against the limit before reading).
        doc_id: the id of a single-document file, the prefix of ``FILE:LINE`` ids
            in a JSON Lines or CSV file, the id of error records about the file.
        prefix: put before member paths when the file is an archive.
        source: the file on disk, for error records.
        options: fields and size limit.
        in_archive: the file is an archive member (archives inside archives are not read).
    """
    fmt = detect_format(name)
    if fmt == "gzip":
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            yield from read_stream(inner, name[: -len(".gz")], None, doc_id=doc_id, prefix=prefix,  # type: ignore[arg-type]
                                   source=source, options=options, in_archive=in_archive)
        return
    if fmt is None or (in_archive and fmt in ("zip", "tar")):
        what = "an archive inside an archive; unpack the outer one first" if fmt else \
            f"cannot read {Path(name).suffix or 'this kind of'} files; convert it to text first"
        yield ReadError.from_exception(doc_id, source, UnsupportedFormatError(what))
        return
    if fmt == "text" or fmt == "html":
        yield _read_single(stream, size, fmt, doc_id=doc_id, source=source, options=options)
        return
    try:
        if fmt == "jsonl":
            yield from iter_jsonl(stream, where=doc_id, source=source, options=options)
        elif fmt == "csv" or fmt == "tsv":
            yield from iter_csv(stream, where=doc_id, source=source, options=options,
                                delimiter="\t" if fmt == "tsv" else ",")
        elif fmt == "warc":
            yield from iter_warc(stream, source=source, options=options)
        else:
            yield from _read_members(stream, fmt, None, prefix=prefix, source=source, options=options)
    except CorruptArchiveError as e:
        yield ReadError.from_exception(doc_id, source, e)
    except ARCHIVE_ERRORS as e:
        yield ReadError.from_exception(doc_id, source, CorruptArchiveError(
            f"the file is damaged or truncated ({type(e).__name__}: {e}); what follows cannot be read"))


def _read_single(stream: IO[bytes], size: int | None, kind: Literal["text", "html"], *, doc_id: str,
                 source: str, options: ReadOptions) -> Item:
    """A single-document file as a raw document, or an error record (too large, damaged)."""
    try:
        options.check_size(size)
        data = stream.read(options.max_bytes + 1)
        options.check_size(len(data))
    except DocumentError as e:
        return ReadError.from_exception(doc_id, source, e)
    except ARCHIVE_ERRORS as e:
        return ReadError.from_exception(doc_id, source, CorruptArchiveError(
            f"the data is damaged ({type(e).__name__}: {e})"))
    return RawDocument(id=doc_id, source=source, data=data, kind=kind)

"""The members of ``.zip`` and ``.tar`` archives (plain, gzip, bzip2, xz), one at a time.

Tar archives are read as a stream (``r|*``): one pass, nothing unpacked to
disk, nothing but the current member in memory, whatever the compression.
Zip archives are read through their central directory. Only regular files are
members; folders, links and hidden entries (a path part starting with ``.``,
macOS ``__MACOSX`` folders) are not documents.

Example:
    >>> import io, tarfile
    >>> buf = io.BytesIO()
    >>> with tarfile.open(fileobj=buf, mode="w:gz") as tar:
    ...     data = "Năm 2019".encode()
    ...     info = tarfile.TarInfo("bai/1.txt"); info.size = len(data)
    ...     tar.addfile(info, io.BytesIO(data))
    >>> _ = buf.seek(0)
    >>> [(m.name, m.size, m.open().read().decode()) for m in iter_members(buf, "tar")]
    [('bai/1.txt', 9, 'Năm 2019')]
"""

from __future__ import annotations

import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import IO, Literal

from ..errors import CorruptArchiveError

ArchiveKind = Literal["zip", "tar"]

ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (
    tarfile.TarError, zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
)
"""What a damaged archive or compressed stream raises while it is read (bz2 raises ``OSError``)."""

MEMBER_ERRORS: tuple[type[BaseException], ...] = (*ARCHIVE_ERRORS, RuntimeError)
"""What opening a member raises when it cannot be read (zipfile: ``RuntimeError`` for an encrypted one)."""


@dataclass(frozen=True, slots=True)
class Member:
    """A regular file inside an archive.

    ``open`` gives its bytes as a stream; for a tar archive it is valid only
    until the next member is asked for (the archive is one stream).
    """

    name: str
    size: int
    open: Callable[[], IO[bytes]]


def is_hidden(path: str) -> bool:
    """Whether an entry is hidden (``.DS_Store``, ``.git/...``, ``__MACOSX/...``), so not a document.

    Example:
        >>> is_hidden("__MACOSX/bai/._1.txt"), is_hidden("bai/1.txt")
        (True, False)
    """
    return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/") if part not in ("", "."))


def iter_members(fileobj: IO[bytes], kind: ArchiveKind, *,
                 names: Collection[str] | None = None) -> Iterator[Member]:
    """The regular, visible members of an archive, in archive order.

    Args:
        fileobj: the archive, opened in binary mode (seekable for zip).
        kind: ``zip`` or ``tar`` (any compression).
        names: only these members (zip only: random access), in archive order.

    Raises:
        CorruptArchiveError: the archive itself is damaged or truncated (a damaged
            member's data raises one of :data:`ARCHIVE_ERRORS` when it is read).
    """
    try:
        if kind == "zip":
            yield from _zip_members(fileobj, names)
        else:
            yield from _tar_members(fileobj)
    except CorruptArchiveError:
        raise
    except ARCHIVE_ERRORS as e:
        raise CorruptArchiveError(f"the archive is damaged or truncated ({type(e).__name__}: {e}); "
                                  "the members after this point cannot be read") from e


def _zip_members(fileobj: IO[bytes], names: Collection[str] | None) -> Iterator[Member]:
    with zipfile.ZipFile(fileobj) as archive:
        wanted = None if names is None else set(names)
        for info in archive.infolist():
            if info.is_dir() or is_hidden(info.filename):
                continue
            if wanted is not None and info.filename not in wanted:
                continue
            yield Member(info.filename, info.file_size, lambda info=info: archive.open(info))  # type: ignore[misc]


def _tar_members(fileobj: IO[bytes]) -> Iterator[Member]:
    with tarfile.open(fileobj=fileobj, mode="r|*") as archive:
        for info in archive:
            if not info.isfile() or is_hidden(info.name):
                continue
            yield Member(info.name, info.size, lambda info=info: _extract(archive, info))  # type: ignore[misc]


def _extract(archive: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    stream = archive.extractfile(info)
    assert stream is not None, "regular files always have data"
    return stream

"""Typed errors of ``vnpolicy``; each message says what to do.

Example:
    >>> import vnpolicy
    >>> try:
    ...     vnpolicy.extract(b"Ngay 1/7")
    ... except vnpolicy.VnpolicyError as e:
    ...     print(type(e).__name__)
    InputTypeError
"""

from __future__ import annotations


class VnpolicyError(Exception):
    """Base class of every error raised on purpose by ``vnpolicy``."""


class InputTypeError(VnpolicyError, TypeError):
    """An argument has the wrong type (bytes instead of ``str``, ...)."""


class InputValueError(VnpolicyError, ValueError):
    """An argument has the right type but a value that cannot be used."""


class OutputExistsError(InputValueError):
    """The output (or an interrupted run's partial output) is already there.

    Nothing is ever overwritten or appended to silently: pass ``--overwrite`` to
    replace it or ``--resume`` to continue an interrupted run.
    """


class CheckpointError(VnpolicyError):
    """A run cannot be resumed from its checkpoint (inputs or options changed, or it is damaged)."""


class MissingDependencyError(VnpolicyError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class DocumentError(VnpolicyError):
    """One document cannot be read; in a batch it becomes an error record and the run goes on."""


class DecodeError(DocumentError, ValueError):
    """The bytes of a document fit no text encoding (damaged UTF-8, unknown legacy encoding)."""


class BinaryContentError(DocumentError, ValueError):
    """The document is binary data (an image, a PDF, ...), not text."""


class DocumentTooLargeError(DocumentError, ValueError):
    """The document is larger than the configured limit (``--max-bytes``)."""


class UnsupportedFormatError(DocumentError, ValueError):
    """The document is in a format that cannot be read (``.pdf``, ``.docx``, a nested ``.zip``)."""


class CorruptArchiveError(DocumentError):
    """An archive, a compressed member or a WARC file is damaged."""


class MissingTextError(DocumentError, ValueError):
    """A JSON line or CSV row has no text field, or the page has no main text."""


class EncodingError(InputValueError):
    """An encoding name or a legacy-encoding table cannot be used (unknown name, broken table).

    ``vnpolicy.repair(data, encoding=...)`` takes ``None`` (detect), ``"utf-8"``,
    ``"tcvn3"``, ``"vni"``, ``"viscii"``, ``"viqr"``, ``"cp1258"`` or ``"mojibake"``.
    """


class ModelError(VnpolicyError):
    """A topic model cannot be loaded or used: a missing file, an unknown format, a wrong shape."""


class ModelIntegrityError(ModelError):
    """A model file's sha256 differs from the one recorded in its ``model.json``: it was changed or damaged."""


class TrainingDataError(InputValueError):
    """A labelled file cannot be trained on; the message names the file and line or the label at fault."""

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

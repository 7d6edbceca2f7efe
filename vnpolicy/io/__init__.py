"""Readers and writers of document collections.

Readers (:mod:`.readers`) stream documents out of files, folders and archives;
writers (:mod:`.writers` for JSON Lines, :mod:`.parquet` for Parquet datasets)
write records atomically and keep a checkpoint (:mod:`.checkpoint`) so that an
interrupted run can be resumed; :func:`read_records` (:mod:`.results`) reads
either output back as records.
"""

from __future__ import annotations

from .decode import decode_bytes
from .documents import Document, RawDocument, ReadError, ReadOptions
from .readers import DocumentSource, read_documents, read_items
from .results import read_records

__all__ = ["Document", "DocumentSource", "RawDocument", "ReadError", "ReadOptions", "decode_bytes",
           "read_documents", "read_items", "read_records"]

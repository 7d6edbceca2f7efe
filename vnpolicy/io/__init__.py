"""Readers and writers of document collections."""

from __future__ import annotations

from .readers import Document, read_documents

__all__ = ["Document", "read_documents"]

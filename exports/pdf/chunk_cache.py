"""Rendered PDF chunks kept in file storage, so that every worker reuses what any worker rendered.

Keys are SHA-256 digests of the chunk's HTML, the stylesheet and the renderer's version
(exports/pdf/document.py), so an entry never goes stale: a change makes a new key. Entries are small
(tens of kilobytes) and written once; old ones can be deleted at any time without harm.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

PREFIX = "cache/pdf-chunks"

logger = logging.getLogger(__name__)


class StorageChunkCache:
    def __init__(self, storage: Storage | None = None, prefix: str = PREFIX) -> None:
        self.storage = storage or default_storage
        self.prefix = prefix

    def _name(self, key: str) -> str:
        return f"{self.prefix}/{key[:2]}/{key}.pdf"

    def get(self, key: str) -> bytes | None:
        name = self._name(key)
        try:
            with self.storage.open(name, "rb") as handle:
                return handle.read()
        except (FileNotFoundError, OSError):
            return None

    def put(self, key: str, data: bytes) -> None:
        name = self._name(key)
        if self.storage.exists(name):
            return
        try:
            self.storage.save(name, ContentFile(data))
        except OSError:
            # A cache that cannot be written only costs time: the PDF is still made.
            logger.warning("PDF chunk cache not writable: %s", name, exc_info=True)

"""Subject identifiers become HMAC-SHA256 pseudonyms at ingestion; the identifier itself is never kept."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..models.access_logs import SUBJECT_PSEUDONYM_LENGTH

_BLOCK = 64  # SHA-256 block size


def normalize_subject(identifier: str) -> str:
    """The form of an identifier that is hashed: NFKC (全角→半角) without surrounding spaces."""
    return unicodedata.normalize("NFKC", identifier).strip()


class Pseudonymizer:
    """HMAC-SHA256 with the pads hashed once, so a pseudonym costs two hash-state copies (RFC 2104)."""

    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ImproperlyConfigured("PIA_LOG_PSEUDONYM_KEY must be at least 16 bytes")
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def __call__(self, identifier: str) -> str:
        """The pseudonym of *identifier*; an empty identifier stays empty (login, logout)."""
        normalized = normalize_subject(identifier)
        return self.hash_normalized(normalized) if normalized else ""

    def hash_normalized(self, normalized: str) -> str:
        inner = self._inner.copy()
        inner.update(normalized.encode("utf-8"))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()[:SUBJECT_PSEUDONYM_LENGTH]

    def mapping(self, normalized_identifiers: Iterable[str]) -> dict[str, str]:
        """Pseudonyms of already normalized, distinct identifiers (the fast path hashes each once)."""
        return {value: self.hash_normalized(value) if value else "" for value in normalized_identifiers}


@lru_cache(maxsize=4)
def _for_key(key: str) -> Pseudonymizer:
    return Pseudonymizer(key.encode("utf-8"))


def pseudonymizer() -> Pseudonymizer:
    return _for_key(settings.PIA_LOG_PSEUDONYM_KEY)


def subject_pseudonym(identifier: str) -> str:
    """What an auditor's typed identifier is searched as."""
    return pseudonymizer()(identifier)

"""Subject identifiers become HMAC-SHA256 pseudonyms at ingestion; the identifier itself is never kept."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from registry.models.access_logs import SUBJECT_PSEUDONYM_LENGTH

_BLOCK = 64  # SHA-256 block size
PSEUDONYM_TABLE = {"subject": pl.String, "pseudonym": pl.String}


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


class PseudonymCache:
    """Pseudonyms already computed during one ingestion: a resident looked up daily is hashed once.

    Kept as a table that the fast path joins with; bounded, so that memory stays flat
    whatever the file: when full it starts again.
    """

    def __init__(self, pseudonymize: Pseudonymizer, limit: int = 500_000):
        self.pseudonymize = pseudonymize
        self.limit = limit
        self.table = pl.DataFrame(schema=PSEUDONYM_TABLE)

    def table_for(self, normalized: pl.Series) -> pl.DataFrame:
        """A (subject, pseudonym) table of exactly the distinct values of *normalized*."""
        values = normalized.unique().to_frame("subject")
        if len(self.table) + len(values) > self.limit:
            self.table = pl.DataFrame(schema=PSEUDONYM_TABLE)
        # Joining with this block's few values, not the whole cache, keeps the caller's join small.
        found = values.join(self.table, on="subject", how="left")
        new = found.filter(pl.col("pseudonym").is_null()).get_column("subject").to_list()
        if not new:
            return found
        hash_normalized = self.pseudonymize.hash_normalized
        hashed = [hash_normalized(value) if value else "" for value in new]
        added = pl.DataFrame({"subject": new, "pseudonym": hashed}, schema=PSEUDONYM_TABLE)
        self.table = pl.concat([self.table, added], rechunk=False)
        return pl.concat([found.filter(pl.col("pseudonym").is_not_null()), added])


@lru_cache(maxsize=4)
def _for_key(key: str) -> Pseudonymizer:
    return Pseudonymizer(key.encode("utf-8"))


def pseudonymizer() -> Pseudonymizer:
    return _for_key(settings.PIA_LOG_PSEUDONYM_KEY)


def subject_pseudonym(identifier: str) -> str:
    """What an auditor's typed identifier is searched as."""
    return pseudonymizer()(identifier)

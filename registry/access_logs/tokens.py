"""Per-system tokens for pushing logs over HTTP: shown once when issued, kept only as a SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from registry.models import IngestToken, System

TOKEN_PREFIX = "pialog_"  # noqa: S105 (a public marker, not a secret)


def _digest(token: str) -> str:
    # A token is 256 random bits, so a plain SHA-256 suffices (no password-hashing cost per request).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    record: IngestToken
    token: str


@transaction.atomic
def issue_token(system: System, *, label: str = "", by=None, revoke_others: bool = False) -> IssuedToken:
    """A new token for *system*; with *revoke_others*, a rotation: the system's older tokens stop working."""
    if revoke_others:
        IngestToken.objects.filter(system=system).usable().update(revoked_at=timezone.now())
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = IngestToken.objects.create(
        system=system, label=label, digest=_digest(token), prefix=token[: len(TOKEN_PREFIX) + 5], created_by=by
    )
    return IssuedToken(record=record, token=token)


def revoke_token(record: IngestToken) -> None:
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])


def token_record(token: str) -> IngestToken | None:
    """The usable token record for *token*, whichever system it belongs to; None when unknown or revoked."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return IngestToken.objects.usable().select_related("system__organization").filter(digest=_digest(token)).first()

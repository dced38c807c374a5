"""Render a publication's files once, store them with it, and record progress and failures.

This is the model side of rendering: one PublicationArtifact per kind is claimed, rendered
(:mod:`exports.rendering`), stored with its SHA-256, or marked failed with the error, so the
admin can show both. It runs in a django.tasks task (:mod:`exports.tasks`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from exports.artifact_data import published_data
from exports.rendering import render_bytes
from pia.models import ArtifactStatus, Publication, PublicationArtifact

logger = logging.getLogger(__name__)


def _claim(publication: Publication, kind: str) -> PublicationArtifact | None:
    """Take the artifact for rendering unless another worker has it or it is done."""
    claimed = PublicationArtifact.objects.filter(
        publication=publication, kind=kind, status__in=[ArtifactStatus.PENDING, ArtifactStatus.FAILED]
    ).update(status=ArtifactStatus.RENDERING, started_at=timezone.now(), attempts=F("attempts") + 1, error="")
    if not claimed:
        return None
    return PublicationArtifact.objects.get(publication=publication, kind=kind)


def render_artifacts(publication_id: int, kinds: Iterable[str]) -> dict[str, str]:
    """Render and store the given files of a publication; returns each kind's final status."""
    publication = Publication.objects.get(pk=publication_id)
    data = published_data(publication)
    outcome = {}
    for kind in kinds:
        artifact = _claim(publication, kind)
        if artifact is None:
            outcome[kind] = "skipped"
            continue
        try:
            content = render_bytes(data, kind)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded for the admin, then logged
            logger.exception("rendering %s of %s failed", kind, publication)
            artifact.status = ArtifactStatus.FAILED
            artifact.error = f"{type(exc).__name__}: {exc}"[:2000]
            artifact.finished_at = timezone.now()
            artifact.save()
            outcome[kind] = str(ArtifactStatus.FAILED)
            continue
        artifact.file.save(artifact.file_name, ContentFile(content), save=False)
        artifact.size = len(content)
        artifact.sha256 = hashlib.sha256(content).hexdigest()
        artifact.status = ArtifactStatus.READY
        artifact.finished_at = timezone.now()
        artifact.save()
        outcome[kind] = str(ArtifactStatus.READY)
    return outcome

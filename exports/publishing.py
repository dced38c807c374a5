"""Render a publication's files once, store them with it, and record progress and failures.

The renderers are pure (document in, bytes out); this module is the model side: it
creates one PublicationArtifact per kind, claims it, renders, stores the file and its
SHA-256, and records the error when rendering fails, so the admin can show both.
Rendering runs in a django.tasks task (exports/tasks.py): immediately in the demo and
the tests, in the `db_worker` process in production.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pia.models import ArtifactKind, ArtifactStatus, Publication, PublicationArtifact

from exports.artifact_data import PublishedData, published_data
from exports.chunk_cache import StorageChunkCache
from exports.pdf import publication_pdf
from exports.xlsx_annex import annex_workbook
from exports.xlsx_form import form_workbook
from exports.xml_document import publication_xml

logger = logging.getLogger(__name__)

# Fast ones first: the downloads people need most are ready while the PDF renders.
ORDER = (ArtifactKind.XML, ArtifactKind.XLSX_ANNEX, ArtifactKind.XLSX_FORM, ArtifactKind.PDF)


def _annex_xlsx(data: PublishedData) -> bytes:
    return annex_workbook(data.annex, title=data.title, organization=data.organization)


def _pdf(data: PublishedData) -> bytes:
    return publication_pdf(data, cache=StorageChunkCache(), workers=settings.PIA_PDF_WORKERS)


RENDERERS: dict[str, Callable[[PublishedData], bytes]] = {
    ArtifactKind.PDF: _pdf,
    ArtifactKind.XLSX_ANNEX: _annex_xlsx,
    ArtifactKind.XLSX_FORM: form_workbook,
    ArtifactKind.XML: publication_xml,
}


def render_bytes(data: PublishedData, kind: str) -> bytes:
    return RENDERERS[ArtifactKind(kind)](data)


def schedule_artifacts(
    publication: Publication, *, kinds: Iterable[str] | None = None, retry_failed: bool = False
) -> list[PublicationArtifact]:
    """Make sure every file of *publication* exists or is on its way; enqueue what is missing."""
    from exports.tasks import render_publication_artifacts

    wanted = [ArtifactKind(kind) for kind in (kinds or ORDER)]
    artifacts = []
    to_render = []
    for kind in wanted:
        artifact, created = PublicationArtifact.objects.get_or_create(publication=publication, kind=kind)
        if created or artifact.status == ArtifactStatus.PENDING:
            to_render.append(kind)
        elif retry_failed and artifact.status == ArtifactStatus.FAILED:
            PublicationArtifact.objects.filter(pk=artifact.pk).update(status=ArtifactStatus.PENDING, error="")
            to_render.append(kind)
        artifacts.append(artifact)
    if to_render:
        ordered = [str(kind) for kind in ORDER if kind in to_render]
        transaction.on_commit(lambda: render_publication_artifacts.enqueue(publication.pk, ordered))
    return artifacts


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


def on_publication_recorded(sender, publication: Publication, **kwargs) -> None:
    if settings.PIA_ARTIFACTS_ON_PUBLISH:
        schedule_artifacts(publication)


def on_artifacts_requested(sender, publication: Publication, kinds=None, retry_failed=True, **kwargs) -> None:
    schedule_artifacts(publication, kinds=kinds, retry_failed=retry_failed)

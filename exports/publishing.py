"""When a publication is recorded (or its files are asked for again), schedule its files.

Rendering runs in a django.tasks task (:mod:`exports.tasks` → :mod:`exports.artifacts`):
immediately in the demo and the tests, in the `db_worker` process in production.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction

from exports.tasks import render_publication_artifacts
from pia.models import ArtifactKind, ArtifactStatus, Publication, PublicationArtifact

# Fast ones first: the downloads people need most are ready while the PDF renders.
ORDER = (ArtifactKind.XML, ArtifactKind.XLSX_ANNEX, ArtifactKind.XLSX_FORM, ArtifactKind.PDF)


def schedule_artifacts(
    publication: Publication, *, kinds: Iterable[str] | None = None, retry_failed: bool = False
) -> list[PublicationArtifact]:
    """Make sure every file of *publication* exists or is on its way; enqueue what is missing."""
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


def on_publication_recorded(sender: Any, publication: Publication, **kwargs: Any) -> None:
    if settings.PIA_ARTIFACTS_ON_PUBLISH:
        schedule_artifacts(publication)


def on_artifacts_requested(
    sender: Any,
    publication: Publication,
    kinds: Iterable[str] | None = None,
    retry_failed: bool = True,
    **kwargs: Any,
) -> None:
    schedule_artifacts(publication, kinds=kinds, retry_failed=retry_failed)

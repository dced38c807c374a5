"""Background work of the exports layer (django.tasks)."""

from __future__ import annotations

from django.tasks import task

from exports.artifacts import render_artifacts


@task()
def render_publication_artifacts(publication_id: int, kinds: list[str]) -> dict[str, str]:
    """Render and store a publication's files (PDF, Excel, XML)."""
    return render_artifacts(publication_id, kinds)

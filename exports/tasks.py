"""Background work of the exports layer (django.tasks)."""

from __future__ import annotations

from django.tasks import task


@task()
def render_publication_artifacts(publication_id: int, kinds: list[str]) -> dict[str, str]:
    """Render and store a publication's files (PDF, Excel, XML)."""
    from exports.publishing import render_artifacts

    return render_artifacts(publication_id, kinds)

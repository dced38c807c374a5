"""Background work of the versions layer (django.tasks): recomputing the stored drift of assessments."""

from __future__ import annotations

from django.tasks import task

from pia.versions.drift import assessments, pages_printing, refresh_drift


def _refresh(page_ids: list[int]) -> list[int]:
    done = []
    for page in assessments(page_ids):
        refresh_drift(page)
        done.append(page.pk)
    return done


@task()
def refresh_stored_drift(page_ids: list[int]) -> list[int]:
    """Recompute and store the drift of these assessments; return the ids of those still there."""
    return _refresh(page_ids)


@task()
def refresh_drift_of_records(records: list[str]) -> list[int]:
    """Recompute the stored drift of every assessment that prints one of *records* ("registry.system:3")."""
    return _refresh(pages_printing(records))

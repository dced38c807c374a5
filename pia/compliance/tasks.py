"""Background work of the pia layer (django.tasks): evidence checks on demand and on a schedule."""

from __future__ import annotations

from django.tasks import task


@task()
def run_evidence_checks(page_id: int, trigger: str = "manual") -> list[int]:
    """Run every evidence check for one assessment; return the ids of the runs kept."""
    from pia.compliance.evidence import check_assessment
    from pia.models.lookup import assessment_pages

    page = assessment_pages().filter(pk=page_id).specific().first()
    if page is None:
        return []
    return [run.pk for run in check_assessment(page, trigger=trigger)]

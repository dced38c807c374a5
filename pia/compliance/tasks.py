"""Background work of the pia layer (django.tasks): evidence checks on demand and on a schedule."""

from __future__ import annotations

from django.tasks import task


@task()
def run_evidence_checks(page_id: int, trigger: str = "manual", revision_id: int | None = None) -> list[int]:
    """Run every evidence check for one assessment (as saved in *revision_id*, by default its live
    version); return the ids of the runs kept."""
    from wagtail.models import Revision

    from pia.compliance.evidence import check_assessment
    from pia.models.lookup import assessment_pages

    page = assessment_pages().filter(pk=page_id).specific().first()
    if page is None:
        return []
    revision = Revision.objects.filter(pk=revision_id, object_id=str(page.pk)).first() if revision_id else None
    checked = revision.as_object() if revision is not None else page
    return [run.pk for run in check_assessment(checked, trigger=trigger, revision=revision)]

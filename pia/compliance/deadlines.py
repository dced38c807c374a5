"""Each assessment's deadlines (controls.deadlines) from its publications and its affair's end."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils import timezone

from controls.deadlines import Deadline, PublishedVersion, deadlines
from controls.models import AssessmentReview
from pia.models import AnnexRow, Publication

if TYPE_CHECKING:
    from pia.models import AssessmentPage


def published_versions(assessment: AssessmentPage) -> list[PublishedVersion]:
    """Every published version; one that carried a 重要な変更 row is a re-assessment."""
    significant = AnnexRow.objects.filter(publication=OuterRef("pk"), is_significant=True)
    publications = (
        Publication.objects.filter(page=assessment)
        .annotate(reassessment=Exists(significant))
        .order_by("version")
        .values_list("kohyo_bi", "reassessment")
    )
    return [PublishedVersion(day, reassessment) for day, reassessment in publications]


def assessment_deadlines(assessment: AssessmentPage, today: dt.date | None = None) -> list[Deadline]:
    reviews = AssessmentReview.objects.filter(assessment=assessment).values_list("reviewed_on", flat=True)
    return deadlines(
        published_versions(assessment),
        today=today or timezone.localdate(),
        reviews=list(reviews),
        affair_ended_on=assessment.affair_ended_on,
    )

"""Each assessment's deadlines (controls.deadlines) from its publications and its affair's end, and, for a
draft in progress of a form that records its procedure (全項目), from the dates that draft records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils import timezone

from controls.deadlines import Deadline, PublishedVersion, deadlines, procedure_deadlines
from controls.models import AssessmentReview
from pia.formdef.linked import value_at
from pia.formdef.schema import Role
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


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def draft_procedure_deadlines(assessment: AssessmentPage, today: dt.date) -> list[Deadline]:
    """The comment period's end and the 第三者点検 of a draft in progress, when its form records them (by role)."""
    definition = assessment.definition
    try:
        end_item = definition.item_with_role(Role.COMMENT_PERIOD_END)[1]
        review_item = definition.item_with_role(Role.THIRD_PARTY_REVIEW)[1]
    except KeyError:
        return []
    if assessment.live and not assessment.has_unpublished_changes:
        return []  # no draft in progress: the published procedure is done
    values = assessment.latest_draft().get_values()
    return procedure_deadlines(
        comment_period_end=_date(value_at(values, end_item.path)),
        third_party_review=_date(value_at(values, review_item.path)),
        today=today,
    )


def assessment_deadlines(assessment: AssessmentPage, today: dt.date | None = None) -> list[Deadline]:
    today = today or timezone.localdate()
    reviews = AssessmentReview.objects.filter(assessment=assessment).values_list("reviewed_on", flat=True)
    found = deadlines(
        published_versions(assessment),
        today=today,
        reviews=list(reviews),
        affair_ended_on=assessment.affair_ended_on,
    )
    return sorted([*found, *draft_procedure_deadlines(assessment, today)], key=lambda d: d.due)

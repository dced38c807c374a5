"""Each assessment's deadlines (controls.deadlines) from its publications and its affair's end, and, for a
draft in progress of a form that records its procedure (全項目), from the dates that draft records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
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


def published_versions(page_ids: Sequence[int]) -> dict[int, list[PublishedVersion]]:
    """Every published version of each assessment, in one query; one that carried a 重要な変更 row is a
    re-assessment."""
    significant = AnnexRow.objects.filter(publication=OuterRef("pk"), is_significant=True)
    publications = (
        Publication.objects.filter(page_id__in=page_ids)
        .annotate(reassessment=Exists(significant))
        .order_by("page_id", "version")
        .values_list("page_id", "kohyo_bi", "reassessment")
    )
    found: dict[int, list[PublishedVersion]] = {page_id: [] for page_id in page_ids}
    for page_id, day, reassessment in publications:
        found[page_id].append(PublishedVersion(day, reassessment))
    return found


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
    return deadlines_of([assessment], today)[assessment.pk]


def deadlines_of(assessments: Sequence[AssessmentPage], today: dt.date | None = None) -> dict[int, list[Deadline]]:
    """Each assessment's deadlines, soonest first, by page id: two queries for them all, and a draft's
    revision for each draft in progress of a form that records its procedure."""
    today = today or timezone.localdate()
    page_ids = [assessment.pk for assessment in assessments]
    reviews: dict[int, list[dt.date]] = defaultdict(list)
    for page_id, day in AssessmentReview.objects.filter(assessment_id__in=page_ids).values_list(
        "assessment_id", "reviewed_on"
    ):
        reviews[page_id].append(day)
    versions = published_versions(page_ids)
    found: dict[int, list[Deadline]] = {}
    for assessment in assessments:
        due = deadlines(
            versions[assessment.pk],
            today=today,
            reviews=reviews[assessment.pk],
            affair_ended_on=assessment.affair_ended_on,
        )
        found[assessment.pk] = sorted([*due, *draft_procedure_deadlines(assessment, today)], key=lambda d: d.due)
    return found

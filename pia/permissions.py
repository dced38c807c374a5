"""Who may see which assessment: members of its organization, and administrators."""

from __future__ import annotations

from django.http import Http404

from registry.models import Organization

from .models import AssessmentPage
from .services import all_assessments


def visible_assessments(user) -> list[AssessmentPage]:
    """Assessments of the organizations the user belongs to (all of them for a superuser)."""
    if not user.is_authenticated:
        return []
    org_ids = set(Organization.objects.for_user(user).values_list("pk", flat=True))
    return [page for page in all_assessments() if _organization_id(page) in org_ids]


def _organization_id(page: AssessmentPage) -> int | None:
    org_page = page.organization_page
    return org_page.organization_id if org_page else None


def can_view(user, page: AssessmentPage) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org_id = _organization_id(page)
    return org_id is not None and Organization.objects.for_user(user).filter(pk=org_id).exists()


def get_visible_assessment_or_404(user, page_id: int) -> AssessmentPage:
    """The assessment if the user may see it; a 404 otherwise, so its existence is not disclosed."""
    for page in all_assessments():
        if page.pk == page_id and can_view(user, page):
            return page
    raise Http404("評価書が見つかりません")

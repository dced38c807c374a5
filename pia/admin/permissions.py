"""Who may see which assessment: members of its organization, and administrators."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from pia.models import AssessmentPage, OrganizationPage
from pia.models.lookup import assessment_pages
from registry.models import Organization


def visible_assessments(user) -> list[AssessmentPage]:
    """Assessments of the organizations the user belongs to (all of them for a superuser)."""
    if not user.is_authenticated:
        return []
    org_pages = OrganizationPage.objects.filter(organization__in=Organization.objects.for_user(user))
    paths = Q()
    for org_page in org_pages:
        paths |= Q(path__startswith=org_page.path)
    if not paths:
        return []
    return list(assessment_pages().filter(paths).specific())


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
    page = assessment_pages().filter(pk=page_id).specific().first()
    if page is None or not can_view(user, page):
        raise Http404("評価書が見つかりません")
    return page

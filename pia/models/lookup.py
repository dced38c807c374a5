"""Finding assessments of every kind: by page, by identifier (``<organization>/<slug>``)."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.query import PageQuerySet

from pia.models.pages import ASSESSMENT_PAGE_CLASSES, AssessmentPage, OrganizationPage


class AssessmentNotFound(LookupError):
    pass


def assessment_pages() -> PageQuerySet:
    """A queryset of every assessment page of every kind, in tree order (not yet specific)."""
    return Page.objects.type(*ASSESSMENT_PAGE_CLASSES.values()).order_by("path")


def all_assessments() -> list[AssessmentPage]:
    """Every assessment page of every kind, as specific pages, in tree order."""
    return list(assessment_pages().specific())


def find_assessment(identifier: str) -> AssessmentPage:
    """Find an assessment by ``<organization slug>/<page slug>``."""
    org_slug, _, slug = identifier.strip().partition("/")
    if not org_slug or not slug:
        raise AssessmentNotFound(f"識別子は「機関/評価書」の形で指定してください: {identifier!r}")
    org_page = OrganizationPage.objects.filter(organization__slug=org_slug).first()
    page = assessment_pages().child_of(org_page).filter(slug=slug).specific().first() if org_page else None
    if page is None:
        raise AssessmentNotFound(f"評価書 {identifier} は見つかりません")
    return page

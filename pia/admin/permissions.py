"""Who may see which assessment: members of its organization, and administrators."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page
from wagtail.query import PageQuerySet

from pia.models import AssessmentPage, OrganizationPage
from pia.models.lookup import assessment_pages
from registry.models import Organization

# What ``request.user`` holds: a user of AUTH_USER_MODEL, or the anonymous one.
RequestUser = User | AnonymousUser


def signed_in(user: RequestUser) -> User:
    """The user of an admin request, who is signed in (the admin refuses anonymous requests before any view)."""
    if isinstance(user, AnonymousUser):
        raise PermissionDenied
    return user


def visible_assessment_pages(user: RequestUser) -> PageQuerySet:
    """A queryset of the assessments of the user's organizations (every one for a superuser), in tree order.

    Not specific: slice it first (a page of a listing), then ask for ``.specific()``.
    """
    if not user.is_authenticated:
        return assessment_pages().none()
    if user.is_superuser:
        return assessment_pages()
    org_pages = OrganizationPage.objects.filter(organization__in=Organization.objects.for_user(user))
    paths = Q()
    for path in org_pages.values_list("path", flat=True):
        paths |= Q(path__startswith=path)
    if not paths:
        return assessment_pages().none()
    return assessment_pages().filter(paths)


def visible_assessments(user: RequestUser) -> list[AssessmentPage]:
    """Assessments of the organizations the user belongs to (all of them for a superuser)."""
    return list(visible_assessment_pages(user).specific())


def with_organization_parents(pages: list[AssessmentPage]) -> list[AssessmentPage]:
    """The pages, each given its OrganizationPage (and Organization) in one query, where ``get_parent`` looks."""
    steplen = Page.steplen
    parents = {
        org_page.path: org_page
        for org_page in OrganizationPage.objects.filter(
            path__in={page.path[:-steplen] for page in pages}
        ).select_related("organization")
    }
    for page in pages:
        parent = parents.get(page.path[:-steplen])
        if parent is not None:
            page._cached_parent_obj = parent
    return pages


def _organization_id(page: AssessmentPage) -> int | None:
    org_page = page.organization_page
    return org_page.organization_id if org_page else None


def can_view(user: RequestUser, page: AssessmentPage) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org_id = _organization_id(page)
    return org_id is not None and Organization.objects.for_user(user).filter(pk=org_id).exists()


def get_visible_assessment_or_404(user: RequestUser, page_id: int) -> AssessmentPage:
    """The assessment if the user may see it; a 404 otherwise, so its existence is not disclosed."""
    page = assessment_pages().filter(pk=page_id).specific().first()
    if page is None or not can_view(user, page):
        raise Http404("評価書が見つかりません")
    return page


class EditableAssessmentMixin:
    """An admin view of one assessment (URL argument ``page_id``) for those who may edit it: another
    body's assessment is not found (404), one the user may only read is refused (403)."""

    page: AssessmentPage

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_page_subtitle(self) -> str:
        return self.page.title

"""Wagtail's page history, revisions, compare and workflow history, readable by auditors.

Wagtail opens these views to users who may edit or publish the page. An auditor (監査) of the
assessment's organization reads everything of it and edits nothing, so these versions also let
members of the organization read; users who cannot edit get no edit or revert links, and the
views that change anything (revert, unschedule, workflow actions) stay Wagtail's own.
The patterns are included before Wagtail's (``config/urls.py``); ``reverse()`` of Wagtail's
names gives the same paths. Another organization's page, of any type, is not found.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, re_path, reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.generic.models import RevisionsCompareView as GenericRevisionsCompareView
from wagtail.admin.views.pages import history as page_history
from wagtail.admin.views.pages import revisions as page_revisions
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from pia.admin.permissions import RequestUser, can_view
from pia.admin.scoping.scopes import page_is_visible
from pia.models import AssessmentPage, Publication
from pia.versions.compare import DRAFT


def may_read(user: RequestUser, page: Page) -> bool:
    """Editors and publishers as in Wagtail; for an assessment, every member of its organization."""
    if isinstance(page, AssessmentPage):
        return can_view(user, page)
    perms = page.permissions_for_user(user)
    return perms.can_edit() or perms.can_publish()


def check_readable(user: RequestUser, page: Page) -> None:
    """404 for a page of another organization (its existence is not disclosed), 403 for one not readable."""
    if not page_is_visible(user, page.pk, with_ancestors=True):
        raise Http404
    if isinstance(page, AssessmentPage) and not can_view(user, page):
        raise Http404
    if not may_read(user, page):
        raise PermissionDenied


def readable_page(user: RequestUser, page_id: int | str) -> Page:
    page = get_object_or_404(Page, id=page_id).specific
    check_readable(user, page)
    return page


def may_edit(user: RequestUser, page: Page) -> bool:
    return page.permissions_for_user(user).can_edit()


class ReadablePageHistoryView(page_history.PageHistoryView):
    # Wagtail asks for a page permission (add, change or delete); get_object() checks membership instead.
    any_permission_required = None

    def get_object(self) -> Page:
        return readable_page(self.request.user, self.pk)

    @property
    def columns(self) -> list[Any]:
        columns = super().columns
        if not may_edit(self.request.user, self.object):
            # Read only: the edit and revert links are dropped from the action column.
            columns[0].url_names = {**columns[0].url_names, "edit": None, "revisions_revert": None}
        return columns

    @property
    def header_buttons(self) -> list[Any]:
        return super().header_buttons if may_edit(self.request.user, self.object) else []

    def get_edit_url(self, instance: Page) -> str | None:
        return super().get_edit_url(instance) if may_edit(self.request.user, instance) else None


class ReadableRevisionView(page_revisions.RevisionsView):
    def get_object(self) -> Page:
        return readable_page(self.request.user, self.pk)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Skip Wagtail's "any page permission" decorator: the organization check is in get_object().
        return page_revisions.PreviewRevision.dispatch(self, request, *args, **kwargs)


class ReadableRevisionsCompareView(page_revisions.RevisionsCompareView):
    """Wagtail's compare of two revisions; for an assessment, ours (版の比較), which prints values as the form does."""

    def get_object(self, queryset: Any = None) -> Page:
        return readable_page(self.request.user, self.pk)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        page = readable_page(request.user, kwargs["pk"])
        if isinstance(page, AssessmentPage):
            a = _version_key(page, kwargs["revision_id_a"])
            b = _version_key(page, kwargs["revision_id_b"])
            return redirect(f"{reverse('pia_assessment_compare', args=[page.pk])}?{urlencode({'a': a, 'b': b})}")
        return GenericRevisionsCompareView.dispatch(self, request, *args, **kwargs)

    def get_edit_url(self) -> str | None:
        return super().get_edit_url() if may_edit(self.request.user, self.object) else None


def _version_key(page: AssessmentPage, revision: str) -> str:
    """Wagtail's name of a revision (live, earliest, latest or an id) as our compare names versions:
    the publication's number, or ``draft`` for a revision never published (the latest draft)."""
    publications = Publication.objects.filter(page=page).order_by("version")
    match revision:
        case "earliest":
            first = publications.first()
            return str(first.version) if first else DRAFT
        case "live":
            revision_id = page.live_revision_id
        case "latest":
            revision_id = page.latest_revision_id
        case _:
            revision_id = int(revision)
    published = publications.filter(revision_id=revision_id).first()
    return str(published.version) if published else DRAFT


class _ReadableWorkflowHistoryMixin:
    object: Page

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        check_readable(request.user, self.object.specific)
        # Past Wagtail's own check (edit permission) to the history view itself (a mixin: the view is after it).
        return super(page_history.PageWorkflowHistoryViewMixin, self).dispatch(  # type: ignore[misc]
            request, *args, **kwargs
        )


class ReadableWorkflowHistoryView(_ReadableWorkflowHistoryMixin, page_history.WorkflowHistoryView):
    pass


class ReadableWorkflowHistoryDetailView(_ReadableWorkflowHistoryMixin, page_history.WorkflowHistoryDetailView):
    pass


urlpatterns = [
    path("pages/<int:page_id>/history/", ReadablePageHistoryView.as_view()),
    path("pages/<int:page_id>/history/results/", ReadablePageHistoryView.as_view(results_only=True)),
    path("pages/<int:page_id>/revisions/<int:revision_id>/view/", ReadableRevisionView.as_view()),
    re_path(
        r"^pages/(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        ReadableRevisionsCompareView.as_view(),
    ),
    path("pages/<int:page_id>/workflow_history/", ReadableWorkflowHistoryView.as_view()),
    path(
        "pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
        ReadableWorkflowHistoryDetailView.as_view(),
    ),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)

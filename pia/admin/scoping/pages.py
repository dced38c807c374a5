"""Wagtail's page views (workflow, history, revisions, …) refuse pages of another organization.

Wagtail checks page permissions in most page views, but not all: the workflow cancellation
confirmation shows the workflow and task of any page, and the workflow action and preview views
name the page in a message before they check anything; the move confirmation shows any page
and destination to anyone. Every page URL that takes a page id is put behind one guard: another
body's page is not found, and a move is confirmed only to a user who may make it. The page
search and the dashboard panels are narrowed the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.views.pages.search import SearchView, page_filter_search
from wagtail.models import Page
from wagtail.query import PageQuerySet

from pia.admin.permissions import RequestUser
from pia.admin.scoping.scopes import ancestor_page_ids, page_is_visible, scoped_pages, scoped_queryset

# URL keyword arguments that name a page: the page itself, the parent of a listing or a new page,
# a page to move and its destination. Each one in a URL is checked; True lets the shared pages above
# the user's (the tree root, the portal) through.
PAGE_KWARGS = {
    "page_id": False,
    "pk": False,
    "parent_page_id": True,
    "page_to_move_id": False,
    "destination_id": False,
}


def guard_page_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap a page view: any page id of the URL outside the user's organizations is a 404."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        for kwarg, with_ancestors in PAGE_KWARGS.items():
            if kwarg in kwargs and not page_is_visible(request.user, kwargs[kwarg], with_ancestors=with_ancestors):
                raise Http404
        if "page_to_move_id" in kwargs and "destination_id" in kwargs:
            check_move(request.user, kwargs["page_to_move_id"], kwargs["destination_id"])
        return view(request, *args, **kwargs)

    return guarded


def check_move(user: RequestUser, page_to_move_id: int, destination_id: int) -> None:
    """The move confirmation: Wagtail checks nothing before showing it, only when the move is posted."""
    page = get_object_or_404(Page, pk=page_to_move_id).specific
    destination = get_object_or_404(Page, pk=destination_id)
    if not page.permissions_for_user(user).can_move_to(destination):
        raise PermissionDenied


class ScopedPageSearchView(SearchView):
    """ページ検索: the user's pages only, whatever page permissions say (Wagtail's query, one filter more)."""

    def get_queryset(self) -> PageQuerySet:
        user = self.request.user
        self.all_pages = Page.objects.filter(
            pk__in=self.permission_policy.explorable_instances(user).values_list("pk", flat=True)
        )
        if not user.is_superuser:
            self.all_pages = self.all_pages.filter(
                Q(pk__in=scoped_pages(user).values("pk")) | Q(pk__in=ancestor_page_ids(user))
            )
        pages = self.all_pages
        if self.ordering:
            pages = pages.order_by(self.ordering)
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)
        pages, self.all_pages = page_filter_search(self.search_query, pages, self.all_pages, self.ordering)
        if pages.supports_facet:
            self.content_types = [
                (ContentType.objects.get_for_id(content_type_id), count)
                for content_type_id, count in self.all_pages.facet("content_type_id").items()
            ]
        return pages


def _visible_object(user: RequestUser, obj: Model | None) -> bool:
    if obj is None:
        return False
    return scoped_queryset(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class ScopedWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = [state for state in context["states"] if _visible_object(user, state["obj"])]
        return context


class ScopedUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["workflow_states"] = [
            state for state in context["workflow_states"] if _visible_object(user, state.content_object)
        ]
        return context


class ScopedLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        context["locked_pages"] = scoped_pages(parent_context["request"].user, context["locked_pages"])
        return context


class ScopedRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        ids = set(
            scoped_pages(user, Page.objects.filter(pk__in=[p.pk for _, p in context["last_edits"]])).values_list(
                "pk", flat=True
            )
        )
        context["last_edits"] = [(when, page) for when, page in context["last_edits"] if page.pk in ids]
        return context


SCOPED_PANELS = {
    WorkflowObjectsToModeratePanel: ScopedWorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel: ScopedUserObjectsInWorkflowModerationPanel,
    LockedPagesPanel: ScopedLockedPagesPanel,
    RecentEditsPanel: ScopedRecentEditsPanel,
}


def scope_homepage_panels(request: HttpRequest, panels: list[Any]) -> None:
    """Hook ``construct_homepage_panels``: Wagtail's own panels replaced by their scoped versions."""
    for index, panel in enumerate(panels):
        scoped = SCOPED_PANELS.get(type(panel))
        if scoped is not None:
            panels[index] = scoped()

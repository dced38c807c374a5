"""Wagtail's page views (workflow, history, revisions, …) refuse pages of another organization.

Wagtail checks page permissions in most page views, but not all: the workflow cancellation
confirmation shows the workflow and task of any page, and the workflow action and preview views
name the page in a message before they check anything. Every page URL that takes a page id is
put behind one guard: another body's page is not found. The page search and the dashboard
panels are narrowed the same way.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.views.pages.search import SearchView, page_filter_search
from wagtail.models import Page

from .scopes import ancestor_page_ids, page_is_visible, scoped_pages, scoped_queryset

# URL keyword arguments that name a page: the page itself, or the parent of a listing or a new page.
PAGE_KWARGS = {"page_id": False, "pk": False, "parent_page_id": True}


def guard_page_view(view):
    """Wrap a page view: a page id outside the user's organizations is a 404."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        for kwarg, with_ancestors in PAGE_KWARGS.items():
            if kwarg in kwargs and not page_is_visible(request.user, kwargs[kwarg], with_ancestors=with_ancestors):
                raise Http404
        return view(request, *args, **kwargs)

    return guarded


class ScopedPageSearchView(SearchView):
    """ページ検索: the user's pages only, whatever page permissions say (Wagtail's query, one filter more)."""

    def get_queryset(self):
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


def _visible_object(user, obj) -> bool:
    if obj is None:
        return False
    return scoped_queryset(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class ScopedWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = [state for state in context["states"] if _visible_object(user, state["obj"])]
        return context


class ScopedUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["workflow_states"] = [
            state for state in context["workflow_states"] if _visible_object(user, state.content_object)
        ]
        return context


class ScopedLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["locked_pages"] = scoped_pages(parent_context["request"].user, context["locked_pages"])
        return context


class ScopedRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
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


def scope_homepage_panels(request, panels):
    """Hook ``construct_homepage_panels``: Wagtail's own panels replaced by their scoped versions."""
    for index, panel in enumerate(panels):
        scoped = SCOPED_PANELS.get(type(panel))
        if scoped is not None:
            panels[index] = scoped()

"""Scoped versions of Wagtail's admin URLs, included before Wagtail's own in ``config/urls.py``.

Django resolves the first pattern that matches, so each path here answers instead of Wagtail's;
``reverse()`` of Wagtail's URL names still gives the same paths. The patterns carry no names.
"""

from __future__ import annotations

from django.urls import URLPattern, path
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from pia.admin.scoping import reports, workflows
from pia.admin.scoping.bulk import bulk_action
from pia.admin.scoping.choosers import ScopedBrowseView, ScopedChosenMultipleView
from pia.admin.scoping.pages import PAGE_KWARGS, ScopedPageSearchView, guard_page_view


def _report(route: str, view_class: type[View]) -> list[URLPattern]:
    return [path(route, view_class.as_view()), path(f"{route}results/", view_class.as_view(results_only=True))]


# Page views that take POST only: a GET is refused (405) before the page is looked at, as Wagtail's.
POST_ONLY_PAGE_VIEWS = {"set_page_position"}


def _page_kwargs(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex) & set(PAGE_KWARGS)


def _guarded_page_urls() -> list[URLPattern]:
    """Every Wagtail page URL naming a page, behind the organization guard; the page search scoped."""
    search_viewset = page_viewset_registry.get_by_type(Page)
    guarded = [
        path("pages/search/", search_viewset.construct_view(ScopedPageSearchView)),
        path("pages/search/results/", search_viewset.construct_view(ScopedPageSearchView, results_only=True)),
        path(
            "pages/<int:parent_page_id>/",
            guard_page_view(page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")),
        ),
        path(
            "pages/<int:parent_page_id>/results/",
            guard_page_view(page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")),
        ),
    ]
    for pattern in wagtail_page_urls.urlpatterns:
        if isinstance(pattern, URLPattern) and _page_kwargs(pattern):
            view = guard_page_view(pattern.callback)
            if pattern.name in POST_ONLY_PAGE_VIEWS:
                view = require_POST(view)
            guarded.append(URLPattern(_prefixed(pattern.pattern), view, pattern.default_args, name=None))
    return guarded


def _prefixed(route: RoutePattern | RegexPattern | LocalePrefixPattern) -> RoutePattern | RegexPattern:
    """The same route under ``pages/``, as Wagtail includes it."""
    if isinstance(route, RoutePattern):
        return RoutePattern(f"pages/{route}", is_endpoint=True)  # str(): the route as written
    if isinstance(route, LocalePrefixPattern):
        raise TypeError("Wagtail's page URLs have no language prefix")
    regex = str(route).removeprefix("^")
    return RegexPattern(f"^pages/{regex}", is_endpoint=True)


urlpatterns = [
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
    *_report("reports/locked/", reports.ScopedLockedPagesView),
    *_report("reports/workflow/", reports.ScopedWorkflowView),
    *_report("reports/workflow_tasks/", reports.ScopedWorkflowTasksView),
    *_report("reports/site-history/", reports.ScopedLogEntriesView),
    *_report("reports/aging-pages/", reports.ScopedAgingPagesView),
    *_report("reports/page-types-usage/", reports.ScopedPageTypesUsageReportView),
    path("choose-page/", ScopedBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", ScopedBrowseView.as_view()),
    path("choose-page/chosen-multiple/", ScopedChosenMultipleView.as_view()),
    path("workflows/task_chooser/", workflows.task_chooser),
    path("workflows/task_chooser/results/", workflows.task_chooser_results),
    path("workflows/task_chooser/create/", workflows.task_chooser_create),
    path("workflows/task_chooser/<int:task_id>/", workflows.task_chosen),
    *_guarded_page_urls(),
]

# The decorators Wagtail puts on its own admin URLs, in the same order.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)

"""The page chooser and the document and image choosers, showing only the user's own."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views import chooser
from wagtail.models import Page

from pia.admin.permissions import RequestUser
from pia.admin.scoping.scopes import ancestor_page_ids, page_is_visible, scoped_pages, scoped_queryset


def navigable_pages(pages: QuerySet, user: RequestUser) -> QuerySet:
    """The user's pages and the shared pages above them (the tree root, the portal)."""
    if user.is_superuser:
        return pages
    return pages.filter(Q(pk__in=scoped_pages(user).values("pk")) | Q(pk__in=ancestor_page_ids(user)))


def filter_page_chooser_queryset(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """Hook ``construct_page_chooser_queryset``: browse and search list only the user's pages."""
    return navigable_pages(pages, request.user)


def filter_chooser_queryset(items: QuerySet, request: HttpRequest) -> QuerySet:
    """Hooks ``construct_document_chooser_queryset`` and ``construct_image_chooser_queryset``."""
    return scoped_queryset(items, request.user)


class ScopedBrowseView(chooser.BrowseView):
    """Browse: another body's page is not found, and the default start is among the user's pages."""

    def get(self, request: HttpRequest, parent_page_id: int | None = None) -> HttpResponse:
        user = request.user
        if parent_page_id is not None and not page_is_visible(user, parent_page_id, with_ancestors=True):
            raise Http404
        page_type = request.GET.get("page_type")
        if parent_page_id is None and page_type and not user.is_superuser:
            # Wagtail starts at the common ancestor of every page of the type, whichever body holds them.
            try:
                classes = chooser.page_models_from_string(page_type)
            except (ValueError, LookupError) as e:
                raise Http404 from e
            if classes != (Page,):
                ancestor = scoped_pages(user).type(*classes).first_common_ancestor()
                parent_page_id = ancestor.pk if ancestor else Page.get_first_root_node().pk
        return super().get(request, parent_page_id=parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request: HttpRequest) -> HttpResponse:
        visible = navigable_pages(Page.objects.filter(pk__in=request.GET.getlist("id")), request.user)
        query = request.GET.copy()
        query.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        request.GET = query  # type: ignore[assignment]  # a QueryDict as before, only mutable
        return super().get(request)

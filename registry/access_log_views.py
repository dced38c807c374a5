"""The auditor's view of the access logs in the admin: search, pages of results, CSV export.

The access-log package (``registry.access_logs``) is imported by the views when they run: it
reads heavy libraries, and the admin's hooks import this module at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

if TYPE_CHECKING:
    from registry.access_logs.search import Criteria

PERMISSION = "registry.view_accesslogentry"


class AccessLogAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A screen of the access logs: for holders of the access-log permission (auditors, administrators)."""

    per_page = 50

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AccessLogSearchView(AccessLogAdminView):
    template_name = "registry/access_log_search.html"
    archived_shown = 200  # rows of the archive files listed on the page; the CSV holds them all
    page_title = "アクセスログの検索"
    header_icon = "search"

    def post(self, request, *args, **kwargs):
        """The typed identifier arrives by POST and leaves as a pseudonym in the URL, never as itself."""
        from registry.access_logs.search import AccessLogSearchForm, Criteria

        form = AccessLogSearchForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        criteria = Criteria.from_cleaned(form.cleaned_data)
        return HttpResponseRedirect(f"{reverse('registry_access_logs')}?{urlencode(criteria.query_parameters())}")

    def get(self, request, *args, **kwargs):
        from registry.access_logs.archive_search import archived_matches, archives_to_search, first_archived_matches
        from registry.access_logs.search import AccessLogSearchForm, Criteria, csv_lines, matching_entries

        if not request.GET:
            return self.render_to_response(self.get_context_data(form=AccessLogSearchForm(user=request.user)))
        form = AccessLogSearchForm(request.GET, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        criteria = Criteria.from_cleaned(form.cleaned_data)
        entries = matching_entries(criteria, request.user)
        # The months that left the table are searched in their archive files, the newest first.
        archived = first_archived_matches(criteria, request.user, shown=self.archived_shown)
        if request.GET.get("format") == "csv":
            self._record(criteria, count=entries.count() + archived.count, exported=True)
            rows = archived_matches(criteria, archives_to_search(criteria, request.user))
            response = StreamingHttpResponse(csv_lines(entries, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="access-logs.csv"'
            return response
        page = Paginator(entries, self.per_page).get_page(request.GET.get("p"))
        self._record(criteria, count=page.paginator.count + archived.count, exported=False)
        query = urlencode(criteria.query_parameters())
        context = self.get_context_data(form=form, page=page, query=query, criteria=criteria, archived=archived)
        return self.render_to_response(context)

    def _record(self, criteria: Criteria, *, count: int, exported: bool) -> None:
        from registry.access_logs.search import record_search

        for search in record_search(self.request.user, criteria, count=count, exported=exported):
            action = "registry.access_logs.export" if exported else "registry.access_logs.search"
            log(
                instance=search,
                action=action,
                user=self.request.user,
                data={"criteria": search.criteria, "count": count},
            )

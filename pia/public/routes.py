"""What the public URLs of the portal, organization and assessment pages render.

The pages declare the routes (see :mod:`pia.models.site`); this module answers them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.html import format_html_join

from pia.models import AssessmentPage, OrganizationPage, PortalHomePage
from pia.public.views import (
    assessments_of,
    by_affair,
    file_response,
    latest_publications,
    public_changes,
    public_file,
    public_version,
    search,
)

PUBLIC_TEMPLATE = "pia/public/assessment.html"
SEARCH_QUERY_MAX = 200


class PublicRoutes:
    def home_context(self, home: PortalHomePage) -> dict[str, Any]:
        # Every body of the country is listed: read as values (title and URL), not as page objects.
        # The home is its site's root (pia.services.organizations.ensure_portal_home), so an
        # organization's URL is its url_path after the home's.
        rows = OrganizationPage.objects.live().child_of(home).order_by("title").values_list("title", "url_path")
        prefix = len(home.url_path) - 1
        # Joined here rather than in a template loop: about 1,800 links, each a template render otherwise.
        organizations = format_html_join("", '<li><a href="{}">{}</a></li>', ((p[prefix:], t) for t, p in rows))
        return {"latest": latest_publications(), "organizations": organizations}

    def organization_context(self, org_page: OrganizationPage) -> dict[str, Any]:
        publications = assessments_of(org_page)
        return {"publications": publications, "affairs": by_affair(publications)}

    def search(self, home: PortalHomePage, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("q", "")[:SEARCH_QUERY_MAX]
        return home.render(
            request,
            context_overrides={"query": query, "results": search(query) if query.strip() else None},
            template="pia/public/search.html",
        )

    def version(self, page: AssessmentPage, request: HttpRequest, version: int | None) -> HttpResponse:
        view = public_version(page, version)
        return page.render(request, context_overrides={"view": view}, template=PUBLIC_TEMPLATE)

    def changes(self, page: AssessmentPage, request: HttpRequest, version: int) -> HttpResponse:
        old, new, changes = public_changes(page, version)
        return page.render(
            request,
            context_overrides={"old": old, "new": new, "changes": changes},
            template="pia/public/changes.html",
        )

    def file(self, page: AssessmentPage, request: HttpRequest, version: int, kind: str) -> HttpResponseBase:
        response = file_response(public_file(page, version, kind), page.identifier)
        response["Cache-Control"] = "public, max-age=31536000, immutable"  # a publication's file never changes
        return response

"""The public site's views as the page models reach them, without importing them.

Wagtail wants a page's sub-URLs declared on the page (RoutablePageMixin), but what they show
(publications, their changes and files, search) is the public site's, in :mod:`pia.public`,
which sits above the models. It installs itself here when the app is ready
(``PiaConfig.ready``); the models call it through this seam only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase

    from pia.models.pages import AssessmentPage, OrganizationPage, PortalHomePage


class PublicSite(Protocol):
    def home_context(self, home: PortalHomePage) -> dict[str, Any]: ...

    def organization_context(self, org_page: OrganizationPage) -> dict[str, Any]: ...

    def search(self, home: PortalHomePage, request: HttpRequest) -> HttpResponse: ...

    def version(self, page: AssessmentPage, request: HttpRequest, version: int | None) -> HttpResponse: ...

    def changes(self, page: AssessmentPage, request: HttpRequest, version: int) -> HttpResponse: ...

    def file(self, page: AssessmentPage, request: HttpRequest, version: int, kind: str) -> HttpResponseBase: ...


_installed: list[PublicSite] = []


def install_public_site(site: PublicSite) -> None:
    _installed[:] = [site]


def public_site() -> PublicSite:
    if not _installed:
        raise ImproperlyConfigured("pia.public is not installed (PiaConfig.ready installs it)")
    return _installed[0]

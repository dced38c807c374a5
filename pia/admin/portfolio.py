"""Admin: a body's 特定個人情報保護評価計画管理書 (様式１), for its members (auditors too) and administrators."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pia.admin.permissions import RequestUser
from pia.compliance.portfolio import Portfolio, build_portfolio
from registry.models import Organization

ORGANIZATION_PARAMETER = "organization"


def chosen_organization(request: HttpRequest) -> Organization | None:
    """The body whose register is asked for (``?organization=<slug>``), among those the user may read.

    Without the parameter, a member of one body gets that body; someone who may read several
    (an administrator) gets None and picks one. Another body's slug is not found.
    """
    readable = Organization.objects.for_user(request.user)
    slug = request.GET.get(ORGANIZATION_PARAMETER, "").strip()
    if slug:
        organization = readable.filter(slug=slug).first()
        if organization is None:
            raise Http404("評価実施機関が見つかりません")
        return organization
    candidates = list(readable.order_by("name")[:2])
    return candidates[0] if len(candidates) == 1 else None


def readable_organizations(user: RequestUser) -> list[Organization]:
    return list(Organization.objects.for_user(user).order_by("name"))


def portfolio_for(request: HttpRequest) -> Portfolio | None:
    organization = chosen_organization(request)
    return build_portfolio(organization, timezone.localdate()) if organization is not None else None


class PortfolioView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/portfolio.html"
    page_title = "評価計画管理書"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organization = chosen_organization(self.request)
        portfolio = build_portfolio(organization, timezone.localdate()) if organization is not None else None
        query = f"?{ORGANIZATION_PARAMETER}={organization.slug}" if organization is not None else ""
        context.update(
            organization=organization,
            organizations=readable_organizations(self.request.user),
            portfolio=portfolio,
            xlsx_url=f"{reverse('pia_portfolio_xlsx')}{query}",
            parameter=ORGANIZATION_PARAMETER,
        )
        return context

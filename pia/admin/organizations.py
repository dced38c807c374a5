"""Administrators' screens for bodies (評価実施機関): the list, a new body, its departments and members.

Thin views: a new body is created by ``create_organization`` (the command's and the demo's service),
a member is added by ``grant_role`` and removed by ``revoke_role``. Membership and Department keep
their history with django-simple-history (as every registry model does); HistoryRequestMiddleware
records the administrator who made each change, and this screen lists the membership changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from accounts.views.admin import AdministratorOnlyMixin
from pia.admin.organization_forms import DepartmentForm, MemberForm, OrganizationCreateForm, withhold_my_numbers
from pia.models import OrganizationPage
from pia.services.organizations import (
    OrganizationRefused,
    create_organization,
    grant_role,
    group_name,
    revoke_role,
)
from registry.enums import Role
from registry.models import Department, Membership, Organization

Breadcrumbs = list[dict[str, str]]
INDEX_LABEL = "評価実施機関"
HISTORY_ROWS = 100
HISTORY_KIND = {"+": "追加", "-": "削除", "~": "変更"}


def _index_breadcrumbs() -> Breadcrumbs:
    return [{"url": reverse("pia_organizations"), "label": INDEX_LABEL}]


def _organization_breadcrumbs(organization: Organization) -> Breadcrumbs:
    url = reverse("pia_organization", args=[organization.pk])
    return [*_index_breadcrumbs(), {"url": url, "label": organization.name}]


class OrganizationIndexView(AdministratorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/organizations/index.html"
    page_title = INDEX_LABEL
    header_icon = "site"
    per_page = 50

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_header_buttons(self) -> list[Any]:
        return [HeaderButton("評価実施機関を追加", url=reverse("pia_organization_add"), icon_name="plus")]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organizations = Organization.objects.annotate(
            department_count=Count("departments", distinct=True), member_count=Count("memberships", distinct=True)
        ).order_by("slug")
        page = Paginator(organizations, self.per_page).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, **kwargs)


class OrganizationCreateView(AdministratorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/organizations/create.html"
    page_title = "評価実施機関を追加"
    header_icon = "plus"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs_items(), *_index_breadcrumbs(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", OrganizationCreateForm())
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = OrganizationCreateForm(request.POST)
        if form.is_valid():
            try:
                result = create_organization(**form.cleaned_data)
            except OrganizationRefused as refused:
                form.add_error(None, refused)
            else:
                organization = result.organization
                if result.created:
                    messages.success(
                        request,
                        f"評価実施機関「{organization.name}」を作成しました"
                        "（公開サイトのページ、役割グループ、所属長承認のワークフロー）。所属者を追加してください。",
                    )
                else:
                    messages.info(
                        request, f"評価実施機関「{organization.name}」は登録済みです。新たに作成したものはありません。"
                    )
                return HttpResponseRedirect(reverse("pia_organization", args=[organization.pk]))
        return self.render_to_response(self.get_context_data(form=withhold_my_numbers(form)))


class OrganizationObjectMixin:
    """The body named in the URL; put after AdministratorOnlyMixin, so nobody else learns whether it exists."""

    request: HttpRequest
    organization: Organization

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.organization = get_object_or_404(Organization, pk=kwargs["organization_id"])
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def load(self, **kwargs: Any) -> None:
        """Look up what else the URL names (after the body)."""

    def detail_url(self) -> str:
        return reverse("pia_organization", args=[self.organization.pk])


class OrganizationDetailView(AdministratorOnlyMixin, OrganizationObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """The body: its page, groups, departments and members; a POST adds a member (the form is here)."""

    template_name = "pia/admin/organizations/detail.html"
    header_icon = "site"

    def get_page_title(self) -> str:
        return self.organization.name

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs_items(), *_index_breadcrumbs(), {"url": "", "label": self.organization.name}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organization = self.organization
        kwargs.setdefault("member_form", MemberForm(organization=organization))
        order = list(Role.values)  # 担当者, 所属長, 監査 as the roles are listed everywhere
        memberships = sorted(
            Membership.objects.filter(organization=organization).select_related("user"),
            key=lambda m: (order.index(m.role), m.user.last_name, m.user.first_name, m.user.get_username()),
        )
        return super().get_context_data(
            organization=organization,
            page=OrganizationPage.objects.filter(organization=organization).first(),
            groups=[group_name(organization, role) for role in Role],
            departments=Department.objects.filter(organization=organization).order_by("name"),
            memberships=memberships,
            history=self.membership_history(),
            history_limit=HISTORY_ROWS,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = MemberForm(request.POST, organization=self.organization)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(member_form=withhold_my_numbers(form)))
        user, role = form.cleaned_data["username"], form.cleaned_data["role"]
        grant_role(user, self.organization, role)
        messages.success(request, f"{_person(user)}さんを「{Role(role).label}」に追加しました。")
        return HttpResponseRedirect(self.detail_url() + "#members")

    def membership_history(self) -> list[dict[str, Any]]:
        """The newest membership changes: when, by whom, added or removed, whom, which role."""
        records = list(
            Membership.history.filter(organization_id=self.organization.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:HISTORY_ROWS]
        )
        # A user deleted since is still named by the history, by their id (no join that would drop the row).
        users = get_user_model().objects.in_bulk({record.user_id for record in records})
        return [
            {
                "when": record.history_date,
                "by": record.history_user,
                "kind": HISTORY_KIND.get(record.history_type, record.history_type),
                "user": users.get(record.user_id),
                "user_id": record.user_id,
                "role": Role(record.role).label if record.role in Role.values else record.role,
            }
            for record in records
        ]


class MemberRemoveView(AdministratorOnlyMixin, OrganizationObjectMixin, View):
    """POST only: end one membership (the history keeps it) and leave the role's group."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = get_object_or_404(
            Membership.objects.select_related("user"), pk=kwargs["membership_id"], organization=self.organization
        )
        user, role = membership.user, membership.role
        revoke_role(user, self.organization, role)
        messages.success(request, f"{_person(user)}さんを「{Role(role).label}」から外しました。")
        return HttpResponseRedirect(self.detail_url() + "#members")


class DepartmentFormView(AdministratorOnlyMixin, OrganizationObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """Add a department to the body, or edit one of its departments."""

    template_name = "pia/admin/organizations/department_form.html"
    header_icon = "group"
    department: Department

    def load(self, **kwargs: Any) -> None:
        department_id = kwargs.get("department_id")
        if department_id is None:
            self.department = Department(organization=self.organization)
        else:
            self.department = get_object_or_404(Department, pk=department_id, organization=self.organization)
        self.stored_name = self.department.name

    def get_page_title(self) -> str:
        # The name as stored: a refused form has already put the typed one on the instance.
        return f"部署「{self.stored_name}」を編集" if self.department.pk else "部署を追加"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs_items(),
            *_organization_breadcrumbs(self.organization),
            {"url": "", "label": self.get_page_title()},
        ]

    def form(self, data: Any = None) -> DepartmentForm:
        return DepartmentForm(data, instance=self.department, for_user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.form())
        return super().get_context_data(organization=self.organization, department=self.department, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=withhold_my_numbers(form)))
        adding = self.department.pk is None
        department = form.save()
        messages.success(request, f"部署「{department.name}」を{'追加' if adding else '保存'}しました。")
        return HttpResponseRedirect(self.detail_url() + "#departments")


def _person(user: Any) -> str:
    """A user as Japanese names people (family name first), or the login name when none is given."""
    return user.get_full_name() or user.get_username()

"""The administrators' screens for bodies: their URLs and their item in the settings menu."""

from __future__ import annotations

from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.wagtail_hooks import AdministratorMenuItem
from pia.admin.organizations import (
    DepartmentFormView,
    MemberRemoveView,
    OrganizationCreateView,
    OrganizationDetailView,
    OrganizationIndexView,
)


@hooks.register("register_admin_urls")
def register_organization_urls() -> list[URLPattern]:
    return [
        path("organizations/", OrganizationIndexView.as_view(), name="pia_organizations"),
        path("organizations/add/", OrganizationCreateView.as_view(), name="pia_organization_add"),
        path("organizations/<int:organization_id>/", OrganizationDetailView.as_view(), name="pia_organization"),
        path(
            "organizations/<int:organization_id>/members/<int:membership_id>/remove/",
            MemberRemoveView.as_view(),
            name="pia_organization_member_remove",
        ),
        path(
            "organizations/<int:organization_id>/departments/add/",
            DepartmentFormView.as_view(),
            name="pia_organization_department_add",
        ),
        path(
            "organizations/<int:organization_id>/departments/<int:department_id>/",
            DepartmentFormView.as_view(),
            name="pia_organization_department_edit",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_organizations_menu_item() -> MenuItem:
    return AdministratorMenuItem("評価実施機関", reverse("pia_organizations"), icon_name="site", order=850)

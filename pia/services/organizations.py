"""Multi-step operations on assessments and the organizations that hold them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from pia.models import OrganizationPage, PortalHomePage, ShozokuchoApprovalTask
from registry.enums import Role
from registry.models import Membership, Organization

REGISTRY_MODELS = (
    "department",
    "system",
    "personalinformationfile",
    "contractor",
    "delegationcontract",
    "subcontract",
    "destination",
    "staffaccount",
    "trainingrecord",
    "inspectionrecord",
    "incidentrecord",
)
REGISTRY_ACTIONS = {
    Role.OFFICER: ("add", "change", "view"),
    Role.APPROVER: ("add", "change", "delete", "view"),
    Role.AUDITOR: ("view",),
}
PAGE_PERMISSIONS = {
    Role.OFFICER: ("add_page", "change_page"),
    Role.APPROVER: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    Role.AUDITOR: (),
}
ROLE_GROUP_SUFFIX = {Role.OFFICER: "担当者", Role.APPROVER: "所属長", Role.AUDITOR: "監査"}


@dataclass(frozen=True)
class OrganizationSetup:
    page: OrganizationPage
    groups: dict[str, Group]
    workflow: Workflow


def group_name(organization: Organization, role: str) -> str:
    return f"{organization.name} {ROLE_GROUP_SUFFIX[Role(role)]}"


@transaction.atomic
def ensure_portal_home() -> PortalHomePage:
    """The public home page, made the default site's root."""
    home = PortalHomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        # Wagtail's own welcome page is replaced by the portal.
        for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
            if not page.get_children().exists():
                page.delete()
        home = PortalHomePage(title="特定個人情報保護評価書 公表サイト", slug="portal", intro="")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="特定個人情報保護評価"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def provision_organization(organization: Organization) -> OrganizationSetup:
    """Give an organization its page, role groups, page permissions and approval workflow (idempotent)."""
    home = ensure_portal_home()
    page = OrganizationPage.objects.filter(organization=organization).first()
    if page is None:
        page = OrganizationPage(title=organization.name, slug=organization.slug, organization=organization)
        home.add_child(instance=page)
        page.save_revision().publish()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=group_name(organization, role))
        group.permissions.add(access_admin, *_registry_permissions(role))
        for codename in PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        groups[role.value] = group
    workflow = _ensure_workflow(organization, page, groups[Role.APPROVER.value])
    return OrganizationSetup(page=page, groups=groups, workflow=workflow)


def _registry_permissions(role: Role) -> list[Permission]:
    codenames = [f"{action}_{model}" for model in REGISTRY_MODELS for action in REGISTRY_ACTIONS[role]]
    if role == Role.AUDITOR:
        codenames.append("view_accesslogentry")  # access-log detail: auditors only, each search recorded
    return list(Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))


def _ensure_workflow(organization: Organization, page: OrganizationPage, approvers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=f"{organization.name} 所属長承認")
    task = ShozokuchoApprovalTask.objects.filter(name=f"{organization.name} 所属長による承認").first()
    if task is None:
        task = ShozokuchoApprovalTask.objects.create(name=f"{organization.name} 所属長による承認")
        task.groups.set([approvers])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def grant_role(user: User, organization: Organization, role: str) -> Membership:
    """Make *user* a member of *organization* in *role*, with the matching group."""
    setup = provision_organization(organization)
    membership, _ = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    user.groups.add(setup.groups[role])
    return membership

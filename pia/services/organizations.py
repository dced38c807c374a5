"""Multi-step operations on assessments and the organizations that hold them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from pia.models import OrganizationPage, PortalHomePage, ShozokuchoApprovalTask
from registry.enums import Role
from registry.jp.mynumber import contains_my_number
from registry.models import Membership, Organization
from registry.mynumber_guard import refusal_message

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


@transaction.atomic
def revoke_role(user: User, organization: Organization, role: str) -> bool:
    """End *user*'s *role* in *organization*: the membership goes (its history keeps it), and so does the group.

    Returns whether there was such a membership.
    """
    deleted = 0
    for membership in Membership.objects.filter(user=user, organization=organization, role=role):
        membership.delete()  # one by one, so that django-simple-history records each removal
        deleted += 1
    group = Group.objects.filter(name=group_name(organization, role)).first()
    if group is not None:
        user.groups.remove(group)
    return deleted > 0


# ---------------------------------------------------------------------------------------------
# New bodies: the command, the administrators' screen and the demo create them through here.

# A body's page answers at /<slug>/ on the public site; these first path segments belong to others
# (config/urls.py and the portal home page's own routes), so a body there would never be reached.
RESERVED_SLUGS = frozenset({"admin", "api", "documents", "feeds", "media", "search", "sitemap", "static"})
SLUG_MAX, NAME_MAX, MUNICIPALITY_MAX, ADDRESS_MAX = 50, 100, 100, 200
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SLUG_CHARACTER = re.compile(r"[a-z0-9-]")
_LOCAL_GOVERNMENT_CODE = re.compile(r"^\d{6}$")
# Characters no body's name holds: markup, and line breaks or other control characters.
_NAME_FORBIDDEN = re.compile(r"[<>\x00-\x1f\x7f]")
# Labels used in the messages, as the admin form labels its fields.
FIELD_LABELS = {
    "slug": "識別子",
    "name": "評価実施機関名",
    "municipality": "団体名",
    "local_government_code": "地方公共団体コード",
    "address": "所在地",
}


class OrganizationRefused(ValidationError):
    """The fields of a new body that cannot be accepted, each with its Japanese message."""

    def messages_by_field(self) -> list[tuple[str, str]]:
        """(label, message) of every refusal, in the order of the fields."""
        found = self.message_dict
        return [(FIELD_LABELS[field], message) for field in FIELD_LABELS for message in found.get(field, [])]


@dataclass(frozen=True)
class OrganizationCreation:
    organization: Organization
    setup: OrganizationSetup
    created: bool  # False: the body existed with this slug and name, and was left as it was


def _fold(name: str) -> str:
    """A name as compared with others: NFKC, without spaces (内子町長 = 内子町長　= 内子町長 with half-width forms)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _slug_errors(slug: str) -> list[str]:
    if not slug:
        return ["識別子を入力してください（半角英小文字・数字・ハイフン）。"]
    if len(slug) > SLUG_MAX:
        return [f"識別子は{SLUG_MAX}文字以内で入力してください（{len(slug)}文字あります）。"]
    if contains_my_number(slug):
        return [refusal_message(FIELD_LABELS["slug"])]
    if not _SLUG.match(slug):
        bad = list(dict.fromkeys(ch for ch in slug if not _SLUG_CHARACTER.match(ch)))
        if bad:
            shown = "".join(f"「{'空白' if ch.isspace() else ch}」" for ch in bad[:10])
            return [
                f"識別子に使えない文字 {shown} が含まれています。半角英小文字・数字・ハイフンだけで入力してください。"
            ]
        return ["識別子は半角英小文字か数字で始めてください。"]
    if slug in RESERVED_SLUGS:
        return [f"識別子「{slug}」は公開サイトの別のページ（/{slug}/）と重なるため使えません。"]
    return []


def _name_errors(name: str) -> list[str]:
    if not name:
        return ["評価実施機関名を入力してください（例：内子町長）。"]
    if len(name) > NAME_MAX:
        return [f"評価実施機関名は{NAME_MAX}文字以内で入力してください（{len(name)}文字あります）。"]
    if _NAME_FORBIDDEN.search(name):
        return ["評価実施機関名に使えない文字（<、>、改行などの制御文字）が含まれています。"]
    if contains_my_number(name):
        return [refusal_message(FIELD_LABELS["name"])]
    return []


def _detail_errors(municipality: str, local_government_code: str, address: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, value, limit in (("municipality", municipality, MUNICIPALITY_MAX), ("address", address, ADDRESS_MAX)):
        if len(value) > limit:
            errors[field] = [f"{FIELD_LABELS[field]}は{limit}文字以内で入力してください（{len(value)}文字あります）。"]
        elif _NAME_FORBIDDEN.search(value):
            errors[field] = [f"{FIELD_LABELS[field]}に使えない文字（<、>、改行などの制御文字）が含まれています。"]
        elif contains_my_number(value):
            errors[field] = [refusal_message(FIELD_LABELS[field])]
    if local_government_code and not _LOCAL_GOVERNMENT_CODE.match(local_government_code):
        errors["local_government_code"] = [
            "地方公共団体コードは6桁の半角数字で入力してください（空欄でも構いません）。"
        ]
    return errors


def _conflict_errors(slug: str, name: str) -> dict[str, list[str]]:
    """A slug held by a body of another name, or a name held under another slug."""
    errors: dict[str, list[str]] = {}
    existing = Organization.objects.filter(slug=slug).first()
    if existing is not None and existing.name != name:
        errors["slug"] = [f"識別子「{slug}」は既に「{existing.name}」が使っています。別の識別子を指定してください。"]
    home = PortalHomePage.objects.first()
    if existing is None and home is not None and home.get_children().filter(slug=slug).exists():
        errors["slug"] = [f"識別子「{slug}」は公開サイトの別のページ（/{slug}/）が使っています。"]
    folded = _fold(name)
    # Bounded by the number of bodies (about 1,800 in Japan); names are compared folded, so not in SQL.
    for other_slug, other_name in Organization.objects.exclude(slug=slug).values_list("slug", "name"):
        if _fold(other_name) == folded:
            errors["name"] = [
                f"評価実施機関名「{other_name}」は既に識別子「{other_slug}」で登録されています。"
                "同じ名前の評価実施機関を二つ作ることはできません。"
            ]
            break
    return errors


def check_new_organization(
    *, slug: str, name: str, municipality: str = "", local_government_code: str = "", address: str = ""
) -> None:
    """Raise OrganizationRefused naming every field that cannot be accepted (the values as stored: stripped)."""
    errors: dict[str, list[str]] = {}
    if slug_errors := _slug_errors(slug):
        errors["slug"] = slug_errors
    if name_errors := _name_errors(name):
        errors["name"] = name_errors
    errors |= _detail_errors(municipality, local_government_code, address)
    if not errors:
        errors = _conflict_errors(slug, name)
    if errors:
        raise OrganizationRefused(errors)


def create_organization(
    *, slug: str, name: str, municipality: str = "", local_government_code: str = "", address: str = ""
) -> OrganizationCreation:
    """Create a 評価実施機関 and provision it; the same slug and name again change nothing (idempotent).

    An existing body keeps its other fields; only what provisioning lacks (page, groups, workflow) is added.
    """
    fields = {
        "slug": slug.strip(),
        "name": name.strip(),
        "municipality": municipality.strip(),
        "local_government_code": local_government_code.strip(),
        "address": address.strip(),
    }
    check_new_organization(**fields)
    with transaction.atomic():
        organization, created = Organization.objects.get_or_create(slug=fields["slug"], defaults=fields)
        if not created and organization.name != fields["name"]:
            check_new_organization(**fields)  # another request took the slug meanwhile: refused as such
        setup = provision_organization(organization)
    return OrganizationCreation(organization=organization, setup=setup, created=created)

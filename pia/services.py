"""Multi-step operations on assessments and the organizations that hold them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from registry.enums import Role
from registry.models import Membership, Organization

from pia.models import OrganizationPage, PortalHomePage, ShozokuchoApprovalTask
from pia.signals import publication_recorded

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
def grant_role(user, organization: Organization, role: str) -> Membership:
    """Make *user* a member of *organization* in *role*, with the matching group."""
    setup = provision_organization(organization)
    membership, _ = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    user.groups.add(setup.groups[role])
    return membership


class AssessmentNotFound(LookupError):
    pass


def assessment_pages():
    """A queryset of every assessment page of every kind, in tree order (not yet specific)."""
    from pia.models import AssessmentPage

    kinds = [m for m in AssessmentPage.__subclasses__() if not m._meta.abstract]
    return Page.objects.type(*kinds).order_by("path")


def all_assessments():
    """Every assessment page of every kind, as specific pages, in tree order."""
    return list(assessment_pages().specific())


def find_assessment(identifier: str):
    """Find an assessment by ``<organization slug>/<page slug>``."""
    org_slug, _, slug = identifier.strip().partition("/")
    if not org_slug or not slug:
        raise AssessmentNotFound(f"識別子は「機関/評価書」の形で指定してください: {identifier!r}")
    org_page = OrganizationPage.objects.filter(organization__slug=org_slug).first()
    page = assessment_pages().child_of(org_page).filter(slug=slug).specific().first() if org_page else None
    if page is None:
        raise AssessmentNotFound(f"評価書 {identifier} は見つかりません")
    return page


def latest_draft(page):
    """The page as of its latest revision (the draft an officer is working on)."""
    revision = page.latest_revision
    return revision.as_object() if revision is not None else page


@transaction.atomic
def record_publication(page, revision, *, kohyo_bi=None, approved_by=None, published_at=None, annex=None, notes=()):
    """Freeze a published revision: its resolved document as of now, hash, and proposed annex rows.

    *annex*, when given, is a callable receiving the engine's proposals and returning the rows to
    store instead (the officer's edited annex, as the Nagaoka demo history uses).
    """
    import dataclasses
    import datetime as dt

    from django.utils import timezone

    from pia.annex import apply_decisions, propose_annex
    from pia.models import AnnexDecision, AnnexRow, Publication, content_hash
    from pia.mynumber_scan import refuse_my_numbers_in_publication

    now = published_at or timezone.now()
    source = revision.as_object()
    document = source.resolved_document(as_of=now, revision_id=revision.pk)
    previous = Publication.objects.filter(page=page).order_by("-version").first()
    cover_date = source.get_values().get("cover", {}).get("kohyo_bi")
    stated = dt.date.fromisoformat(cover_date) if cover_date else None
    if kohyo_bi is None:
        # The cover's 公表日 counts only when it was updated for this version; otherwise it is today.
        fresh = stated is not None and (previous is None or stated > previous.kohyo_bi)
        kohyo_bi = stated if fresh else timezone.localdate(now)
    publication = Publication.objects.create(
        page=page,
        version=(previous.version + 1) if previous else 1,
        revision=revision,
        published_at=now,
        kohyo_bi=kohyo_bi,
        document=document,
        content_hash=content_hash(document),
        approved_by=approved_by or revision.user,
        notes=list(notes),
    )
    proposals = propose_annex(previous.document if previous else None, document, kohyo_bi)
    decisions = list(AnnexDecision.objects.pending_for(page))
    rows = apply_decisions([dataclasses.replace(row) for row in proposals], decisions)
    if annex is not None:
        rows, proposals = annex(proposals)
    # Immutable and public from here on: one more look for a 個人番号 (the transaction rolls back).
    refuse_my_numbers_in_publication(document, rows)
    for position, (row, proposal) in enumerate(zip(rows, proposals, strict=True), start=1):
        AnnexRow.objects.create(
            publication=publication,
            position=position,
            henko_bi=row.henko_bi,
            komoku=row.komoku,
            item_path=row.item_path,
            henko_mae=row.henko_mae,
            henko_go=row.henko_go,
            teishutsu_jiki=row.teishutsu_jiki,
            is_significant=row.is_significant,
            default_significant=row.default_significant,
            justification=row.justification,
            proposed=proposal.as_json() if proposal is not None else {},
        )
    AnnexDecision.objects.filter(pk__in=[d.pk for d in decisions]).update(applied_to=publication)
    transaction.on_commit(lambda: publication_recorded.send(sender=Publication, publication=publication))
    return publication

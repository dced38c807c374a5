"""Every URL pattern of the admin, from the URL resolver, and the objects of two organizations to fill them.

The persona × URL matrix (test_admin_url_matrix.py) walks these, so no view escapes it.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OWN, OTHER, NONE = "own", "other", "none"
# Every Midorino object the matrix creates carries this word; no member of Nagaoka may ever read it.
MIDORINO_SENTINEL = "緑野秘匿"
MISSING_ID = 999_999

REGISTRY_MODEL_NAMES = (
    "system",
    "personalinformationfile",
    "delegationcontract",
    "subcontract",
    "contractor",
    "destination",
    "department",
    "staffaccount",
    "trainingrecord",
    "inspectionrecord",
    "incidentrecord",
)


@dataclass(frozen=True)
class AdminPattern:
    """One URL pattern under /admin/: its name (namespaced) or, when it has none, its route."""

    name: str | None
    route: str
    params: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.name or self.route


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def admin_patterns() -> list[AdminPattern]:
    """Walk the resolver recursively: every pattern whose full route starts with admin/."""
    found: list[AdminPattern] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if not route.startswith("admin/"):
                    continue
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                params = tuple(a or b for a, b in _PARAM.findall(route))
                found.append(AdminPattern(name=name, route=route, params=params))

    walk(get_resolver().url_patterns, "", None)
    # A pattern placed in front of Wagtail's (scoped or auditor-readable versions) serves the same
    # path under no name: one path is one URL of the matrix, keyed by the name it reverses from.
    by_route: dict[str, AdminPattern] = {}
    for pattern in found:
        path_key = pattern.route.replace("^", "").replace("$", "")
        kept = by_route.get(path_key)
        if kept is None or (kept.name is None and pattern.name is not None):
            by_route[path_key] = pattern
    return list(by_route.values())


def matrix_keys(patterns: list[AdminPattern]) -> dict[str, AdminPattern]:
    """Key each pattern by its name; a name used by two routes is told apart by its route."""
    counts: dict[str | None, int] = {}
    for pattern in patterns:
        counts[pattern.name] = counts.get(pattern.name, 0) + 1
    keyed = {}
    for pattern in patterns:
        key = pattern.key if counts[pattern.name] == 1 or pattern.name is None else f"{pattern.name} {pattern.route}"
        keyed[key] = pattern
    return keyed


def bulk_actions() -> list[tuple[str, str, str]]:
    """(app_label, model_name, action) of every bulk action Wagtail and our apps register."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    bulk_action_registry._scan_for_bulk_actions()
    return sorted(
        (app, model, action)
        for app, models in bulk_action_registry.actions.items()
        for model, actions in models.items()
        for action in actions
    )


@dataclass(frozen=True)
class HookedUrl:
    """A URL registered with Wagtail's ``register_admin_urls`` hook: the hook, its full name and route."""

    hook: str
    name: str | None
    route: str

    def matrix_keys(self) -> list[str]:
        """The keys a row of the matrix may have for this URL (see ``matrix_keys``)."""
        if self.name is None:
            return [self.route]
        return [self.name, f"{self.name} {self.route}"]

    def __str__(self) -> str:
        return f"{self.name or '(名前なし)'} /{self.route} ({self.hook})"


def hooked_admin_urls() -> list[HookedUrl]:
    """Every URL pattern any app (Wagtail's included) registers with the register_admin_urls hook.

    Wagtail's admin URLconf appends each hook's patterns to its own, which sit under ``admin/``
    without a namespace; an ``include(..., namespace=...)`` in a hook's list prefixes its names.
    """
    from wagtail import hooks

    found: list[HookedUrl] = []

    def walk(patterns, prefix: str, namespace: str | None, hook: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, hook)
            else:
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                found.append(HookedUrl(hook=hook, name=name, route=prefix + str(pattern.pattern)))

    for fn in hooks.get_hooks("register_admin_urls"):
        walk(fn() or [], "admin/", None, f"{fn.__module__}.{fn.__name__}")
    return found


@dataclass
class OrgObjects:
    """The objects of one organization that fill path parameters."""

    org: Any
    org_page: Any
    page: Any
    revisions: list[Any]
    workflow: Any
    task: Any
    workflow_state: Any
    task_state: Any
    user: Any
    group: Any
    document: Any
    image: Any
    editing_session: Any
    publication_version: int
    registry: dict[str, Any] = field(default_factory=dict)

    def markers(self, *objects) -> list[str]:
        """Text that would show an object of this organization, long enough to mean something."""
        texts = []
        for obj in objects:
            text = getattr(obj, "title", None) or str(obj)
            if len(text) >= 4:
                texts.append(text)
        return texts


def png_bytes() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


def build_midorino_objects(outsider) -> None:
    """What the demo lacks: an assessment and a registry of 緑野市長, each object marked with the sentinel."""
    import datetime as dt

    from pia.models import JutenAssessmentPage, OrganizationPage
    from registry.models import (
        Contractor,
        DelegationContract,
        Department,
        Destination,
        IncidentRecord,
        InspectionRecord,
        PersonalInformationFile,
        StaffAccount,
        Subcontract,
        System,
        TrainingRecord,
    )

    org_page = OrganizationPage.objects.get(organization__slug="midorino")
    org = org_page.organization
    page = JutenAssessmentPage(
        title=f"{MIDORINO_SENTINEL} 健康管理事務 重点項目評価書",
        slug="kenko-kanri",
        affair=f"{MIDORINO_SENTINEL} 健康管理事務",
    )
    org_page.add_child(instance=page)
    page.save_revision(user=outsider).publish(user=outsider, skip_permission_checks=True)
    page.refresh_from_db()
    page.title = f"{MIDORINO_SENTINEL} 健康管理事務 重点項目評価書（改訂案）"
    page.save_revision(user=outsider)

    department = Department.objects.create(organization=org, name=f"{MIDORINO_SENTINEL}課")
    system = System.objects.create(
        organization=org, name=f"{MIDORINO_SENTINEL} 健康管理システム", code="midorino-kenko"
    )
    file = PersonalInformationFile.objects.create(
        organization=org, name=f"{MIDORINO_SENTINEL} 健康管理ファイル", department=department
    )
    contractor = Contractor.objects.create(organization=org, name=f"{MIDORINO_SENTINEL} 事業者")
    sub_contractor = Contractor.objects.create(organization=org, name=f"{MIDORINO_SENTINEL} 再委託先")
    contract = DelegationContract.objects.create(
        organization=org, file=file, title=f"{MIDORINO_SENTINEL} 健診委託", contractor=contractor
    )
    Subcontract.objects.create(contract=contract, contractor=sub_contractor, matters=f"{MIDORINO_SENTINEL} 再委託事項")
    Destination.objects.create(organization=org, file=file, name=f"{MIDORINO_SENTINEL} 提供先")
    StaffAccount.objects.create(
        organization=org,
        system=system,
        login_id="m0001",
        holder=f"{MIDORINO_SENTINEL} 職員",
        created_on=dt.date(2024, 4, 1),
    )
    TrainingRecord.objects.create(
        organization=org, held_on=dt.date(2025, 5, 1), kind="security", title=f"{MIDORINO_SENTINEL} 研修"
    )
    InspectionRecord.objects.create(
        organization=org, held_on=dt.date(2025, 6, 1), kind="jiko_tenken", scope=f"{MIDORINO_SENTINEL} 点検範囲"
    )
    IncidentRecord.objects.create(
        organization=org, occurred_on=dt.date(2024, 5, 1), summary=f"{MIDORINO_SENTINEL} 誤送付"
    )


def collect(org_slug: str, member, *, document_title: str, image_title: str) -> OrgObjects:
    """The objects of one organization; starts an approval workflow on its assessment."""
    from wagtail.admin.models import EditingSession
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, TaskState, WorkflowState

    from pia.models import OrganizationPage, Publication
    from pia.models.lookup import assessment_pages
    from pia.services.organizations import group_name
    from registry.models import Organization

    org = Organization.objects.get(slug=org_slug)
    org_page = OrganizationPage.objects.get(organization=org)
    page = assessment_pages().child_of(org_page).specific().first()
    workflow = page.get_workflow()
    state = WorkflowState.objects.filter(page=page, status=WorkflowState.STATUS_IN_PROGRESS).first()
    if state is None:
        state = workflow.start(page, member)
    task_state = TaskState.objects.filter(workflow_state=state).order_by("-pk").first()
    document = Document.objects.create(title=document_title, file=ContentFile(b"%PDF-1.4\n", name="doc.pdf"))
    image = Image.objects.create(title=image_title, file=ContentFile(png_bytes(), name="image.png"))
    session = EditingSession.objects.create(
        user=member,
        content_type=page.content_type,
        object_id=str(page.pk),
        last_seen_at=page.latest_revision.created_at,
    )
    publication = Publication.objects.filter(page=page).order_by("-version").first()
    return OrgObjects(
        org=org,
        org_page=org_page,
        page=Page.objects.get(pk=page.pk).specific,
        revisions=list(page.revisions.order_by("created_at", "pk")),
        workflow=workflow,
        task=task_state.task.specific,
        workflow_state=state,
        task_state=task_state,
        user=member,
        group=Group.objects.get(name=group_name(org, "officer")),
        document=document,
        image=image,
        editing_session=session,
        publication_version=publication.version if publication else 1,
    )


def registry_objects(org) -> dict[str, Any]:
    from django.apps import apps

    found = {}
    for model_name in REGISTRY_MODEL_NAMES:
        model = apps.get_model("registry", model_name)
        if model_name == "subcontract":
            found[model_name] = model.objects.filter(contract__organization=org).order_by("pk").first()
        else:
            found[model_name] = model.objects.filter(organization=org).order_by("pk").first()
    return found


def normalized_body(response) -> str:
    """The body as text; JSON is re-dumped without ASCII escapes so Japanese names can be searched."""
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = raw.decode("utf-8", errors="replace")
    if "json" in response.get("Content-Type", ""):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def reverse_pattern(pattern: AdminPattern, values: dict[str, Any]) -> str:
    if pattern.name is None:
        return "/" + pattern.route.replace("^.*/$", "no-such-page/").replace("^", "").replace("$", "")
    return reverse(pattern.name, kwargs={name: values[name] for name in pattern.params})


# Path parameters that name no object of an organization, with the value each is filled with.
SHARED_VALUES: dict[str, Any] = {
    "content_type_app_name": "pia",
    "content_type_model_name": "jutenassessmentpage",
    "filter_spec": "original",
    "uploaded_file_id": MISSING_ID,
    "uidb64": "MQ",
    "token": "set-password",
    "version": None,  # the organization's latest publication
    "kind": "pdf",
}


def owned_parameter(pattern: AdminPattern, param: str) -> str | None:
    """Which object of an organization fills *param* of *pattern*, or None when it names none."""
    name = pattern.name or ""
    namespace = name.rsplit(":", 1)[0]
    view = name.rsplit(":", 1)[-1]
    if param == "pk":
        if namespace.startswith(("wagtailsnippets_registry_", "wagtailsnippetchoosers_registry_")):
            return "registry:" + namespace.rsplit("_", 1)[-1]
        table = {
            "wagtailadmin_api:pages": "page",
            "wagtailadmin_api:documents": "document",
            "wagtailadmin_api:images": "image",
            "wagtaildocs_chooser": "document",
            "wagtailimages_chooser": "image",
            "wagtailusers_users": "user",
            "wagtailusers_groups": "group",
            "wagtailadmin_pages": "page",
        }
        if namespace == "wagtailadmin_workflows":
            return "task" if view.endswith("_task") else "workflow"
        return table.get(namespace)
    return {
        "page_id": "page",
        "page_pk": "page",
        "page_to_move_id": "page",
        "object_id": "page",
        "parent_page_id": "org_page",
        "destination_id": "org_page",
        "revision_id": "revision_latest",
        "revision_id_a": "revision_first",
        "revision_id_b": "revision_latest",
        "workflow_state_id": "workflow_state",
        "task_state_id": "task_state",
        "task_id": "task",
        "workflow_pk": "workflow",
        "document_id": "document",
        "doc_id": "document",
        "image_id": "image",
        "session_id": "editing_session",
        "version": "publication_version",
        "organization_id": "org",
        "department_id": "registry:department",
    }.get(param)


def owned_object(objects: OrgObjects, what: str) -> Any:
    if what.startswith("registry:"):
        return objects.registry[what.split(":", 1)[1]]
    if what == "revision_first":
        return objects.revisions[0]
    if what == "revision_latest":
        return objects.revisions[-1]
    return getattr(objects, what)


def shared_value(pattern: AdminPattern, param: str) -> Any:
    name = pattern.name or ""
    if param in ("app_label", "model_name", "app_name"):
        if name == "wagtailadmin_workflows:add_task":
            return {"app_label": "pia", "model_name": "shozokuchoapprovaltask"}[param]
        if name.startswith("wagtailadmin_editing_sessions"):
            return {"app_label": "wagtailcore", "model_name": "page"}[param]
        if name == "wagtailadmin_tag_model_autocomplete":
            return {"app_name": "wagtaildocs", "model_name": "document"}[param]
        if name.startswith("wagtailsettings"):
            return {"app_name": "pia", "model_name": "organizationpage"}[param]
        return {"app_label": "pia", "model_name": "jutenassessmentpage"}[param]
    if param == "action_name":
        return "copy" if name.startswith("wagtailadmin_api") else "approve"
    if param in ("pk", "collection_id", "redirect_id"):
        return shared_pk(name)
    return SHARED_VALUES.get(param, MISSING_ID)


def shared_pk(name: str) -> int:
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Collection, Site

    if name.startswith("wagtailadmin_collections"):
        return Collection.get_first_root_node().pk
    if name.startswith("wagtailsites"):
        return Site.objects.get(is_default_site=True).pk
    if name.startswith("wagtailredirects"):
        redirect, _ = Redirect.objects.get_or_create(old_path="/matrix-old", defaults={"redirect_link": "/"})
        return redirect.pk
    return MISSING_ID


@dataclass
class Request:
    """One GET of the matrix: the row it checks and the objects whose text must not leak."""

    key: str
    owner: str
    url: str
    objects: list[Any]


def requests_for(key: str, pattern: AdminPattern, orgs: dict[str, OrgObjects]) -> list[Request]:
    """The GETs for one pattern: with each organization's objects, or once when it takes none."""
    owned = {param: owned_parameter(pattern, param) for param in pattern.params}
    if key == "wagtail_bulk_action":
        return bulk_requests(orgs)
    if not any(owned.values()):
        values = {param: shared_value(pattern, param) for param in pattern.params}
        if "version" in values:
            values["version"] = orgs[OWN].publication_version
        return [Request(key, NONE, reverse_pattern(pattern, values), [])]
    found = []
    for owner in (OWN, OTHER):
        values, objects = {}, []
        for param, what in owned.items():
            if what is None:
                values[param] = shared_value(pattern, param)
                continue
            obj = owned_object(orgs[owner], what)
            objects.append(obj)
            values[param] = obj if isinstance(obj, int) else obj.pk
        found.append(Request(key, owner, reverse_pattern(pattern, values), objects))
    return found


def bulk_requests(orgs: dict[str, OrgObjects]) -> list[Request]:
    """Bulk actions take their objects in the query string: one row per action and owner."""
    targets = {
        ("wagtailcore", "page"): "page",
        ("auth", "user"): "user",
        ("wagtaildocs", "document"): "document",
        ("wagtailimages", "image"): "image",
    }
    found = []
    for app, model, action in bulk_actions():
        what = targets.get((app, model)) or (f"registry:{model}" if app == "registry" else None)
        key = f"wagtail_bulk_action {app}.{model}.{action}"
        base = reverse("wagtail_bulk_action", args=[app, model, action])
        if what is None:
            found.append(Request(key, NONE, base, []))
            continue
        for owner in (OWN, OTHER):
            obj = owned_object(orgs[owner], what)
            found.append(Request(key, owner, f"{base}?id={obj.pk}", [obj]))
    return found


def ensure_nagaoka_incident() -> None:
    """The demo records no incident for Nagaoka; the incident register needs one row to be checked."""
    import datetime as dt

    from registry.models import IncidentRecord, Organization

    nagaoka = Organization.objects.get(slug="nagaoka")
    if not IncidentRecord.objects.filter(organization=nagaoka).exists():
        IncidentRecord.objects.create(
            organization=nagaoka, occurred_on=dt.date(2024, 7, 1), summary="長岡市 誤送付（試験）"
        )

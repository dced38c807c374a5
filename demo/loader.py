"""Build the Nagaoka demo from data owned by the project (idempotent)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Revision

from accounts.demo import mark_demo_account
from demo.history import Version, match, reconstruct
from demo.kiso import nagaoka_kiso
from demo.midorino import midorino_assessments
from demo.personas import PERSONAS
from demo.registry import load_registry
from demo.seed import values_from_seed
from pia.formdef.annex_line import AnnexLine
from pia.formdef.links import link_container
from pia.formdef.schema import FormDefinition
from pia.models import JutenAssessmentPage, OrganizationPage
from pia.services.organizations import create_organization, grant_role
from pia.services.publishing import record_past_publication
from registry.jp import wareki
from registry.models import Department, Organization

DATA_DIR = Path(__file__).resolve().parent / "data"
NAGAOKA_SEED = DATA_DIR / "nagaoka-covid19-vaccination.yaml"

ORGANIZATIONS: tuple[dict[str, Any], ...] = (
    {
        "slug": "nagaoka",
        "name": "長岡市長",
        "municipality": "長岡市（新潟県）",
        "local_government_code": "152021",
        "address": "新潟県長岡市大手通1丁目4番地10",
        "departments": (
            {
                "name": "福祉保健部保健医療課",
                "head_title": "課長",
                "postal_code": "940-0084",
                "address": "新潟県長岡市幸町2丁目1番1号",
                "phone": "0258-39-2383",
            },
            {
                "name": "総務部庶務課",
                "head_title": "課長",
                "postal_code": "940-8501",
                "address": "新潟県長岡市大手通1丁目4番地10",
                "phone": "0258-39-2203",
            },
        ),
    },
    {
        # Fictitious: shows that one organization's staff never see another's assessments.
        "slug": "midorino",
        "name": "緑野市長",
        "municipality": "緑野市（架空の団体）",
        "local_government_code": "",
        "address": "",
        "departments": (
            {"name": "健康福祉部健康課", "head_title": "課長", "postal_code": "", "address": "", "phone": ""},
        ),
    },
)

ASSESSMENT_SLUG = "covid19-vaccination"
# The seed's cover header row was not extracted: 評価書名 follows the usual wording, 評価書番号 stays blank.
ASSESSMENT_TITLE = "新型コロナウイルス感染症対策に係る予防接種事務 重点項目評価書"


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    history_notes: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    proposal_coverage: list[bool] = field(default_factory=list)

    def note(self, what: str) -> None:
        self.created.append(what)


def _organizations(report: DemoReport) -> dict[str, Organization]:
    found = {}
    for spec in ORGANIZATIONS:
        spec = dict(spec)
        departments = spec.pop("departments")
        # The service of `manage.py create_organization` and the administrators' screen (idempotent).
        result = create_organization(**spec)
        org = result.organization
        if result.created:
            report.note(f"評価実施機関 {org.name}")
        for department in departments:
            if not Department.objects.filter(organization=org, name=department["name"]).exists():
                record = Department(organization=org, **department)
                # Recorded with the registry the assessment prints (before its latest publication), so that
                # the published version and the registry now agree: no drift in a freshly loaded demo.
                record._history_date = _registry_recorded_at()  # type: ignore[attr-defined]
                record.save()
        found[org.slug] = org
    return found


def _personas(organizations: dict[str, Organization], report: DemoReport) -> dict[str, Any]:
    user_model = get_user_model()
    users = {}
    for persona in PERSONAS:
        user = user_model.objects.filter(username=persona.username).first()
        if user is None:
            user = user_model(
                username=persona.username,
                last_name=persona.last_name,
                first_name=persona.first_name,
                email=f"{persona.username}@example.jp",
                is_staff=persona.role is None,
                is_superuser=persona.role is None,
            )
            user.set_password(persona.password)
            user.save()
            report.note(f"利用者 {persona.username}")
        if persona.organization and persona.role:
            grant_role(user, organizations[persona.organization], persona.role)
        # Its password is published: it logs in only where the demo is allowed (accounts.backends).
        mark_demo_account(user)
        users[persona.username] = user
    return users


def read_seed(path: Path = NAGAOKA_SEED) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def link_to_registry(definition: FormDefinition, values: dict[str, Any], records: dict[str, Any]) -> None:
    """Make the demo's items refer to registry records instead of repeating them."""
    kihon, file_entry = values["kihon"], values["files"][0]
    for entry, system in zip(kihon["systems"], records["systems"], strict=True):
        link_container(entry, definition.item("kihon.systems").source, system.pk)
    departments = records["departments"]
    health = departments["福祉保健部保健医療課"]
    link_container(kihon["tanto_busho"], definition.item("kihon.tanto_busho").source, health.pk)
    for section in ("files", "betten1", "risk"):
        link_container(values[section][0], definition.section(section).source, records["file"].pk)
    for entry, contract in zip(file_entry["itaku"]["jiko"], records["contracts"], strict=True):
        link_container(entry, definition.item("files.itaku.jiko").source, contract.pk)
    teikyo_iten = file_entry["teikyo_iten"]
    for key, found in (("teikyosaki", records["destinations"]), ("itensaki", records["transfers"])):
        for entry, destination in zip(teikyo_iten[key], found, strict=True):
            link_container(entry, definition.item(f"files.teikyo_iten.{key}").source, destination.pk)
    kaiji = values["kaiji"]
    link_container(kaiji["seikyu"], definition.item("kaiji.seikyu").source, departments["総務部庶務課"].pk)
    link_container(kaiji["toiawase"], definition.item("kaiji.toiawase").source, health.pk)


def _registry_recorded_at() -> dt.datetime:
    """When the demo's registry is recorded: an hour before Nagaoka's latest publication."""
    latest_day = dt.date.fromisoformat(read_seed()["cover"]["kohyo_bi_iso"])
    return _published_at(latest_day) - dt.timedelta(hours=1)


def _published_at(day: dt.date) -> dt.datetime:
    # Nagaoka publishes in office hours; 9:00 Japan time of the 公表日.
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=ZoneInfo("Asia/Tokyo"))


def _nagaoka_annex(definition: FormDefinition, version: Version, report: DemoReport):
    """Nagaoka's published rows of that date, each kept as the officer's edit of the engine's proposal."""

    def annex(proposals):
        rows, aligned = [], []
        for matched in match(version.rows, proposals):
            seed_row, proposal = matched.seed_row, matched.proposal
            if proposal is not None:
                default = proposal.default_significant
            else:
                default = definition.item(
                    re.sub(r"\[\d+\]", "", seed_row["item_key"]).replace(".sonota.text", "")
                ).significant
                report.differences.append(f"{seed_row['henko_bi']} {seed_row['item_key']}：差分からの提案なし")
            row = AnnexLine(
                henko_bi=version.date,
                komoku=" ".join(seed_row["komoku"]),
                item_path=seed_row["item_key"],
                henko_mae=seed_row["henko_mae"] or "",
                henko_go=seed_row["henko_go"] or "",
                teishutsu_jiki=seed_row["teishutsu_jiki"],
                is_significant=seed_row["is_significant"],
                default_significant=default,
                # Printed as Nagaoka printed it, in whichever of its four wordings.
                setsumei=seed_row["teishutsu_jiki_setsumei"],
            )
            if row.is_override:
                row = replace(row, justification="長岡市が公表した変更箇所の判断による")
            rows.append(row)
            aligned.append(proposal)
        report.proposal_coverage.extend(matched.proposal is not None for matched in match(version.rows, proposals))
        return rows, aligned

    return annex


def _notes_of(version: Version, notes: list[str]) -> list[str]:
    """The reconstruction notes about the rows published with *version* (the seed's own inconsistencies)."""
    prefix = wareki.format_date(version.date)
    return [note for note in notes if note.startswith(prefix + " ")]


def _nagaoka_assessment(organization: Organization, users: dict[str, Any], report: DemoReport) -> JutenAssessmentPage:
    org_page = OrganizationPage.objects.get(organization=organization)
    existing = JutenAssessmentPage.objects.child_of(org_page).filter(slug=ASSESSMENT_SLUG).first()
    seed = read_seed()
    # The registry as Nagaoka kept it when it published its latest version, which prints it (below).
    records = load_registry(organization, seed, users["admin"], recorded_at=_registry_recorded_at())
    if existing is not None:
        return existing
    officer, approver = users["nagaoka-officer"], users["nagaoka-approver"]
    page = JutenAssessmentPage(title=ASSESSMENT_TITLE, slug=ASSESSMENT_SLUG, affair=seed["meta"]["affair"])
    page.definition_id = JutenAssessmentPage.FORM_DEFINITION_ID
    definition = page.definition
    current = values_from_seed(definition, seed)
    current["cover"]["hyokasho_mei"] = ASSESSMENT_TITLE
    history = reconstruct(definition, current, seed["betten2"])
    report.history_notes.extend(history.notes)
    *earlier, latest = history.versions
    for version in earlier:
        version.values["cover"]["kohyo_bi"] = version.date.isoformat()
        page.set_values(version.values)
        if page.pk is None:
            org_page.add_child(instance=page)
        revision = page.save_revision(user=officer, log_action=True)
        Revision.objects.filter(pk=revision.pk).update(created_at=_published_at(version.date))
        record_past_publication(
            page,
            revision,
            kohyo_bi=version.date,
            approved_by=approver,
            published_at=_published_at(version.date),
            annex=_nagaoka_annex(definition, version, report),
            notes=_notes_of(version, history.notes),
        )
    # The current version refers to the registry instead of repeating it. Its publication is recorded
    # first, with Nagaoka's own annex; Wagtail's publish then finds the revision already frozen.
    link_to_registry(definition, latest.values, records)
    page.set_values(latest.values)
    revision = page.save_revision(user=officer, log_action=True)
    record_past_publication(
        page,
        revision,
        kohyo_bi=latest.date,
        approved_by=approver,
        # As of its publication: its document reads the registry as it stood then (the XML's as_of).
        published_at=_published_at(latest.date),
        annex=_nagaoka_annex(definition, latest, report),
        notes=_notes_of(latest, history.notes),
    )
    revision.publish(user=approver)
    report.note(f"評価書 {page.identifier}（公表版 {len(history.versions)} 版）")
    return page


@transaction.atomic
def load_demo() -> DemoReport:
    report = DemoReport()
    organizations = _organizations(report)
    users = _personas(organizations, report)
    juten = _nagaoka_assessment(organizations["nagaoka"], users, report)
    # Its 基礎, reconstructed from the 重点 and the registry (the seed holds only the 重点).
    kiso = nagaoka_kiso(organizations["nagaoka"], juten, read_seed(), users)
    if kiso is not None:
        report.note(f"評価書 {kiso.identifier}（基礎項目評価書、公表版 1 版）")
    for page in midorino_assessments(organizations["midorino"], users):
        report.note(f"評価書 {page.identifier}（{page.definition.kind_label}、公表版 1 版）")
    return report

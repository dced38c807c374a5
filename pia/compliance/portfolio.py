"""A body's 特定個人情報保護評価計画管理書 (様式１): its assessments by affair, and the rules across them.

Each row is what the assessment's latest draft prints on its cover (評価書番号, 評価書名), its kind
and edition (from its definition), its latest 公表日, its status and its next deadlines (the
dashboard's, pia.compliance.deadlines). The rules are controls.portfolio's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wagtail.models import Revision

from controls.deadlines import Deadline
from controls.portfolio import Entry, Finding, affair_key, portfolio_findings, stated_requirement, weight
from controls.threshold import Required
from pia.compliance.deadlines import deadlines_of
from pia.formdef.schema import FormDefinition, Item, Role
from pia.formdef.values import Values
from pia.models import AssessmentPage, OrganizationPage, Publication
from pia.models.lookup import assessment_pages
from registry.models import Organization

# The claim under which a form hands its しきい値判断結果 to the evidence checks (controls.checks.base.CLAIMS):
# the 重点's Ⅴ1② and the 全項目's Ⅵ1② carry it; the 基礎's Ⅲ too, which it also names by role.
THRESHOLD_RESULT_CLAIM = "threshold_result"


class Status(StrEnum):
    DRAFT = "下書き（未公表）"
    PUBLISHED = "公表中"
    ENDED = "終了"


@dataclass(frozen=True)
class PortfolioRow:
    page_id: int
    number: str  # 評価書番号 as printed
    title: str  # 評価書名 as printed (the page's title while the cover holds none)
    affair: str
    kind: str
    kind_label: str
    form_label: str  # the edition and 様式, as printed: [令和６年10月　様式３]
    published_on: dt.date | None  # the latest 公表日
    version: int | None
    status: Status
    affair_ended_on: dt.date | None
    deadlines: list[Deadline]
    findings: list[str] = field(default_factory=list)  # what the rules say about this assessment


@dataclass(frozen=True)
class AffairGroup:
    affair: str
    rows: list[PortfolioRow]


@dataclass(frozen=True)
class Portfolio:
    organization_name: str
    organization_slug: str
    today: dt.date
    groups: list[AffairGroup]
    findings: list[Finding]

    @property
    def rows(self) -> list[PortfolioRow]:
        return [row for group in self.groups for row in group.rows]


def threshold_result_item(definition: FormDefinition) -> Item | None:
    """The item in which the form states its しきい値判断結果, if it has one."""
    try:
        return definition.item_with_role(Role.THRESHOLD_RESULT)[1]
    except KeyError:
        return next((item for _section, item in definition.walk() if item.claim == THRESHOLD_RESULT_CLAIM), None)


def _value_at(values: Values, path: str) -> Any:
    """The value of an item printed once (not inside a repeat) at its key path ``section.group.item``."""
    node: Any = values
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def stated_result(page: AssessmentPage) -> Required | None:
    """The しきい値判断結果 the assessment states (None while unanswered or when its form states none)."""
    item = threshold_result_item(page.definition)
    if item is None or item.choices is None:
        return None
    choices = item.choice_list
    value = _value_at(page.get_values(), item.path)
    if value not in choices.choices or not choices.states:
        return None
    return stated_requirement(choices.states[choices.choices.index(value)])


def _status(page: AssessmentPage, publication: Publication | None) -> Status:
    if page.affair_ended_on is not None:
        return Status.ENDED
    return Status.PUBLISHED if publication is not None or page.live else Status.DRAFT


def _natural(text: str) -> tuple[Any, ...]:
    """Sort 評価書番号 as numbers where they are (2 before 10), then as text (text and digits alternate)."""
    normalized = unicodedata.normalize("NFKC", text or "")
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", normalized))


def organization_assessments(organization: Organization) -> list[AssessmentPage]:
    org_page = OrganizationPage.objects.filter(organization=organization).first()
    if org_page is None:
        return []
    return list(assessment_pages().child_of(org_page).specific())


def _latest_drafts(pages: list[AssessmentPage]) -> list[AssessmentPage]:
    """Each page as of its latest revision (AssessmentPage.latest_draft), the revisions read in one query."""
    revisions = Revision.objects.in_bulk([page.latest_revision_id for page in pages if page.latest_revision_id])
    return [
        page.with_content_json(revisions[page.latest_revision_id].content)
        if page.latest_revision_id in revisions
        else page
        for page in pages
    ]


def assessment_drafts(
    organization: Organization, *, current: AssessmentPage | None = None
) -> list[tuple[AssessmentPage, AssessmentPage]]:
    """Every assessment page of the body with the instance the register reads: its latest draft, or
    *current* itself for the page *current* is (an assessment being checked, perhaps a draft not yet saved)."""
    pages = organization_assessments(organization)
    others = _latest_drafts([page for page in pages if current is None or page.pk != current.pk])
    drafts = iter(others)
    paired = [(page, current if current is not None and page.pk == current.pk else next(drafts)) for page in pages]
    if current is not None and current.pk is not None and all(page.pk != current.pk for page in pages):
        paired.append((current, current))
    return paired


def assessment_entry(draft: AssessmentPage) -> Entry:
    """The assessment as the rules across the body's assessments read it (controls.portfolio.Entry)."""
    number = str(draft.role_value(Role.EVALUATION_NUMBER) or "").strip()
    return Entry(draft.pk, draft.definition.kind, draft.affair, number, stated_result(draft))


def body_entries(drafts: list[tuple[AssessmentPage, AssessmentPage]]) -> list[Entry]:
    """The body's assessments as the rules across them read them, from assessment_drafts' pairs:
    the register (build_portfolio) and the evidence check of an assessment's affair both read these."""
    return [assessment_entry(draft) for _page, draft in drafts]


def build_portfolio(organization: Organization, today: dt.date) -> Portfolio:
    """The body's register as of *today*: every assessment of the body, grouped by affair."""
    drafts = assessment_drafts(organization)
    latest: dict[int, Publication] = {}
    for published in Publication.objects.filter(page__in=[p.pk for p, _d in drafts]).order_by("version"):
        latest[published.page_id] = published
    entries = body_entries(drafts)
    due = deadlines_of([page for page, _draft in drafts], today)
    rows: list[PortfolioRow] = []
    for (page, draft), entry in zip(drafts, entries, strict=True):
        publication = latest.get(page.pk)
        title = str(draft.role_value(Role.TITLE) or "").strip() or page.title
        definition = draft.definition
        rows.append(
            PortfolioRow(
                page_id=page.pk,
                number=entry.number,
                title=title,
                affair=draft.affair,
                kind=definition.kind,
                kind_label=definition.kind_label,
                form_label=definition.form_label,
                published_on=publication.kohyo_bi if publication else None,
                version=publication.version if publication else None,
                status=_status(draft, publication),
                affair_ended_on=draft.affair_ended_on,
                deadlines=due[page.pk],
            )
        )
    findings = portfolio_findings(entries)
    messages: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        for key in finding.keys:
            messages[key].append(finding.message)
    grouped: dict[str, list[PortfolioRow]] = defaultdict(list)
    for row in rows:
        grouped[affair_key(row.affair)].append(
            PortfolioRow(**{**row.__dict__, "findings": messages.get(row.page_id, [])})
        )
    groups = [
        AffairGroup(group[0].affair, sorted(group, key=lambda r: (weight(r.kind), r.page_id)))
        for group in grouped.values()
    ]
    groups.sort(key=lambda g: (min((0, _natural(r.number)) if r.number else (1, ()) for r in g.rows), g.affair))
    return Portfolio(organization.name, organization.slug, today, groups, findings)

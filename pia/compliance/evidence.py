"""The evidence checks (controls) run for an assessment: over the files its document links to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from controls.checks import Outcome
from controls.models import CheckResult, CheckRun
from controls.portfolio import affair_key
from controls.services import run_checks
from pia.compliance.portfolio import assessment_drafts, body_entries
from pia.formdef.document import iter_nodes
from pia.formdef.linked import LinkedItem, linked_items
from pia.formdef.procedure_rule import procedure_findings
from pia.formdef.schema import FormDefinition, Item, ItemType, Section
from pia.formdef.threshold_rule import threshold_contradictions
from pia.formdef.validation import Finding, consistency_warnings
from pia.formdef.values import Values
from pia.models.publications import Publication
from registry.jp.wareki import format_date
from registry.models import PersonalInformationFile

if TYPE_CHECKING:
    from wagtail.models import Revision

    from pia.formdef.types import ResolvedDocument
    from pia.models import AssessmentPage


def _file_ids(node: Any) -> Iterator[int]:
    if isinstance(node, dict):
        source = node.get("source")
        if isinstance(source, dict) and source.get("model") == "file" and source.get("found"):
            yield source["id"]
        for value in node.values():
            yield from _file_ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _file_ids(value)


def linked_files(assessment: AssessmentPage, document: ResolvedDocument | None = None) -> list[PersonalInformationFile]:
    """The registry's 特定個人情報ファイル the assessment's current document is linked to."""
    ids = list(dict.fromkeys(_file_ids(document if document is not None else assessment.resolved_document())))
    found = PersonalInformationFile.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _count(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _scope(values: Values, section: Section, file: PersonalInformationFile) -> dict[str, Any] | None:
    """What *section* says about *file*: the entry linked to the file in a repeating section, else its one entry."""
    entries = section.entries(values.get(section.key))
    if section.repeats:
        return next((entry for entry in entries if entry.get("_ref") == file.pk), None)
    return entries[0]


def _value_at(scope: dict[str, Any], item: Item) -> Any:
    node: Any = scope
    for key in item.path.split(".")[1:]:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _printed_count(definition: FormDefinition, scope: dict[str, Any], repeat: Item) -> int | None:
    """What the form prints as the number of *repeat*'s entries (its sibling's count rule), if anything."""
    parent = repeat.path.rsplit(".", 1)[0]
    for _section, item in definition.walk():
        if item.path.rsplit(".", 1)[0] != parent:
            continue
        for check_key, target in item.counts:
            if target == repeat.key:
                value = _value_at(scope, item)
                return _count((value or {}).get(check_key, {}).get("count") if check_key else value)
    return None


def claims_of(
    assessment: AssessmentPage, file: PersonalInformationFile, *, portfolio: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the assessment states that the checks test: every item with a ``claim:`` in its definition.

    Single choices arrive with their choices' flags, check lists as the ticked keys, repeat groups
    as their entries' registry links (``linked``) and as (printed count, entries) (``counts``).
    *portfolio* (see portfolio_claim) is the body's assessments, handed over as the claim ``portfolio``.
    """
    definition = assessment.definition
    values = assessment.get_values()
    claims: dict[str, Any] = {"assessment_kind": definition.kind}
    if portfolio is not None:
        claims["portfolio"] = portfolio
    for section, item in definition.walk():
        scope = _scope(values, section, file) if item.claim else None
        if item.claim is None or scope is None:
            continue
        value = _value_at(scope, item)
        match item.type:
            case ItemType.SINGLE_CHOICE:
                claims[item.claim] = {"printed": value or None, "choices": item.choice_list.facts()}
            case ItemType.MULTI_CHECK:
                claims[item.claim] = [key for key, state in (value or {}).items() if (state or {}).get("checked")]
            case ItemType.REPEAT:
                entries = value or []
                claims.setdefault("linked", {})[item.claim] = [_count(entry.get("_ref")) for entry in entries]
                claims.setdefault("counts", {})[item.claim] = (_printed_count(definition, scope, item), len(entries))
    return claims


def portfolio_claim(assessment: AssessmentPage, drafts: list[tuple[AssessmentPage, AssessmentPage]]) -> dict[str, Any]:
    """The claim ``portfolio``: the body's assessments (controls.portfolio.Entry), this one as *assessment* holds it."""
    return {"key": assessment.pk, "entries": body_entries(drafts)}


def _stored_file_ids(definition: FormDefinition, values: Values) -> Iterator[int]:
    """The registry files the stored values link to (every container whose source is a file), in form order."""

    def walk(container: Item | Section, node: Any) -> Iterator[int]:
        if not isinstance(node, dict):
            return
        if container.source is not None and container.source.model == "file" and isinstance(node.get("_ref"), int):
            yield node["_ref"]
        for item in container.items:
            if item.type is ItemType.GROUP:
                yield from walk(item, node.get(item.key))
            elif item.type is ItemType.REPEAT:
                for entry in node.get(item.key) or []:
                    yield from walk(item, entry)

    for section in definition.editable_sections:
        for entry in section.entries(values.get(section.key)):
            yield from walk(section, entry)


def affair_files(
    assessment: AssessmentPage, drafts: list[tuple[AssessmentPage, AssessmentPage]]
) -> list[PersonalInformationFile]:
    """The files linked by the body's other assessments of *assessment*'s affair (each as its latest draft):
    the files a 基礎, which links none, is about."""
    affair = affair_key(assessment.affair)
    ids = [
        pk
        for page, draft in drafts
        if page.pk != assessment.pk and affair_key(draft.affair) == affair
        for pk in _stored_file_ids(draft.definition, draft.get_values())
    ]
    ids = list(dict.fromkeys(ids))
    found = PersonalInformationFile.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _key_path(path: str) -> str:
    """An item's path without entry indices: ``risk[2].shiyo.risk2.jubun`` → ``risk.shiyo.risk2.jubun``."""
    return re.sub(r"\[\d+\]", "", path)


def supports_of(definition: FormDefinition, document: ResolvedDocument) -> dict[str, list[str]]:
    """For each evidence check, the printed paths of the items it supports (as this document prints them)."""
    printed: dict[str, str] = {}
    for node in iter_nodes(document):
        printed.setdefault(_key_path(node.get("path", "")), node.get("printed_path") or node.get("label", ""))
    return {
        check: [printed.get(item.path) or item.label for _section, item in tagged]
        for check, tagged in definition.evidence_items().items()
    }


def run_subject(revision: Revision | None) -> str:
    """What a run checked, as people name it: 第9版 for a published revision, else 下書き（保存番号 123）."""
    if revision is None:
        return ""
    version = Publication.objects.filter(revision=revision).values_list("version", flat=True).first()
    return f"第{version}版" if version else f"下書き（保存番号 {revision.pk}）"


def check_assessment(
    assessment: AssessmentPage,
    *,
    today: dt.date | None = None,
    trigger: str = "manual",
    revision: Revision | None = None,
) -> list[CheckRun]:
    """Run the checks over *assessment* as it stands in this instance (a draft's, or the live version's)
    and record which saved version they ran against (*revision*, by default the live one)."""
    revision = revision or assessment.live_revision
    document = assessment.resolved_document()
    supports = supports_of(assessment.definition, document)
    subject = run_subject(revision)
    org_page = assessment.organization_page
    drafts = assessment_drafts(org_page.organization, current=assessment) if org_page is not None else []
    portfolio = portfolio_claim(assessment, drafts) if drafts else None
    # A 基礎 links no file (its document names none): it is checked over the files of its affair's other assessments.
    files = linked_files(assessment, document) or affair_files(assessment, drafts)
    return [
        run_checks(
            file,
            assessment=assessment,
            claims=claims_of(assessment, file, portfolio=portfolio),
            supports=supports,
            today=today,
            trigger=trigger,
            revision=revision,
            subject=subject,
        )
        for file in files
    ]


def stale_runs(assessment: AssessmentPage, runs: Iterable[CheckRun]) -> set[int]:
    """The runs whose results describe an older state than the assessment's latest save."""
    return {run.pk for run in runs if run.revision_id != assessment.latest_revision_id}


def latest_results(assessment: AssessmentPage) -> list[CheckResult]:
    """The results of the latest run for each file of the assessment (none for an unsaved one)."""
    if assessment.pk is None:
        return []  # a page being added: no check has run on it yet
    latest: dict[int, CheckRun] = {}
    for run in CheckRun.objects.filter(assessment=assessment).order_by("-ran_at"):
        latest.setdefault(run.file_id, run)
    return list(CheckResult.objects.filter(run__in=list(latest.values())).select_related("run"))


@dataclass(frozen=True)
class SupportingVerdict:
    path: str  # the item's path in the document (risk[1].shiyo.risk2.jubun)
    printed_path: str
    value: Any  # the item's answer, e.g. 「十分である」
    title: str
    outcome: str
    summary: str
    checked_on: dt.date
    claims_adequacy: bool = False  # the answer is one its choice list flags as adequate

    @property
    def label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def contradicts_claim(self) -> bool:
        """The item claims adequacy while this supporting check failed."""
        return self.outcome == Outcome.FAIL.value and self.claims_adequacy


def _file_of_entry(assessment: AssessmentPage) -> dict[tuple[str, int], int | None]:
    """(repeating section key, entry number) → the registry file that entry describes."""
    definition, values = assessment.definition, assessment.get_values()
    return {
        (section.key, n): _count(entry.get("_ref"))
        for section in definition.editable_sections
        if section.repeats
        for n, entry in enumerate(section.entries(values.get(section.key)), start=1)
    }


def supporting_verdicts(assessment: AssessmentPage, document: ResolvedDocument) -> list[SupportingVerdict]:
    """For each item some check supports, the latest verdict of every such check, in document order.

    An item of a repeating (per-file) section shows the results for its own file; any other item, every file's.
    """
    results = latest_results(assessment)
    if not results:
        return []
    definition = assessment.definition
    items = {item.path: item for _section, item in definition.walk() if item.evidence}
    by_check: dict[str, list[CheckResult]] = {}
    for result in results:
        by_check.setdefault(result.key, []).append(result)
    file_of = _file_of_entry(assessment)
    verdicts = []
    for node in iter_nodes(document):
        path = node.get("path", "")
        item = items.get(_key_path(path))
        if item is None:
            continue
        head = re.match(r"(\w+)\[(\d+)\]", path)
        file_id = file_of.get((head.group(1), int(head.group(2)))) if head else None
        adequate = item.choices is not None and node.get("value") in item.choices.adequate
        for check in item.evidence:
            for result in by_check.get(check, []):
                if head and result.run.file_id != file_id:
                    continue
                verdicts.append(
                    SupportingVerdict(
                        path,
                        node["printed_path"],
                        node.get("value"),
                        result.title,
                        result.outcome,
                        result.summary,
                        result.run.checked_on,
                        adequate,
                    )
                )
    return verdicts


def evidence_warnings(verdicts: list[SupportingVerdict]) -> list[Finding]:
    """A warning beside each item that claims adequacy while a check supporting it failed."""
    return [
        Finding(
            v.path,
            v.printed_path,
            f"「{v.value}」と記載していますが、証跡チェック「{v.title}」が不適合です："
            f"{v.summary}（{format_date(v.checked_on)} 時点）",
        )
        for v in verdicts
        if v.contradicts_claim
    ]


def evidence_verdicts(page: AssessmentPage) -> list[SupportingVerdict]:
    """The latest verdict of every evidence check beside the items it supports (for the editor)."""
    if "_editor_evidence" not in page.__dict__:
        page.__dict__["_editor_evidence"] = supporting_verdicts(page, page.editor_document())
    return page.__dict__["_editor_evidence"]


def editor_linked_items(page: AssessmentPage) -> list[LinkedItem]:
    """The page's linked items (pia.formdef.linked), found once per page instance (set_values forgets them)."""
    if "_editor_linked" not in page.__dict__:
        page.__dict__["_editor_linked"] = linked_items(page.definition, page.get_values(), page.editor_document())
    items: list[LinkedItem] = page.__dict__["_editor_linked"]
    return items


def record_warnings(page: AssessmentPage) -> list[Finding]:
    """A warning for each registry record the assessment prints that should not be printed as it stands
    (a delegation contract whose period has ended), once per linked entry."""
    found: dict[tuple[str, str], Finding] = {}
    for item in editor_linked_items(page):
        entry = item.path.rsplit(".", 1)[0]
        for warning in item.record_warnings:
            entry_label = item.printed_path.rsplit(" ", 1)[0]
            message = f"台帳の記録「{item.record_label}」：{warning}印字を見直してください。"
            found.setdefault((entry, warning), Finding(entry, entry_label, message))
    return list(found.values())


def consistency_findings(page: AssessmentPage) -> list[Finding]:
    """The editor's warnings: counts that disagree with their entries, a しきい値判断結果 its own answers
    contradict, a comment period too short without its reason, claims their evidence contradicts."""
    if "_editor_findings" not in page.__dict__:
        page.__dict__["_editor_findings"] = [
            *consistency_warnings(page.editor_document(), page.definition.count_rules),
            *threshold_contradictions(page.definition, page.editor_document()),
            *procedure_findings(page.definition, page.editor_document()),
            *evidence_warnings(evidence_verdicts(page)),
            *record_warnings(page),
        ]
    return page.__dict__["_editor_findings"]

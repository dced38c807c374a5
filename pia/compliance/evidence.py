"""The evidence checks (controls) run for an assessment: over the files its document links to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from controls.checks import CATALOGUE, Outcome
from controls.models import CheckResult, CheckRun
from controls.services import run_checks
from pia.formdef.document import iter_nodes
from pia.formdef.validation import Finding, consistency_warnings
from registry.models import PersonalInformationFile


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


def linked_files(assessment) -> list[PersonalInformationFile]:
    """The registry's 特定個人情報ファイル the assessment's current document is linked to."""
    ids = list(dict.fromkeys(_file_ids(assessment.resolved_document())))
    found = PersonalInformationFile.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _count(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def claims_of(assessment, file: PersonalInformationFile) -> dict[str, Any]:
    """What the assessment prints that the checks test: Ⅰ1③, Ⅴ1②, and per file the counts of Ⅱ4 and Ⅱ5."""
    values = assessment.get_values()
    claims: dict[str, Any] = {
        "taisho_ninzu": (values.get("kihon") or {}).get("jimu", {}).get("taisho_ninzu"),
        "shikiichi_kekka": (values.get("tetsuzuki") or {}).get("kiso", {}).get("shikiichi_kekka"),
    }
    risk = next((r for r in values.get("risk") or [] if r.get("_ref") == file.pk), None)
    if risk is not None:
        ticked = ((risk.get("kansa") or {}).get("jisshi")) or {}
        claims["inspection_kinds"] = [kind for kind, state in ticked.items() if (state or {}).get("checked")]
    entry = next((f for f in values.get("files") or [] if f.get("_ref") == file.pk), None)
    if entry is not None:
        itaku, teikyo = entry.get("itaku") or {}, entry.get("teikyo_iten") or {}
        umu = teikyo.get("umu") or {}
        claims["linked"] = {
            "委託": [_count(e.get("_ref")) for e in itaku.get("jiko") or []],
            "提供": [_count(e.get("_ref")) for e in teikyo.get("teikyosaki") or []],
            "移転": [_count(e.get("_ref")) for e in teikyo.get("itensaki") or []],
        }
        claims["counts"] = {
            "委託": (_count(itaku.get("kensu")), len(itaku.get("jiko") or [])),
            "提供": (_count((umu.get("teikyo") or {}).get("count")), len(teikyo.get("teikyosaki") or [])),
            "移転": (_count((umu.get("iten") or {}).get("count")), len(teikyo.get("itensaki") or [])),
        }
    return claims


def check_assessment(assessment, *, today: dt.date | None = None, trigger: str = "manual") -> list[CheckRun]:
    return [
        run_checks(file, assessment=assessment, claims=claims_of(assessment, file), today=today, trigger=trigger)
        for file in linked_files(assessment)
    ]


# Answers that claim a measure is adequate (choice lists jubun_ka and jubun_ni_okonatte_iru).
ADEQUACY_CLAIMS = frozenset({"十分である", "特に力を入れている", "十分に行っている", "特に力を入れて行っている"})


def latest_results(assessment) -> list[CheckResult]:
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

    @property
    def label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def contradicts_claim(self) -> bool:
        """The item claims adequacy while this supporting check failed."""
        return self.outcome == Outcome.FAIL.value and isinstance(self.value, str) and self.value in ADEQUACY_CLAIMS


def supporting_verdicts(assessment, document: dict[str, Any]) -> list[SupportingVerdict]:
    """For each item some check supports, the latest verdict of every such check, in document order."""
    results = latest_results(assessment)
    if not results:
        return []
    file_prefix = {
        entry.get("_ref"): f"risk[{n}]" for n, entry in enumerate(assessment.get_values().get("risk") or [], start=1)
    }
    by_path: dict[str, list[CheckResult]] = {}
    for result in results:
        check = CATALOGUE.get(result.key)
        prefix = file_prefix.get(result.run.file_id)
        if check is None or prefix is None:
            continue
        for item in check.items:
            by_path.setdefault(prefix + item.removeprefix("risk"), []).append(result)
    return [
        SupportingVerdict(
            node["path"], node["printed_path"], node.get("value"), r.title, r.outcome, r.summary, r.run.checked_on
        )
        for node in iter_nodes(document)
        for r in by_path.get(node.get("path", ""), [])
    ]


def evidence_warnings(verdicts: list[SupportingVerdict]) -> list[Finding]:
    """A warning beside each item that claims adequacy while a check supporting it failed."""
    return [
        Finding(
            v.path,
            v.printed_path,
            f"「{v.value}」と記載していますが、証跡チェック「{v.title}」が不適合です："
            f"{v.summary}（{v.checked_on:%Y-%m-%d} 時点）",
        )
        for v in verdicts
        if v.contradicts_claim
    ]


def evidence_verdicts(page) -> list[SupportingVerdict]:
    """The latest verdict of every evidence check beside the items it supports (for the editor)."""
    if "_editor_evidence" not in page.__dict__:
        page.__dict__["_editor_evidence"] = supporting_verdicts(page, page.editor_document())
    return page.__dict__["_editor_evidence"]


def consistency_findings(page) -> list[Finding]:
    """The editor's warnings: counts that disagree with their entries, claims their evidence contradicts."""
    if "_editor_findings" not in page.__dict__:
        page.__dict__["_editor_findings"] = [
            *consistency_warnings(page.editor_document(), page.definition.count_rules),
            *evidence_warnings(evidence_verdicts(page)),
        ]
    return page.__dict__["_editor_findings"]

"""What the dashboard and the checks page show: deadlines, check history, monthly log volume."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from controls.checks import CATALOGUE, Outcome
from controls.deadlines import Deadline
from controls.models import CheckResult, CheckRun
from pia.compliance.deadlines import deadlines_of
from pia.compliance.evidence import linked_files
from registry.access_logs.bounds import JAPAN
from registry.models import AccessLogEntry, LogArchive, System

if TYPE_CHECKING:
    from pia.models import AssessmentPage

HISTORY_RUNS = 12


@dataclass(frozen=True)
class CheckRow:
    key: str
    title: str
    supports: tuple[str, ...]
    verdicts: list[CheckResult | None]  # newest first, one per run shown


# One run's verdicts counted by outcome (for the chart); "pass" is a keyword, hence the functional form.
RunCounts = TypedDict("RunCounts", {"run": CheckRun, "pass": int, "fail": int, "na": int})


class MonthVolume(TypedDict):
    month: dt.date
    rows: int
    share: float  # of the busiest system-month shown


class SystemVolume(TypedDict):
    system: System
    months: list[MonthVolume]


class DashboardRow(TypedDict):
    page: AssessmentPage
    deadlines: list[Deadline]
    run: CheckRun | None  # the latest
    failing: int | None  # checks the latest run failed


def latest_runs(assessment: AssessmentPage, limit: int = HISTORY_RUNS) -> list[CheckRun]:
    return list(CheckRun.objects.filter(assessment=assessment).select_related("file").order_by("-ran_at")[:limit])


def check_rows(runs: list[CheckRun]) -> list[CheckRow]:
    results: dict[str, dict[int, CheckResult]] = defaultdict(dict)
    for result in CheckResult.objects.filter(run__in=runs):
        results[result.key][result.run_id] = result
    rows = []
    for check in CATALOGUE.values():
        verdicts = [results[check.key].get(run.pk) for run in runs]
        # The items a check supports are the form's (its definition's evidence tags), kept with each result.
        supports = next((tuple(v.supports) for v in verdicts if v is not None), ())
        rows.append(CheckRow(check.key, check.title, supports, verdicts))
    return rows


def verdict_counts(runs: list[CheckRun]) -> list[RunCounts]:
    """Per run, oldest first: how many checks passed, failed, did not apply (for the chart)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = CheckResult.objects.filter(run__in=runs).values("run_id", "outcome").annotate(n=Count("pk"))
    for row in rows:
        counts[row["run_id"]][row["outcome"]] = row["n"]
    return [
        {
            "run": run,
            "pass": counts[run.pk].get(Outcome.PASS.value, 0),
            "fail": counts[run.pk].get(Outcome.FAIL.value, 0),
            "na": counts[run.pk].get(Outcome.NOT_APPLICABLE.value, 0),
        }
        for run in reversed(runs)
    ]


def monthly_log_volume(assessment: AssessmentPage, months: int = 13) -> list[SystemVolume]:
    """Entries per system and month, online rows and archived files together, oldest month first."""
    systems = {s.pk: s for file in linked_files(assessment) for s in file.system_records()}
    volume: dict[tuple[int, dt.date], int] = defaultdict(int)
    online = (
        AccessLogEntry.objects.filter(system__in=list(systems))
        .annotate(month=TruncMonth("occurred_at", tzinfo=JAPAN))
        .values("system_id", "month")
        .annotate(n=Count("*"))
    )
    for row in online:
        volume[row["system_id"], row["month"].date() if hasattr(row["month"], "date") else row["month"]] += row["n"]
    archived = LogArchive.objects.filter(system__in=list(systems)).kept().values("system_id", "month")
    for row in archived.annotate(n=Sum("row_count")):
        volume[row["system_id"], row["month"]] += row["n"]
    all_months = sorted({month for _, month in volume})[-months:]
    peak = max(volume.values(), default=0) or 1
    return [
        {
            "system": systems[pk],
            "months": [
                {"month": m, "rows": volume.get((pk, m), 0), "share": volume.get((pk, m), 0) / peak} for m in all_months
            ],
        }
        for pk in sorted(systems)
    ]


def dashboard_rows(assessments: Iterable[AssessmentPage], today: dt.date) -> list[DashboardRow]:
    """Each assessment's deadlines, latest check run and its failing checks: a fixed number of queries."""
    pages = list(assessments)
    found = deadlines_of(pages, today)
    runs = newest_runs([page.pk for page in pages])
    rows: list[DashboardRow] = []
    for page in pages:
        run, failing = runs.get(page.pk, (None, None))
        rows.append({"page": page, "deadlines": found[page.pk], "run": run, "failing": failing})
    return rows


def newest_runs(page_ids: list[int]) -> dict[int, tuple[CheckRun, int]]:
    """The newest check run of each assessment that has one, with the number of its failed checks."""
    newest = CheckRun.objects.filter(assessment_id=OuterRef("assessment_id")).order_by("-ran_at", "-pk").values("pk")
    runs = CheckRun.objects.filter(assessment_id__in=page_ids, pk=Subquery(newest[:1])).annotate(
        failing=Count("results", filter=Q(results__outcome=Outcome.FAIL.value))
    )
    return {run.assessment_id: (run, run.failing) for run in runs if run.assessment_id is not None}

"""Anomaly reports over the online logs; each finding carries the entries behind it.

- 退職・無効化後のアクセス: an account used after its holder left or after it was disabled;
- 時間外のアクセス: outside office hours, on weekends, holidays and 年末年始;
- 大量の対象者: one account touching more distinct subjects in one hour than a threshold;
- 未登録のログインID: login ids that match no account of the system;
- 記録の欠落: days on which a system that logs every (office) day wrote nothing.

The reports read the per-day figures (rollups.py, `AccessLogDay`), not the rows: over
millions of rows each costs a few indexed queries. The rows are read only behind a
finding (its `entries`, lazily) and, for 大量の対象者, on the few days whose busiest hour
passed the threshold. scans.py computes the same reports by scanning every row; the tests
hold the two equal.

Only entries dated within the accepted period (bounds.py) are counted: a row stored before
the bounds were enforced, dated year 0001 or 9999, is out of every report instead of
making each of them overflow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Case, F, Max, Min, Q, Sum, When
from django.db.models.functions import ExtractHour

from registry.access_logs.bounds import earliest_allowed, latest_allowed
from registry.access_logs.calendar import is_office_day, local_midnight, office_closed_days
from registry.access_logs.validation import JAPAN
from registry.enums import LogDays
from registry.jp.wareki import format_date
from registry.models import AccessLogDay, AccessLogEntry, StaffAccount, System
from registry.models.access_logs import UNKNOWN_ACCOUNT, AccessLogEntryQuerySet

OFFICE_HOURS = (8, 20)  # entries from 08:00 to 19:59 Japan time are within office hours
SUBJECTS_PER_HOUR = 100
MAX_FINDINGS = 200  # a report lists at most this many findings and says how many there are in all
# Beyond this many login-days over the threshold, 大量の対象者 scans the scope's rows instead of picking days.
MAX_CANDIDATE_DAYS = 500
_DAY = dt.timedelta(days=1)


@dataclass
class Finding:
    summary: str
    entries: AccessLogEntryQuerySet
    count: int | None = None  # how many entries, where the report knows it without reading them


@dataclass
class AnomalyReport:
    key: str
    title: str
    explanation: str
    findings: list[Finding] = field(default_factory=list)
    total: int = 0

    def add(self, finding: Finding) -> None:
        self.total += 1
        if len(self.findings) < MAX_FINDINGS:
            self.findings.append(finding)

    def limited(self, groups) -> list[dict]:
        """The first groups of a grouped query, counting them all only when there are more."""
        rows = list(groups[: MAX_FINDINGS + 1])
        self.total = groups.count() if len(rows) > MAX_FINDINGS else len(rows)
        return rows[:MAX_FINDINGS]


@dataclass(frozen=True)
class Scope:
    """The systems and days (Japan time, both ends included, either open) a report covers."""

    systems: list[System]
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    def days(self):
        figures = AccessLogDay.objects.filter(system__in=[system.pk for system in self.systems])
        if self.first_day is not None:
            figures = figures.filter(day__gte=self.first_day)
        if self.last_day is not None:
            figures = figures.filter(day__lte=self.last_day)
        return figures

    def entries(self) -> AccessLogEntryQuerySet:
        start = local_midnight(self.first_day) if self.first_day else None
        end = local_midnight(self.last_day + dt.timedelta(days=1)) if self.last_day else None
        return online_entries(self.systems, start, end)


def online_entries(systems: Iterable[System], start: dt.datetime | None = None, end: dt.datetime | None = None):
    """The systems' entries from *start* to *end*, never outside the period an entry may be dated in."""
    start = max(start, earliest_allowed()) if start is not None else earliest_allowed()
    end = min(end, latest_allowed()) if end is not None else latest_allowed()
    return AccessLogEntry.objects.filter(system__in=list(systems)).between(start, end)


def _on_day(entries: AccessLogEntryQuerySet, day: dt.date) -> AccessLogEntryQuerySet:
    return entries.between(local_midnight(day), local_midnight(day + dt.timedelta(days=1)))


def _day_label(day: dt.date) -> str:
    return format_date(day)  # 和暦, as every date a person reads


def after_departure(scope: Scope) -> AnomalyReport:
    report = AnomalyReport(
        "after_departure",
        "退職・無効化後のアクセス",
        "利用者の退職・異動日、またはアカウントの無効化日の翌日以降の記録",
    )
    accounts = StaffAccount.objects.filter(system__in=scope.systems).filter(
        Q(holder_left_on__isnull=False) | Q(disabled_on__isnull=False)
    )
    ended = {account: _ended_on(account) for account in accounts.order_by("system_id", "login_id")}
    if not ended:
        return report
    # Days are Japan days, so "from the day after" is exact on the per-day figures.
    after = Q(pk__in=[])
    for account, day in ended.items():
        after |= Q(account_ref=account.pk, day__gt=day)
    counts = dict(
        scope.days().filter(after).values("account_ref").annotate(n=Sum("rows")).values_list("account_ref", "n")
    )
    for account, day in ended.items():
        count = counts.get(account.pk, 0)
        if not count:
            continue
        since = local_midnight(day + dt.timedelta(days=1))
        found = scope.entries().filter(account=account, occurred_at__gte=since).in_log_order()
        reason = "退職・異動" if account.holder_left_on == day else "無効化"
        summary = f"{account.login_id}（{account.holder}）: {reason} {_day_label(day)} の後に {count} 件"
        report.add(Finding(summary, found, count))
    return report


def _ended_on(account: StaffAccount) -> dt.date:
    return min(day for day in (account.holder_left_on, account.disabled_on) if day is not None)


def off_hours(scope: Scope) -> AnomalyReport:
    start, end = OFFICE_HOURS
    report = AnomalyReport(
        "off_hours",
        "時間外のアクセス",
        f"開庁日の {start}時〜{end}時 以外（土日・祝日・年末年始を含む）の記録",
    )
    bounds = scope.days().aggregate(first=Min("day"), last=Max("day"))
    if bounds["first"] is None:
        return report
    closed = office_closed_days(bounds["first"], bounds["last"])
    # On a closed day every entry is outside office hours; on an office day those before or after them.
    outside = Case(When(day__in=closed, then=F("rows")), default=F("outside_hours"))
    groups = (
        scope.days()
        .values("system_id", "login_id", "day")
        .annotate(n=Sum(outside))
        .filter(n__gt=0)
        .order_by("day", "system_id", "login_id")
    )
    entries = scope.entries().annotate(hour=ExtractHour("occurred_at", tzinfo=JAPAN))
    for group in report.limited(groups):
        day = group["day"]
        found = _on_day(entries.filter(system_id=group["system_id"], login_id=group["login_id"]), day)
        if is_office_day(day):
            found = found.filter(Q(hour__lt=start) | Q(hour__gte=end))
        kind = "開庁日" if is_office_day(day) else "閉庁日"
        summary = f"{group['login_id']}: {_day_label(day)}（{kind}）の時間外に {group['n']} 件"
        report.findings.append(Finding(summary, found.in_log_order(), group["n"]))
    return report


def many_subjects(scope: Scope, threshold: int = SUBJECTS_PER_HOUR) -> AnomalyReport:
    """Hours read from the rows only on the days whose busiest hour passed the threshold."""
    from registry.access_logs.scans import many_subjects as scan  # scans builds on this module

    candidates = list(
        scope.days()
        .filter(busiest_hour_subjects__gt=threshold)
        .values_list("system_id", "login_id", "day")
        .distinct()[: MAX_CANDIDATE_DAYS + 1]
    )
    entries = scope.entries()
    if len(candidates) <= MAX_CANDIDATE_DAYS:
        on_those_days = Q(pk__in=[])
        for system_id, login_id, day in candidates:
            window = {"occurred_at__gte": local_midnight(day), "occurred_at__lt": local_midnight(day + _DAY)}
            on_those_days |= Q(system_id=system_id, login_id=login_id, **window)
        entries = entries.filter(on_those_days)
    return scan(entries, threshold)


def unknown_login_ids(scope: Scope) -> AnomalyReport:
    report = AnomalyReport(
        "unknown_login_ids", "未登録のログインID", "システムの利用者アカウントに登録されていないログインIDの記録"
    )
    groups = (
        scope.days()
        .filter(account_ref=UNKNOWN_ACCOUNT)
        .values("system_id", "login_id")
        .annotate(n=Sum("rows"), first=Min("first_at"))
        .order_by("system_id", "login_id")
    )
    unknown = scope.entries().unknown_accounts()
    for group in report.limited(groups):
        found = unknown.filter(system_id=group["system_id"], login_id=group["login_id"])
        first = group["first"].astimezone(JAPAN)
        report.findings.append(
            Finding(
                f"{group['login_id']}: {group['n']} 件（最初 {_day_label(first.date())} {first:%H:%M}）",
                found.in_log_order(),
                group["n"],
            )
        )
    return report


def log_gaps(scope: Scope, until: dt.date) -> AnomalyReport:
    """Days without entries between a system's first day in the scope and *until* (exclusive)."""
    report = AnomalyReport("log_gaps", "記録の欠落", "毎日（または開庁日ごと）に記録するシステムで、記録が1件もない日")
    for system in scope.systems:
        if system.log_days == LogDays.IRREGULAR:
            continue  # not worth a query
        logged = {
            row["day"]: (row["first"], row["last"])
            for row in scope.days()
            .filter(system=system)
            .values("day")
            .annotate(first=Min("first_at"), last=Max("last_at"))
            .order_by()
        }
        for day in missing_days(system, logged, until):
            before, after = _previous(logged, day), _next(logged, day)
            # The last entry before the gap and the first after it.
            moments = [logged[before][1]] if before else []
            moments += [logged[after][0]] if after else []
            around = scope.entries().filter(system=system, occurred_at__in=moments).in_log_order()
            report.add(Finding(f"{system.name}: {_day_label(day)} の記録がありません", around, 0))
    return report


def missing_days(system: System, logged: Collection[dt.date], until: dt.date) -> Iterator[dt.date]:
    """The days from the first logged one to *until* (exclusive) on which the system should have logged and did not."""
    if system.log_days == LogDays.IRREGULAR or not logged:
        return
    day = min(logged)
    while day < until:
        if (system.log_days == LogDays.DAILY or is_office_day(day)) and day not in logged:
            yield day
        day += _DAY


def _previous(days: Iterable[dt.date], day: dt.date) -> dt.date | None:
    return max((d for d in days if d < day), default=None)


def _next(days: Iterable[dt.date], day: dt.date) -> dt.date | None:
    return min((d for d in days if d > day), default=None)


def all_reports(
    systems: Iterable[System], *, today: dt.date, first_day: dt.date | None = None, last_day: dt.date | None = None
) -> list[AnomalyReport]:
    scope = Scope(list(systems), first_day, last_day)
    return [
        after_departure(scope),
        off_hours(scope),
        many_subjects(scope),
        unknown_login_ids(scope),
        log_gaps(scope, until=today),
    ]

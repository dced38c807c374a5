"""The anomaly reports computed by scanning every online row: the reference the rollups must equal.

anomalies.py reads the per-day figures (rollups.py) instead; the tests compare both on
generated data and `make bench` times both over millions of rows. No view uses these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate, TruncHour

from registry.access_logs.anomalies import (
    OFFICE_HOURS,
    SUBJECTS_PER_HOUR,
    AnomalyReport,
    Finding,
    _day_label,
    _next,
    _on_day,
    _previous,
    missing_days,
)
from registry.access_logs.calendar import is_office_day, office_closed_days
from registry.access_logs.validation import JAPAN
from registry.enums import LogDays
from registry.models import StaffAccount, System
from registry.models.access_logs import AccessLogEntryQuerySet


def after_departure(systems: Iterable[System], entries: AccessLogEntryQuerySet) -> AnomalyReport:
    report = AnomalyReport(
        "after_departure",
        "退職・無効化後のアクセス",
        "利用者の退職・異動日、またはアカウントの無効化日の翌日以降の記録",
    )
    accounts = StaffAccount.objects.filter(system__in=list(systems)).filter(
        Q(holder_left_on__isnull=False) | Q(disabled_on__isnull=False)
    )
    for account in accounts.order_by("system_id", "login_id"):
        ended = min(day for day in (account.holder_left_on, account.disabled_on) if day is not None)
        since = dt.datetime.combine(ended + dt.timedelta(days=1), dt.time(), tzinfo=JAPAN)
        found = entries.filter(account=account, occurred_at__gte=since).in_log_order()
        count = found.count()
        if count:
            reason = "退職・異動" if account.holder_left_on == ended else "無効化"
            report.add(
                Finding(
                    f"{account.login_id}（{account.holder}）: {reason} {_day_label(ended)} の後に {count} 件", found
                )
            )
    return report


def off_hours(entries: AccessLogEntryQuerySet, hours: tuple[int, int] = OFFICE_HOURS) -> AnomalyReport:
    report = AnomalyReport(
        "off_hours",
        "時間外のアクセス",
        f"開庁日の {hours[0]}時〜{hours[1]}時 以外（土日・祝日・年末年始を含む）の記録",
    )
    local = entries.annotate(
        hour=ExtractHour("occurred_at", tzinfo=JAPAN),
        weekday=ExtractIsoWeekDay("occurred_at", tzinfo=JAPAN),
        day=TruncDate("occurred_at", tzinfo=JAPAN),
    )
    bounds = local.aggregate(first=Min("day"), last=Max("day"))
    closed = office_closed_days(bounds["first"], bounds["last"]) if bounds["first"] else []
    outside = Q(hour__lt=hours[0]) | Q(hour__gte=hours[1]) | Q(weekday__gte=6) | Q(day__in=closed)
    groups = (
        local.filter(outside)
        .values("system_id", "login_id", "day")
        .annotate(n=Count("*"))
        .order_by("day", "system_id", "login_id")
    )
    for group in report.limited(groups):
        day = group["day"]
        found = _on_day(local.filter(outside, system_id=group["system_id"], login_id=group["login_id"]), day)
        kind = "開庁日" if is_office_day(day) else "閉庁日"
        report.findings.append(
            Finding(f"{group['login_id']}: {_day_label(day)}（{kind}）の時間外に {group['n']} 件", found.in_log_order())
        )
    return report


def many_subjects(entries: AccessLogEntryQuerySet, threshold: int = SUBJECTS_PER_HOUR) -> AnomalyReport:
    report = AnomalyReport(
        "many_subjects",
        "大量の対象者へのアクセス",
        f"1つのアカウントが1時間に {threshold} 人を超える対象者の記録に触れたもの",
    )
    hourly = entries.exclude(subject="").annotate(hour=TruncHour("occurred_at", tzinfo=JAPAN))
    groups = (
        hourly.values("system_id", "login_id", "hour")
        .annotate(n=Count("subject", distinct=True))
        .filter(n__gt=threshold)
        .order_by("hour", "system_id", "login_id")
    )
    for group in report.limited(groups):
        hour = group["hour"]
        local = hour.astimezone(JAPAN)
        found = entries.filter(system_id=group["system_id"], login_id=group["login_id"]).between(
            hour, hour + dt.timedelta(hours=1)
        )
        report.findings.append(
            Finding(
                f"{group['login_id']}: {_day_label(local.date())} {local:%H}時台に {group['n']} 人",
                found.in_log_order(),
            )
        )
    return report


def unknown_login_ids(entries: AccessLogEntryQuerySet) -> AnomalyReport:
    report = AnomalyReport(
        "unknown_login_ids", "未登録のログインID", "システムの利用者アカウントに登録されていないログインIDの記録"
    )
    groups = (
        entries.unknown_accounts()
        .values("system_id", "login_id")
        .annotate(n=Count("*"), first=Min("occurred_at"))
        .order_by("system_id", "login_id")
    )
    for group in report.limited(groups):
        found = entries.unknown_accounts().filter(system_id=group["system_id"], login_id=group["login_id"])
        first = group["first"].astimezone(JAPAN)
        report.findings.append(
            Finding(
                f"{group['login_id']}: {group['n']} 件（最初 {_day_label(first.date())} {first:%H:%M}）",
                found.in_log_order(),
            )
        )
    return report


def log_gaps(systems: Iterable[System], entries: AccessLogEntryQuerySet, until: dt.date) -> AnomalyReport:
    """Days without entries between a system's first online day and *until* (exclusive)."""
    report = AnomalyReport("log_gaps", "記録の欠落", "毎日（または開庁日ごと）に記録するシステムで、記録が1件もない日")
    for system in systems:
        if system.log_days == LogDays.IRREGULAR:
            continue
        own = entries.filter(system=system).annotate(day=TruncDate("occurred_at", tzinfo=JAPAN))
        days = set(own.values_list("day", flat=True).distinct())
        for day in missing_days(system, days, until):
            around = _around(own, _previous(days, day), _next(days, day))
            report.add(Finding(f"{system.name}: {_day_label(day)} の記録がありません", around))
    return report


def _around(entries: AccessLogEntryQuerySet, before: dt.date | None, after: dt.date | None) -> AccessLogEntryQuerySet:
    """The last entry before a gap and the first after it."""
    keys = []
    if before is not None:
        last = _on_day(entries, before).order_by("-occurred_at")
        keys += list(last.values_list("batch_id", "line")[:1])
    if after is not None:
        first = _on_day(entries, after).order_by("occurred_at")
        keys += list(first.values_list("batch_id", "line")[:1])
    match = Q(pk__in=[])
    for batch_id, line in keys:
        match |= Q(batch_id=batch_id, line=line)
    return entries.filter(match).in_log_order()

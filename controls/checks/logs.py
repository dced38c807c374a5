"""Checks on the access logs: kept as the assessment promises, and no use after a holder left."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min

from controls.checks.base import CheckContext, Verdict, check, failed, not_applicable, passed
from registry.access_logs.anomalies import Scope, after_departure, log_gaps
from registry.access_logs.calendar import local_midnight
from registry.access_logs.retention import add_months, month_start
from registry.access_logs.validation import JAPAN
from registry.enums import ArchiveStatus
from registry.jp.wareki import format_date, format_year_month
from registry.models import AccessLogAccountSeen, LogArchive, StaffAccount, System
from registry.models.access_logs import UNKNOWN_ACCOUNT

DISABLE_WITHIN_DAYS = 30


@check("logs_online", "オンラインのログが直近3か月を欠落なく保持している")
def logs_online(context: CheckContext) -> Verdict:
    systems = context.systems
    if not systems:
        return not_applicable("ファイルに使用するシステムが登録されていません")
    since = add_months(context.today, -3)
    first = Scope(systems).days().aggregate(first=Min("first_at"))["first"]
    gaps = log_gaps(Scope(systems, first_day=since), until=context.today)
    first_day = first.astimezone(JAPAN).date() if first else None
    figures = {"systems": len(systems), "first_online": str(first_day) if first_day else None, "gaps": gaps.total}
    if first_day is None or first_day > since + dt.timedelta(days=7):
        return failed(f"直近3か月（{format_date(since)} 以降）のログがそろっていません", **figures)
    if gaps.total:
        return failed(f"記録のない日が {gaps.total} 日あります（{gaps.findings[0].summary} など）", **figures)
    return passed(f"{len(systems)} システムとも {format_date(since)} 以降のログを欠落なく保持", **figures)


@check("logs_archived", "3か月より前のログが7年分CSVで保管され、7年を過ぎたものが残っていない")
def logs_archived(context: CheckContext) -> Verdict:
    systems = context.systems
    if not systems:
        return not_applicable("ファイルに使用するシステムが登録されていません")
    cutoff = add_months(context.today, -3)
    oldest_allowed = month_start(add_months(context.today, -3 - 12 * 7))
    problems = []
    archived_months = 0
    for system in systems:
        kept = LogArchive.objects.for_system(system).kept()
        months = set(kept.values_list("month", flat=True))
        archived_months += len(months)
        if kept.filter(expires_on__lte=context.today).exists() or kept.filter(month__lt=oldest_allowed).exists():
            problems.append(f"{system.name}: 保管期間を過ぎたCSVが残っています")
        # The per-day figures mirror the online rows (an EXISTS on the rows themselves scans millions).
        too_old = Scope([system]).days().filter(day__lt=month_start(cutoff)).exists()
        if too_old:
            problems.append(f"{system.name}: オンライン期間を過ぎたログがデータベースに残っています")
        first_log = _first_log_month(system)
        month = max(first_log, oldest_allowed) if first_log else None
        while month is not None and month < month_start(cutoff):
            if month not in months:
                problems.append(f"{system.name}: {format_year_month(month)} のログの保管ファイルがありません")
                break
            month = add_months(month, 1)
    figures = {"archived_months": archived_months, "problems": len(problems)}
    if problems:
        return failed("、".join(problems[:3]), **figures)
    return passed(f"保管ファイル {archived_months} か月分、保管期間内のみ", **figures)


def _first_log_month(system: System) -> dt.date | None:
    archived = (
        LogArchive.objects.for_system(system).exclude(status=ArchiveStatus.WRITING).aggregate(m=Min("month"))["m"]
    )
    online = Scope([system]).days().aggregate(first=Min("day"))["first"]
    months = [m for m in (archived, month_start(online) if online else None) if m]
    return min(months) if months else None


@check("no_access_after_departure", "退職・無効化後のアカウントによるアクセスがない")
def no_access_after_departure(context: CheckContext) -> Verdict:
    systems = context.systems
    if not systems:
        return not_applicable("ファイルに使用するシステムが登録されていません")
    report = after_departure(Scope(systems))
    entries = sum(finding.count or 0 for finding in report.findings)
    if report.total:
        return failed(
            f"{report.total} アカウントで {entries} 件（{report.findings[0].summary}）",
            accounts=report.total,
            entries=entries,
        )
    return passed("退職・無効化後のアクセスはありません", accounts=0, entries=0)


@check("departed_accounts_disabled", f"退職・異動者のアカウントが{DISABLE_WITHIN_DAYS}日以内に無効化されている")
def departed_accounts_disabled(context: CheckContext) -> Verdict:
    departed = StaffAccount.objects.filter(system__in=context.systems, holder_left_on__isnull=False)
    if not departed.exists():
        return not_applicable("退職・異動した利用者の登録がありません")
    late = []
    for account in departed:
        if account.holder_left_on is None:
            continue
        limit = account.holder_left_on + dt.timedelta(days=DISABLE_WITHIN_DAYS)
        if account.disabled_on is not None:
            is_late = account.disabled_on > limit
        else:  # disabled on a day not recorded counts as in time; still active after the limit does not
            is_late = account.active and context.today > limit
        if is_late:
            late.append(account.login_id)
    figures = {"departed": departed.count(), "late": len(late), "accounts": late[:20]}
    if late:
        return failed(f"無効化されていない、または遅れたアカウント: {', '.join(late[:5])}", **figures)
    return passed(f"退職・異動者 {departed.count()} 名のアカウントはすべて期限内に無効化", **figures)


def accounts_used_since(context: CheckContext, since: dt.date) -> set[int]:
    """Accounts seen in the logs since *since*, online or archived (the per-account last-seen figures)."""
    seen = AccessLogAccountSeen.objects.filter(system__in=context.systems, last_at__gte=local_midnight(since))
    return set(seen.exclude(account_ref=UNKNOWN_ACCOUNT).values_list("account_ref", flat=True))

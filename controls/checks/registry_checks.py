"""Checks on the registry: accounts, contracts, training, inspections and subject counts."""

from __future__ import annotations

import datetime as dt

from controls.checks.base import CheckContext, Verdict, check, failed, not_applicable, passed
from controls.checks.logs import accounts_used_since
from registry.enums import ContractClause, HandlerBand, InspectionKind, SubjectBand
from registry.jp.wareki import format_date
from registry.models import DelegationContract, InspectionRecord, StaffAccount, TrainingRecord

PASSWORD_POLICY_DAYS = 180


@check("users_within_band", "過去1年にファイルを使用したアカウント数が使用者数の区分内")
def users_within_band(context: CheckContext) -> Verdict:
    declared = context.file.user_band
    if not declared or not context.systems:
        return not_applicable("使用者数の区分またはシステムが登録されていません")
    used = len(accounts_used_since(context, context.today - dt.timedelta(days=365)))
    actual = HandlerBand.for_count(used)
    figures = {"accounts_used": used, "declared": declared, "actual_band": actual.value}
    if actual != declared:
        return failed(f"過去1年の使用アカウント {used} 件は「{actual.value}」（記載は「{declared}」）", **figures)
    return passed(f"過去1年の使用アカウント {used} 件、記載の「{declared}」の範囲内", **figures)


@check("contract_handlers_within_band", "委託先の取扱者数が記載の区分内")
def contract_handlers_within_band(context: CheckContext) -> Verdict:
    contracts = DelegationContract.objects.filter(file=context.file)
    counted = [c for c in contracts if c.handler_count is not None and c.handler_band]
    if not counted:
        return not_applicable("取扱者数（実数）と区分が登録された委託契約がありません")
    off = [c for c in counted if HandlerBand.for_count(c.handler_count or 0).value != c.handler_band]
    figures = {"contracts": len(counted), "outside": [c.title for c in off]}
    if off:
        return failed(
            f"区分と実数が合わない委託: {off[0].title}（{off[0].handler_count} 人、記載「{off[0].handler_band}」）",
            **figures,
        )
    return passed(f"委託 {len(counted)} 件とも取扱者数が区分内", **figures)


@check("contract_clauses", "委託契約書に必要な規定がそろっている")
def contract_clauses(context: CheckContext) -> Verdict:
    contracts = list(DelegationContract.objects.filter(file=context.file))
    if not contracts:
        return not_applicable("委託契約が登録されていません")
    required = set(ContractClause.values)
    missing = {c.title: sorted(required - set(c.clauses or [])) for c in contracts if required - set(c.clauses or [])}
    figures = {"contracts": len(contracts), "missing": missing}
    if missing:
        title, clauses = next(iter(missing.items()))
        labels = "、".join(ContractClause(k).label for k in clauses[:2])
        return failed(f"{title}: {labels} などの規定がありません", **figures)
    return passed(f"委託契約 {len(contracts)} 件とも必要な規定あり", **figures)


@check("passwords_changed", f"パスワードが{PASSWORD_POLICY_DAYS}日以内に変更されている")
def passwords_changed(context: CheckContext) -> Verdict:
    accounts = StaffAccount.objects.filter(system__in=context.systems, active=True)
    if not accounts.exists():
        return not_applicable("有効なアカウントがありません")
    limit = context.today - dt.timedelta(days=PASSWORD_POLICY_DAYS)
    stale = [a.login_id for a in accounts if a.password_changed_on is None or a.password_changed_on < limit]
    figures = {"active_accounts": accounts.count(), "stale": len(stale), "accounts": stale[:20]}
    if stale:
        return failed(f"{len(stale)} アカウントのパスワードが {limit} より前から変更されていません", **figures)
    return passed(f"有効な {accounts.count()} アカウントとも {format_date(limit)} 以降に変更", **figures)


@check("training_within_year", "ファイルを使用する部署で過去1年以内に研修を実施")
def training_within_year(context: CheckContext) -> Verdict:
    since = context.today - dt.timedelta(days=365)
    held = TrainingRecord.objects.filter(organization=context.organization, held_on__gte=since).order_by("-held_on")
    figures = {"trainings": held.count(), "since": str(since)}
    latest = held.first()
    if latest is None:
        return failed(f"{format_date(since)} 以降の研修記録がありません", **figures)
    return passed(f"過去1年に {held.count()} 回（最新 {format_date(latest.held_on)} {latest.title}）", **figures)


@check("inspection_within_year", "記載した種類の点検・監査を過去1年以内に実施")
def inspection_within_year(context: CheckContext) -> Verdict:
    """Each kind ticked in Ⅲ8 (自己点検, 内部監査, 外部監査) held within the year; any kind without the claims."""
    since = context.today - dt.timedelta(days=365)
    held = InspectionRecord.objects.filter(organization=context.organization, held_on__gte=since).order_by("-held_on")
    ticked = context.claims.get("inspection_kinds")
    figures = {"inspections": held.count(), "since": str(since), "ticked": ticked}
    if ticked is not None:
        if not ticked:
            return not_applicable("評価書に実施する点検・監査の記載がありません", **figures)
        done = set(held.values_list("kind", flat=True))
        missing = [InspectionKind(kind).label for kind in ticked if kind not in done]
        if missing:
            return failed(f"記載した{'・'.join(missing)}の {format_date(since)} 以降の記録がありません", **figures)
    latest = held.first()
    if latest is None:
        return failed(f"{format_date(since)} 以降の点検・監査の記録がありません", **figures)
    latest_label = f"{format_date(latest.held_on)} {latest.get_kind_display()}"
    return passed(f"過去1年に {held.count()} 回（最新 {latest_label}）", **figures)


@check("subjects_within_band", "ファイルの対象人数が記載の区分内")
def subjects_within_band(context: CheckContext) -> Verdict:
    count, declared = context.file.subject_count, context.file.subject_band
    if count is None or not declared:
        return not_applicable("対象人数（実数）または区分が登録されていません")
    actual = SubjectBand.for_count(count)
    figures = {"subjects": count, "declared": declared, "actual_band": actual.value}
    if actual != declared:
        return failed(f"対象人数 {count:,} 人は「{actual.value}」（記載は「{declared}」）", **figures)
    return passed(f"対象人数 {count:,} 人、記載の「{declared}」の範囲内", **figures)

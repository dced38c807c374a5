"""Checks of what the assessment prints against the registry (claims handed over by the assessment)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from controls.checks.base import CheckContext, Verdict, check, failed, not_applicable, passed
from controls.threshold import KIND_REQUIRED, Required, judge
from registry.enums import DestinationKind, HandlerBand
from registry.jp.wareki import format_date
from registry.models import DelegationContract, Destination, IncidentRecord, StaffAccount


def handler_count(context: CheckContext) -> int:
    """取扱者数: the body's active accounts on the file's systems plus the contractors' handlers."""
    staff = StaffAccount.objects.filter(system__in=context.systems, active=True).values("holder").distinct().count()
    contractors = 0
    for contract in DelegationContract.objects.filter(file=context.file):
        if contract.handler_count is not None:
            contractors += contract.handler_count
        else:
            # A contract whose exact count is not registered counts its band's lower bound.
            contractors += HandlerBand(contract.handler_band).floor if contract.handler_band in HandlerBand else 0
    return staff + contractors


def _chosen(claim: dict[str, Any] | None, matches: Callable[[dict[str, Any]], bool]) -> str | None:
    """The label of the claim's choice that *matches* (the band a count falls in, the result a kind states)."""
    return next((choice["label"] for choice in (claim or {}).get("choices", []) if matches(choice)), None)


def _in_range(count: int) -> Callable[[dict[str, Any]], bool]:
    def matches(choice: dict[str, Any]) -> bool:
        low, high = choice.get("range") or (None, None)
        return low is not None and count >= low and (high is None or count < high)

    return matches


@check("threshold_agrees", "しきい値判断の結果と対象人数が台帳から導いたものと一致する")
def threshold_agrees(context: CheckContext) -> Verdict:
    band, result = context.claims.get("subject_band"), context.claims.get("threshold_result")
    printed_band, printed_result = (band or {}).get("printed"), (result or {}).get("printed")
    subjects = context.file.subject_count
    if subjects is None or not (printed_band or printed_result):
        return not_applicable("対象人数（実数）または評価書の記載がありません")
    incidents = IncidentRecord.objects.filter(organization=context.organization, serious_for_my_number=True)
    judgment = judge(
        subjects, handler_count(context), list(incidents.values_list("occurred_on", flat=True)), context.today
    )
    figures = {
        "subjects": subjects,
        "handlers": judgment.handlers,
        "serious_incident": judgment.serious_incident,
        "required": judgment.required.label,
        "printed_band": printed_band,
        "printed_result": printed_result,
    }
    kind = str(context.claims.get("assessment_kind", ""))
    # A 基礎 only states the result (its Ⅲ): whether the heavier assessment is held is assessments_of_affair's.
    states_only = KIND_REQUIRED.get(kind) is Required.KISO
    if kind and not states_only and not judgment.satisfied_by(kind):
        return failed(f"台帳からは「{judgment.required.label}」：この評価書では足りません", **figures)
    problems = []
    expected_band = _chosen(band, _in_range(subjects))
    if printed_band and printed_band != expected_band:
        problems.append(f"対象人数 {subjects:,} 人は「{expected_band}」（記載は「{printed_band}」）")
    expected_result = _chosen(result, lambda choice: KIND_REQUIRED.get(choice.get("states", "")) == judgment.required)
    if printed_result and printed_result != expected_result:
        problems.append(f"しきい値判断は「{expected_result}」（記載は「{printed_result}」）")
    if problems:
        return failed("、".join(problems), **figures)
    return passed(f"対象人数 {subjects:,} 人、取扱者数 {judgment.handlers} 人：記載どおり", **figures)


# What the repeat claims are called in messages, and what the registry holds for each.
ENTRY_LABELS = {"delegations": "委託", "provisions": "提供", "transfers": "移転"}


def _registry_entries(context: CheckContext) -> dict[str, set[int]]:
    destinations = Destination.objects.filter(file=context.file)
    return {
        "delegations": set(DelegationContract.objects.filter(file=context.file).values_list("pk", flat=True)),
        "provisions": set(destinations.filter(kind=DestinationKind.PROVISION).values_list("pk", flat=True)),
        "transfers": set(destinations.filter(kind=DestinationKind.TRANSFER).values_list("pk", flat=True)),
    }


@check("printed_counts", "委託事項・提供先・移転先の件数が印字された件数と台帳に一致する")
def printed_counts(context: CheckContext) -> Verdict:
    counts = context.claims.get("counts")
    if not counts:
        return not_applicable("評価書の記載が渡されていません")
    registry = {name: len(pks) for name, pks in _registry_entries(context).items() if name in counts}
    problems = []
    for name, (printed, entries) in counts.items():
        label = ENTRY_LABELS[name]
        if printed is not None and printed != entries:
            problems.append(f"{label}（{printed}）件と印字、記載は {entries} 件")
        if entries != registry[name]:
            problems.append(f"{label}の記載 {entries} 件、台帳 {registry[name]} 件")
    figures = {"printed": {ENTRY_LABELS[k]: v[0] for k, v in counts.items()},
               "entries": {ENTRY_LABELS[k]: v[1] for k, v in counts.items()},
               "registry": {ENTRY_LABELS[k]: v for k, v in registry.items()}}  # fmt: skip
    if problems:
        return failed("、".join(problems), **figures)
    return passed("委託・提供・移転の件数は印字・記載・台帳で一致", **figures)


@check("entries_linked", "委託事項・提供先・移転先が台帳の契約・提供先と1対1で結び付いている")
def entries_linked(context: CheckContext) -> Verdict:
    linked = context.claims.get("linked")
    if linked is None:
        return not_applicable("評価書の記載が渡されていません")
    registry = {name: pks for name, pks in _registry_entries(context).items() if name in linked}
    problems = []
    for name, refs in linked.items():
        label = ENTRY_LABELS[name]
        unlinked = sum(1 for ref in refs if ref is None)
        if unlinked:
            problems.append(f"台帳に紐付いていない{label}の記載 {unlinked} 件")
        missing = registry[name] - {ref for ref in refs if ref is not None}
        if missing:
            problems.append(f"評価書にない台帳の{label} {len(missing)} 件")
        foreign = {ref for ref in refs if ref is not None} - registry[name]
        if foreign:
            problems.append(f"このファイルのものでない台帳の{label} {len(foreign)} 件")
    figures = {
        "entries": {ENTRY_LABELS[k]: len(v) for k, v in linked.items()},
        "registry": {ENTRY_LABELS[k]: len(v) for k, v in registry.items()},
    }
    if problems:
        return failed("、".join(problems), **figures)
    return passed("委託事項・提供先・移転先はすべて台帳と1対1で対応", **figures)


@check("contracts_in_force", "印字している委託契約の契約期間が終了していない")
def contracts_in_force(context: CheckContext) -> Verdict:
    linked = context.claims.get("linked")
    if linked is None:
        return not_applicable("評価書の記載が渡されていません")
    refs = {ref for ref in linked.get("delegations", []) if ref is not None}
    contracts = list(DelegationContract.objects.filter(pk__in=refs).order_by("period_end", "pk"))
    if not contracts:
        return not_applicable("台帳の委託契約に結び付いた委託事項がありません")
    ended = [c for c in contracts if c.period_end is not None and c.period_end < context.today]
    figures = {"contracts": len(contracts), "ended": [c.title for c in ended]}
    if ended:
        first = ended[0]
        more = f" ほか {len(ended) - 1} 件" if len(ended) > 1 else ""
        return failed(
            f"契約期間が終了した委託契約を印字しています：{first.title}（{format_date(first.period_end)}終了）{more}",
            **figures,
        )
    return passed(f"印字している委託契約 {len(contracts)} 件とも契約期間内", **figures)

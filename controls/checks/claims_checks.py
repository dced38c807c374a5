"""Checks of what the assessment prints against the registry (claims handed over by the assessment)."""

from __future__ import annotations

from controls.checks.base import CheckContext, Verdict, check, failed, not_applicable, passed
from controls.threshold import Required, judge, subject_count_choice
from registry.enums import DestinationKind
from registry.models import DelegationContract, Destination, IncidentRecord, StaffAccount

# Lower bounds of the printed 取扱者数 bands, for contracts whose exact count is not registered.
_BAND_FLOOR = {"10人未満": 0, "10人以上50人未満": 10, "50人以上100人未満": 50, "100人以上500人未満": 100,
               "500人以上1,000人未満": 500, "1,000人以上": 1000}  # fmt: skip


def handler_count(context: CheckContext) -> int:
    """取扱者数: the body's active accounts on the file's systems plus the contractors' handlers."""
    staff = StaffAccount.objects.filter(system__in=context.systems, active=True).values("holder").distinct().count()
    contractors = 0
    for contract in DelegationContract.objects.filter(file=context.file):
        if contract.handler_count is not None:
            contractors += contract.handler_count
        else:
            contractors += _BAND_FLOOR.get(contract.handler_band, 0)
    return staff + contractors


@check(
    "threshold_agrees",
    "しきい値判断の結果と対象人数が台帳から導いたものと一致する",
    "Ⅰ１．特定個人情報ファイルを取り扱う事務 ③対象人数",
    "Ⅴ１．特定個人情報保護評価の実施を担当する部署 ②しきい値判断結果",
)
def threshold_agrees(context: CheckContext) -> Verdict:
    printed_band, printed_result = context.claims.get("taisho_ninzu"), context.claims.get("shikiichi_kekka")
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
    if judgment.required > Required.JUTEN:
        return failed(f"台帳からは「{judgment.required.label}」：重点項目評価書では足りません", **figures)
    problems = []
    if printed_band and printed_band != subject_count_choice(subjects):
        problems.append(f"対象人数 {subjects:,} 人は「{subject_count_choice(subjects)}」（記載は「{printed_band}」）")
    if printed_result and printed_result != judgment.juten_result_choice:
        problems.append(f"しきい値判断は「{judgment.juten_result_choice}」（記載は「{printed_result}」）")
    if problems:
        return failed("、".join(problems), **figures)
    return passed(f"対象人数 {subjects:,} 人、取扱者数 {judgment.handlers} 人：記載どおり", **figures)


@check(
    "printed_counts",
    "委託事項・提供先・移転先の件数が印字された件数と台帳に一致する",
    "Ⅱ４．特定個人情報ファイルの取扱いの委託 委託の有無（件数）",
    "Ⅱ５．特定個人情報の提供・移転 提供・移転の有無（件数）",
)
def printed_counts(context: CheckContext) -> Verdict:
    counts = context.claims.get("counts")
    if not counts:
        return not_applicable("評価書の記載が渡されていません")
    registry = {
        "委託": DelegationContract.objects.filter(file=context.file).count(),
        "提供": Destination.objects.filter(file=context.file, kind=DestinationKind.PROVISION).count(),
        "移転": Destination.objects.filter(file=context.file, kind=DestinationKind.TRANSFER).count(),
    }
    problems = []
    for label, (printed, entries) in counts.items():
        if printed is not None and printed != entries:
            problems.append(f"{label}（{printed}）件と印字、記載は {entries} 件")
        if entries != registry[label]:
            problems.append(f"{label}の記載 {entries} 件、台帳 {registry[label]} 件")
    figures = {"printed": {k: v[0] for k, v in counts.items()}, "entries": {k: v[1] for k, v in counts.items()},
               "registry": registry}  # fmt: skip
    if problems:
        return failed("、".join(problems), **figures)
    return passed("委託・提供・移転の件数は印字・記載・台帳で一致", **figures)


@check(
    "entries_linked",
    "委託事項・提供先・移転先が台帳の契約・提供先と1対1で結び付いている",
    "Ⅱ４．特定個人情報ファイルの取扱いの委託 委託事項",
    "Ⅱ５．特定個人情報の提供・移転 提供先・移転先",
    items=("risk.itaku.risk.jubun",),
)
def entries_linked(context: CheckContext) -> Verdict:
    linked = context.claims.get("linked")
    if linked is None:
        return not_applicable("評価書の記載が渡されていません")
    registry = {
        "委託": set(DelegationContract.objects.filter(file=context.file).values_list("pk", flat=True)),
        "提供": set(
            Destination.objects.filter(file=context.file, kind=DestinationKind.PROVISION).values_list("pk", flat=True)
        ),
        "移転": set(
            Destination.objects.filter(file=context.file, kind=DestinationKind.TRANSFER).values_list("pk", flat=True)
        ),
    }
    problems = []
    for label, refs in linked.items():
        unlinked = sum(1 for ref in refs if ref is None)
        if unlinked:
            problems.append(f"台帳に紐付いていない{label}の記載 {unlinked} 件")
        missing = registry[label] - {ref for ref in refs if ref is not None}
        if missing:
            problems.append(f"評価書にない台帳の{label} {len(missing)} 件")
        foreign = {ref for ref in refs if ref is not None} - registry[label]
        if foreign:
            problems.append(f"このファイルのものでない台帳の{label} {len(foreign)} 件")
    figures = {"entries": {k: len(v) for k, v in linked.items()}, "registry": {k: len(v) for k, v in registry.items()}}
    if problems:
        return failed("、".join(problems), **figures)
    return passed("委託事項・提供先・移転先はすべて台帳と1対1で対応", **figures)

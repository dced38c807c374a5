"""Nagaoka's registry for the demo, built from the seed's values (idempotent).

Systems, the file, contracts, the provision destination and departments come from
the published assessment. Staff accounts, training and inspection records are
synthetic but plausible: the seed does not publish them.
"""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar
from typing import Any

from django.utils import timezone

from registry.enums import ContractClause, DestinationKind, InspectionKind, Network, TrainingKind
from registry.models import (
    Contractor,
    DelegationContract,
    Department,
    Destination,
    InspectionRecord,
    Organization,
    PersonalInformationFile,
    StaffAccount,
    Subcontract,
    System,
    TrainingRecord,
)

_FUNCTION_START = re.compile(r"^[０-９]+　(.*)$")

# Printed forms of department names in 請求先 / 連絡先 (the seed spaces them there, not in Ⅰ6).
CONTACT_LABELS = {"福祉保健部保健医療課": "福祉保健部　保健医療課", "総務部庶務課": "総務部　庶務課"}


def parse_functions(text: str | None) -> list[dict[str, str]]:
    """「１　機能名」 lines start a function; the lines after it are its description."""
    functions: list[dict[str, str]] = []
    for line in (text or "").split("\n"):
        match = _FUNCTION_START.match(line)
        if match:
            functions.append({"title": match.group(1), "description": ""})
        elif functions:
            description = functions[-1]["description"]
            functions[-1]["description"] = f"{description}\n{line}" if description else line
    return functions


def parse_record_items(text: str | None) -> tuple[str, list[dict[str, Any]], str]:
    """別添１ text → heading, items (with （※） marks) and the closing note."""
    body, _, note = (text or "").partition("\n\n")
    heading, items = "", []
    for line in body.split("\n"):
        if line.startswith("・"):
            name = line[1:]
            items.append({"name": name.removesuffix("（※）"), "conditional": name.endswith("（※）")})
        elif line.strip():
            heading = line
    return heading, items, note


# When the records the assessment prints were recorded (simple-history's history_date); None: now.
_recorded_at: ContextVar[dt.datetime | None] = ContextVar("recorded_at", default=None)


def _save(obj, user):
    obj._history_user = user  # simple-history records who made the demo data
    recorded_at = _recorded_at.get()
    if recorded_at is not None:
        obj._history_date = recorded_at
    obj.save()
    return obj


def _get_or_build(model, user, lookup: dict[str, Any], values: dict[str, Any]):
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj
    return _save(model(**lookup, **values), user)


# Codes the systems' access logs are ingested under (ingest_access_logs --system nagaoka/<code>).
SYSTEM_CODES = ("vrs", "kenko-kanri", "chukan-server", "togo-atena")


def _systems(org: Organization, seed: dict, user) -> list[System]:
    systems = []
    for n, entry in enumerate(seed["kihon"]["systems"]):
        states = entry["setsuzoku"]
        networks = [key for key in Network.values if states.get(key, {}).get("checked")]
        systems.append(
            _get_or_build(
                System,
                user,
                {"organization": org, "name": entry["meisho"]},
                {
                    "functions": parse_functions(entry["kino"]),
                    "networks": networks,
                    "code": SYSTEM_CODES[n] if n < len(SYSTEM_CODES) else f"system-{n + 1}",
                },
            )
        )
    by_name = {s.name: s for s in systems}
    for system, entry in zip(systems, seed["kihon"]["systems"], strict=True):
        other = entry["setsuzoku"].get("sonota", {})
        if not other.get("checked") or system.connected_systems or system.other_connections:
            continue
        names = [n for n in re.split("[、,]", other.get("text") or "") if n]
        system.connected_systems = [by_name[n].pk for n in names if n in by_name]
        system.other_connections = "、".join(n for n in names if n not in by_name)
        _save(system, user)
    return systems


def _departments(org: Organization, user) -> dict[str, Department]:
    departments = {}
    for department in Department.objects.filter(organization=org):
        label = CONTACT_LABELS.get(department.name, "")
        if label and department.contact_label != label:
            department.contact_label = label
            _save(department, user)
        departments[department.name] = department
    return departments


def _file(org: Organization, seed: dict, departments: dict[str, Department], systems: list[System], user):
    entry, betten1 = seed["files"][0], seed["betten1"][0]
    heading, items, note = parse_record_items(betten1["kiroku_komoku"])
    kihon = entry["kihon"]
    return _get_or_build(
        PersonalInformationFile,
        user,
        {"organization": org, "name": entry["file_mei"]},
        {
            "file_type": kihon["file_shurui"],
            "subject_band": kihon["honnin_su"],
            "subject_count": 258_000,  # synthetic: about the city's population, within the printed band
            "subject_range": kihon["honnin_hani"],
            "necessity": kihon["honnin_hani_hitsuyosei"],
            "record_items_heading": heading,
            "record_items": items,
            "record_items_note": note,
            "retention_start": dt.date.fromisoformat(kihon["hoyu_kaishi_bi_iso"]),
            "department": departments[kihon["jimu_tanto_busho"]],
            "user_band": entry["nyushu"]["shiyo_shutai"]["shiyo_shasu"],
            "systems": [s.pk for s in systems],
        },
    )


def _contracts(org: Organization, seed: dict, file: PersonalInformationFile, user) -> list[DelegationContract]:
    contracts = []
    for entry in seed["files"][0]["itaku"]["jiko"]:
        contractor = _get_or_build(Contractor, user, {"organization": org, "name": entry["itakusaki_mei"]}, {})
        sub = entry["saiitaku"]
        contract = _get_or_build(
            DelegationContract,
            user,
            {"organization": org, "title": entry["title"]},
            {
                "file": file,
                "content": entry["naiyo"] or "",
                "contractor": contractor,
                "handler_band": entry["toriatsukai_shasu"],
                "subcontracted": sub["umu"] == "再委託する",
                "approval_method": sub["kyodaku_hoho"] or "",
                "subcontracted_matters": sub["jiko"] or "",
                "clauses": list(ContractClause.values),
                "period_start": dt.date(2025, 4, 1),
                "period_end": dt.date(2026, 3, 31),
            },
        )
        if contract.subcontracted and not contract.subcontracts.exists():
            # The seed does not name the subcontractor; the demo marks it as undisclosed.
            subcontractor = _get_or_build(
                Contractor, user, {"organization": org, "name": "再委託先（名称非公表・デモ）"}, {}
            )
            _save(
                Subcontract(contract=contract, contractor=subcontractor, matters=contract.subcontracted_matters), user
            )
        contracts.append(contract)
    return contracts


def _destinations(org: Organization, seed: dict, file: PersonalInformationFile, user) -> list[Destination]:
    found = []
    teikyo_iten = seed["files"][0]["teikyo_iten"]
    for kind, key in ((DestinationKind.PROVISION, "teikyosaki"), (DestinationKind.TRANSFER, "itensaki")):
        for entry in teikyo_iten[key]:
            methods = [k for k, state in entry["hoho"].items() if state.get("checked") and k != "sonota"]
            found.append(
                _get_or_build(
                    Destination,
                    user,
                    {"organization": org, "kind": kind, "name": entry["name"]},
                    {
                        "file": file,
                        "legal_basis": entry["horei_konkyo"] or "",
                        "purpose": entry["yoto"] or "",
                        "information": entry["joho"] or "",
                        "subject_band": entry["honnin_su"] or "",
                        "subject_range": entry["honnin_hani"] or "",
                        "methods": methods,
                        "other_method": (entry["hoho"].get("sonota") or {}).get("text") or "",
                        "timing": entry["jiki_hindo"] or "",
                    },
                )
            )
    return found


STAFF_SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤")


def _staff(org: Organization, systems: list[System], departments: dict[str, Department], user) -> None:
    if StaffAccount.objects.filter(organization=org).exists():
        return
    department = departments["福祉保健部保健医療課"]
    start = dt.date(2021, 5, 1)
    n = 0
    for system, count in zip(systems, (9, 12, 5, 4), strict=True):
        for i in range(count):
            n += 1
            account = StaffAccount(
                organization=org,
                system=system,
                login_id=f"u{n:04d}",
                holder=f"{STAFF_SURNAMES[n % len(STAFF_SURNAMES)]} 職員{n:02d}",
                department=department,
                role="管理者" if i == 0 else "担当者",
                created_on=start + dt.timedelta(days=7 * n),
                # Changed within the 180-day policy of the evidence checks, on different days.
                password_changed_on=timezone.localdate() - dt.timedelta(days=5 * n),
            )
            if n in (5, 17, 23):  # disabled after a transfer
                account.active = False
                account.disabled_on = dt.date(2025, 3, 31)
            if n in (11, 26):  # holder left; n=26 still active: a finding for the evidence checks
                account.holder_left_on = dt.date(2025, 3, 31)
                account.active = n == 26
                account.disabled_on = dt.date(2025, 4, 1) if n == 11 else None
            _save(account, user)


def _records(org: Organization, user) -> None:
    if not TrainingRecord.objects.filter(organization=org).exists():
        courses = (
            ((7, 10), TrainingKind.SECURITY, "情報セキュリティ研修", 24),
            ((4, 15), TrainingKind.NEW_STAFF, "初任者・臨時職員向け情報セキュリティ研修", 6),
        )
        today = timezone.localdate()
        for year in range(2022, today.year + 1):
            for (month, day), kind, title, attendees in courses:
                if dt.date(year, month, day) > today:
                    continue
                record = TrainingRecord(
                    organization=org,
                    held_on=dt.date(year, month, day),
                    kind=kind,
                    title=f"{year}年度 {title}",
                    attendees=attendees,
                )
                _save(record, user)
    if not InspectionRecord.objects.filter(organization=org).exists():
        today = timezone.localdate()
        for year in (y for y in range(2023, today.year + 1) if dt.date(y, 11, 20) <= today):
            _save(
                InspectionRecord(
                    organization=org,
                    held_on=dt.date(year, 11, 20),
                    kind=InspectionKind.SELF,
                    scope="予防接種ファイルの取扱い（アクセス権限、媒体管理簿、操作ログの確認）",
                    findings="特記事項なし" if year != 2024 else "退職者アカウント1件の無効化漏れを指摘、是正済み",
                ),
                user,
            )


def load_registry(org: Organization, seed: dict, user, *, recorded_at: dt.datetime | None = None) -> dict[str, Any]:
    """Fill *org*'s registry from the seed; return the records the assessment links to.

    The records the assessment prints are recorded as of *recorded_at* (before the publication
    that prints them, so that its document reads them as of its own moment); staff accounts and
    training records, which follow today's date, are recorded now.
    """
    token = _recorded_at.set(recorded_at)
    try:
        systems = _systems(org, seed, user)
        departments = _departments(org, user)
        file = _file(org, seed, departments, systems, user)
        contracts = _contracts(org, seed, file, user)
        destinations = _destinations(org, seed, file, user)
    finally:
        _recorded_at.reset(token)
    _staff(org, systems, departments, user)
    _records(org, user)
    return {
        "systems": systems,
        "departments": departments,
        "file": file,
        "contracts": contracts,
        "destinations": [d for d in destinations if d.kind == DestinationKind.PROVISION],
        "transfers": [d for d in destinations if d.kind == DestinationKind.TRANSFER],
    }

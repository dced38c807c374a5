"""Thirteen months of plausible access logs for Nagaoka's systems, with a few planted anomalies.

Every account that is in service works every office day: it logs in, searches and views
a few residents (identified by a 10-digit 宛名番号, pseudonymized at ingestion), sometimes
updates one, and logs out. Each system's month arrives as one canonical CSV batch, as a
monthly export would. Then retention runs, so the older months sit in archives.

Planted anomalies (the reports must find exactly these; README「デモのアクセスログ」):
1. u0026, whose holder left on 2025-03-31 but whose account is still active, views
   three residents 20 days before the demo date (退職・無効化後のアクセス).
2. u0011, disabled on 2025-04-01, tries to log in 10 days before and is denied (same report).
3. u0003 searches and views at 22:40 on the Saturday before (時間外のアクセス).
4. u0007 views 150 residents between 14:00 and 15:00, 25 days before (大量の対象者).
5. vendor-tmp01, an id no account has, works on 健康管理システム 30 days before (未登録のログインID).
6. 中間サーバー writes nothing on the office day 40 days before (記録の欠落).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import defaultdict

from django.utils import timezone

from registry.access_logs.calendar import is_office_day
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.layout import CANONICAL_COLUMNS
from registry.access_logs.retention import add_months, apply_log_retention
from registry.access_logs.validation import JAPAN
from registry.models import LogBatch, Organization, StaffAccount, System

MONTHS = 13
RESIDENTS = 20_000
GAP_SYSTEM = "chukan-server"
UNKNOWN_ID = "vendor-tmp01"

Row = tuple[dt.datetime, str, str, str, str, str]  # time, login id, action, subject, terminal, result


def _office_day_before(today: dt.date, days: int) -> dt.date:
    day = today - dt.timedelta(days=days)
    while not is_office_day(day):
        day -= dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=JAPAN)


def _resident(rng: random.Random) -> str:
    return f"{rng.randrange(RESIDENTS) + 3_000_000_000:010d}"


def _working_day(rng: random.Random, account: StaffAccount, day: dt.date, terminal: str) -> list[Row]:
    start = _at(day, 8, 30) + dt.timedelta(minutes=rng.randrange(90))
    rows: list[Row] = [(start, account.login_id, "login", "", terminal, "success")]
    moment = start
    for _ in range(rng.randint(1, 3)):
        subject = _resident(rng)
        for action in ("search", "view") + (("update",) if rng.random() < 0.3 else ()):
            moment += dt.timedelta(minutes=rng.randint(2, 40), seconds=rng.randrange(60))
            rows.append((moment, account.login_id, action, subject, terminal, "success"))
    rows.append(
        (_at(day, 17, 0) + dt.timedelta(minutes=rng.randrange(30)), account.login_id, "logout", "", terminal, "")
    )
    return [row if row[5] else (*row[:5], "success") for row in rows]


def _in_service(account: StaffAccount, day: dt.date) -> bool:
    ends = [d for d in (account.disabled_on, account.holder_left_on) if d is not None]
    return account.created_on <= day and (not ends or day <= min(ends))


def _planted(systems: dict[str, System], accounts: dict[str, StaffAccount], today: dt.date) -> dict[str, list[Row]]:
    rng = random.Random(26)  # noqa: S311 - demo data, not security
    planted: dict[str, list[Row]] = defaultdict(list)
    left = accounts["u0026"]
    day = _office_day_before(today, 20)
    for n in range(3):
        planted[left.system.code].append(
            (_at(day, 10, 5 + n * 7), left.login_id, "view", _resident(rng), "PC-026", "success")
        )
    disabled = accounts["u0011"]
    day = _office_day_before(today, 10)
    planted[disabled.system.code].append((_at(day, 9, 12), disabled.login_id, "login", "", "PC-011", "denied"))
    night = accounts["u0003"]
    saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7 or 7)
    subject = _resident(rng)
    for minute, action in ((40, "search"), (43, "view")):
        planted[night.system.code].append(
            (_at(saturday, 22, minute), night.login_id, action, subject, "PC-003", "success")
        )
    bulk = accounts["u0007"]
    day = _office_day_before(today, 25)
    for n in range(150):
        planted[bulk.system.code].append(
            (
                _at(day, 14, n * 23 // 60, n * 23 % 60),
                bulk.login_id,
                "view",
                f"{4_000_000_000 + n:010d}",
                "PC-007",
                "success",
            )
        )
    day = _office_day_before(today, 30)
    for n, action in enumerate(("login", "search", "view", "logout")):
        planted["kenko-kanri"].append(
            (_at(day, 13, 10 + n), UNKNOWN_ID, action, "" if n in (0, 3) else "3000000042", "VPN-01", "success")
        )
    return planted


def _csv(system: System, rows: list[Row]) -> bytes:
    out = io.StringIO()
    out.write(",".join(CANONICAL_COLUMNS) + "\n")
    for at, login_id, action, subject, terminal, result in sorted(rows):
        out.write(f"{at.isoformat()},{system.code},{login_id},{action},{subject},{terminal},{result}\n")
    return out.getvalue().encode("utf-8")


def load_demo_access_logs(organization: Organization, *, today: dt.date | None = None) -> int:
    """Generate, ingest and archive the demo's logs once; return the number of entries ingested."""
    systems = {s.code: s for s in System.objects.filter(organization=organization)}
    if not systems or LogBatch.objects.filter(system__in=systems.values()).exists():
        return 0
    today = today or timezone.now().astimezone(JAPAN).date()
    accounts = {
        a.login_id: a for a in StaffAccount.objects.filter(system__in=systems.values()).select_related("system")
    }
    gap_day = _office_day_before(today, 40)
    planted = _planted(systems, accounts, today)
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    first = add_months(today, -MONTHS)
    by_month: dict[tuple[str, dt.date], list[Row]] = defaultdict(list)
    day = first
    while day < today:
        if is_office_day(day):
            for login_id, account in sorted(accounts.items()):
                code = account.system.code
                if _in_service(account, day) and not (code == GAP_SYSTEM and day == gap_day):
                    by_month[code, day.replace(day=1)] += _working_day(rng, account, day, f"PC-{login_id[-3:]}")
        day += dt.timedelta(days=1)
    for code, rows in planted.items():
        for row in rows:
            by_month[code, row[0].date().replace(day=1)].append(row)
    stored = 0
    for (code, month), rows in sorted(by_month.items()):
        result = ingest_bytes(_csv(systems[code], rows), system=systems[code], source=f"demo {month:%Y-%m}", fmt="csv")
        if result.rejected:
            raise RuntimeError(f"demo logs refused: {result.errors[:3]}")
        stored += result.stored
    apply_log_retention(now=_at(today, 12, 0))
    return stored

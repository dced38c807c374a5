"""A small organization with one system and its accounts, and canonical log lines for it."""

from __future__ import annotations

import datetime as dt

from registry.models import StaffAccount, System
from tests.factories import OrganizationFactory

HEADER = "occurred_at,system,login_id,action,subject,terminal,result\n"


def build_system(code: str = "vrs", organization=None) -> System:
    organization = organization or OrganizationFactory()
    system = System.objects.create(organization=organization, name=f"{code} システム", code=code)
    for n, login_id in enumerate(("u0001", "u0002", "u0003")):
        StaffAccount.objects.create(
            organization=organization,
            system=system,
            login_id=login_id,
            holder=f"職員{n + 1}",
            created_on=dt.date(2024, 4, 1),
        )
    return system


def line(at: str = "2026-11-30T09:15:00+09:00", system="vrs", login="u0001", action="view", subject="3000000001",
         terminal="PC-001", result="success") -> str:  # fmt: skip
    return f"{at},{system},{login},{action},{subject},{terminal},{result}\n"


def canonical_csv(*lines: str) -> bytes:
    return (HEADER + "".join(lines)).encode("utf-8")


def many_lines(count: int, start: dt.datetime | None = None) -> list[str]:
    start = start or dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    return [
        line(
            at=(start + dt.timedelta(seconds=7 * n)).isoformat(),
            login=f"u000{n % 3 + 1}",
            subject=f"{3_000_000_000 + n % 500}",
        )
        for n in range(count)
    ]

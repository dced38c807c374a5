"""The auditor's search over the months that left the table: their archive files.

Only the files of the auditor's systems whose month overlaps the searched period are read.
An archive with Parquet parts (columnar.py) is filtered by polars, which reads only what the
criteria need; one without (remote storage, or written before the parts existed) is read in
one streaming pass of its CSV.gz, a line parsed only when it holds the login id or subject
pseudonym searched for, then tested against every criterion exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage

from registry.access_logs.calendar import local_midnight
from registry.access_logs.columnar import matching_rows, part_sources
from registry.access_logs.search import Criteria
from registry.enums import LogAction, LogResult
from registry.models import LogArchive, StaffAccount, System

_ACTIONS = dict(LogAction.choices)
_RESULTS = dict(LogResult.choices)


@dataclass(frozen=True)
class ArchivedEntry:
    """One archived row, with what the result table and the CSV export show."""

    occurred_at: dt.datetime
    system: System
    login_id: str
    holder: str
    action: str
    subject: str
    terminal: str
    result: str
    batch_id: int
    line: int

    def get_action_display(self) -> str:
        return _ACTIONS.get(self.action, self.action)

    def get_result_display(self) -> str:
        return _RESULTS.get(self.result, self.result)


def archives_to_search(criteria: Criteria, user):
    """The kept files of the user's systems whose month overlaps the criteria's period, newest first."""
    archives = LogArchive.objects.for_user(user).kept().select_related("system")
    if criteria.system:
        archives = archives.filter(system=criteria.system)
    if criteria.start:
        archives = archives.filter(month__gte=criteria.start.replace(day=1))
    if criteria.end:
        archives = archives.filter(month__lte=criteria.end)
    return archives.order_by("-month", "system_id", "-part")


@dataclass
class ArchivedResult:
    """The first rows found in the archive files, and how many there are in all."""

    shown: list[ArchivedEntry]
    count: int
    months: int  # calendar months searched (one file per system and month)


def first_archived_matches(criteria: Criteria, user, shown: int) -> ArchivedResult:
    archives = list(archives_to_search(criteria, user))
    found: list[ArchivedEntry] = []
    count = 0
    for entry in archived_matches(criteria, archives):
        count += 1
        if len(found) < shown:
            found.append(entry)
    return ArchivedResult(found, count, len({a.month for a in archives}))  # months, whatever the systems


def archived_matches(criteria: Criteria, archives) -> Iterator[ArchivedEntry]:
    """The rows of *archives* that meet the criteria, newest month first, each file in its own order."""
    start = local_midnight(criteria.start) if criteria.start else None
    end = local_midnight(criteria.end + dt.timedelta(days=1)) if criteria.end else None
    needle = criteria.subject_pseudonym or criteria.login_id
    for archive in archives:
        holders = dict(
            StaffAccount.objects.filter(system=archive.system).values_list("pk", "holder")  # names as they are now
        )
        yield from _file_matches(archive, criteria, needle, start, end, holders)


def _file_matches(archive, criteria, needle, start, end, holders) -> Iterator[ArchivedEntry]:
    parts = part_sources(archive.path, default_storage)
    if parts:
        yield from _columnar_matches(archive, parts, criteria, start, end, holders)
    else:
        yield from _csv_matches(archive, criteria, needle, start, end, holders)


def _columnar_matches(archive, parts, criteria, start, end, holders) -> Iterator[ArchivedEntry]:
    found = matching_rows(
        parts,
        login_id=criteria.login_id,
        subject=criteria.subject_pseudonym,
        action=criteria.action,
        start=start,
        end=end,
    )
    for row in found.iter_rows(named=True):
        yield _entry(archive, holders, row)


def _csv_matches(archive, criteria, needle, start, end, holders) -> Iterator[ArchivedEntry]:
    """A streaming pass over the CSV.gz: a line is parsed only when it holds what is searched for."""
    with default_storage.open(archive.path, "rb") as stored, gzip.open(stored, "rt", encoding="utf-8") as text:
        header = next(csv.reader([text.readline()]))
        column = {name: header.index(name) for name in header}
        for raw in text:
            if needle and needle not in raw:
                continue
            row = next(csv.reader([raw]))
            if criteria.login_id and row[column["login_id"]] != criteria.login_id:
                continue
            if criteria.subject_pseudonym and row[column["subject"]] != criteria.subject_pseudonym:
                continue
            if criteria.action and row[column["action"]] != criteria.action:
                continue
            moment = dt.datetime.fromisoformat(row[column["occurred_at"]])
            if (start and moment < start) or (end and moment >= end):
                continue
            record = dict(zip(header, row, strict=True))
            account = record["account_id"]
            typed = {"occurred_at": moment, "account_id": int(account) if account else None}
            yield _entry(archive, holders, record | typed | {k: int(record[k]) for k in ("batch_id", "line")})


def _entry(archive, holders: dict[int, str], row: dict[str, Any]) -> ArchivedEntry:
    """An archived row (columns as archived, typed) with its system and its account's holder as named now."""
    account = row["account_id"]
    return ArchivedEntry(
        occurred_at=row["occurred_at"],
        system=archive.system,
        login_id=row["login_id"],
        holder=holders.get(account, "（未登録）") if account else "（未登録）",
        action=row["action"],
        subject=row["subject"],
        terminal=row["terminal"],
        result=row["result"],
        batch_id=row["batch_id"],
        line=row["line"],
    )

"""Per-day and per-account figures of the access logs, kept exact with the rows they count.

- `AccessLogDay`: per system, Japan day, login id and account: rows, rows outside office
  hours, the most distinct subjects touched in one hour, first and last time.
- `AccessLogAccountSeen`: per system, login id and account: first and last time seen, over
  every row ever stored (retention archives rows; it does not make an account unseen).

Both are written by `record_batch` in the transaction that stores the batch's rows, so an
interrupted ingestion leaves neither rows nor figures. A batch whose days already hold
figures (logs of one day sent in two files) gets those days recounted from all their rows,
because distinct subjects per hour do not add up. Retention recounts the days it empties
(`recount_days`). `rebuild` recounts everything, the archive files included.

A batch's figures are counted as its rows are written (batch_figures.py); recounts and
rebuilds are SQL grouped by login id and Japan hour, then by day, where only the hour
expressions differ between the two databases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import connection
from django.utils.dateparse import parse_datetime

from registry.access_logs.batch_figures import OFFICE_END, OFFICE_START, BatchFigures, DayFigures
from registry.access_logs.bounds import earliest_allowed, latest_allowed
from registry.access_logs.calendar import local_midnight

DAY_TABLE = "registry_accesslogday"
SEEN_TABLE = "registry_accesslogaccountseen"
ENTRY_TABLE = "registry_accesslogentry"
_DAY_COLUMNS = (
    "organization_id",
    "system_id",
    "day",
    "login_id",
    "account_ref",
    "rows",
    "outside_hours",
    "busiest_hour_subjects",
    "first_at",
    "last_at",
)


def _hour_sql() -> tuple[str, str, str]:
    """SQL for the Japan hour of occurred_at, and for the day and the hour of day of that hour (no summer time)."""
    if connection.vendor == "postgresql":
        return "date_trunc('hour', occurred_at AT TIME ZONE 'Asia/Tokyo')", "hour::date", "EXTRACT(HOUR FROM hour)"
    return (
        "strftime('%%Y-%%m-%%d %%H', occurred_at, '+9 hours')",
        "SUBSTR(hour, 1, 10)",
        "CAST(SUBSTR(hour, 12, 2) AS integer)",
    )


def _db_time(value: dt.datetime | None):
    return connection.ops.adapt_datetimefield_value(value)


def _db_date(value: dt.date):
    return connection.ops.adapt_datefield_value(value)


def _as_time(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(f"unreadable time in the entry table: {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _day_figures(system_id: int, start: dt.datetime, end: dt.datetime) -> dict[tuple, DayFigures]:
    """The figures of a system's rows in [start, end), keyed (day, login id, account ref).

    Grouped twice in SQL: by login id and Japan hour (distinct subjects are counted per hour),
    then by day, so that one row per login id and day comes back.
    """
    start, end = max(start, earliest_allowed()), min(end, latest_allowed())
    if start >= end:
        return {}
    hour, day, hour_of_day = _hour_sql()
    sql = (
        f"SELECT {day}, login_id, account_ref, SUM(n),"  # noqa: S608 - no user input
        f" SUM(CASE WHEN {hour_of_day} < {OFFICE_START} OR {hour_of_day} >= {OFFICE_END} THEN n ELSE 0 END),"
        " MAX(subjects), MIN(first_at), MAX(last_at)"
        f" FROM (SELECT {hour} AS hour, login_id, COALESCE(account_id, 0) AS account_ref,"
        " COUNT(*) AS n, COUNT(DISTINCT NULLIF(subject, '')) AS subjects,"
        " MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at"
        f" FROM {ENTRY_TABLE} WHERE system_id = %s AND occurred_at >= %s AND occurred_at < %s"
        " GROUP BY 1, 2, 3) hours"
        " GROUP BY 1, 2, 3"
    )
    params = [system_id, _db_time(start), _db_time(end)]
    days: dict[tuple, DayFigures] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for day, login_id, account_ref, rows, outside, subjects, first_at, last_at in cursor.fetchall():
            key = (_as_date(day), login_id, int(account_ref))
            days[key] = DayFigures(int(rows), int(outside), int(subjects), _as_time(first_at), _as_time(last_at))
    return days


def _insert_days(organization_id: int, system_id: int, days: dict[tuple[dt.date, str, int], DayFigures]) -> None:
    if not days:
        return
    placeholders = ", ".join(["%s"] * len(_DAY_COLUMNS))
    rows = [
        (organization_id, system_id, _db_date(day), login_id, account_ref, f.rows, f.outside_hours)
        + (f.busiest_hour_subjects, _db_time(f.first_at), _db_time(f.last_at))
        for (day, login_id, account_ref), f in days.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {DAY_TABLE} ({', '.join(_DAY_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _counted_days(system_id: int, first: dt.date, last: dt.date) -> set[dt.date]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT day FROM {DAY_TABLE} WHERE system_id = %s AND day >= %s AND day <= %s",  # noqa: S608
            [system_id, _db_date(first), _db_date(last)],
        )
        return {_as_date(row[0]) for row in cursor.fetchall()}


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def record_batch(organization_id: int, system_id: int, figures: BatchFigures) -> None:
    """Add one stored batch's figures (counted as its rows were written); call inside its transaction.

    Days that already had figures (a day sent in two files) and the days the batch could not
    count alone (batch_figures.py) are recounted from all their rows.
    """
    if not figures.days:
        return
    batch_days = {key[0] for key in figures.days}
    recount = (_counted_days(system_id, min(batch_days), max(batch_days)) & batch_days) | figures.recount
    _insert_days(organization_id, system_id, {key: f for key, f in figures.days.items() if key[0] not in recount})
    recount_days(organization_id, system_id, sorted(recount))
    _record_seen(organization_id, system_id, figures.days.items())


def recount_days(organization_id: int, system_id: int, days: Iterable[dt.date]) -> None:
    """Recount the figures of these days from the rows the table holds now (none left: no figures)."""
    for first, last in _runs(days):
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DAY_TABLE} WHERE system_id = %s AND day >= %s AND day <= %s",  # noqa: S608
                [system_id, _db_date(first), _db_date(last)],
            )
        start, end = local_midnight(first), local_midnight(last + dt.timedelta(days=1))
        _insert_days(organization_id, system_id, _day_figures(system_id, start, end))


def _runs(days: Iterable[dt.date]) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) ranges."""
    first = last = None
    for day in sorted(set(days)):
        if last is not None and day == last + dt.timedelta(days=1):
            last = day
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = day
    if first is not None and last is not None:
        yield first, last


def _record_seen(
    organization_id: int, system_id: int, days: Iterable[tuple[tuple[dt.date, str, int], DayFigures]]
) -> None:
    seen: dict[tuple[str, int], tuple[dt.datetime, dt.datetime]] = {}
    for (_, login_id, account_ref), figures in days:
        assert figures.first_at is not None and figures.last_at is not None  # noqa: S101 - a day has rows
        first, last = seen.get((login_id, account_ref), (figures.first_at, figures.last_at))
        seen[(login_id, account_ref)] = (min(first, figures.first_at), max(last, figures.last_at))
    merge_seen(organization_id, system_id, seen)


def merge_seen(
    organization_id: int, system_id: int, seen: dict[tuple[str, int], tuple[dt.datetime, dt.datetime]]
) -> None:
    """Widen each login id's first and last time seen to include these."""
    if not seen:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT login_id, account_ref, first_at, last_at FROM {SEEN_TABLE} WHERE system_id = %s",  # noqa: S608
            [system_id],
        )
        stored = {(row[0], int(row[1])): (_as_time(row[2]), _as_time(row[3])) for row in cursor.fetchall()}
        updates, inserts = [], []
        for key, (first, last) in seen.items():
            if key in stored:
                old_first, old_last = stored[key]
                if first < old_first or last > old_last:
                    updates.append((_db_time(min(first, old_first)), _db_time(max(last, old_last)), system_id, *key))
            else:
                inserts.append((organization_id, system_id, *key, _db_time(first), _db_time(last)))
        cursor.executemany(
            f"UPDATE {SEEN_TABLE} SET first_at = %s, last_at = %s"  # noqa: S608
            " WHERE system_id = %s AND login_id = %s AND account_ref = %s",
            updates,
        )
        cursor.executemany(
            f"INSERT INTO {SEEN_TABLE} (organization_id, system_id, login_id, account_ref, first_at, last_at)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s, %s)",
            inserts,
        )


def rebuild(organization_id: int, system_id: int, archived: Iterable[tuple[str, int, dt.datetime]] = ()) -> None:
    """Recount one system's figures from scratch: its online rows, and *archived* (login id, account, time) rows."""
    with connection.cursor() as cursor:
        for table in (DAY_TABLE, SEEN_TABLE):
            cursor.execute(f"DELETE FROM {table} WHERE system_id = %s", [system_id])  # noqa: S608
    days = _day_figures(system_id, earliest_allowed(), latest_allowed())
    _insert_days(organization_id, system_id, days)
    seen: dict[tuple[str, int], tuple[dt.datetime, dt.datetime]] = {}
    for (_, login_id, account_ref), figures in days.items():
        assert figures.first_at is not None and figures.last_at is not None  # noqa: S101 - a day has rows
        _widen(seen, (login_id, account_ref), figures.first_at, figures.last_at)
    for login_id, account_ref, moment in archived:
        _widen(seen, (login_id, account_ref), moment, moment)
    merge_seen(organization_id, system_id, seen)


def _widen(seen: dict, key: tuple[str, int], first: dt.datetime, last: dt.datetime) -> None:
    old = seen.get(key)
    seen[key] = (first, last) if old is None else (min(old[0], first), max(old[1], last))


def rebuild_from_archives(organization_id: int, system_id: int, archives: Iterable) -> None:
    """`rebuild` with the rows of the system's kept archive files (LogArchive records) read back."""
    from registry.access_logs.retention import archive_rows  # retention records through this module

    def archived() -> Iterator[tuple[str, int, dt.datetime]]:
        for archive in archives:
            rows = archive_rows(archive)
            header = next(rows)
            at, login, account = (header.index(c) for c in ("occurred_at", "login_id", "account_id"))
            for row in rows:
                yield row[login], int(row[account] or 0), dt.datetime.fromisoformat(row[at])

    rebuild(organization_id, system_id, archived())

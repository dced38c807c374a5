"""Monthly partitions of the entry table on PostgreSQL (declarative, by RANGE of occurred_at in Japan time).

Migration 0008 makes `registry_accesslogentry` a partitioned table with a DEFAULT partition
(rows of a month that has no partition yet) and one partition per month of the rows it
holds. Retention keeps the months ahead ready (`prepare_months`) and, when every row of a
month's partition is in verified archive files, detaches and drops the whole partition in
the transaction that marks those archives complete (`drop_if_archived`), instead of deleting
rows one by one. SQLite keeps the plain table: every function here is then a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from registry.access_logs.calendar import local_midnight

TABLE = "registry_accesslogentry"
DEFAULT_PARTITION = f"{TABLE}_default"


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def partition_name(month: dt.date) -> str:
    return f"{TABLE}_y{month:%Y}m{month:%m}"


def is_partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = %s", [TABLE])
        row = cursor.fetchone()
    return bool(row and row[0] == "p")


def month_partitions() -> set[dt.date]:
    """The months that have a partition of their own."""
    if not is_partitioned():
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s",
            [TABLE],
        )
        names = [row[0] for row in cursor.fetchall()]
    prefix = f"{TABLE}_y"
    return {dt.date(int(n[len(prefix) : len(prefix) + 4]), int(n[-2:]), 1) for n in names if n.startswith(prefix)}


def prepare_months(months: Iterable[dt.date]) -> list[dt.date]:
    """Give each month a partition, moving its rows out of the DEFAULT partition; the months created."""
    if not is_partitioned():
        return []
    existing = month_partitions()
    created = []
    for month in sorted({m.replace(day=1) for m in months} - existing):
        _create(month)
        created.append(month)
    return created


def _bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return local_midnight(month), local_midnight(_next_month(month))


def _create(month: dt.date) -> None:
    """A new month's partition, filled with that month's rows from DEFAULT, then attached (all in one transaction)."""
    name = partition_name(month)
    start, end = _bounds(month)
    # One transaction: a run killed after the move but before the ATTACH would otherwise leave the
    # month's rows in a table outside the entry table, and the next run failing on CREATE TABLE.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        cursor.execute(
            f"WITH moved AS (DELETE FROM {DEFAULT_PARTITION} WHERE occurred_at >= %s AND occurred_at < %s"  # noqa: S608
            f" RETURNING *) INSERT INTO {name} SELECT * FROM moved",
            [start, end],
        )
        cursor.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)", [start, end])


def drop_if_archived(month: dt.date, archived_rows: int) -> bool:
    """Drop the month's partition when it holds exactly *archived_rows* rows (all in verified archives).

    Call inside the transaction that marks those archives complete. False (nothing done) when the
    table is not partitioned, the month has no partition, or the partition holds other rows.
    """
    if month.replace(day=1) not in month_partitions():
        return False
    name = partition_name(month)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {name}")  # noqa: S608
        if cursor.fetchone()[0] != archived_rows:
            return False
        cursor.execute(f"ALTER TABLE {TABLE} DETACH PARTITION {name}")
        cursor.execute(f"DROP TABLE {name}")
    return True


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = _next_month(month)
    return months

"""On PostgreSQL, the entry table becomes partitioned by month (RANGE of occurred_at, Japan time).

One partition per month of the rows already stored, a DEFAULT partition for rows of months
that have none yet (retention prepares the coming months: registry/access_logs/partitions.py),
and the BRIN index on time, made on the parent so that every partition has it. The rows are
copied into the new table in one statement. SQLite keeps the plain table.
"""

import datetime as dt

from django.db import migrations

TABLE = "registry_accesslogentry"


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(f"DROP INDEX IF EXISTS {TABLE}_time")
    execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_plain")
    execute(
        f"CREATE TABLE {TABLE} (LIKE {TABLE}_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        " PARTITION BY RANGE (occurred_at)"
    )
    execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'Asia/Tokyo')::date"
            f" FROM {TABLE}_plain WHERE occurred_at >= '2000-01-01' AND occurred_at < '9999-01-01'"
        )
        months = sorted(row[0] for row in cursor.fetchall())
    for month in months:
        following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        execute(
            f"CREATE TABLE {TABLE}_y{month:%Y}m{month:%m} PARTITION OF {TABLE}"
            f" FOR VALUES FROM ('{month} 00:00:00+09') TO ('{following} 00:00:00+09')"
        )
    execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_plain")
    execute(f"DROP TABLE {TABLE}_plain")
    execute(f"CREATE INDEX {TABLE}_time ON {TABLE} USING brin (occurred_at, system_id)")


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(f"CREATE TABLE {TABLE}_plain (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
    execute(f"INSERT INTO {TABLE}_plain SELECT * FROM {TABLE}")
    execute(f"DROP TABLE {TABLE}")
    execute(f"ALTER TABLE {TABLE}_plain RENAME TO {TABLE}")
    execute(f"CREATE INDEX {TABLE}_time ON {TABLE} USING brin (occurred_at, system_id)")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_access_log_rollups"),
    ]

    operations = [migrations.RunPython(partition, unpartition)]

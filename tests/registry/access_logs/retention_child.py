"""A retention run in a process of its own, for test_retention_survives_kill_9.py to kill.

python -m tests.registry.access_logs.retention_child <archive folder> <now, ISO 8601>

Prints the PostgreSQL backend pid of its connection once Django is ready (the test watches what that
backend does), then runs apply_log_retention with archives in a folder both processes can read.
"""

from __future__ import annotations

import datetime as dt
import sys

import django


def main(folder: str, now: str) -> None:
    django.setup()
    from django.core.files.storage import FileSystemStorage
    from django.db import connection

    from registry.access_logs.retention import apply_log_retention

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        print(cursor.fetchone()[0], flush=True)
    report = apply_log_retention(now=dt.datetime.fromisoformat(now), storage=FileSystemStorage(location=folder))
    print(f"archived {len(report.archived)}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])

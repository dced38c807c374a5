"""Retention killed with SIGKILL at its dangerous moments: the next run finishes, no row lost or duplicated.

Each run is a process of its own (retention_child.py) against the test database. The test watches
the run's database backend and the archive records, and kills the process (kill -9: no exception,
no cleanup, no rollback in Python) at the first moment of the step named in KILL_POINTS. After each
kill it checks that every row is either online or in an archive that has deleted its rows, and
that no row is both. A last run is left to finish; then every row is in exactly one place.

The kill points cover what the other retention tests can only simulate with an exception: a new
month's partition being filled from the DEFAULT partition, an archive being written, an archive
verified but its rows not yet deleted, the deletion (or partition drop) transaction, and the
moment between two months' deletions.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import TransactionTestCase

from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.partitions import month_partitions, partition_name, prepare_months
from registry.access_logs.retention import archive_rows
from registry.enums import ArchiveStatus
from registry.models import AccessLogEntry, LogArchive
from tests.config.test_parallel_task_workers import database_url
from tests.factories import OrganizationFactory

from .builders import build_system, canonical_csv, line

ROOT = Path(__file__).resolve().parents[3]
JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=JST)  # online: September to December; archived: June to August
PAST_MONTHS = [dt.date(2026, m, 1) for m in (6, 7, 8)]
NEW_MONTHS = [dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1)]  # retention prepares them
ROWS_PER_PAST_MONTH = 30_000  # each archive takes a visible while to write
ROWS_THIS_MONTH = 150_000  # moving them into December's new partition takes a visible while
START_SECONDS = 120  # a cold start of Django on a busy 2-core machine
RUN_SECONDS = 300


def backend_is_running(backend: int, prefix: str) -> Callable[[], bool]:
    def check() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s AND state = 'active'", [backend])
            row = cursor.fetchone()
        return bool(row and row[0].lstrip().startswith(prefix))

    return check


def backend_is_writing_in_a_transaction(backend: int) -> bool:
    """The run's backend holds an open transaction that has written something (it has a transaction id)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND backend_xid IS NOT NULL"
            " AND state IN ('active', 'idle in transaction')",
            [backend],
        )
        return cursor.fetchone() is not None


def drop_month_partitions(months: list[dt.date]) -> None:
    existing = month_partitions()
    with connection.cursor() as cursor:
        for month in months:
            if month in existing:
                cursor.execute(f"ALTER TABLE registry_accesslogentry DETACH PARTITION {partition_name(month)}")
                cursor.execute(f"DROP TABLE {partition_name(month)}")


def archives(status: str) -> int:
    return LogArchive.objects.filter(status=status).count()


@unittest.skipUnless(
    connection.vendor == "postgresql",
    "needs PostgreSQL (set DATABASE_URL): another process must reach the test database, and the monthly "
    "partitions that retention creates and drops exist on PostgreSQL only",
)
class RetentionSurvivesKill9Test(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        # Partitions outlive the flush that ends a transactional test: an earlier test's retention run
        # may have made the months this one needs retention to make. Start from none.
        drop_month_partitions([*PAST_MONTHS, *NEW_MONTHS])
        body = OrganizationFactory(slug="kamiyama", name="神山町長", municipality="神山町（架空の団体）")
        self.system = build_system("juki", organization=body)
        lines = [
            line(at=f"{month:%Y-%m}-{1 + n % 28:02d}T{8 + n % 10:02d}:{n % 60:02d}:{n // 60 % 60:02d}+09:00",
                 system="juki", login=f"u000{n % 3 + 1}", subject=str(3_000_000_000 + n % 700))
            for month in PAST_MONTHS
            for n in range(ROWS_PER_PAST_MONTH)
        ]  # fmt: skip
        lines += [line(at=f"2026-10-{1 + n:02d}T09:00:00+09:00", system="juki", subject=str(n)) for n in range(20)]
        start = dt.datetime(2026, 12, 1, 0, 0, tzinfo=JST)
        lines += [
            line(at=(start + dt.timedelta(seconds=n)).isoformat(), system="juki", subject=str(n))
            for n in range(ROWS_THIS_MONTH)
        ]
        ingest_bytes(canonical_csv(*lines), system=self.system, source="kamiyama.csv", fmt="csv")
        # June gets a partition of its own (dropped whole when archived); July and August stay in the
        # DEFAULT partition (their rows are deleted); December is left for retention to create.
        prepare_months([PAST_MONTHS[0]])
        self.all_keys = set(AccessLogEntry.objects.values_list("batch_id", "line"))
        self.assertEqual(len(self.all_keys), len(lines))
        self.folder = Path(tempfile.mkdtemp(prefix="pia-retention-kill-"))
        self.storage = FileSystemStorage(location=str(self.folder))

    def tearDown(self):
        for path in sorted(self.folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        self.folder.rmdir()

    # --- the runs ------------------------------------------------------------------------------------

    def start_run(self, log: Path) -> tuple[subprocess.Popen, int]:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url(), PYTHONUNBUFFERED="1")
        output = log.open("wb")
        run = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.registry.access_logs.retention_child", str(self.folder), NOW.isoformat()],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=output,
        )
        output.close()
        first = run.stdout.readline()  # type: ignore[union-attr]
        if not first.strip().isdigit():
            run.wait(timeout=START_SECONDS)
            self.fail(f"the run did not start: {first!r}\n{log.read_text(errors='replace')[-3000:]}")
        return run, int(first)

    def kill_when(self, point: str, condition: Callable[[int], bool], log: Path) -> None:
        run, backend = self.start_run(log)
        deadline = time.monotonic() + RUN_SECONDS
        try:
            while not condition(backend):
                if run.poll() is not None:
                    self.fail(f"the run ended before {point}:\n{log.read_text(errors='replace')[-3000:]}")
                if time.monotonic() > deadline:
                    self.fail(f"no {point} within {RUN_SECONDS} s")
                time.sleep(0.002)
            run.send_signal(signal.SIGKILL)
        finally:
            run.kill()
            run.wait(timeout=30)
            run.stdout.close()  # type: ignore[union-attr]
        self.wait_until_gone(backend)

    def wait_until_gone(self, backend: int) -> None:
        """The killed run's backend ends its statement and exits (its session lock goes with it)."""
        deadline = time.monotonic() + RUN_SECONDS
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend])
                if cursor.fetchone() is None:
                    return
            time.sleep(0.05)
        self.fail(f"backend {backend} of the killed run is still there")

    def run_to_the_end(self, log: Path) -> None:
        run, _backend = self.start_run(log)
        try:
            run.wait(timeout=RUN_SECONDS)
        finally:
            run.kill()
            run.stdout.close()  # type: ignore[union-attr]
        self.assertEqual(run.returncode, 0, log.read_text(errors="replace")[-3000:])

    # --- what must hold --------------------------------------------------------------------------------

    def archived_keys(self, status: str) -> list[tuple[int, int]]:
        return [
            (int(row[0]), int(row[1]))
            for archive in LogArchive.objects.filter(status=status)
            for row in list(archive_rows(archive, self.storage))[1:]
        ]

    def assert_every_row_in_one_place(self, after: str) -> None:
        online = list(AccessLogEntry.objects.values_list("batch_id", "line"))
        moved_out = self.archived_keys(ArchiveStatus.COMPLETE)
        self.assertEqual(len(online), len(set(online)), f"{after}: a row online twice")
        self.assertEqual(len(moved_out), len(set(moved_out)), f"{after}: a row in two complete archives")
        self.assertFalse(set(online) & set(moved_out), f"{after}: a row both online and in a complete archive")
        lost = self.all_keys - set(online) - set(moved_out)
        self.assertEqual(len(lost), 0, f"{after}: {len(lost)} rows lost, such as {sorted(lost)[:3]}")
        self.assertLessEqual(set(online) | set(moved_out), self.all_keys, f"{after}: rows that were never ingested")
        # A verified archive keeps its rows online until they are deleted: its file holds only rows that are.
        self.assertLessEqual(set(self.archived_keys(ArchiveStatus.VERIFIED)), set(online), after)

    def test_a_run_killed_at_each_dangerous_moment_is_finished_by_the_next(self):
        kill_points: list[tuple[str, Callable[[int], bool]]] = [
            ("the move of December's rows into its new partition", lambda b: backend_is_running(b, "WITH moved")()),
            ("the writing of an archive", lambda b: archives(ArchiveStatus.WRITING) > 0),
            ("an archive verified, its rows still online", lambda b: archives(ArchiveStatus.VERIFIED) > 0),
            (
                "the deletion of a verified month",
                lambda b: (
                    archives(ArchiveStatus.VERIFIED) > 0
                    and archives(ArchiveStatus.WRITING) == 0
                    and backend_is_writing_in_a_transaction(b)
                ),
            ),
            ("the moment after one month's deletion", lambda b: archives(ArchiveStatus.COMPLETE) > 0),
        ]
        for n, (point, condition) in enumerate(kill_points, start=1):
            self.kill_when(point, condition, self.folder / f"run-{n}.log")
            self.assert_every_row_in_one_place(f"killed at {point}")
        self.run_to_the_end(self.folder / "run-last.log")
        self.assert_every_row_in_one_place("the last run")

        complete = LogArchive.objects.filter(status=ArchiveStatus.COMPLETE)
        self.assertEqual(sorted(complete.values_list("month", flat=True)), PAST_MONTHS)
        self.assertFalse(LogArchive.objects.exclude(status=ArchiveStatus.COMPLETE).exists(), "nothing left unfinished")
        self.assertEqual(AccessLogEntry.objects.filter(occurred_at__lt=dt.datetime(2026, 9, 1, tzinfo=JST)).count(), 0)
        partitions = month_partitions()
        self.assertNotIn(PAST_MONTHS[0], partitions, "June's partition dropped whole")
        self.assertIn(dt.date(2026, 12, 1), partitions, "December's partition created, with its rows")
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM registry_accesslogentry_y2026m12")
            self.assertEqual(cursor.fetchone()[0], ROWS_THIS_MONTH)
            cursor.execute(
                "SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'registry_accesslogentry_y%%' AND NOT relispartition"
                " AND relkind = 'r'"
            )
            self.assertEqual(cursor.fetchone()[0], 0, "no partition table left behind, unattached")

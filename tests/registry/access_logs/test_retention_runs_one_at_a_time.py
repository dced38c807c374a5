"""Two retention runs at once: the second stops with a clear message, changing nothing; no stray archive file."""

from __future__ import annotations

import datetime as dt
import threading

from django.core.files.storage import InMemoryStorage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase

from registry.access_logs.columnar import part_names
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import RetentionAlreadyRunning, apply_log_retention
from registry.models import AccessLogEntry, LogArchive

from .builders import build_system, canonical_csv, line

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=JST)


class SlowStorage(InMemoryStorage):
    """A storage whose first save waits until the test lets it finish (a long first run)."""

    def __init__(self):
        super().__init__()
        self.saving = threading.Event()
        self.finish = threading.Event()

    def _save(self, name, content):
        self.saving.set()
        self.finish.wait(timeout=60)
        return super()._save(name, content)

    def names(self) -> list[str]:
        found, folders = [], [""]
        while folders:
            folder = folders.pop()
            subfolders, files = self.listdir(folder)
            folders += [f"{folder}/{d}".lstrip("/") for d in subfolders]
            found += [f"{folder}/{f}".lstrip("/") for f in files]
        return sorted(found)


class RetentionRunsOneAtATimeTest(TransactionTestCase):
    # A transactional test ends by flushing every table; restore what migrations created (locales,
    # content types) for the tests that run after it in the same process.
    serialized_rollback = True

    def setUp(self):
        system = build_system()
        lines = [line(at=f"2026-{m:02d}-10T10:{n:02d}:00+09:00") for m in (6, 7, 8, 11) for n in range(3)]
        ingest_bytes(canonical_csv(*lines), system=system, source="a.csv", fmt="csv")

    def test_a_second_run_while_one_is_working_stops_with_a_japanese_message_and_leaves_no_stray_file(self):
        storage = SlowStorage()
        outcome: dict[str, object] = {}

        def first_run():
            try:
                outcome["report"] = apply_log_retention(now=NOW, storage=storage)
            except Exception as exc:  # noqa: BLE001 - reported to the test below
                outcome["error"] = exc
            finally:
                connection.close()

        first = threading.Thread(target=first_run)
        first.start()
        try:
            self.assertTrue(storage.saving.wait(timeout=60), "the first run reached its first archive")
            with self.assertRaises(RetentionAlreadyRunning):
                apply_log_retention(now=NOW, storage=storage)
            with self.assertRaisesMessage(CommandError, "別の処理が実行中です。何も変更していません"):
                call_command("apply_log_retention")
        finally:
            storage.finish.set()
            first.join(timeout=120)
        self.assertNotIn("error", outcome)
        self.assertEqual(len(outcome["report"].archived), 3)
        archives = LogArchive.objects.kept()
        self.assertEqual(sorted(a.month.month for a in archives), [6, 7, 8])
        kept = [name for a in archives for name in (a.path, *part_names(a.path, storage))]
        self.assertEqual(len(kept), 6, "each month's CSV.gz and its one Parquet part")
        self.assertEqual(storage.names(), sorted(kept), "every file is a kept archive or one of its parts")
        self.assertEqual(AccessLogEntry.objects.count(), 3)

    def test_the_lock_is_released_when_a_run_ends(self):
        storage = InMemoryStorage()
        storage_ready = apply_log_retention(now=NOW, storage=storage)
        self.assertEqual(len(storage_ready.archived), 3)
        self.assertEqual(apply_log_retention(now=NOW, storage=storage).archived, [])

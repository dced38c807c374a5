"""Old months move to verified compressed CSV archives; an interrupted run loses and duplicates nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core.files.storage import default_storage
from django.test import TestCase

from registry.access_logs import retention
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import apply_log_retention, archive_rows
from registry.enums import ArchiveStatus
from registry.models import AccessLogEntry, LogArchive

from .builders import build_system, canonical_csv, line

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=JST)


class Crash(Exception):
    pass


class LogRetentionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()
        months = [dt.date(2026, m, 10) for m in range(6, 12)]  # June … November
        lines = [line(at=f"{day.isoformat()}T10:{n:02d}:00+09:00", subject=str(n)) for day in months for n in range(5)]
        ingest_bytes(canonical_csv(*lines), system=cls.system, source="a.csv", fmt="csv")

    def keys_everywhere(self) -> list[tuple[int, int]]:
        online = list(AccessLogEntry.objects.values_list("batch_id", "line"))
        archived = [
            (int(row[0]), int(row[1]))
            for archive in LogArchive.objects.kept()
            for row in list(archive_rows(archive))[1:]
        ]
        return online + archived

    def test_months_before_the_online_period_are_archived_verified_and_removed(self):
        report = apply_log_retention(now=NOW)
        self.assertEqual([a.month for a in report.archived], [dt.date(2026, m, 1) for m in (6, 7, 8)])
        self.assertEqual(AccessLogEntry.objects.count(), 15, "September to November stay online (3 months)")
        archive = LogArchive.objects.get(month=dt.date(2026, 6, 1))
        self.assertEqual((archive.status, archive.row_count), (ArchiveStatus.COMPLETE, 5))
        rows = list(archive_rows(archive))
        self.assertEqual(rows[0][:3], ["batch_id", "line", "occurred_at"])
        self.assertEqual(rows[1][2], "2026-06-10T10:00:00+09:00")
        self.assertEqual(archive.expires_on, dt.date(2033, 7, 1))
        self.assertEqual(len(self.keys_everywhere()), 30)

    def test_a_run_interrupted_between_writing_and_deleting_is_finished_by_the_next(self):
        with mock.patch.object(retention, "_delete_archived_rows", side_effect=Crash), self.assertRaises(Crash):
            apply_log_retention(now=NOW)
        # Every month is written and verified before any row leaves the table.
        self.assertEqual(set(LogArchive.objects.values_list("status", flat=True)), {ArchiveStatus.VERIFIED})
        self.assertEqual(LogArchive.objects.count(), 3)
        self.assertEqual(AccessLogEntry.objects.count(), 30, "nothing deleted before the crash")
        apply_log_retention(now=NOW)
        keys = self.keys_everywhere()
        self.assertEqual(len(keys), 30)
        self.assertEqual(len(set(keys)), 30, "no row both online and archived, none archived twice")
        self.assertEqual(LogArchive.objects.kept().count(), 3)

    def test_a_run_interrupted_while_writing_leaves_no_half_archive(self):
        with mock.patch.object(retention, "_verify", side_effect=Crash), self.assertRaises(Crash):
            apply_log_retention(now=NOW)
        half = LogArchive.objects.get()
        self.assertEqual(half.status, ArchiveStatus.WRITING)
        apply_log_retention(now=NOW)
        self.assertFalse(default_storage.exists(half.path) and LogArchive.objects.filter(pk=half.pk).exists())
        self.assertEqual(sorted(self.keys_everywhere()), sorted(set(self.keys_everywhere())))
        self.assertEqual(len(self.keys_everywhere()), 30)

    def test_a_changed_archive_file_stops_the_deletion(self):
        real_save = default_storage.save

        def corrupting_save(name, content, *args, **kwargs):
            stored = real_save(name, content, *args, **kwargs)
            with default_storage.open(stored, "wb") as target:
                target.write(b"not what was written")
            return stored

        with (
            mock.patch.object(default_storage, "save", corrupting_save),
            self.assertRaises(retention.ArchiveVerificationError),
        ):
            apply_log_retention(now=NOW)
        self.assertEqual(AccessLogEntry.objects.count(), 30)

    def test_archives_past_the_archive_period_are_deleted_and_the_deletion_recorded(self):
        apply_log_retention(now=NOW)
        later = dt.datetime(2033, 7, 2, 12, 0, tzinfo=JST)
        report = apply_log_retention(now=later)
        self.assertEqual([a.month for a in report.expired], [dt.date(2026, 6, 1)])
        expired = LogArchive.objects.get(month=dt.date(2026, 6, 1))
        self.assertEqual(expired.status, ArchiveStatus.EXPIRED)
        self.assertEqual(expired.expired_at, later)
        self.assertEqual(expired.row_count, 5, "the record of what was deleted stays")
        self.assertFalse(default_storage.exists(expired.path))

    def test_rerunning_changes_nothing(self):
        apply_log_retention(now=NOW)
        report = apply_log_retention(now=NOW)
        self.assertEqual((report.archived, report.expired, report.resumed), ([], [], 0))

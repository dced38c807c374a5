"""Rows stored before the date bounds existed (year 0001, 9999) break neither retention nor the anomaly reports."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from registry.access_logs.anomalies import all_reports
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import apply_log_retention
from registry.models import AccessLogEntry, LogArchive, LogBatch

from .builders import build_system, canonical_csv, line

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=JST)
YEAR_ONE = dt.datetime(1, 1, 1, 12, 0, tzinfo=dt.UTC)
YEAR_9999 = dt.datetime(9999, 12, 31, 20, 0, tzinfo=dt.UTC)  # 10000-01-01 in Japan time


class RowsStoredOutOfBoundsBreakNoReportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()
        cls.other = build_system("kenko", organization=cls.system.organization)
        for system in (cls.system, cls.other):
            lines = [line(at=f"2026-{m:02d}-10T10:00:00+09:00", system=system.code) for m in (7, 8, 11)]
            ingest_bytes(canonical_csv(*lines), system=system, source="a.csv", fmt="csv")
        # As an older version stored them, before the bounds were enforced.
        batch = LogBatch.objects.create(system=cls.system, sha256="0" * 64, source="legacy")
        for n, moment in enumerate((YEAR_ONE, YEAR_9999), start=1):
            AccessLogEntry.objects.create(
                batch=batch, line=n, organization=cls.system.organization, system=cls.system, login_id="u0001",
                occurred_at=moment, action="view", result="success",
            )  # fmt: skip

    def test_retention_archives_the_year_one_row_with_the_earliest_month_and_goes_on_to_every_system(self):
        report = apply_log_retention(now=NOW)
        archived = {(a.system.code, a.month, a.row_count) for a in report.archived}
        self.assertEqual(
            archived,
            {
                ("vrs", dt.date(2000, 1, 1), 1),
                ("vrs", dt.date(2026, 7, 1), 1),
                ("vrs", dt.date(2026, 8, 1), 1),
                ("kenko", dt.date(2026, 7, 1), 1),
                ("kenko", dt.date(2026, 8, 1), 1),
            },
        )
        oldest = LogArchive.objects.get(system=self.system, month=dt.date(2000, 1, 1))
        self.assertEqual((oldest.first_at, oldest.row_count), (YEAR_ONE, 1))
        self.assertEqual(report.expired, [oldest], "long past its archive period: deleted, with its record kept")
        self.assertFalse(AccessLogEntry.objects.filter(occurred_at=YEAR_ONE).exists())
        self.assertEqual(AccessLogEntry.objects.filter(occurred_at=YEAR_9999).count(), 1, "not yet due")
        self.assertEqual(apply_log_retention(now=NOW).archived, [], "a second run has nothing left to do")

    def test_the_anomaly_reports_run_and_leave_the_out_of_range_rows_out(self):
        reports = all_reports([self.system, self.other], today=NOW.date())
        self.assertEqual(len(reports), 5)
        for report in reports:
            for finding in report.findings:
                self.assertFalse(finding.entries.filter(occurred_at__in=[YEAR_ONE, YEAR_9999]).exists())
        out = StringIO()
        call_command("access_log_anomalies", stdout=out)
        self.assertIn("記録の欠落", out.getvalue())

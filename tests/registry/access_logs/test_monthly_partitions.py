"""On PostgreSQL the entry table is partitioned by month; retention drops a month whole when all of it is archived."""

from __future__ import annotations

import datetime as dt
import unittest

from django.db import connection
from django.test import TestCase

from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.partitions import is_partitioned, month_partitions, partition_name, prepare_months
from registry.access_logs.retention import apply_log_retention, archive_rows
from registry.models import AccessLogDay, AccessLogEntry, LogArchive
from tests.factories import OrganizationFactory

from .builders import build_system, canonical_csv, line

JST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=JST)
MONTHS = [dt.date(2026, m, 1) for m in range(6, 12)]  # June … November


def rows_in(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a partition name built here
        return cursor.fetchone()[0]


@unittest.skipUnless(connection.vendor == "postgresql", "partitions exist on PostgreSQL only")
class MonthlyPartitionsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        body = OrganizationFactory(slug="kiri", name="霧島町長", municipality="霧島町（架空の団体）")
        cls.juki = build_system("juki", organization=body)
        cls.zei = build_system("zei", organization=body)
        for system in (cls.juki, cls.zei):
            lines = [
                line(at=f"2026-{month.month:02d}-{day:02d}T10:{n:02d}:00+09:00", system=system.code, subject=str(n))
                for month in MONTHS
                for day in (1, 15, 30)
                for n in range(4)
            ]
            ingest_bytes(canonical_csv(*lines), system=system, source=f"{system.code}.csv", fmt="csv")

    def keys_everywhere(self) -> list[tuple[int, int]]:
        online = list(AccessLogEntry.objects.values_list("batch_id", "line"))
        archived = [(int(r[0]), int(r[1])) for a in LogArchive.objects.kept() for r in list(archive_rows(a))[1:]]
        return online + archived

    def test_the_table_is_partitioned_and_rows_of_months_without_a_partition_wait_in_the_default_one(self):
        self.assertTrue(is_partitioned())
        self.assertEqual(rows_in("registry_accesslogentry_default"), 2 * 6 * 12)
        created = prepare_months(MONTHS)
        self.assertEqual(created, MONTHS)
        self.assertEqual(rows_in("registry_accesslogentry_default"), 0, "each month's rows moved to its partition")
        self.assertEqual(rows_in(partition_name(dt.date(2026, 7, 1))), 2 * 12)
        self.assertEqual(AccessLogEntry.objects.count(), 144, "the parent still reads every row")

    def test_retention_drops_a_month_whose_every_row_is_archived(self):
        prepare_months(MONTHS)
        report = apply_log_retention(now=NOW)
        self.assertEqual(sorted({a.month.month for a in report.archived}), [6, 7, 8])
        self.assertTrue(all(a.status == "complete" for a in report.archived))
        partitions = month_partitions()
        self.assertFalse({dt.date(2026, m, 1) for m in (6, 7, 8)} & partitions, "June to August dropped whole")
        self.assertTrue({dt.date(2026, m, 1) for m in (9, 10, 11, 12)} <= partitions, "December prepared")
        keys = self.keys_everywhere()
        self.assertEqual((len(keys), len(set(keys))), (144, 144), "no row lost or duplicated")
        self.assertFalse(AccessLogDay.objects.filter(day__lt=dt.date(2026, 9, 1)).exists())

    def test_a_month_still_online_for_one_system_keeps_its_partition_and_loses_only_the_archived_rows(self):
        prepare_months(MONTHS)
        self.zei.log_online_months = 5  # 税務 keeps July and August online
        self.zei.save()
        apply_log_retention(now=NOW)
        self.assertIn(dt.date(2026, 7, 1), month_partitions())
        self.assertEqual(rows_in(partition_name(dt.date(2026, 7, 1))), 12, "only 税務's July is left")
        self.assertNotIn(dt.date(2026, 6, 1), month_partitions(), "June, archived for both, is dropped")
        keys = self.keys_everywhere()
        self.assertEqual((len(keys), len(set(keys))), (144, 144))

"""An auditor's search reaches the months retention moved into archive files, and is recorded like any other."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse

from registry.access_logs.bounds import JAPAN
from registry.access_logs.columnar import delete_parts, part_names
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import apply_log_retention
from registry.enums import Role
from registry.models import AccessLogEntry, AccessLogSearch, LogArchive
from tests.factories import OrganizationFactory
from tests.factories.pia import member, set_up_organization
from tests.registry.access_logs.builders import build_system, canonical_csv, line

URL = "registry_access_logs"
NOW = dt.datetime(2026, 12, 3, 12, tzinfo=JAPAN)


def daily_lines(code: str, first: dt.date, last: dt.date) -> list[str]:
    """u0001 at 10:00 and u0002 at 14:00 on every day from *first* to *last*."""
    lines, day = [], first
    while day <= last:
        for login, hour in (("u0001", 10), ("u0002", 14)):
            at = dt.datetime.combine(day, dt.time(hour), tzinfo=JAPAN).isoformat()
            lines.append(line(at=at, system=code, login=login, subject=f"{3_000_000_000 + day.toordinal() % 997}"))
        day += dt.timedelta(days=1)
    return lines


class AuditorSearchesArchivedMonthsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.body = OrganizationFactory(slug="sakuradai", name="桜台村長", municipality="桜台村（架空の団体）")
        cls.other_body = OrganizationFactory(slug="yamabuki", name="山吹町長", municipality="山吹町（架空の団体）")
        for body in (cls.body, cls.other_body):
            set_up_organization(body)
        cls.auditor = member(cls.body, Role.AUDITOR, username="sakuradai-auditor", last_name="監査", first_name="桜")
        cls.other_auditor = member(
            cls.other_body, Role.AUDITOR, username="yamabuki-auditor", last_name="監査", first_name="山"
        )
        cls.system = build_system("juki", organization=cls.body)
        cls.other_system = build_system("juki", organization=cls.other_body)
        for system in (cls.system, cls.other_system):
            lines = daily_lines(system.code, dt.date(2026, 7, 1), dt.date(2026, 12, 2))
            ingest_bytes(canonical_csv(*lines), system=system, source="juki.csv", fmt="csv")
        apply_log_retention(now=NOW)  # July and August leave the table for archive files

    def search(self, user, **criteria):
        self.client.force_login(user)
        return self.client.get(reverse(URL), criteria)

    def test_a_search_of_an_archived_month_finds_its_rows_in_the_archive_file(self):
        self.assertTrue(LogArchive.objects.filter(system=self.system, month=dt.date(2026, 7, 1)).kept().exists())
        september = dt.datetime(2026, 9, 1, tzinfo=JAPAN)
        self.assertFalse(AccessLogEntry.objects.filter(system=self.system, occurred_at__lt=september).exists())
        response = self.search(self.auditor, login_id="u0001", start="2026-07-01", end="2026-07-31")
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 31 件")
        self.assertContains(response, "令和8年7月31日")
        self.assertNotContains(response, "オンラインの記録:")
        record = AccessLogSearch.objects.get(user=self.auditor)
        self.assertEqual((record.result_count, record.criteria["login_id"]), (31, "u0001"))

    def test_a_search_over_both_counts_online_and_archived_rows(self):
        response = self.search(self.auditor, login_id="u0002", start="2026-08-25", end="2026-09-05")
        self.assertContains(response, "オンラインの記録: 5 件")
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 7 件")
        self.assertEqual(AccessLogSearch.objects.get(user=self.auditor).result_count, 12)

    def test_the_export_holds_the_archived_rows_after_the_online_ones(self):
        response = self.search(self.auditor, login_id="u0001", start="2026-08-30", end="2026-09-02", format="csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        days = [row[0][:10] for row in rows[1:]]
        # Online rows newest first, then the archived months newest first, each in its file's time order.
        self.assertEqual(days, ["2026-09-02", "2026-09-01", "2026-08-30", "2026-08-31"])
        self.assertEqual(rows[-1][3], "職員1", "the holder of u0001, read from the registry")
        record = AccessLogSearch.objects.get(user=self.auditor)
        self.assertEqual((record.exported, record.result_count), (True, 4))

    def test_another_bodys_auditor_never_reads_this_bodys_archive(self):
        response = self.search(self.other_auditor, login_id="u0001", start="2026-07-01", end="2026-07-31")
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 31 件")  # its own July
        self.assertNotContains(response, self.system.organization.name)
        archived = response.context["archived"]
        self.assertEqual({entry.system.organization_id for entry in archived.shown}, {self.other_body.pk})

    def test_a_search_by_an_identifier_matches_only_its_pseudonym_in_the_archive(self):
        self.client.force_login(self.auditor)
        identifier = str(3_000_000_000 + dt.date(2026, 7, 15).toordinal() % 997)
        response = self.client.post(reverse(URL), {"subject": identifier, "start": "2026-07-01", "end": "2026-07-31"})
        response = self.client.get(response["Location"])
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 2 件")
        self.assertNotContains(response, identifier)

    def test_an_archive_without_its_columnar_parts_is_read_from_its_csv(self):
        july = LogArchive.objects.get(system=self.system, month=dt.date(2026, 7, 1))
        self.assertTrue(part_names(july.path, default_storage), "retention wrote the Parquet parts beside the CSV.gz")
        delete_parts(july.path, default_storage)  # as an archive written before the parts existed
        response = self.search(self.auditor, login_id="u0001", start="2026-07-01", end="2026-07-31")
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 31 件")
        self.assertEqual(response.context["archived"].shown[0].holder, "職員1")

    def test_two_systems_archived_for_one_month_count_as_one_month(self):
        zei = build_system("zei", organization=self.body)
        lines = daily_lines(zei.code, dt.date(2026, 7, 1), dt.date(2026, 7, 31))
        ingest_bytes(canonical_csv(*lines), system=zei, source="zei.csv", fmt="csv")
        apply_log_retention(now=NOW)
        response = self.search(self.auditor, login_id="u0001", start="2026-07-01", end="2026-07-31")
        self.assertContains(response, "保管ファイル（1 か月分）の記録: 62 件")

"""Each anomaly report finds the demo's planted cases, and nothing else (Nagaoka's demo logs: loads the demo)."""

from __future__ import annotations

import datetime as dt

from demo.access_logs import load_demo_access_logs
from registry.access_logs.anomalies import all_reports
from registry.models import AccessLogEntry, LogArchive, Organization, System
from tests.nagaoka import NagaokaTestCase

TODAY = dt.date(2026, 12, 1)


class AnomalyReportsTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.organization = Organization.objects.get(slug="nagaoka")
        cls.ingested = load_demo_access_logs(cls.organization, today=TODAY)
        systems = System.objects.filter(organization=cls.organization)
        cls.reports = {report.key: report for report in all_reports(systems, today=TODAY)}

    def summaries(self, key: str) -> list[str]:
        return [finding.summary for finding in self.reports[key].findings]

    def test_the_demo_keeps_three_months_online_and_the_rest_archived(self):
        self.assertGreater(self.ingested, 30_000)
        first = AccessLogEntry.objects.order_by("occurred_at").first().occurred_at
        self.assertEqual(first.astimezone(dt.timezone(dt.timedelta(hours=9))).date(), dt.date(2026, 9, 1))
        self.assertEqual(LogArchive.objects.kept().count(), 4 * 10)

    def test_access_after_departure_or_disabling(self):
        self.assertEqual(
            self.summaries("after_departure"),
            [
                "u0011（鈴木 職員11）: 退職・異動 令和7年3月31日 の後に 1 件",
                "u0026（山本 職員26）: 退職・異動 令和7年3月31日 の後に 3 件",
            ],
        )
        denied = self.reports["after_departure"].findings[0].entries.get()
        self.assertEqual((denied.action, denied.result), ("login", "denied"))

    def test_access_outside_office_hours(self):
        self.assertEqual(self.summaries("off_hours"), ["u0003: 令和8年11月28日（閉庁日）の時間外に 2 件"])

    def test_many_subjects_in_one_hour(self):
        self.assertEqual(self.summaries("many_subjects"), ["u0007: 令和8年11月6日 14時台に 150 人"])
        self.assertEqual(self.reports["many_subjects"].findings[0].entries.count(), 150)

    def test_unknown_login_ids(self):
        self.assertEqual(self.summaries("unknown_login_ids"), ["vendor-tmp01: 4 件（最初 令和8年10月30日 13:10）"])

    def test_gaps_in_a_systems_log_stream(self):
        self.assertEqual(self.summaries("log_gaps"), ["中間サーバー: 令和8年10月22日 の記録がありません"])
        around = self.reports["log_gaps"].findings[0].entries
        self.assertEqual(around.count(), 2, "the last entry before the gap and the first after it")

"""`run_checks nagaoka/covid19-vaccination` prints each verdict, keeps the results, fails on the planted cases."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import CommandError, call_command

from controls.checks import CATALOGUE
from controls.models import CheckResult, CheckRun
from demo.access_logs import load_demo_access_logs
from registry.models import Organization
from tests.nagaoka import IDENTIFIER, NagaokaTestCase

DEMO_DAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@time_machine.travel(DEMO_DAY, tick=False)
class RunChecksCommandTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_demo_access_logs(Organization.objects.get(slug="nagaoka"))

    def run_checks(self) -> tuple[str, str]:
        out = StringIO()
        with self.assertRaises(CommandError) as failed:
            call_command("run_checks", IDENTIFIER, stdout=out)
        return out.getvalue(), str(failed.exception)

    def test_the_demo_fails_exactly_the_checks_its_planted_anomalies_break(self):
        output, error = self.run_checks()
        outcomes = dict(CheckResult.objects.values_list("key", "outcome"))
        failing = sorted(key for key, outcome in outcomes.items() if outcome == "fail")
        planted = ["departed_accounts_disabled", "logs_online", "no_access_after_departure"]
        seed = ["printed_counts"]  # 提供を行っている（2）件 although only 提供先1 remains
        ended = ["contracts_in_force"]  # both delegation contracts ended on 令和8年3月31日 and are still printed
        self.assertEqual(failing, sorted(planted + seed + ended))
        self.assertEqual(outcomes["threshold_agrees"], "pass")
        self.assertEqual(outcomes["entries_linked"], "pass")
        self.assertEqual(outcomes["contract_handlers_within_band"], "n/a")
        self.assertEqual(error, "不適合 5 件")
        self.assertIn("契約期間が終了した委託契約を印字しています", output)
        self.assertIn("提供（2）件と印字、記載は 1 件", output)
        self.assertIn("[不適合] オンラインのログが直近3か月を欠落なく保持している: 記録のない日が 1 日あります", output)
        self.assertIn("[適合] 3か月より前のログが7年分CSVで保管され", output)
        self.assertIn('"accounts_used": 27', output)

    def test_every_run_is_kept(self):
        self.run_checks()
        self.run_checks()
        runs = CheckRun.objects.filter(assessment=self.assessment)
        self.assertEqual(runs.count(), 2)
        self.assertEqual({run.checked_on for run in runs}, {dt.date(2026, 12, 1)})
        self.assertEqual(CheckResult.objects.filter(run=runs.first()).count(), len(CATALOGUE))

    def test_an_unknown_assessment_is_an_error(self):
        with self.assertRaises(CommandError):
            call_command("run_checks", "nagaoka/no-such-affair", stdout=StringIO())

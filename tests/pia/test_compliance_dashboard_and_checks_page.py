"""Deadlines and evidence checks in the admin: who sees them, who may run them, the editor's warnings.

On the Nagaoka demo with its access logs: the verdicts shown are those of the demo's planted cases.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from controls.models import CheckRun
from demo.access_logs import load_demo_access_logs
from pia.compliance.evidence import check_assessment
from registry.models import Organization
from tests.nagaoka import NagaokaTestCase

DEMO_DAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@time_machine.travel(DEMO_DAY, tick=False)
class ComplianceDashboardAndChecksPageTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_demo_access_logs(Organization.objects.get(slug="nagaoka"))
        check_assessment(cls.assessment, trigger="test")

    def url(self):
        return reverse("pia_assessment_checks", args=[self.assessment.pk])

    def test_every_member_of_the_organization_reads_the_checks_and_an_outsider_finds_nothing(self):
        expected = {"officer": 200, "approver": 200, "auditor": 200, "admin": 200, "outsider": 404}
        for name, user in self.personas().items():
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url()).status_code, expected[name], name)

    def test_the_page_shows_deadlines_verdicts_and_monthly_log_volume(self):
        self.client.force_login(self.auditor)
        page = self.client.get(self.url()).content.decode()
        self.assertIn("評価書の見直し（1年ごと）", page)
        self.assertIn("令和8年6月30日", page)  # one year after 令和7年6月30日
        self.assertIn("期限超過", page)
        self.assertIn("再評価（5年経過前）", page)
        self.assertIn("不適合</strong>：記録のない日が 1 日あります", page)
        self.assertIn("ワクチン接種記録システム（ＶＲＳ）", page)
        self.assertIn("令和7年12月", page, "the archived months count in the volume")
        self.assertNotIn("今すぐ実行", page, "auditors read only")

    def test_an_officer_runs_the_checks_on_demand_and_an_auditor_may_not(self):
        self.client.force_login(self.auditor)
        self.client.post(self.url())
        self.assertEqual(CheckRun.objects.filter(assessment=self.assessment).count(), 1)
        self.client.force_login(self.officer)
        response = self.client.post(self.url())
        self.assertRedirects(response, self.url())
        self.assertEqual(CheckRun.objects.filter(assessment=self.assessment).count(), 2)

    def test_the_dashboard_lists_deadlines_and_failing_checks(self):
        self.client.force_login(self.approver)
        page = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("期限と証跡チェック", page)
        self.assertIn("不適合 5 件", page)
        self.client.force_login(self.outsider)
        self.assertNotIn("新型コロナウイルス", self.client.get(reverse("wagtailadmin_home")).content.decode())

    def test_the_editor_warns_beside_an_adequacy_claim_whose_check_fails(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.assessment.pk])).content.decode()
        self.assertIn(
            "「十分である」と記載していますが、証跡チェック「退職・無効化後のアカウントによるアクセスがない」が不適合です",
            page,
        )
        self.assertNotIn(
            "証跡チェック「委託契約書に必要な規定がそろっている」が不適合", page, "a passing check warns of nothing"
        )
        # Every supporting check is listed beside its item with its latest verdict, passing ones too.
        self.assertIn("記載を裏付ける証跡チェック（最新の結果）", page)
        self.assertIn("○ 適合：委託契約書に必要な規定がそろっている（令和8年12月1日）", page)
        self.assertIn("✕ 不適合：退職・異動者のアカウントが30日以内に無効化されている（令和8年12月1日）", page)

    def test_reminders_go_to_officers_and_approvers(self):
        call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        # One message per assessment with a deadline due: the demo's four (Nagaoka's 重点 and 基礎,
        # 緑野市長's 基礎 and 全項目) are all past their yearly review on 令和8年12月1日.
        by_title = {message.subject.split("：", 1)[1]: message for message in mail.outbox}
        self.assertEqual(len(by_title), len(mail.outbox))
        self.assertEqual(len(mail.outbox), 4)
        nagaoka = ["nagaoka-approver@example.jp", "nagaoka-officer@example.jp"]
        for title, message in by_title.items():
            self.assertEqual(sorted(message.to), nagaoka if "予防接種" in title else ["midorino-officer@example.jp"])
        message = by_title[self.assessment.title]
        self.assertIn("期限超過　評価書の見直し（1年ごと）：令和8年6月30日", message.body)

    def test_a_recorded_review_moves_the_next_review_a_year_on(self):
        self.client.force_login(self.officer)
        response = self.client.post(self.url(), {"reviewed_on": "2026-11-20", "note": "体制・システムに変更なし"})
        self.assertRedirects(response, self.url())
        page = self.client.get(self.url()).content.decode()
        self.assertIn("令和9年11月20日", page)
        self.assertIn("体制・システムに変更なし", page)

    def test_a_review_in_the_future_or_with_a_my_number_is_refused_and_nothing_is_kept(self):
        from controls.models import AssessmentReview

        self.client.force_login(self.officer)
        future = self.client.post(self.url(), {"reviewed_on": "2027-01-01", "note": ""})
        self.assertContains(future, "見直し日に未来の日付は指定できません。")
        hostile = self.client.post(self.url(), {"reviewed_on": "2026-11-20", "note": "確認対象 1234 5678 9018"})
        self.assertContains(hostile, "個人番号と思われる12桁の数字が含まれています")
        self.assertNotContains(hostile, "1234 5678 9018")
        self.assertFalse(AssessmentReview.objects.exists())

    def test_an_auditor_cannot_record_a_review(self):
        from controls.models import AssessmentReview

        self.client.force_login(self.auditor)
        self.client.post(self.url(), {"reviewed_on": "2026-11-20", "note": ""})
        self.assertFalse(AssessmentReview.objects.exists())

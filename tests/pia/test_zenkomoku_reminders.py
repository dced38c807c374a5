"""The calendar of a 全項目 draft in progress: its comment period's end and its 第三者点検 are listed with
its deadlines and sent as reminders; a published 全項目 without a draft has its procedure behind it.

A fictitious body (白浜町長) holds a 全項目 published once; its officer then saves a draft recording a new
comment period.
"""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.test import TestCase

from pia.compliance.deadlines import assessment_deadlines
from pia.compliance.reminders import send_deadline_reminders
from pia.models import ZenkomokuAssessmentPage
from registry.enums import Role
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_by_path, set_up_organization

TODAY = dt.date(2026, 6, 1)


class ZenkomokuRemindersTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        organization = OrganizationFactory(slug="shirahama", name="白浜町長", municipality="白浜町（架空の団体）")
        set_up_organization(organization)
        cls.officer = member(organization, Role.OFFICER, username="shirahama-officer", email="tanto@example.jp")
        approver = member(organization, Role.APPROVER, username="shirahama-approver", email="shocho@example.jp")
        cls.page_id = create_assessment(
            organization,
            officer=cls.officer,
            approver=approver,
            slug="koseki",
            title="戸籍に関する事務 全項目評価書",
            affair="戸籍に関する事務",
            publications=1,
            dates=(dt.date(2026, 1, 15),),
            page_class=ZenkomokuAssessmentPage,
        ).pk

    def page(self):
        return ZenkomokuAssessmentPage.objects.get(pk=self.page_id)

    def save_draft(self, **dates):
        page = self.page()
        values = page.get_values()
        for path, value in dates.items():
            set_by_path(values, path.replace("__", "."), value)
        page.set_values(values)
        page.save_revision(user=self.officer)

    def kinds(self):
        return [d.kind for d in assessment_deadlines(self.page(), TODAY)]

    def test_a_published_zenkomoku_without_a_draft_has_no_procedure_ahead(self):
        self.assertEqual(self.kinds(), ["評価書の見直し（1年ごと）", "再評価（5年経過前）"])

    def test_a_draft_with_a_running_period_is_reminded_of_its_end_and_of_the_third_party_review(self):
        self.save_draft(
            tetsuzuki__iken__kikan__kaishi_bi="2026-05-15",
            tetsuzuki__iken__kikan__shuryo_bi="2026-06-13",
            tetsuzuki__daisansha__jisshi_bi=None,
        )

        found = assessment_deadlines(self.page(), TODAY)
        self.assertEqual(
            [(d.kind, d.due) for d in found[:2]],
            [("意見聴取の期間の終了", dt.date(2026, 6, 13)), ("第三者点検の実施（未記載）", dt.date(2026, 6, 14))],
        )
        self.assertEqual(send_deadline_reminders(TODAY), 1)
        (message,) = mail.outbox
        self.assertEqual(sorted(message.to), ["shocho@example.jp", "tanto@example.jp"])
        self.assertIn("意見聴取の期間の終了：令和8年6月13日", message.body)
        self.assertIn("第三者点検の実施（未記載）：令和8年6月14日", message.body)

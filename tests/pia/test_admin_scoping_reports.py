"""Wagtail's reports show the user's own organization's pages, records and people only."""

from __future__ import annotations

from django.urls import reverse

from pia.models import JutenAssessmentPage, OrganizationPage
from tests.pia.admin_scoping_base import MIDORINO_CONTRACTOR, MIDORINO_TITLE, ScopingTestCase

PUBLISHED_TITLE = "緑野市 住民基本台帳事務 重点項目評価書（公表済）"
REPORTS = (
    "site_history",
    "page_types_usage",
    "workflow",
    "workflow_tasks",
    "aging_pages",
    "locked_pages",
)


class ReportScopingTest(ScopingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        org_page = OrganizationPage.objects.get(organization=cls.midorino)
        page = JutenAssessmentPage(title=PUBLISHED_TITLE, slug="juki", affair="住民基本台帳事務")
        org_page.add_child(instance=page)
        page.save_revision(user=cls.midorino_approver, log_action=True).publish(user=cls.midorino_approver)

    def fetch(self, user, name, query=""):
        self.login(user)
        for suffix in ("", "_results"):
            response = self.client.get(reverse(f"wagtailadmin_reports:{name}{suffix}") + query)
            yield response

    def test_no_report_shows_another_bodys_pages_records_or_people(self):
        for user in (self.officer, self.approver, self.auditor):
            for name in REPORTS:
                for response in self.fetch(user, name):
                    with self.subTest(user=user.username, report=name, url=response.request["PATH_INFO"]):
                        self.assertIn(response.status_code, (200, 302, 403))
                        self.assert_shows_nothing_of_midorino(
                            response, PUBLISHED_TITLE, "緑野市長 所属長承認", "緑野市長 所属長による承認"
                        )

    def test_nagaoka_does_not_see_midorinos_pages_in_any_report_nor_midorino_nagaokas(self):
        for name in REPORTS:
            for response in self.fetch(self.outsider, name):
                with self.subTest(report=name):
                    self.assert_absent(
                        response,
                        self.assessment.title,
                        self.nagaoka_contractor.name,
                        *("nagaoka-officer", "nagaoka-approver", "花子", "一郎"),
                    )

    def test_site_history_lists_the_users_own_edits_and_colleagues(self):
        response = next(self.fetch(self.approver, "site_history"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.nagaoka_contractor.name)
        self.assertContains(response, "花子")  # the officer, by name
        self.assertNotContains(response, MIDORINO_CONTRACTOR)

    def test_site_history_filters_and_export_keep_to_the_user(self):
        self.login(self.approver)
        url = reverse("wagtailadmin_reports:site_history")
        for query in (f"?user={self.outsider.pk}", "?export=csv", "?label=緑野"):
            with self.subTest(query=query):
                response = self.client.get(url + query)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                self.assertFalse(MIDORINO_CONTRACTOR in body.decode(), query)

    def test_page_types_usage_counts_only_the_users_pages(self):
        response = next(self.fetch(self.approver, "page_types_usage"))
        self.assertEqual(response.status_code, 200)
        juten = response.context["object_list"]
        counts = {item.model: item.count for item in juten}
        self.assertEqual(counts["jutenassessmentpage"], 1)
        self.assertContains(response, self.assessment.title)

    def test_the_administrator_sees_every_body(self):
        response = next(self.fetch(self.admin, "site_history"))
        self.assertContains(response, MIDORINO_CONTRACTOR)
        response = next(self.fetch(self.admin, "workflow"))
        self.assertContains(response, MIDORINO_TITLE)
        response = next(self.fetch(self.admin, "aging_pages"))
        self.assertContains(response, PUBLISHED_TITLE)

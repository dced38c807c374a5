"""A sitemap page is kept once built; whatever is published, withdrawn, renamed or added shows at the next request.

A new body of the test (not the demo) with an assessment published twice.
"""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from pia.models import JutenAssessmentPage
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, edit_for_version, member, set_up_organization

PUBLICATIONS = "/sitemap/publications.xml?p=1"
PAGES = "/sitemap/pages.xml?p=1"


class SitemapStaysTrueWhenCachedTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        organization = OrganizationFactory(slug="tsuwano", name="津和野町長")
        set_up_organization(organization)
        cls.officer = member(organization, "officer")
        cls.approver = member(organization, "approver")
        cls.page = create_assessment(
            organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="kokuho",
            title="国民健康保険に関する事務 重点項目評価書",
            affair="国民健康保険に関する事務",
            publications=2,
        )

    def sitemap(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def publish_next_version(self) -> None:
        page = JutenAssessmentPage.objects.get(pk=self.page.pk)
        values = page.get_values()
        edit_for_version(values, 3)
        page.set_values(values)
        page.save_revision(user=self.officer, log_action=True).publish(user=self.approver)

    def test_a_second_request_is_served_without_reading_the_rows(self):
        first = self.sitemap(PUBLICATIONS)
        with CaptureQueriesContext(connection) as queries:
            again = self.sitemap(PUBLICATIONS)
        self.assertEqual(again, first)
        read = " ".join(query["sql"] for query in queries.captured_queries)
        self.assertNotIn('"version"', read, "the publications' rows are not read again")

    def test_a_new_version_appears_at_once(self):
        self.assertNotIn("/tsuwano/kokuho/v3/", self.sitemap(PUBLICATIONS))
        self.publish_next_version()
        self.assertIn("http://testserver/tsuwano/kokuho/v3/</loc><lastmod>", self.sitemap(PUBLICATIONS))

    def test_a_withdrawn_assessment_leaves_both_sections_at_once(self):
        self.assertIn("/tsuwano/kokuho/v2/", self.sitemap(PUBLICATIONS))
        self.assertIn("/tsuwano/kokuho/<", self.sitemap(PAGES))
        JutenAssessmentPage.objects.get(pk=self.page.pk).unpublish(user=self.approver)
        self.assertNotIn("/tsuwano/kokuho/", self.sitemap(PUBLICATIONS))
        self.assertNotIn("/tsuwano/kokuho/", self.sitemap(PAGES))

    def test_a_renamed_assessment_is_listed_under_its_new_address(self):
        self.sitemap(PUBLICATIONS)
        page = JutenAssessmentPage.objects.get(pk=self.page.pk)
        page.slug = "kokumin-kenko-hoken"
        page.save_revision(user=self.officer, log_action=True).publish(user=self.approver)
        listed = self.sitemap(PUBLICATIONS)
        self.assertIn("/tsuwano/kokumin-kenko-hoken/v1/", listed)
        self.assertNotIn("/tsuwano/kokuho/", listed)

    def test_a_second_body_set_up_by_command_appears_in_the_pages(self):
        self.assertNotIn("/masuda/", self.sitemap(PAGES))
        set_up_organization(OrganizationFactory(slug="masuda", name="益田市長"))
        self.assertIn("http://testserver/masuda/", self.sitemap(PAGES))

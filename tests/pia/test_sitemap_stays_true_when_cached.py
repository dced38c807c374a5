"""A sitemap file is kept once built; whatever is published, withdrawn, renamed or added shows at the next request.

A new body of the test (not the demo) with an assessment published twice.
"""

from __future__ import annotations

from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from pia.models import JutenAssessmentPage, Publication, SitemapFile
from pia.public import sitemap
from pia.public.sitemap import BASE, rebuild_sitemap_files, state_key
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, edit_for_version, member, set_up_organization

PUBLICATIONS = "/sitemap/publications.xml?p=1"
PAGES = "/sitemap/pages.xml?p=1"


class SitemapTestCase(TestCase):
    """A new body (BODY: slug, name) with one 重点 assessment (ASSESSMENT: slug, affair) published twice."""

    BODY = ("tsuwano", "津和野町長")
    ASSESSMENT = ("kokuho", "国民健康保険に関する事務")

    @classmethod
    def setUpTestData(cls):
        organization = OrganizationFactory(slug=cls.BODY[0], name=cls.BODY[1])
        set_up_organization(organization)
        cls.officer = member(organization, "officer")
        cls.approver = member(organization, "approver")
        slug, affair = cls.ASSESSMENT
        cls.page = create_assessment(
            organization,
            officer=cls.officer,
            approver=cls.approver,
            slug=slug,
            title=f"{affair} 重点項目評価書",
            affair=affair,
            publications=2,
        )

    def sitemap(self, url: str, **headers) -> str:
        response = self.client.get(url, **headers)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def publish_next_version(self) -> None:
        page = JutenAssessmentPage.objects.get(pk=self.page.pk)
        values = page.get_values()
        edit_for_version(values, 3)
        page.set_values(values)
        page.save_revision(user=self.officer, log_action=True).publish(user=self.approver)


class SitemapStaysTrueWhenCachedTest(SitemapTestCase):
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


class SitemapFilesAreBuiltAfterEachChangeTest(SitemapTestCase):
    """After a change commits, a task builds and stores every file; a request then reads one row, not the rows."""

    BODY = ("kamishihoro", "上士幌町長")
    ASSESSMENT = ("juki", "住民基本台帳に関する事務")

    def test_a_publication_stores_every_file_and_a_request_then_reads_no_row(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.publish_next_version()
        state = state_key(Site.objects.get(is_default_site=True).root_page.url_path)
        stored = dict(SitemapFile.objects.values_list("section", "stamp"))
        self.assertEqual(stored, {"pages": state, "publications": state}, "both sections stored for the new state")
        cache.clear()  # another process: nothing in its cache
        with CaptureQueriesContext(connection) as queries:
            listed = self.sitemap(PUBLICATIONS)
        read = " ".join(query["sql"] for query in queries.captured_queries)
        self.assertNotIn('"version"', read, "the publications' rows are not read")
        self.assertIn("http://testserver/kamishihoro/juki/v3/</loc><lastmod>", listed)
        SitemapFile.objects.all().delete()
        cache.clear()
        self.assertEqual(self.sitemap(PUBLICATIONS), listed, "the stored file is the one a request builds")

    def test_each_host_gets_its_own_addresses_from_the_one_stored_file(self):
        rebuild_sitemap_files.call()
        self.assertIn("http://testserver/kamishihoro/juki/</loc>", self.sitemap(PAGES))
        on_localhost = self.sitemap(PAGES, HTTP_HOST="localhost")
        self.assertIn("http://localhost/kamishihoro/juki/</loc>", on_localhost)
        self.assertNotIn("testserver", on_localhost)
        self.assertNotIn(BASE, on_localhost)

    def test_a_file_stored_before_a_change_is_never_served_after_it(self):
        rebuild_sitemap_files.call()
        before = SitemapFile.objects.get(section="publications").stamp
        self.publish_next_version()  # in the test's transaction: the task has not run
        self.assertEqual(SitemapFile.objects.get(section="publications").stamp, before)
        self.assertIn("/kamishihoro/juki/v3/", self.sitemap(PUBLICATIONS), "built by the request, not the old file")

    def test_a_rebuild_with_nothing_changed_keeps_the_files_and_removes_those_past_the_last(self):
        with mock.patch.object(sitemap, "SITEMAP_LIMIT", 1):
            first = rebuild_sitemap_files.call()
            numbers = sorted(SitemapFile.objects.filter(section="publications").values_list("number", flat=True))
            self.assertEqual(numbers, list(range(1, Publication.objects.public().count() + 1)))
            self.assertEqual(rebuild_sitemap_files.call(), {"built": 0, "kept": first["built"]})
            with self.captureOnCommitCallbacks(execute=True):
                JutenAssessmentPage.objects.get(pk=self.page.pk).unpublish(user=self.approver)
            remaining = SitemapFile.objects.filter(section="publications")
            self.assertEqual(list(remaining.values_list("number", flat=True)), [1], "one file, empty, is left")
            self.assertNotIn("/kamishihoro/juki/", remaining.get().body)

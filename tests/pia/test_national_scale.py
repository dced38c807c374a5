"""A portal for every body: synthetic national data, and pages whose query count does not grow with it.

``simulate_national`` fills the database from a body's publications made here (not the demo's);
each listing is then requested at two sizes of data and must take the same number of queries.
"""

from __future__ import annotations

import io
import re

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pia.models import AssessmentPage, OrganizationPage, Publication
from registry.models import Organization
from tests.factories import OrganizationFactory
from tests.factories.pia import administrator, create_assessment, member, set_up_organization

PUBLIC_URLS = [
    "/",
    "/sim-0001/",
    "/search/?q=模擬市",
    "/search/?q=事務 評価書",
    "/api/v1/publications/",
    "/api/v1/publications/?page=2",
    "/sitemap.xml",
    "/sitemap/pages.xml?p=1",
    "/sitemap/publications.xml?p=1",
    "/feeds/publications.atom",
]
ADMIN_URLS = ["/admin/pia/assessments/", "/admin/pia/assessments/?p=2"]


class NationalScaleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        # A real body of the test, whose publications the synthetic ones are derived from.
        organization = OrganizationFactory(slug="uchiko", name="内子町長")
        set_up_organization(organization)
        officer = member(organization, "officer")
        approver = member(organization, "approver")
        create_assessment(
            organization,
            officer=officer,
            approver=approver,
            slug="juki",
            title="住民基本台帳に関する事務 重点項目評価書",
            affair="住民基本台帳に関する事務",
            publications=2,
        )
        cls.admin = administrator()

    def simulate(self, **sizes: int) -> str:
        out = io.StringIO()
        call_command("simulate_national", "--force", *[f"--{k}={v}" for k, v in sizes.items()], stdout=out)
        return out.getvalue()


class SimulatingANationalPortalTest(NationalScaleTestCase):
    def test_it_refuses_a_database_with_bodies_other_than_the_demo_unless_forced(self):
        with self.assertRaisesMessage(CommandError, "内子町長"):
            call_command("simulate_national", "--bodies=1", "--assessments=1", "--versions=1", stdout=io.StringIO())
        self.assertFalse(Organization.objects.filter(slug__startswith="sim-").exists())

    def test_it_makes_bodies_assessments_and_publications_in_a_valid_page_tree(self):
        output = self.simulate(bodies=3, assessments=4, versions=2)
        self.assertIn("評価実施機関 3/3", output)  # progress
        self.assertIn("公表版 24", output)
        bodies = Organization.objects.filter(slug__startswith="sim-").order_by("slug")
        self.assertEqual([b.name for b in bodies], ["模擬市0001長", "模擬市0002長", "模擬市0003長"])
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))  # paths, depths, numchild as treebeard wants
        org_page = OrganizationPage.objects.get(organization__slug="sim-0002")
        children = org_page.get_children().specific()
        self.assertEqual(len(children), 4)
        self.assertTrue(all(isinstance(child, AssessmentPage) for child in children))
        page = children[0]
        versions = list(Publication.objects.for_page(page))
        self.assertEqual([p.version for p in versions], [1, 2])
        latest = versions[-1]
        self.assertEqual(latest.document["assessment"]["identifier"], f"sim-0002/{page.slug}")
        self.assertEqual(latest.document["assessment"]["organization"], "模擬市0002長")
        self.assertIn("模擬市0002長", latest.search_text)
        self.assertEqual(page.live_revision_id, latest.revision_id)
        # The demo's (here the test's) body is untouched and still the template.
        self.assertEqual(Publication.objects.filter(page__slug="juki").count(), 2)

        self.assertContains(self.client.get("/sim-0002/"), "模擬市0002長")
        self.assertContains(self.client.get(f"/sim-0002/{page.slug}/"), page.title)
        self.assertEqual(self.client.get(f"/sim-0002/{page.slug}/v2/changes/").status_code, 200)
        self.assertContains(self.client.get("/search/?q=模擬市0003長"), "模擬市0003長")

    def test_a_second_run_adds_bodies_after_the_last(self):
        self.simulate(bodies=1, assessments=1, versions=1)
        self.simulate(bodies=2, assessments=1, versions=1)
        self.assertEqual(
            list(Organization.objects.filter(slug__startswith="sim-").order_by("slug").values_list("slug", flat=True)),
            ["sim-0001", "sim-0002", "sim-0003"],
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))


class QueriesDoNotGrowWithTheRowsShownTest(NationalScaleTestCase):
    def count_queries(self, url: str) -> int:
        self.client.get(url)  # the first request fills the caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def counts(self) -> dict[str, int]:
        found = {url: self.count_queries(url) for url in PUBLIC_URLS}
        self.client.force_login(self.admin)
        found |= {url: self.count_queries(url) for url in ADMIN_URLS}
        self.client.logout()
        return found

    def test_every_listing_takes_as_many_queries_for_many_rows_as_for_few(self):
        # Few: every listing shows a handful of rows (the JSON index and the admin list have a full first page).
        self.simulate(bodies=3, assessments=9, versions=2)  # 27 assessments, 54 publications
        few = self.counts()
        # Many: more rows in every listing (a body shows 18, pages hold their 50 rows).
        self.simulate(bodies=2, assessments=18, versions=3)
        many = self.counts()
        self.assertEqual(many, few)
        # The rows shown did grow.
        self.assertEqual(
            len(re.findall(r"<url>", self.client.get("/sitemap/publications.xml?p=1").content.decode())), 164
        )
        data = self.client.get("/api/v1/publications/?page=2").json()
        self.assertEqual(len(data["results"]), 50)

    def test_a_body_s_page_takes_as_many_queries_for_many_assessments_as_for_few(self):
        self.simulate(bodies=1, assessments=2, versions=1)
        self.simulate(bodies=1, assessments=20, versions=2)
        self.assertEqual(self.count_queries("/sim-0002/"), self.count_queries("/sim-0001/"))
        self.assertEqual(self.client.get("/sim-0002/").content.decode().count('href="/sim-0002/hyokasho-'), 20)

    def test_the_admin_dashboard_takes_as_many_queries_for_a_full_panel_as_for_a_short_one(self):
        self.client.force_login(self.admin)
        self.simulate(bodies=1, assessments=2, versions=1)  # 3 assessments: the panels list a few
        few = self.count_queries("/admin/")
        self.simulate(bodies=2, assessments=12, versions=2)  # 27: the deadlines panel is full (10 rows)
        many = self.count_queries("/admin/")
        self.assertEqual(many, few)
        page = self.client.get("/admin/").content.decode()
        checks_links = re.findall(r'href="/admin/pia/assessments/\d+/checks/"', page)
        self.assertEqual(len(checks_links), 10, "the deadlines panel shows its full 10 rows")


class SitemapIsAnIndexTest(NationalScaleTestCase):
    def test_the_index_splits_a_section_at_the_limit(self):
        from pia.public import sitemap

        self.simulate(bodies=1, assessments=5, versions=1)
        original = sitemap.SITEMAP_LIMIT
        sitemap.SITEMAP_LIMIT = 3
        try:
            body = self.client.get("/sitemap.xml").content.decode()
            # 7 publications (2 of the test's body, 5 synthetic): pages 1 to 3 of 3.
            for n in (1, 2, 3):
                self.assertIn(f"http://testserver/sitemap/publications.xml?p={n}", body)
            self.assertNotIn("publications.xml?p=4", body)
            urls = []
            for n in (1, 2, 3):
                urls += re.findall(
                    r"<loc>([^<]+)</loc>", self.client.get(f"/sitemap/publications.xml?p={n}").content.decode()
                )
            self.assertEqual(len(urls), 7)
            self.assertEqual(len(set(urls)), 7)
            self.assertEqual(self.client.get("/sitemap/publications.xml?p=4").status_code, 404)
            self.assertEqual(self.client.get("/sitemap/nothing.xml").status_code, 404)
        finally:
            sitemap.SITEMAP_LIMIT = original

"""The public index, feed, sitemaps and lists take the parents of their publications in one query.

Each publication sits under its organization's page; listing them must not query that parent
(nor its organization) once per row, so the number of queries is the same for one publication
as for three (each in its own organization).
"""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from pia.models import JutenAssessmentPage
from pia.services.organizations import grant_role, provision_organization
from registry.enums import Role
from tests.factories import OrganizationFactory, UserFactory

URLS = [
    "/api/v1/publications/",
    "/feeds/publications.atom",
    "/sitemap.xml",
    "/sitemap/publications.xml?p=1",
    "/sitemap/pages.xml?p=1",
    "/",
    "/search/?q=事務",
    "/town1/",
]


class PublicIndexQueriesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.created = 0
        cls.publish_assessments(1)

    @classmethod
    def publish_assessments(cls, count: int) -> None:
        """*count* more organizations, each with one published assessment (data of the test, not the demo)."""
        for _ in range(count):
            n = cls.created = cls.created + 1
            organization = OrganizationFactory(slug=f"town{n}", name=f"試験町{n}長")
            setup = provision_organization(organization)
            approver = UserFactory(username=f"town{n}-approver")
            grant_role(approver, organization, Role.APPROVER)
            page = JutenAssessmentPage(
                title=f"試験町{n}の住民基本台帳事務", slug="juki", affair="住民基本台帳に関する事務"
            )
            setup.page.add_child(instance=page)
            page.save_revision(user=approver).publish(user=approver)

    def count_queries(self, url: str) -> int:
        self.client.get(url)  # the first request fills the caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def test_the_query_count_does_not_grow_with_the_publications(self):
        one = {url: self.count_queries(url) for url in URLS}
        self.publish_assessments(2)
        three = {url: self.count_queries(url) for url in URLS}
        self.assertEqual(three, one)

    def test_every_row_names_its_organization_and_links_to_its_page(self):
        self.publish_assessments(2)
        data = self.client.get("/api/v1/publications/").json()
        self.assertEqual(
            sorted((row["organization"], row["html"]) for row in data["results"]),
            [(f"試験町{n}長", f"http://testserver/town{n}/juki/v1/") for n in (1, 2, 3)],
        )
        feed = self.client.get("/feeds/publications.atom").content.decode()
        for n in (1, 2, 3):
            self.assertIn(f"試験町{n}長", feed)
            self.assertIn(f"/town{n}/juki/v1/", feed)
        sitemap = self.client.get("/sitemap/publications.xml?p=1").content.decode()
        for n in (1, 2, 3):
            self.assertIn(f"/town{n}/juki/v1/", sitemap)
        home = self.client.get("/").content.decode()
        for n in (1, 2, 3):
            self.assertIn(f"試験町{n}長", home)
            self.assertIn(f'href="/town{n}/juki/v1/"', home)
        search = self.client.get("/search/?q=事務").content.decode()
        for n in (1, 2, 3):
            self.assertIn(f"試験町{n}長", search)
            self.assertIn(f'href="/town{n}/juki/"', search)

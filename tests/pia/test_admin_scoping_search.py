"""The admin search (pages and every other search area) finds the user's own organization's only."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.urls import reverse

from pia.services.organizations import group_name
from registry.enums import Role
from tests.pia.admin_scoping_base import MIDORINO_TITLE, ScopingTestCase


class SearchScopingTest(ScopingTestCase):
    def search(self, user, query, name="wagtailadmin_pages:search"):
        self.login(user)
        return self.client.get(reverse(name) + f"?q={query}")

    def test_page_search_does_not_find_another_bodys_pages(self):
        for query in ("緑野", "児童手当", "評価書", ""):
            for name in ("wagtailadmin_pages:search", "wagtailadmin_pages:search_results"):
                with self.subTest(query=query, name=name):
                    self.assert_shows_nothing_of_midorino(self.search(self.approver, query, name))
                    response = self.search(self.outsider, query, name)
                    self.assert_absent(response, self.assessment.title)

    def test_page_search_keeps_to_the_organization_whatever_the_groups_say(self):
        self.approver.groups.add(Group.objects.get(name=group_name(self.midorino, Role.APPROVER)))
        self.assert_shows_nothing_of_midorino(self.search(self.approver, "児童手当"))

    def test_the_other_search_areas_show_no_other_bodys_people_or_files(self):
        self.login(self.approver)
        for url in (
            reverse("wagtailusers_users:index") + "?q=緑野",
            reverse("wagtaildocs:index") + "?q=緑野",
            reverse("wagtailimages:index") + "?q=緑野",
            reverse("wagtailsnippets_registry_contractor:list") + "?q=緑野",
        ):
            with self.subTest(url=url):
                self.assert_shows_nothing_of_midorino(self.client.get(url))

    def test_the_administrator_finds_every_body(self):
        response = self.search(self.admin, "")
        self.assertContains(response, MIDORINO_TITLE)
        self.assertContains(response, self.assessment.title)

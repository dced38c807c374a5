"""The auditor of 長岡市長 reads every history of its organization, changes nothing, and sees nothing of 緑野市長."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from wagtail.models import WorkflowState

from pia.models import Publication
from registry.models import AccessLogSearch, Organization, System
from registry.search_records import japan_time
from tests.personas import PersonaTestCase

from .admin_urls import MIDORINO_SENTINEL, build_midorino_objects


class AuditorReadsHistoryTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_midorino_objects(cls.outsider)
        page = cls.assessment
        cls.workflow_state = page.get_workflow().start(page, cls.officer)
        from pia.models.lookup import find_assessment

        cls.midorino_page = find_assessment("midorino/kenko-kanri")
        cls.nagaoka_system = System.objects.filter(organization__slug="nagaoka").order_by("pk").first()
        cls.midorino_system = System.objects.get(organization__slug="midorino")
        # 23:30 UTC is 8:30 the next morning in Japan: the list must show the Japanese day and hour.
        cls.search = AccessLogSearch.objects.create(
            user=cls.auditor,
            organization=Organization.objects.get(slug="nagaoka"),
            searched_at=dt.datetime(2025, 6, 29, 23, 30, tzinfo=dt.UTC),
            criteria={"system": f"nagaoka/{cls.nagaoka_system.code}", "action": "view", "start": "2025-06-01"},
            result_count=12,
            exported=True,
        )
        AccessLogSearch.objects.create(
            user=cls.outsider,
            organization=Organization.objects.get(slug="midorino"),
            criteria={"login_id": f"{MIDORINO_SENTINEL}-id"},
        )

    def setUp(self):
        self.client.force_login(self.auditor)

    def page_urls(self, page):
        revisions = list(page.revisions.order_by("created_at", "pk"))
        state = WorkflowState.objects.filter(page=page).order_by("-pk").first()
        urls = {
            "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
            "history_results": reverse("wagtailadmin_pages:history_results", args=[page.pk]),
            "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revisions[-1].pk]),
            "compare": reverse(
                "wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0].pk, revisions[-1].pk]
            ),
            "workflow_history": reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        }
        if state is not None:
            urls["workflow_history_detail"] = reverse(
                "wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]
            )
        return urls

    def system_urls(self, system):
        viewset = system.snippet_viewset
        return {
            "history": reverse(viewset.get_url_name("history"), args=[system.pk]),
            "history_results": reverse(viewset.get_url_name("history_results"), args=[system.pk]),
            "changes": reverse(viewset.get_url_name("changes"), args=[system.pk]),
        }

    def test_the_auditor_reads_page_history_revisions_compare_and_workflow_history(self):
        for view, url in self.page_urls(self.assessment).items():
            with self.subTest(view=view):
                self.assertEqual(self.client.get(url, follow=True).status_code, 200, url)

    def test_wagtails_compare_of_an_assessment_opens_ours_with_the_versions_it_names(self):
        page = self.assessment
        first, live = page.revisions.order_by("created_at", "pk").first(), page.live_revision
        first_version = Publication.objects.filter(page=page, revision=first).values_list("version", flat=True).first()
        live_version = Publication.objects.get(page=page, revision=live).version
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, "live"])
        response = self.client.get(url)
        expected_a = str(first_version) if first_version else "draft"
        self.assertRedirects(
            response,
            reverse("pia_assessment_compare", args=[page.pk]) + f"?a={expected_a}&b={live_version}",
            fetch_redirect_response=False,
        )
        compared = self.client.get(response["Location"]).content.decode()
        self.assertIn(f"第{live_version}版", compared)
        table = compared.split('<table class="listing pia-compare">', 1)[-1].split("</table>", 1)[0]
        for raw in ("None", "True", "False"):  # what Wagtail's own compare printed for empty and checked items
            self.assertNotIn(raw, table)

    def test_the_page_history_offers_the_auditor_no_revert_and_no_edit(self):
        body = self.client.get(reverse("wagtailadmin_pages:history", args=[self.assessment.pk])).content.decode()
        self.assertNotIn("/revert/", body)
        self.assertNotIn(reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]), body)

    def test_the_auditor_reads_the_history_of_registry_records(self):
        for view, url in self.system_urls(self.nagaoka_system).items():
            with self.subTest(view=view):
                self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_the_auditor_changes_nothing(self):
        page = self.assessment
        revisions = page.revisions.count()
        first = page.revisions.order_by("created_at", "pk").first()
        for url, data in (
            (reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "改ざん"}),
            (reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]), {}),
            (reverse("wagtailadmin_pages:history", args=[page.pk]), {}),
            (reverse("wagtailadmin_pages:lock", args=[page.pk]), {}),
            (reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {}),
        ):
            with self.subTest(url=url):
                response = self.client.post(url, data)
                self.assertNotEqual(response.status_code, 200, url)
        system = self.nagaoka_system
        for view in ("edit", "delete"):
            with self.subTest(view=view):
                url = reverse(system.snippet_viewset.get_url_name(view), args=[system.pk])
                self.assertNotEqual(self.client.post(url, {"name": "改ざん"}).status_code, 200)
        page.refresh_from_db()
        system.refresh_from_db()
        self.assertEqual(page.revisions.count(), revisions)
        self.assertTrue(page.live)
        self.assertIsNone(page.locked_by_id)
        self.assertNotEqual(system.name, "改ざん")
        self.assertEqual(WorkflowState.objects.get(pk=self.workflow_state.pk).status, WorkflowState.STATUS_IN_PROGRESS)

    def test_the_auditor_gets_nothing_of_another_organization(self):
        urls = {**self.page_urls(self.midorino_page)}
        urls.update({f"system {k}": v for k, v in self.system_urls(self.midorino_system).items()})
        for view, url in urls.items():
            with self.subTest(view=view):
                response = self.client.get(url)
                self.assertIn(response.status_code, (403, 404), url)
                self.assertNotIn(MIDORINO_SENTINEL, response.content.decode())

    def test_the_search_records_are_listed_in_japanese_with_japan_time(self):
        response = self.client.get(reverse("registry_access_log_searches"))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("令和7年6月30日 08:30:00", body)  # 2025-06-29 23:30 UTC
        self.assertNotIn("23:30", body)
        self.assertIn("監査 次郎", body)  # family name first
        self.assertIn(self.nagaoka_system.name, body)
        self.assertIn("CSV出力", body)
        self.assertIn("令和7年6月1日", body)
        self.assertNotIn(MIDORINO_SENTINEL, body)
        self.assertEqual(japan_time(self.search.searched_at), "令和7年6月30日 08:30:00")

    def test_the_menu_and_the_search_page_lead_to_the_search_records(self):
        records_url = reverse("registry_access_log_searches")
        search_page = self.client.get(reverse("registry_access_logs")).content.decode()
        self.assertIn(records_url, search_page)
        self.assertNotIn("サイト履歴", search_page)
        self.assertIn(records_url, self.client.get(reverse("wagtailadmin_home")).content.decode())

    def test_only_auditors_and_administrators_open_the_search_records(self):
        url = reverse("registry_access_log_searches")
        for persona in ("officer", "approver", "outsider"):
            with self.subTest(persona=persona):
                self.client.force_login(self.personas()[persona])
                response = self.client.get(url)
                # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard.
                self.assertIn(response.status_code, (302, 403))
                if response.status_code == 302:
                    self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(url).status_code, 200)

"""The page, snippet, document and image choosers offer the user's own organization's objects only."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from registry.models import Contractor
from tests.pia.admin_scoping_base import MIDORINO_CONTRACTOR, MIDORINO_TITLE, ScopingTestCase


class ChooserScopingTest(ScopingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.midorino_document = get_document_model().objects.create(
            title="緑野市 委託契約書（内部）",
            file=ContentFile(b"%PDF-1.7\n", name="midorino.pdf"),
            uploaded_by_user=cls.outsider,
        )

    def test_the_page_chooser_does_not_open_another_bodys_page(self):
        self.login(self.approver)
        for page in (self.midorino_page, self.midorino_page.get_parent()):
            response = self.client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
            self.assertEqual(response.status_code, 404)
            self.assert_shows_nothing_of_midorino(response)

    def test_the_page_chooser_browses_and_searches_the_users_pages_only(self):
        self.login(self.approver)
        urls = [
            reverse("wagtailadmin_choose_page"),
            reverse("wagtailadmin_choose_page") + "?page_type=pia.jutenassessmentpage",
            reverse("wagtailadmin_choose_page_child", args=[self.assessment.get_parent().get_parent().pk]),
            reverse("wagtailadmin_choose_page_search") + "?q=評価書",
            reverse("wagtailadmin_choose_page_search") + "?q=緑野",
            reverse("wagtailadmin_choose_page_chosen_multiple")
            + f"?id={self.midorino_page.pk}&id={self.assessment.pk}",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_shows_nothing_of_midorino(response, "緑野市長")
        response = self.client.get(reverse("wagtailadmin_choose_page_child", args=[self.assessment.get_parent().pk]))
        self.assertIn(self.assessment.title, self.text_of(response))

    def test_the_snippet_chooser_offers_the_users_records_only(self):
        self.login(self.officer)
        chooser = Contractor.snippet_viewset.chooser_viewset
        for url in (
            reverse(chooser.get_url_name("choose")),
            reverse(chooser.get_url_name("choose_results")) + "?q=株式会社",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertIn(self.nagaoka_contractor.name, self.text_of(response))
            self.assert_absent(response, MIDORINO_CONTRACTOR)
        chosen = self.client.get(reverse(chooser.get_url_name("chosen"), args=[self.midorino_contractor.pk]))
        self.assertEqual(chosen.status_code, 404)
        self.assert_absent(chosen, MIDORINO_CONTRACTOR)

    def test_the_document_chooser_does_not_show_another_bodys_document(self):
        self.login(self.approver)
        for url in (
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtaildocs_chooser:choose_results") + "?q=緑野",
            reverse("wagtaildocs_chooser:chosen", args=[self.midorino_document.pk]),
            reverse("wagtailimages_chooser:choose"),
        ):
            with self.subTest(url=url):
                self.assert_absent(self.client.get(url), "緑野市 委託契約書")

    def test_the_administrator_chooses_from_every_body(self):
        self.login(self.admin)
        response = self.client.get(reverse("wagtailadmin_choose_page_child", args=[self.midorino_page.get_parent().pk]))
        self.assertIn(MIDORINO_TITLE, self.text_of(response))

"""Deleting assessments: approvers and administrators delete drafts; a published assessment is never deleted.

Officers, auditors and another body's staff cannot delete: no button, no delete view, no bulk
delete. Whoever asks, an assessment with publications stays, with a message to unpublish it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from pia.models import JutenAssessmentPage, Publication
from pia.models.deletion import PUBLISHED_MESSAGE
from tests.personas import PersonaTestCase

DRAFT_TITLE = "削除試験用の評価書（未公表）"


def delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete_url(page) -> str:
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return f"{url}?{urlencode({'id': page.pk})}"


class DeletingAssessmentsTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.org_page = cls.assessment.organization_page
        draft = JutenAssessmentPage(title=DRAFT_TITLE, slug="deletion-draft", affair="削除試験用の事務", live=False)
        cls.org_page.add_child(instance=draft)
        draft.save_revision(user=cls.officer)
        cls.draft = draft
        cls.publications = Publication.objects.filter(page=cls.assessment).count()

    def as_user(self, user):
        self.client.logout()
        self.client.force_login(user)

    def messages_of(self, response) -> list[str]:
        return [str(message) for message in get_messages(response.wsgi_request)]

    def assertKept(self, page):
        self.assertTrue(Page.objects.filter(pk=page.pk).exists(), "the page was deleted")

    def assertDeleted(self, page):
        self.assertFalse(Page.objects.filter(pk=page.pk).exists(), "the page is still there")

    def assertRefusedAsPublished(self, response):
        self.assertEqual(response.status_code, 302)
        self.assertIn(PUBLISHED_MESSAGE, " ".join(self.messages_of(response)))
        self.assertKept(self.assessment)
        self.assertEqual(Publication.objects.filter(page=self.assessment).count(), self.publications)

    # Who may not delete at all -----------------------------------------------------------------

    def test_officers_auditors_and_outsiders_see_no_delete_button(self):
        explore = reverse("wagtailadmin_explore", args=[self.org_page.pk])
        for name in ("officer", "auditor", "outsider"):
            self.as_user(self.personas()[name])
            for url in (explore, reverse("wagtailadmin_pages:edit", args=[self.draft.pk])):
                with self.subTest(name, url=url):
                    self.assertNotIn(delete_url(self.draft), self.client.get(url).content.decode())

    def test_officers_auditors_and_outsiders_cannot_open_or_post_the_delete_view(self):
        for name in ("officer", "auditor", "outsider"):
            self.as_user(self.personas()[name])
            for page in (self.draft, self.assessment):
                with self.subTest(name, page=page.slug):
                    self.assertNotEqual(self.client.get(delete_url(page)).status_code, 200)
                    self.assertNotEqual(self.client.post(delete_url(page)).status_code, 200)
                    self.assertKept(page)

    def test_officers_auditors_and_outsiders_cannot_bulk_delete(self):
        for name in ("officer", "auditor", "outsider"):
            self.as_user(self.personas()[name])
            for page in (self.draft, self.assessment):
                with self.subTest(name, page=page.slug):
                    confirmation = self.client.get(bulk_delete_url(page))
                    if confirmation.status_code == 200:  # Wagtail lists it as not theirs to delete
                        self.assertEqual(confirmation.context["items"], [])
                    self.client.post(bulk_delete_url(page))
                    self.assertKept(page)

    # Approvers and administrators delete drafts ------------------------------------------------

    def test_approvers_see_the_delete_button_of_a_draft(self):
        self.as_user(self.approver)
        response = self.client.get(reverse("wagtailadmin_explore", args=[self.org_page.pk]))
        self.assertContains(response, delete_url(self.draft))

    def test_an_approver_deletes_an_unpublished_assessment(self):
        self.as_user(self.approver)
        self.assertEqual(self.client.get(delete_url(self.draft)).status_code, 200)
        self.client.post(delete_url(self.draft))
        self.assertDeleted(self.draft)

    def test_an_approver_bulk_deletes_an_unpublished_assessment(self):
        self.as_user(self.approver)
        self.assertEqual(len(self.client.get(bulk_delete_url(self.draft)).context["items"]), 1)
        self.client.post(bulk_delete_url(self.draft))
        self.assertDeleted(self.draft)

    def test_an_administrator_deletes_an_unpublished_assessment(self):
        self.as_user(self.admin)
        self.client.post(delete_url(self.draft))
        self.assertDeleted(self.draft)

    # Nobody deletes a published assessment -----------------------------------------------------

    def test_the_delete_view_refuses_a_published_assessment_and_says_to_unpublish(self):
        for name in ("approver", "admin"):
            self.as_user(self.personas()[name])
            with self.subTest(name):
                response = self.client.get(delete_url(self.assessment))
                self.assertRefusedAsPublished(response)
                self.assertEqual(response["Location"], reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]))
                self.assertRefusedAsPublished(self.client.post(delete_url(self.assessment)))

    def test_the_bulk_delete_action_refuses_a_published_assessment_and_says_to_unpublish(self):
        for name in ("approver", "admin"):
            self.as_user(self.personas()[name])
            with self.subTest(name):
                self.client.get(bulk_delete_url(self.assessment))
                self.assertKept(self.assessment)
                response = self.client.post(bulk_delete_url(self.assessment))
                self.assertRefusedAsPublished(response)
                self.assertIn(self.assessment.title, " ".join(self.messages_of(response)))

    def test_a_bulk_delete_with_a_published_assessment_deletes_none_of_the_chosen_pages(self):
        self.as_user(self.admin)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        response = self.client.post(f"{url}?{urlencode([('id', self.draft.pk), ('id', self.assessment.pk)])}")
        self.assertRefusedAsPublished(response)
        self.assertKept(self.draft)

    def test_an_administrator_cannot_delete_the_organization_page_that_holds_a_published_assessment(self):
        self.as_user(self.admin)
        response = self.client.post(delete_url(self.org_page))
        self.assertEqual(response.status_code, 302)
        self.assertIn(PUBLISHED_MESSAGE, " ".join(self.messages_of(response)))
        self.assertKept(self.org_page)
        self.assertKept(self.assessment)

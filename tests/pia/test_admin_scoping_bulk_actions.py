"""Wagtail's bulk actions show and act on the user's own organization's objects only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.urls import reverse

from pia.models import JutenAssessmentPage
from registry.models import Contractor, Department, StaffAccount
from tests.pia.admin_scoping_base import MIDORINO_CONTRACTOR, MIDORINO_TITLE, ScopingTestCase


def bulk_url(app_label, model_name, action, *ids):
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
    return f"{url}?{urlencode([('id', pk) for pk in ids])}"


class BulkActionScopingTest(ScopingTestCase):
    def test_an_approver_cannot_delete_another_bodys_contractor(self):
        self.login(self.approver)
        response = self.client.post(bulk_url("registry", "contractor", "delete", self.midorino_contractor.pk))
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Contractor.objects.filter(pk=self.midorino_contractor.pk).exists())

    def test_an_approver_cannot_delete_another_bodys_department(self):
        self.login(self.approver)
        response = self.client.post(bulk_url("registry", "department", "delete", self.midorino_department.pk))
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Department.objects.filter(pk=self.midorino_department.pk).exists())

    def test_the_confirmation_page_does_not_name_another_bodys_record(self):
        self.login(self.approver)
        response = self.client.get(bulk_url("registry", "contractor", "delete", self.midorino_contractor.pk))
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(MIDORINO_CONTRACTOR, response.content.decode())

    def test_mixed_ids_list_and_delete_only_the_users_own(self):
        own = Contractor.objects.create(organization=self.nagaoka, name="長岡テスト削除用事業者")
        url = bulk_url("registry", "contractor", "delete", own.pk, self.midorino_contractor.pk)
        self.login(self.approver)
        confirmation = self.client.get(url)
        self.assertEqual(confirmation.status_code, 200)
        self.assertContains(confirmation, "長岡テスト削除用事業者")
        self.assertNotContains(confirmation, MIDORINO_CONTRACTOR)
        self.client.post(url)
        self.assertFalse(Contractor.objects.filter(pk=own.pk).exists())
        self.assertTrue(Contractor.objects.filter(pk=self.midorino_contractor.pk).exists())

    def test_staff_accounts_cannot_be_listed_by_id_from_another_body(self):
        accounts = list(StaffAccount.objects.filter(organization=self.nagaoka).values_list("pk", "login_id"))
        self.assertTrue(accounts)
        self.login(self.outsider)
        for action in ("delete",):
            response = self.client.get(bulk_url("registry", "staffaccount", action, *[pk for pk, _ in accounts]))
            self.assertEqual(response.status_code, 404)
            body = response.content.decode()
            for _, login_id in accounts:
                self.assertNotIn(f">{login_id}<", body)

    def test_all_in_listing_means_all_of_the_users_own(self):
        self.login(self.approver)
        response = self.client.get(bulk_url("registry", "contractor", "delete", "all"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.nagaoka_contractor.name)
        self.assertNotContains(response, MIDORINO_CONTRACTOR)

    def test_page_bulk_actions_do_not_show_or_touch_another_bodys_page(self):
        self.login(self.approver)
        for action in ("delete", "publish", "unpublish", "move"):
            with self.subTest(action=action):
                url = bulk_url("wagtailcore", "page", action, self.midorino_page.pk)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(MIDORINO_TITLE, response.content.decode())
                self.assertEqual(self.client.post(url).status_code, 404)
        page = JutenAssessmentPage.objects.get(pk=self.midorino_page.pk)
        self.assertFalse(page.live)

    def test_page_bulk_confirmation_lists_the_users_own_page(self):
        self.login(self.approver)
        url = bulk_url("wagtailcore", "page", "publish", self.assessment.pk, self.midorino_page.pk)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.assessment.title)
        self.assertNotContains(response, MIDORINO_TITLE)

    def test_user_bulk_actions_do_not_name_another_bodys_people(self):
        self.login(self.approver)
        for action in ("delete", "set_active_state", "assign_role"):
            with self.subTest(action=action):
                response = self.client.get(bulk_url("auth", "user", action, self.outsider.pk))
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("midorino-officer", response.content.decode())
        self.assertTrue(get_user_model().objects.get(pk=self.outsider.pk).is_active)

    def test_the_administrator_still_acts_on_every_body(self):
        self.login(self.admin)
        url = bulk_url("registry", "contractor", "delete", self.nagaoka_contractor.pk, self.midorino_contractor.pk)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MIDORINO_CONTRACTOR)
        self.assertContains(response, self.nagaoka_contractor.name)

"""An officer sees who holds the lock on an assessment, and asks for its release.

The 所属長 locks the assessment with Wagtail's own lock action; the officer's editor names the holder
and the time (和暦, Japan time), and 「ロックの解除を依頼する」 mails the holder and records the request
in the page's history.
"""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.personas import PersonaTestCase


class LockReleaseTest(PersonaTestCase):
    def setUp(self):
        self.page = self.fresh_assessment()
        self.request_url = reverse("pia_request_unlock", args=[self.page.pk])
        self.client.force_login(self.approver)
        response = self.client.post(reverse("wagtailadmin_pages:lock", args=[self.page.pk]))
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertTrue(self.page.locked)

    def test_the_editor_names_who_holds_the_lock(self):
        self.client.force_login(self.officer)

        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()

        self.assertIn("医療 一郎 さんがこの評価書をロックしています", html)
        self.assertRegex(html, r"（令和\d+年\d+月\d+日 \d{2}:\d{2}から）")
        self.assertIn(f'href="{self.request_url}"', html)

    def test_the_holder_sees_no_request_button(self):
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()

        self.assertNotIn("ロックの解除を依頼する", html)

    def test_asking_mails_the_holder_and_records_the_request(self):
        self.client.force_login(self.officer)
        confirm = self.client.get(self.request_url)
        self.assertContains(confirm, "医療 一郎 さん</strong>が令和")

        response = self.client.post(self.request_url, follow=True)

        self.assertContains(response, "医療 一郎 さんにロックの解除を依頼しました（メールで通知しました）。")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.approver.email])
        self.assertIn(self.page.title, message.subject)
        self.assertIn("保健 花子 さんから、次の評価書のロックの解除を依頼されました。", message.body)
        entry = PageLogEntry.objects.filter(page=self.page, action="pia.unlock_requested").get()
        self.assertEqual(entry.user, self.officer)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[self.page.pk])).content.decode()
        self.assertIn("ロックの解除を依頼しました", history)
        self.page.refresh_from_db()
        self.assertTrue(self.page.locked, "asking does not unlock: the holder decides")

    def test_a_holder_without_an_email_address_is_still_recorded(self):
        self.approver.email = ""
        self.approver.save(update_fields=["email"])
        self.client.force_login(self.officer)

        response = self.client.post(self.request_url, follow=True)

        self.assertContains(response, "メールアドレスが登録されていないため、依頼を履歴にだけ記録しました。")
        self.assertEqual(mail.outbox, [])
        self.assertTrue(PageLogEntry.objects.filter(page=self.page, action="pia.unlock_requested").exists())

    def test_once_released_there_is_nothing_to_ask(self):
        self.client.post(reverse("wagtailadmin_pages:unlock", args=[self.page.pk]))
        self.client.force_login(self.officer)

        response = self.client.post(self.request_url, follow=True)

        self.assertContains(response, "この評価書のロックはすでに解除されています。")
        self.assertEqual(mail.outbox, [])

    def test_auditors_and_other_bodies_cannot_ask(self):
        # Wagtail sends a refused admin user back to the dashboard; another body's assessment is not found.
        for user, status in ((self.auditor, 302), (self.outsider, 404)):
            self.client.force_login(user)
            with self.subTest(user.username):
                response = self.client.post(self.request_url)
                self.assertEqual(response.status_code, status)
                if status == 302:
                    self.assertEqual(response.url, reverse("wagtailadmin_home"))
        self.assertEqual(mail.outbox, [])
        self.assertFalse(PageLogEntry.objects.filter(page=self.page, action="pia.unlock_requested").exists())

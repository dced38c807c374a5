"""With PIA_REQUIRE_MFA, a password opens nothing: the admin waits for an authenticator app's token."""

import re

from django.test import TestCase, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .helpers import current_token, make_user, pending_device, post_login


@override_settings(PIA_REQUIRE_MFA=True)
class MultiFactorLoginFlowTests(TestCase):
    def setUp(self):
        self.user = make_user("tanaka")

    def enrol(self) -> list[str]:
        """Log in with the password, set up the app with a real token, return the recovery codes shown."""
        post_login(self.client, "tanaka")
        self.client.get("/admin/mfa/setup/")
        response = self.client.post(
            "/admin/mfa/setup/", {"token": current_token(pending_device(self.user)), "next": "/admin/"}
        )
        self.assertContains(response, "回復コードを控えてください")
        return re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())

    def log_in_again(self):
        self.client.logout()
        response = post_login(self.client, "tanaka")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_user_without_a_device_is_sent_to_setup_after_the_password(self):
        post_login(self.client, "tanaka")
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/admin/mfa/setup/?next=%2Fadmin%2F", fetch_redirect_response=False)
        setup = self.client.get("/admin/mfa/setup/")
        device = pending_device(self.user)
        self.assertContains(setup, "多要素認証の設定")
        self.assertContains(setup, "<svg")  # the QR code, drawn here
        secret = setup.context["enrolment"].secret.replace(" ", "")
        self.assertIn(secret, device.config_url)

    def test_setup_confirms_the_app_with_a_first_token_and_shows_ten_recovery_codes_once(self):
        codes = self.enrol()
        self.assertEqual(len(codes), 10)
        self.assertTrue(TOTPDevice.objects.get(user=self.user).confirmed)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        # Shown once: the setup page now leads on, it never lists the codes again.
        again = self.client.get("/admin/mfa/setup/")
        self.assertEqual(again.status_code, 302)

    def test_a_wrong_first_token_does_not_confirm_the_app(self):
        post_login(self.client, "tanaka")
        self.client.get("/admin/mfa/setup/")
        response = self.client.post("/admin/mfa/setup/", {"token": "000000"})
        self.assertContains(response, "確認コードが正しくありません")
        self.assertFalse(TOTPDevice.objects.get(user=self.user).confirmed)
        self.assertEqual(self.client.get("/admin/pages/").status_code, 302)

    def test_admin_pages_are_unreachable_before_the_token(self):
        self.enrol()
        self.log_in_again()
        for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/pia/assessments/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/admin/mfa/verify/"), url)

    def test_the_token_of_the_app_verifies_the_session(self):
        self.enrol()
        self.log_in_again()
        device = TOTPDevice.objects.get(user=self.user)
        # The enrolment used this period's token (no replay): the app's next token is accepted.
        response = self.client.post("/admin/mfa/verify/", {"token": current_token(device, offset=1), "next": "/admin/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_a_wrong_token_is_refused_in_japanese(self):
        self.enrol()
        self.log_in_again()
        response = self.client.post("/admin/mfa/verify/", {"token": "123456"})
        self.assertContains(response, "確認コードが正しくありません")
        self.assertEqual(self.client.get("/admin/").status_code, 302)

    def test_a_recovery_code_works_once(self):
        codes = self.enrol()
        self.log_in_again()
        response = self.client.post("/admin/mfa/verify/", {"token": codes[0]})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.log_in_again()
        refused = self.client.post("/admin/mfa/verify/", {"token": codes[0]})
        self.assertContains(refused, "確認コードが正しくありません")
        self.assertEqual(self.client.get("/admin/").status_code, 302)

    def test_setup_cannot_replace_a_confirmed_app_with_only_the_password(self):
        self.enrol()
        self.log_in_again()
        response = self.client.get("/admin/mfa/setup/")
        self.assertRedirects(response, "/admin/mfa/verify/", fetch_redirect_response=False)
        self.assertEqual(TOTPDevice.objects.filter(user=self.user).count(), 1)

    def test_the_verification_page_can_load_its_icons_and_translations(self):
        self.enrol()
        self.log_in_again()
        self.assertEqual(self.client.get("/admin/sprite/").status_code, 200)
        self.assertEqual(self.client.get("/admin/jsi18n/").status_code, 200)

    def test_an_unverified_session_counts_as_anonymous_outside_the_admin(self):
        self.enrol()
        self.log_in_again()
        response = self.client.get("/")
        self.assertFalse(response.wsgi_request.user.is_authenticated)


class MultiFactorOffTests(TestCase):
    def test_without_the_setting_the_password_is_enough(self):
        make_user("tanaka")
        post_login(self.client, "tanaka")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

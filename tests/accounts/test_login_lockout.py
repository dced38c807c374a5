"""Repeated wrong passwords lock a user name out from that address until it cools off or an administrator lifts it."""

from axes.models import AccessAttempt
from django.test import TestCase, override_settings

from .helpers import make_user, post_login

LOCKOUT_MESSAGE = "ログインの失敗が続いたため"


@override_settings(AXES_ENABLED=True)
class LoginLockoutTests(TestCase):
    def setUp(self):
        self.user = make_user("tanaka")
        self.admin = make_user("kanri", superuser=True)

    def hammer(self, times: int, address: str = "192.0.2.10"):
        for _ in range(times):
            response = post_login(self.client, "tanaka", "wrong-password", REMOTE_ADDR=address)
        return response

    def test_sixty_wrong_passwords_then_the_right_one_is_refused_in_japanese(self):
        self.hammer(60)
        response = post_login(self.client, "tanaka", REMOTE_ADDR="192.0.2.10")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, LOCKOUT_MESSAGE, status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_lockout_is_reached_at_the_configured_number_of_failures(self):
        self.assertEqual(self.hammer(4).status_code, 200)
        self.assertEqual(self.hammer(1).status_code, 429)

    def test_the_same_user_from_another_address_is_not_locked_out(self):
        self.hammer(10)
        response = post_login(self.client, "tanaka", REMOTE_ADDR="198.51.100.7")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_an_administrator_sees_the_lockout_and_lifts_it_then_login_works(self):
        self.hammer(60)
        admin_client = self.client_class()
        admin_client.force_login(self.admin)
        listing = admin_client.get("/admin/security/lockouts/")
        self.assertContains(listing, "ログインのロック")
        self.assertContains(listing, "tanaka")
        self.assertContains(listing, "192.0.2.10")
        attempt = AccessAttempt.objects.get(username="tanaka")
        lifted = admin_client.post("/admin/security/lockouts/", {"attempt": attempt.pk}, follow=True)
        self.assertContains(lifted, "ロックを解除しました")
        response = post_login(self.client, "tanaka", REMOTE_ADDR="192.0.2.10")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_only_administrators_reach_the_lockout_screen(self):
        self.client.force_login(self.user)
        response = self.client.get("/admin/security/lockouts/")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

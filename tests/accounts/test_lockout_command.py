"""axes' own commands lift a lockout too (for operators without the admin)."""

import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from .helpers import make_user, post_login


@override_settings(AXES_ENABLED=True)
class LockoutCommandTests(TestCase):
    def test_axes_reset_username_lifts_the_lockout(self):
        make_user("tanaka")
        for _ in range(6):
            post_login(self.client, "tanaka", "wrong-password")
        self.assertEqual(post_login(self.client, "tanaka").status_code, 429)
        call_command("axes_reset_username", "tanaka", stdout=io.StringIO())
        self.assertEqual(post_login(self.client, "tanaka").status_code, 302)

"""A session ends after PIA_SESSION_IDLE_MINUTES without a request, and with the browser."""

import datetime as dt

import time_machine
from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from .helpers import make_user, post_login


class SessionIdleTimeoutTests(TestCase):
    def setUp(self):
        make_user("tanaka")

    def test_the_settings_make_an_idle_timeout_of_thirty_minutes_by_default(self):
        self.assertEqual(settings.PIA_SESSION_IDLE_MINUTES, 30)
        self.assertEqual(settings.SESSION_COOKIE_AGE, 30 * 60)
        self.assertTrue(settings.SESSION_SAVE_EVERY_REQUEST)
        self.assertTrue(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)

    def test_the_session_cookie_lives_only_as_long_as_the_browser(self):
        response = post_login(self.client, "tanaka")
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        self.assertEqual(cookie["expires"], "")
        self.assertEqual(cookie["max-age"], "")

    def test_activity_keeps_the_session_and_thirty_one_idle_minutes_end_it(self):
        start = timezone.now()
        with time_machine.travel(start, tick=False) as traveller:
            post_login(self.client, "tanaka")
            for _ in range(3):  # an hour and a half of work, a request every 25 minutes
                traveller.shift(dt.timedelta(minutes=25))
                self.assertEqual(self.client.get("/admin/").status_code, 200)
            traveller.shift(dt.timedelta(minutes=31))
            response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

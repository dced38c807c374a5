"""Wagtail's own screens write moments in 和暦, Japan time, as ours do (pia/admin/japanese.py).

Wagtail formats them with Django's DATETIME_FORMAT (2026年12月4日10:05): in the tooltip of every
relative date, in lock messages and in the locked-pages report.
"""

from __future__ import annotations

import re

from django.urls import reverse

from tests.personas import PersonaTestCase

WESTERN = re.compile(r"20\d\d年\d+月\d+日")
TOOLTIP = re.compile(r'data-w-tooltip-content-value="([^"]*)"')


class WagtailDatesTest(PersonaTestCase):
    def setUp(self):
        self.page = self.fresh_assessment()
        self.client.force_login(self.approver)
        self.client.post(reverse("wagtailadmin_pages:lock", args=[self.page.pk]))

    def assertWareki(self, html: str) -> None:
        self.assertIsNone(
            WESTERN.search(html), WESTERN.search(html) and html[WESTERN.search(html).start() - 200 :][:400]
        )

    def test_relative_dates_have_wareki_tooltips(self):
        html = self.client.get(reverse("wagtailadmin_pages:history", args=[self.page.pk])).content.decode()

        tooltips = TOOLTIP.findall(html)
        self.assertTrue(tooltips, "the history lists dated rows")
        for tooltip in tooltips:
            self.assertRegex(tooltip, r"^令和\d+年\d+月\d+日 \d{2}:\d{2}$")
        self.assertWareki(html)

    def test_the_lock_message_is_in_wareki(self):
        self.client.force_login(self.officer)

        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()

        self.assertIn("ロック", html)
        self.assertWareki(html)

    def test_the_locked_pages_report_is_in_wareki(self):
        html = self.client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()

        self.assertRegex(html, r"令和\d+年\d+月\d+日 \d{2}:\d{2}")
        self.assertWareki(html)

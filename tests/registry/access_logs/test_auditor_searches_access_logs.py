"""Auditors search the logs (by subject too, without the identifier being kept); each search is recorded."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from demo.access_logs import load_demo_access_logs
from registry.access_logs.pseudonyms import subject_pseudonym
from registry.jp.wareki import format_date
from registry.models import AccessLogEntry, AccessLogSearch, Organization, System
from tests.personas import PersonaTestCase

URL = "registry_access_logs"


class AuditorSearchesAccessLogsTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_demo_access_logs(Organization.objects.get(slug="nagaoka"), today=dt.date(2026, 12, 1))
        cls.vrs = System.objects.get(organization__slug="nagaoka", code="vrs")

    def test_only_auditors_and_administrators_may_open_the_search(self):
        # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
        expected = {"officer": 302, "approver": 302, "auditor": 200, "outsider": 302, "admin": 200}
        for name, user in self.personas().items():
            self.client.force_login(user)
            self.assertEqual(self.client.get(reverse(URL)).status_code, expected[name], name)

    def test_searching_by_subject_hashes_the_identifier_and_keeps_only_the_pseudonym(self):
        self.client.force_login(self.auditor)
        identifier = "4000000042"  # one of the residents u0007 viewed in bulk
        response = self.client.post(reverse(URL), {"subject": identifier, "system": self.vrs.pk})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(identifier, response["Location"])
        self.assertIn(subject_pseudonym(identifier), response["Location"])
        page = self.client.get(response["Location"])
        self.assertContains(page, "1 件")
        self.assertNotContains(page, identifier)
        record = AccessLogSearch.objects.get()
        self.assertEqual(record.criteria["subject_pseudonym"], subject_pseudonym(identifier))
        self.assertEqual(record.criteria["system"], "nagaoka/vrs")
        stored = str(list(AccessLogSearch.objects.values())) + str(list(ModelLogEntry.objects.values()))
        self.assertNotIn(identifier, stored)

    def test_every_search_and_export_is_in_the_audit_log_with_its_criteria(self):
        self.client.force_login(self.auditor)
        self.client.get(reverse(URL), {"login_id": "u0003", "action": "search"})
        export = self.client.get(reverse(URL), {"login_id": "u0003", "action": "search", "format": "csv"})
        body = b"".join(export.streaming_content).decode("utf-8-sig")
        rows = body.strip().split("\r\n")
        self.assertTrue(rows[0].startswith("日時,システム,ログインID,利用者,操作"))
        expected = AccessLogEntry.objects.filter(login_id="u0003", action="search").count()
        self.assertEqual(len(rows) - 1, expected)
        actions = list(ModelLogEntry.objects.order_by("timestamp").values_list("action", "data"))
        self.assertEqual([a for a, _ in actions], ["registry.access_logs.search", "registry.access_logs.export"])
        self.assertEqual(actions[1][1]["criteria"], {"login_id": "u0003", "action": "search"})
        self.assertEqual(list(AccessLogSearch.objects.values_list("exported", flat=True).order_by("pk")), [False, True])

    def test_results_are_paginated(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse(URL), {"system": self.vrs.pk})
        self.assertEqual(len(response.context["page"].object_list), 50)
        self.assertGreater(response.context["page"].paginator.num_pages, 10)

    def test_a_search_without_hits_says_so_and_is_still_recorded(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse(URL), {"login_id": "nobody-at-all"})
        self.assertContains(response, "該当する記録はありません（0 件）")
        self.assertEqual(AccessLogSearch.objects.get().result_count, 0)

    def test_result_times_are_shown_in_wareki_japan_time_to_the_second(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse(URL), {"system": self.vrs.pk})
        entry = response.context["page"].object_list[0]
        local = timezone.localtime(entry.occurred_at)
        self.assertContains(response, f"{format_date(local.date())} {local:%H:%M:%S}")
        self.assertNotContains(response, f"{local:%Y-%m-%d}")

    def test_an_end_before_the_start_is_refused(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse(URL), {"start": "2026-11-30", "end": "2026-11-01"})
        self.assertContains(response, "期間の終わりは始まり以降の日にしてください。")
        self.assertFalse(AccessLogSearch.objects.exists())

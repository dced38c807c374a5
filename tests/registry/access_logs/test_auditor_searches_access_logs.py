"""Auditors search the logs (by subject too, without the identifier being kept); each search is recorded."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.pseudonyms import subject_pseudonym
from registry.jp.wareki import format_date
from registry.models import AccessLogEntry, AccessLogSearch
from tests.personas import PersonaTestCase
from tests.registry.access_logs.builders import canonical_csv, line

URL = "registry_access_logs"
JST = dt.timezone(dt.timedelta(hours=9))
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=JST)
SUBJECT = "4000000042"  # the one resident u0002 viewed once, among 600 others


def lines(code: str, logins: tuple[str, ...], count: int, first_subject: int) -> list[str]:
    """*count* searches and views on system *code*, a minute apart, each of another resident."""
    return [
        line(
            at=(START + dt.timedelta(minutes=n)).isoformat(),
            system=code,
            login=logins[n % len(logins)],
            action=("search", "view")[n % 2],
            subject=str(first_subject + n),
        )
        for n in range(count)
    ]


class AuditorSearchesAccessLogsTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A month's batch of body A's VRS (more than ten pages of results) and of 健康管理システム.
        cls.vrs, kenko = cls.registry.systems[0], cls.registry.systems[1]
        vrs_lines = lines(cls.vrs.code, ("u0001", "u0002"), 600, 3_000_000_000)
        vrs_lines.append(line(at="2026-11-20T10:30:00+09:00", system=cls.vrs.code, login="u0002", subject=SUBJECT))
        for system, batch in ((cls.vrs, vrs_lines), (kenko, lines(kenko.code, ("u0003",), 40, 3_100_000_000))):
            result = ingest_bytes(canonical_csv(*batch), system=system, source=f"{system.code}.csv", fmt="csv")
            assert not result.rejected, result.errors

    def test_only_auditors_and_administrators_may_open_the_search(self):
        # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
        expected = {"officer": 302, "approver": 302, "auditor": 200, "outsider": 302, "admin": 200}
        for name, user in self.personas().items():
            self.client.force_login(user)
            self.assertEqual(self.client.get(reverse(URL)).status_code, expected[name], name)

    def test_searching_by_subject_hashes_the_identifier_and_keeps_only_the_pseudonym(self):
        self.client.force_login(self.auditor)
        identifier = SUBJECT
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

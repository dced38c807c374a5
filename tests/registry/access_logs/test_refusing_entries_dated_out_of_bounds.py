"""Entries dated before PIA_LOG_EARLIEST or after now + PIA_LOG_FUTURE_TOLERANCE_HOURS are refused by line."""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import ImproperlyConfigured
from django.test import TestCase, override_settings
from django.utils import timezone

from registry.access_logs.ingest import ingest_bytes
from registry.models import AccessLogEntry

from .builders import build_system, canonical_csv, line

JST = dt.timezone(dt.timedelta(hours=9))


def jsonl(at: str) -> bytes:
    row = {"occurred_at": at, "login_id": "u0001", "action": "view", "result": "success"}
    return json.dumps(row).encode() + b"\n"


class RefusingEntriesDatedOutOfBoundsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()

    def reasons(self, data: bytes, fmt: str = "csv") -> list[tuple[int, str]]:
        result = ingest_bytes(data, system=self.system, source="a", fmt=fmt)
        return [(error.line, error.reason) for error in result.errors]

    def test_it_refuses_a_line_dated_before_2000(self):
        data = canonical_csv(line(), line(at="1999-12-31T23:59:59+09:00"), line(at="0001-01-01T00:00:00+09:00"))
        before = "日時（occurred_at）が2000-01-01より前です"
        self.assertEqual(self.reasons(data), [(3, before), (4, before)])
        self.assertEqual(self.reasons(jsonl("0001-01-01T00:00:00+14:00"), fmt="jsonl"), [(1, before)])
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_it_accepts_the_first_moment_of_2000_in_japan_time(self):
        result = ingest_bytes(
            canonical_csv(line(at="2000-01-01T00:00:00+09:00")), system=self.system, source="a", fmt="csv"
        )
        self.assertEqual((result.stored, result.error_count), (1, 0))

    def test_it_refuses_a_line_dated_more_than_a_day_after_its_receipt(self):
        now = timezone.now().astimezone(JST).replace(microsecond=0)
        soon, late = now + dt.timedelta(hours=23), now + dt.timedelta(hours=25)
        data = canonical_csv(line(at=soon.isoformat()), line(at=late.isoformat()), line(at="9999-12-31T23:59:59-14:00"))
        after = "日時（occurred_at）が受信日時の24時間後より先です"
        self.assertEqual(self.reasons(data), [(3, after), (4, after)])

    @override_settings(PIA_LOG_EARLIEST="2020-04-01", PIA_LOG_FUTURE_TOLERANCE_HOURS=1)
    def test_both_bounds_are_settings(self):
        now = timezone.now().astimezone(JST).replace(microsecond=0)
        data = canonical_csv(line(at="2020-03-31T23:59:59+09:00"), line(at=(now + dt.timedelta(hours=2)).isoformat()))
        self.assertEqual(
            self.reasons(data),
            [(2, "日時（occurred_at）が2020-04-01より前です"), (3, "日時（occurred_at）が受信日時の1時間後より先です")],
        )

    @override_settings(PIA_LOG_EARLIEST="1951-06-01")
    def test_an_earliest_date_before_japan_s_fixed_offset_is_refused_as_a_setting(self):
        """Japan kept daylight saving time until September 1951; the per-day figures count +09:00."""
        with self.assertRaisesMessage(ImproperlyConfigured, "PIA_LOG_EARLIEST must be 1952-01-01 or later"):
            ingest_bytes(canonical_csv(line()), system=self.system, source="a", fmt="csv")
        self.assertEqual(AccessLogEntry.objects.count(), 0)

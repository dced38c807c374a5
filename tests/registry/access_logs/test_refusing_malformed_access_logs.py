"""A batch with a bad line is refused whole, with each line number and reason; nothing of it is stored."""

from __future__ import annotations

import logging

from django.test import TestCase

from registry.access_logs.ingest import ingest_bytes
from registry.models import AccessLogEntry, LogBatch

from .builders import HEADER, build_system, canonical_csv, line, many_lines

MY_NUMBER = "123456789018"  # passes the 個人番号 check digit


class RefusingMalformedAccessLogsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()

    def assert_refused(self, data: bytes, line_number: int, reason: str, fmt: str = "csv"):
        result = ingest_bytes(data, system=self.system, source="bad", fmt=fmt)
        self.assertTrue(result.rejected)
        self.assertIn(line_number, [error.line for error in result.errors])
        self.assertTrue(any(reason in error.reason for error in result.errors), [str(e) for e in result.errors])
        self.assertEqual(AccessLogEntry.objects.count(), 0)
        self.assertEqual(LogBatch.objects.count(), 0)
        return result

    def test_a_wrong_column_count(self):
        self.assert_refused(canonical_csv(line(), "2026-11-30T09:15:00+09:00,vrs,u0001,view\n"), 3, "列の数が4です")

    def test_a_date_that_does_not_exist(self):
        self.assert_refused(
            canonical_csv(line(), line(at="2026-02-30T09:00:00+09:00")), 3, "日時（occurred_at）を解釈できません"
        )

    def test_a_date_in_the_future(self):
        self.assert_refused(
            canonical_csv(line(at="2099-01-01T09:00:00+09:00")), 2, "日時（occurred_at）が受信日時の24時間後より先です"
        )

    def test_another_system(self):
        self.assert_refused(
            canonical_csv(line(), line(system="juki")),
            3,
            "システム（system）がこのバッチのシステム（vrs）ではありません",
        )

    def test_an_oversized_field(self):
        self.assert_refused(canonical_csv(line(terminal="P" * 101)), 2, "端末（terminal）が長すぎます")

    def test_a_hostile_line_of_a_megabyte(self):
        self.assert_refused(canonical_csv(line(), "x" * 1_000_000 + "\n", line()), 3, "行が長すぎます")

    def test_invalid_utf8(self):
        self.assert_refused(
            canonical_csv(line()) + b"2026-11-30T09:15:00+09:00,vrs,u\xff\xfe,view,,,success\n", 3, "読めない文字"
        )

    def test_a_control_character_in_a_value(self):
        self.assert_refused(canonical_csv(line(terminal="PC\x07")), 2, "制御文字")

    def test_a_bad_header(self):
        self.assert_refused(b"when,who\n" + line().encode(), 1, "見出しに定義されていない列")

    def test_malformed_json_lines(self):
        good = '{"occurred_at": "2026-11-30T09:15:00+09:00", "login_id": "u1", "action": "view", "result": "success"}'
        data = f'{good}\n{{"occurred_at": \n[1, 2]\n{{"login_id": 5}}\n'.encode()
        result = self.assert_refused(data, 2, "JSONとして読めません", fmt="jsonl")
        self.assertEqual([e.line for e in result.errors], [2, 3, 4])

    def test_a_my_number_is_refused_and_never_echoed_or_logged(self):
        data = canonical_csv(
            line(), line(subject=MY_NUMBER), line(terminal=f"PC {MY_NUMBER[:4]}-{MY_NUMBER[4:8]}-{MY_NUMBER[8:]}")
        )
        with self.assertLogs("registry", level=logging.DEBUG) as logs:
            result = self.assert_refused(data, 3, "対象者（subject）に個人番号と思われる12桁の数字があります")
        self.assertEqual([e.line for e in result.errors], [3, 4])
        everything = " ".join(str(e) for e in result.errors) + " ".join(logs.output)
        self.assertNotIn(MY_NUMBER, everything)
        self.assertNotIn(MY_NUMBER[:4], everything.replace("2026", ""))

    def test_one_bad_line_deep_in_a_large_file_is_named_and_the_file_is_refused(self):
        lines = many_lines(70_000)
        lines[65_432] = line(action="delete-all")
        result = self.assert_refused(canonical_csv(*lines), 65_434, "操作（action）が定義された値")
        self.assertEqual(result.error_count, 1)

    def test_an_empty_file_stores_nothing(self):
        result = ingest_bytes(HEADER.encode(), system=self.system, source="empty", fmt="csv")
        self.assertEqual((result.stored, result.error_count), (0, 0))

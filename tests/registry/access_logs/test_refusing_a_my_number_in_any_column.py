"""A 個人番号 in any column, in any spelling, refuses its line by column and line number; its value goes nowhere."""

from __future__ import annotations

import json
import logging

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from registry.access_logs.fast_path import clean_block
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.pseudonyms import pseudonymizer
from registry.access_logs.tokens import issue_token
from registry.access_logs.validation import RowRules
from registry.models import AccessLogEntry, LogBatch, LogFormat

from .builders import build_system, canonical_csv, line

MY_NUMBER = "123456789018"  # passes the 個人番号 check digit
SPELLINGS = {
    "plain": MY_NUMBER,
    "grouped": "1234-5678-9018",
    "dotted": "1234.5678.9018",
    "spaced digit by digit": " ".join(MY_NUMBER),
    "double spaces": "1234  5678  9018",
    "3-4-5 grouping": "123-4567-89018",
    "full-width": "１２３４５６７８９０１８",
    "kanji": "一二三四五六七八九〇一八",
    "long dash and ー": "1234―5678ー9018",
    "zero-width joiners": "1234\u200b5678\u200b9018",
    "NBSP": "1234\u00a05678\u00a09018",
    "Arabic-Indic": "١٢٣٤٥٦٧٨٩٠١٨",
}
COLUMNS = {"login_id": "ログインID（login_id）", "terminal": "端末（terminal）", "subject": "対象者（subject）"}


class RefusingAMyNumberInAnyColumnTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()

    def assert_refused_without_trace(self, data: bytes, line_number: int, label: str, fmt: str = "csv", **options):
        with self.assertLogs("registry", level=logging.DEBUG) as logs:
            logging.getLogger("registry").debug("start")
            result = ingest_bytes(data, system=self.system, source="a", fmt=fmt, **options)
        self.assertIn((line_number, f"{label}に個人番号と思われる12桁の数字があります（値は記録しません）"),
                      [(e.line, e.reason) for e in result.errors])  # fmt: skip
        told = " ".join(str(e) for e in result.errors) + " ".join(logs.output)
        stored = list(AccessLogEntry.objects.values_list("login_id", "terminal", "subject"))
        kept = json.dumps([b.rejected_lines for b in LogBatch.objects.all()], ensure_ascii=False)
        for text in (told, str(stored), kept):
            self.assertNotIn(MY_NUMBER, text.replace(" ", "").replace("-", "").replace(".", ""))
            self.assertNotIn("5678", text)
        return result

    def test_it_refuses_a_my_number_in_every_column_in_every_spelling(self):
        for column, label in COLUMNS.items():
            for name, spelling in SPELLINGS.items():
                with self.subTest(column=column, spelling=name):
                    value = f"PC {spelling}" if column == "terminal" else spelling
                    data = canonical_csv(line(), line(**{column.replace("login_id", "login"): value}))
                    result = self.assert_refused_without_trace(data, 3, label)
                    self.assertTrue(result.rejected)
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_it_refuses_a_my_number_in_the_system_column(self):
        self.assert_refused_without_trace(canonical_csv(line(system=MY_NUMBER)), 2, "システム（system）")

    def test_keep_valid_keeps_the_good_lines_and_only_the_line_number_and_reason_of_the_bad_one(self):
        data = canonical_csv(line(), line(login="1234 5678 9018"), line(terminal="1.2.3.4.5.6.7.8.9.0.1.8"))
        result = self.assert_refused_without_trace(data, 3, "ログインID（login_id）", keep_valid=True)
        self.assertEqual(result.stored, 1)
        self.assertEqual(
            result.batch.rejected_lines,
            [
                {
                    "line": 3,
                    "reason": "ログインID（login_id）に個人番号と思われる12桁の数字があります（値は記録しません）",
                },
                {"line": 4, "reason": "端末（terminal）に個人番号と思われる12桁の数字があります（値は記録しません）"},
            ],
        )

    def test_it_refuses_a_my_number_in_a_column_that_a_mapping_does_not_store(self):
        mapping = LogFormat.objects.create(
            system=self.system,
            name="other",
            columns={"occurred_at": "日時", "login_id": "職員", "action": "操作", "result": "結果"},
            time_format="%Y/%m/%d %H:%M:%S",
        )
        data = "日時,職員,操作,結果,備考\n2026/11/30 09:00:00,u0001,view,success,番号 1234-5678-9018\n".encode()
        self.assert_refused_without_trace(data, 2, "列「備考」", log_format=mapping)

    def test_it_never_repeats_a_json_key_that_holds_a_my_number(self):
        row = {"occurred_at": "2026-11-30T09:00:00+09:00", "login_id": "u0001", "action": "view", "result": "success"}
        data = json.dumps({**row, MY_NUMBER: "x"}).encode() + b"\n"
        result = ingest_bytes(data, system=self.system, source="a", fmt="jsonl")
        self.assertEqual([e.line for e in result.errors], [1])
        self.assertNotIn(MY_NUMBER, str(result.errors[0]))

    def test_the_push_api_names_the_column_and_line_and_never_the_value(self):
        token = issue_token(self.system).token
        rows = [
            {"occurred_at": "2026-11-30T09:00:00+09:00", "login_id": "u0001", "action": "view", "result": "success"},
            {"occurred_at": "2026-11-30T09:01:00+09:00", "login_id": "u0001", "action": "view", "result": "success",
             "terminal": "ＰＣ１２３４－５６７８－９０１８"},
        ]  # fmt: skip
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        for query in ("", "?keep_valid=1"):
            body = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode()
            response = self.client.post(
                url + query, body, content_type="application/x-ndjson", HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            self.assertEqual(response.json()["errors"][0]["line"], 2)
            self.assertIn("端末（terminal）", response.json()["errors"][0]["reason"])
            text = response.content.decode("unicode_escape")
            self.assertNotIn("5678", text)
            self.assertNotIn("５６７８", text)

    def rules(self) -> RowRules:
        return RowRules(system_code="vrs", accounts={}, pseudonymize=pseudonymizer(), received_at=timezone.now())

    def test_a_block_of_twelve_digit_identifiers_that_are_not_my_numbers_stays_on_the_fast_path(self):
        not_my_number = "123456789012"  # the check digit of 12345678901 is 8, not 2
        block = "".join(line(subject=not_my_number, terminal=f"T{n}") for n in range(50)).encode()
        self.assertIsNotNone(clean_block(block, 2, self.rules(), (1, self.system.organization_id, self.system.pk)))
        ascii_spelling = line(terminal="1 2 3 4 5 6 7 8 9 0 1 8").encode()
        self.assertIsNone(
            clean_block(block + ascii_spelling, 2, self.rules(), (1, self.system.organization_id, self.system.pk))
        )

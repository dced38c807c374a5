"""A batch sent again is stored once: same lines in other spacing, line endings or key order, or the same batch id."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.tokens import issue_token
from registry.models import AccessLogEntry, LogBatch

from .builders import build_system, canonical_csv, line

ROWS = [
    {"occurred_at": f"2026-11-30T09:0{n}:00+09:00", "login_id": "u0001", "action": "view", "subject": f"30{n}",
     "result": "success"}
    for n in range(3)
]  # fmt: skip


def jsonl(rows=ROWS, **dumps) -> bytes:
    return "\n".join(json.dumps(row, **dumps) for row in rows).encode() + b"\n"


class RecognizingAResentBatchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()
        cls.token = issue_token(cls.system).token

    def push(self, body: bytes, **headers):
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        headers = {f"HTTP_{k.upper()}": v for k, v in headers.items()}
        return self.client.post(
            url, body, content_type="application/x-ndjson", HTTP_AUTHORIZATION=f"Bearer {self.token}", **headers
        )

    def test_a_pushed_batch_resent_with_other_whitespace_line_endings_or_key_order_is_the_same_batch(self):
        self.assertEqual(self.push(jsonl()).status_code, 201)
        resent = {
            "an extra blank line": jsonl() + b"\n  \n",
            "a blank line inside": jsonl(ROWS[:1]) + b"\n" + jsonl(ROWS[1:]),
            "trailing whitespace": jsonl().replace(b"\n", b"  \t\n"),
            "CRLF": jsonl().replace(b"\n", b"\r\n"),
            "no final newline": jsonl().rstrip(b"\n"),
            "other spacing": jsonl(separators=(",", ":")),
            "other key order": jsonl([dict(reversed(row.items())) for row in ROWS], indent=None),
        }
        for name, body in resent.items():
            with self.subTest(name):
                response = self.push(body)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.json()["duplicate"])
        self.assertEqual(AccessLogEntry.objects.count(), 3)
        self.assertEqual(LogBatch.objects.count(), 1)

    def test_other_lines_are_another_batch(self):
        self.push(jsonl())
        self.assertEqual(self.push(jsonl(ROWS[:2])).status_code, 201)

    def test_a_batch_resent_under_its_idempotency_key_or_batch_id_is_the_same_batch(self):
        self.assertEqual(self.push(jsonl(ROWS[:1]), idempotency_key="sender-0001").status_code, 201)
        self.assertEqual(self.push(jsonl(ROWS[:1]) + b"\n", idempotency_key="sender-0001").status_code, 200)
        self.assertEqual(self.push(jsonl(ROWS[1:]), x_batch_id="sender-0002").status_code, 201)
        self.assertEqual(self.push(jsonl(ROWS[1:]), x_batch_id="sender-0002").status_code, 200)
        self.assertEqual(AccessLogEntry.objects.count(), 3)

    def test_a_batch_id_reused_for_other_lines_is_a_conflict_and_stores_nothing(self):
        self.push(jsonl(ROWS[:1]), idempotency_key="sender-0001")
        response = self.push(jsonl(ROWS[1:]), idempotency_key="sender-0001")
        self.assertEqual(response.status_code, 409)
        self.assertNotIn("sender-0001", response.content.decode())
        self.assertEqual(AccessLogEntry.objects.count(), 1)

    def test_an_unusable_batch_id_is_refused_without_being_repeated(self):
        for key in ("1234-5678-9018", "a b", "x" * 101):
            with self.subTest(key):
                response = self.push(jsonl(), idempotency_key=key)
                self.assertEqual(response.status_code, 400)
                self.assertNotIn(key, response.content.decode())
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_the_command_recognizes_a_file_resent_with_crlf_and_blank_lines_and_a_batch_id(self):
        data = canonical_csv(line(), line(at="2026-11-30T09:20:00+09:00"))
        ingest_bytes(data, system=self.system, source="a.csv", fmt="csv")
        with tempfile.TemporaryDirectory() as folder:
            resent = Path(folder) / "again.csv"
            resent.write_bytes(data.replace(b"\n", b"\r\n") + b"\r\n\r\n")
            out = StringIO()
            call_command("ingest_access_logs", resent, system="vrs", stdout=out)
            self.assertIn("取込み済み", out.getvalue())
            named = Path(folder) / "named.csv"
            named.write_bytes(canonical_csv(line(at="2026-11-30T10:00:00+09:00")))
            call_command("ingest_access_logs", named, system="vrs", batch_id="day-1130", stdout=StringIO())
            named.write_bytes(canonical_csv(line(at="2026-11-30T11:00:00+09:00")))
            with self.assertRaisesMessage(CommandError, "このバッチIDは別の内容のファイルで取込み済みです"):
                call_command("ingest_access_logs", named, system="vrs", batch_id="day-1130", stdout=StringIO())
        self.assertEqual(AccessLogEntry.objects.count(), 3)

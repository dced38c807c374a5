"""Canonical CSV, JSON Lines and mapped layouts are stored with pseudonymized subjects; nothing twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from registry.access_logs.ingest import ingest_bytes, ingest_file
from registry.models import AccessLogEntry, LogBatch, LogFormat

from .builders import build_system, canonical_csv, line, many_lines

JST = ZoneInfo("Asia/Tokyo")


def expected_pseudonym(identifier: str) -> str:
    """Computed independently with the standard library's HMAC."""
    key = settings.PIA_LOG_PSEUDONYM_KEY.encode()
    return hmac.new(key, identifier.encode(), hashlib.sha256).hexdigest()[:32]


ACTION_REFUSED = (
    "操作（action）が定義された値（login, logout, search, view, create, update, delete, export, print）ではありません"
)


class IngestingAccessLogsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()

    def test_it_stores_a_canonical_csv_with_the_subject_as_an_hmac_pseudonym(self):
        data = canonical_csv(
            line(subject="3000000001"), line(at="2026-11-30T09:16:00+09:00", login="zz9", action="search")
        )
        result = ingest_bytes(data, system=self.system, source="test.csv", fmt="csv")
        self.assertEqual((result.stored, result.error_count), (2, 0))
        first, second = AccessLogEntry.objects.in_log_order()
        self.assertEqual(first.subject, expected_pseudonym("3000000001"))
        self.assertNotIn("3000000001", first.subject)
        self.assertEqual(first.occurred_at, dt.datetime(2026, 11, 30, 9, 15, tzinfo=JST))
        self.assertEqual(first.account.login_id, "u0001")
        self.assertEqual((first.batch_id, first.line), (result.batch.pk, 2))
        self.assertIsNone(second.account, "an unknown login id is kept, unresolved")
        self.assertEqual(second.login_id, "zz9")

    def test_full_width_and_half_width_identifiers_give_the_same_pseudonym(self):
        data = canonical_csv(line(subject="A-123"))
        ingest_bytes(data, system=self.system, source="a.csv", fmt="csv")
        self.assertEqual(AccessLogEntry.objects.get().subject, expected_pseudonym("A-123"))
        jsonl = json.dumps({"occurred_at": "2026-11-30T10:00:00", "login_id": "u0002", "action": "view",
                            "subject": "Ａ－１２３", "result": "success"}, ensure_ascii=False)  # fmt: skip
        ingest_bytes(jsonl.encode(), system=self.system, source="push", fmt="jsonl")
        self.assertEqual(set(AccessLogEntry.objects.values_list("subject", flat=True)), {expected_pseudonym("A-123")})

    def test_a_time_without_offset_is_japan_time(self):
        ingest_bytes(canonical_csv(line(at="2026-11-30T09:15:00")), system=self.system, source="a.csv", fmt="csv")
        self.assertEqual(AccessLogEntry.objects.get().occurred_at, dt.datetime(2026, 11, 30, 0, 15, tzinfo=dt.UTC))

    def test_every_offset_a_log_may_write_gives_the_instant_it_names(self):
        """One offset on every line, offsets that differ, and an offset no clock can have."""
        one_offset = ["2026-11-30T04:15:00-05:00", "2026-11-30T05:16:30-05:00"]
        mixed = ["2026-11-30T09:45:00+05:30", "2026-11-30T00:20:00+00:00", "2026-11-30T09:21:00+09:00"]
        for source, stamps in (("one.csv", one_offset), ("mixed.csv", mixed), ("crlf.csv", one_offset)):
            data = canonical_csv(*(line(at=stamp) for stamp in stamps))
            if source == "crlf.csv":  # as a browser's upload or a Windows export writes it
                data = data.replace(b"\n", b"\r\n").replace(b"u0001", b"u0002")
            result = ingest_bytes(data, system=self.system, source=source, fmt="csv")
            self.assertEqual((result.stored, result.error_count), (len(stamps), 0))
            stored = AccessLogEntry.objects.filter(batch=result.batch).order_by("line")
            self.assertEqual(
                [entry.occurred_at for entry in stored], [dt.datetime.fromisoformat(s) for s in stamps], source
            )
        impossible = canonical_csv(line(at="2026-11-30T09:15:00+24:00"), line(at="2026-11-30T09:15:00+24:00"))
        result = ingest_bytes(impossible, system=self.system, source="bad.csv", fmt="csv")
        self.assertEqual([error.line for error in result.errors], [2, 3])
        self.assertEqual(result.stored, 0)

    def test_re_sending_the_same_batch_stores_nothing_twice(self):
        data = canonical_csv(*many_lines(20))
        first = ingest_bytes(data, system=self.system, source="a.csv", fmt="csv")
        again = ingest_bytes(data, system=self.system, source="a-again.csv", fmt="csv")
        self.assertEqual(first.stored, 20)
        self.assertTrue(again.duplicate)
        self.assertEqual(again.stored, 0)
        self.assertEqual(AccessLogEntry.objects.count(), 20)
        self.assertEqual(LogBatch.objects.count(), 1)

    def test_a_large_file_is_streamed_through_the_fast_path_and_numbered_by_line(self):
        path = Path(self.enterContext(__import__("tempfile").TemporaryDirectory())) / "big.csv"
        path.write_bytes(canonical_csv(*many_lines(30_000)))
        result = ingest_file(path, system=self.system)
        self.assertEqual(result.stored, 30_000)
        last = AccessLogEntry.objects.order_by("-line").first()
        self.assertEqual(last.line, 30_001)
        self.assertEqual(last.subject, expected_pseudonym(str(3_000_000_000 + 29_999 % 500)))

    def test_a_mapped_shift_jis_layout_is_read_through_its_column_mapping(self):
        LogFormat.objects.create(
            system=self.system,
            name="kenko-export",
            encoding="cp932",
            columns={
                "occurred_at": "日時",
                "login_id": "職員ID",
                "action": "操作",
                "subject": "宛名番号",
                "result": "結果",
            },  # fmt: skip
            time_format="%Y/%m/%d %H:%M:%S",
            actions={"照会": "view", "更新": "update"},
            results={"正常": "success", "エラー": "failure"},
        )
        text = "職員ID,日時,操作,宛名番号,結果,備考\nu0002,2026/11/30 13:05:00,照会,3000000077,正常,窓口\n"
        path = Path(self.enterContext(__import__("tempfile").TemporaryDirectory())) / "kenko.csv"
        path.write_bytes(text.encode("cp932"))
        call_command("ingest_access_logs", str(path), "--system", self.system.code, "--mapping", "kenko-export")
        entry = AccessLogEntry.objects.get()
        self.assertEqual((entry.login_id, entry.action, entry.result), ("u0002", "view", "success"))
        self.assertEqual(entry.occurred_at, dt.datetime(2026, 11, 30, 13, 5, tzinfo=JST))
        self.assertEqual(entry.subject, expected_pseudonym("3000000077"))

    def test_with_keep_valid_the_good_rows_are_kept_and_the_bad_ones_reported(self):
        data = canonical_csv(line(), line(action="dance"), line(at="2026-11-30T09:20:00+09:00"))
        result = ingest_bytes(data, system=self.system, source="a.csv", fmt="csv", keep_valid=True)
        self.assertEqual(result.stored, 2)
        self.assertEqual([e.line for e in result.errors], [3])
        self.assertEqual(result.batch.rejected_lines, [{"line": 3, "reason": ACTION_REFUSED}])

"""The per-day and per-account figures equal a full scan of the rows, through every way rows come and go.

Generated logs for a body that is not the demo's: two systems, office hours and nights,
weekends, an unknown vendor id, a holder who left and logged in again, an hour touching
150 residents, a day sent in two files, a file in a mapped layout (the row-by-row path),
a rejected file, and retention moving the old months out. After each step the figures
(`AccessLogDay`, `AccessLogAccountSeen`) are compared with the same figures computed here
from every row, and each anomaly report read from them with the report computed by
scanning the rows (scans.py).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Sum
from django.test import TestCase

from registry.access_logs import scans
from registry.access_logs.anomalies import Scope, all_reports
from registry.access_logs.bounds import JAPAN
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import apply_log_retention, archive_rows
from registry.models import AccessLogAccountSeen, AccessLogDay, AccessLogEntry, LogArchive, LogFormat, StaffAccount
from tests.registry.access_logs.builders import build_system, canonical_csv, line

TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime(2026, 12, 3, 12, tzinfo=JAPAN)


def generated_lines(system_code: str, seed: int, first: dt.date, last: dt.date) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - test data
    lines = []
    day = first
    while day <= last:
        for _ in range(rng.randint(0, 12)):
            hour = rng.choice([6, 8, 9, 10, 13, 15, 17, 19, 20, 22])
            at = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)), tzinfo=JAPAN)
            login = rng.choice(["u0001", "u0002", "u0003", "vendor9"])
            action = rng.choice(["view", "search", "update", "login"])
            subject = "" if action == "login" else str(3_000_000_000 + rng.randrange(40))
            lines.append(f"{at.isoformat()},{system_code},{login},{action},{subject},PC-{rng.randrange(3)},success\n")
        day += dt.timedelta(days=1)
    return lines


def scanned_days() -> dict[tuple, tuple]:
    """The figures computed here from every row.

    (system, day, login, account) → (rows, outside hours, busiest hour's subjects, first, last).
    """
    rows: dict[tuple, list] = {}
    subjects: dict[tuple, set] = defaultdict(set)
    for entry in AccessLogEntry.objects.all():
        local = entry.occurred_at.astimezone(JAPAN)
        key = (entry.system_id, local.date(), entry.login_id, entry.account_id or 0)
        figures = rows.setdefault(key, [0, 0, entry.occurred_at, entry.occurred_at])
        figures[0] += 1
        figures[1] += local.hour < 8 or local.hour >= 20
        figures[2], figures[3] = min(figures[2], entry.occurred_at), max(figures[3], entry.occurred_at)
        if entry.subject:
            subjects[(*key, local.hour)].add(entry.subject)
    busiest: dict[tuple, int] = defaultdict(int)
    for (*key, _hour), touched in subjects.items():
        busiest[tuple(key)] = max(busiest[tuple(key)], len(touched))
    return {key: (n, outside, busiest[key], first, last) for key, (n, outside, first, last) in rows.items()}


def stored_days() -> dict[tuple, tuple]:
    return {
        (d.system_id, d.day, d.login_id, d.account_ref): (
            d.rows,
            d.outside_hours,
            d.busiest_hour_subjects,
            d.first_at,
            d.last_at,
        )
        for d in AccessLogDay.objects.all()
    }


def scanned_seen() -> dict[tuple, tuple]:
    """First and last time of each login id over the online rows and every kept archive file."""
    seen: dict[tuple, tuple] = {}

    def widen(key, moment):
        first, last = seen.get(key, (moment, moment))
        seen[key] = (min(first, moment), max(last, moment))

    for entry in AccessLogEntry.objects.all():
        widen((entry.system_id, entry.login_id, entry.account_id or 0), entry.occurred_at)
    for archive in LogArchive.objects.kept():
        rows = archive_rows(archive)
        header = next(rows)
        for row in rows:
            record = dict(zip(header, row, strict=True))
            key = (archive.system_id, record["login_id"], int(record["account_id"] or 0))
            widen(key, dt.datetime.fromisoformat(record["occurred_at"]))
    return seen


def stored_seen() -> dict[tuple, tuple]:
    return {
        (s.system_id, s.login_id, s.account_ref): (s.first_at, s.last_at) for s in AccessLogAccountSeen.objects.all()
    }


def report_outline(report) -> tuple:
    findings = [(f.summary, [(e.batch_id, e.line) for e in f.entries]) for f in report.findings]
    return report.key, report.total, findings


class RollupsAgreeWithAFullScanTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ledger = build_system("ledger")
        cls.booking = build_system("booking", organization=cls.ledger.organization)
        cls.systems = [cls.ledger, cls.booking]
        # A holder who left on 1 November and whose id was used again afterwards.
        StaffAccount.objects.filter(system=cls.ledger, login_id="u0002").update(holder_left_on=dt.date(2026, 11, 1))
        # Four months in two files that share one day (31 August), then a burst of 150 residents in one hour.
        first = generated_lines("ledger", 1, dt.date(2026, 7, 1), dt.date(2026, 8, 31))
        second = generated_lines("ledger", 2, dt.date(2026, 8, 31), dt.date(2026, 12, 2))
        first.append(line(at="2026-08-31T21:05:00+09:00", system="ledger", login="u0003"))
        second.insert(0, line(at="2026-08-31T06:55:00+09:00", system="ledger", subject="3000000002"))
        burst = [
            f"2026-11-18T14:{n % 60:02d}:{n // 60:02d}+09:00,ledger,u0003,view,{3_100_000_000 + n},PC-1,success\n"
            for n in range(150)
        ]
        for name, lines in (("a.csv", first), ("b.csv", second), ("burst.csv", burst)):
            stored = ingest_bytes(canonical_csv(*lines), system=cls.ledger, source=name, fmt="csv")
            assert stored.batch is not None and not stored.error_count, stored.errors[:3]  # noqa: S101
        # The other system writes its own layout: every row takes the row-by-row path.
        LogFormat.objects.create(
            system=cls.booking,
            name="vendor",
            columns={"occurred_at": "日時", "login_id": "利用者", "action": "操作", "result": "結果"},
            time_format="%Y/%m/%d %H:%M:%S",
            actions={"参照": "view"},
            results={"正常": "success"},
        )
        rows = ["日時,利用者,操作,結果\n"]
        for n in range(60):
            moment = dt.datetime(2026, 9, 1, 7, tzinfo=JAPAN) + dt.timedelta(hours=37 * n)
            rows.append(f"{moment:%Y/%m/%d %H:%M:%S},{'u0001' if n % 4 else 'guest'},参照,正常\n")
        stored = ingest_bytes(
            "".join(rows).encode(),
            system=cls.booking,
            source="booking.csv",
            fmt="csv",
            log_format=LogFormat.objects.get(system=cls.booking),
        )
        assert stored.batch is not None and not stored.error_count, stored.errors[:3]  # noqa: S101

    def assert_figures_agree(self):
        self.assertEqual(stored_days(), scanned_days())
        self.assertEqual(stored_seen(), scanned_seen())
        for report in all_reports(self.systems, today=TODAY):
            with self.subTest(report=report.key):
                scanned = self.scanned_report(report.key)
                self.assertEqual(report_outline(report), report_outline(scanned))

    def scanned_report(self, key: str):
        entries = Scope(self.systems).entries()
        return {
            "after_departure": lambda: scans.after_departure(self.systems, entries),
            "off_hours": lambda: scans.off_hours(entries),
            "many_subjects": lambda: scans.many_subjects(entries),
            "unknown_login_ids": lambda: scans.unknown_login_ids(entries),
            "log_gaps": lambda: scans.log_gaps(self.systems, entries, until=TODAY),
        }[key]()

    def test_the_figures_equal_a_full_scan_after_ingestion(self):
        self.assertGreater(AccessLogDay.objects.count(), 100)
        self.assert_figures_agree()
        reports = {report.key: report for report in all_reports(self.systems, today=TODAY)}
        self.assertTrue(all(reports[key].total for key in reports), {k: r.total for k, r in reports.items()})
        self.assertIn("150 人", reports["many_subjects"].findings[0].summary)

    def test_a_day_sent_in_two_files_is_counted_once_per_row(self):
        shared_day = AccessLogDay.objects.filter(system=self.ledger, day=dt.date(2026, 8, 31))
        online = AccessLogEntry.objects.filter(system=self.ledger).between(
            dt.datetime(2026, 8, 31, tzinfo=JAPAN), dt.datetime(2026, 9, 1, tzinfo=JAPAN)
        )
        self.assertEqual(sum(shared_day.values_list("rows", flat=True)), online.count())
        self.assertGreater(online.values("batch_id").distinct().count(), 1, "both files hold rows of that day")

    def test_a_rejected_file_leaves_the_figures_as_they_were(self):
        before = (stored_days(), stored_seen())
        # More than one 4 MB block: the first is stored before the bad line of the last is read.
        start = dt.datetime(2026, 12, 2, 9, tzinfo=JAPAN)
        lines = [line(at=(start + dt.timedelta(seconds=n % 30000)).isoformat(), system="ledger") for n in range(70_000)]
        bad = "2026-12-02T10:00:00+09:00,ledger,u0001,view,3000000001,PC-1,maybe\n"  # an unknown result
        result = ingest_bytes(canonical_csv(*lines, bad), system=self.ledger, source="late.csv", fmt="csv")
        self.assertTrue(result.rejected)
        self.assertEqual((stored_days(), stored_seen()), before)

    def test_the_figures_equal_a_full_scan_after_retention(self):
        seen_before = stored_seen()
        report = apply_log_retention(now=NOW)
        self.assertTrue(report.archived, "July and August leave the table")
        self.assertFalse(AccessLogDay.objects.filter(day__lt=dt.date(2026, 9, 1)).exists())
        self.assertEqual(stored_seen(), seen_before, "an archived row still counts as seen")
        self.assert_figures_agree()
        self.assertEqual(apply_log_retention(now=NOW).archived, [])
        self.assert_figures_agree()


class FiguresOfALargeFileAgreeWithAFullScanTest(TestCase):
    """Counted as the rows pass, block by block: an hour across two blocks, and rows of a closed hour sent late."""

    @classmethod
    def setUpTestData(cls):
        system = build_system("ledger")
        # More than one 4 MB block, in time order (one hour lies across the blocks' boundary),
        # ending with rows of an earlier hour, which the figures recount from the table.
        start = dt.datetime(2026, 11, 24, 7, tzinfo=JAPAN)
        lines = [
            line(
                at=(start + dt.timedelta(seconds=4 * n)).isoformat(),
                system="ledger",
                login=f"u000{n % 3 + 1}",
                subject=str(3_200_000_000 + n % 997),
            )
            for n in range(70_000)
        ]
        lines += [line(at="2026-11-24T09:30:00+09:00", system="ledger", subject="3299999999")] * 3
        stored = ingest_bytes(canonical_csv(*lines), system=system, source="many.csv", fmt="csv")
        assert stored.batch is not None and not stored.error_count, stored.errors[:3]  # noqa: S101

    def test_the_figures_equal_a_full_scan(self):
        self.assertEqual(stored_days(), scanned_days())
        self.assertEqual(stored_seen(), scanned_seen())
        self.assertEqual(AccessLogDay.objects.aggregate(n=Sum("rows"))["n"], 70_003)

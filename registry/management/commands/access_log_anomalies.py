"""python manage.py access_log_anomalies [ORG]: print each anomaly report with the entries behind it."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from registry.access_logs.anomalies import all_reports
from registry.access_logs.validation import JAPAN
from registry.models import System


class Command(BaseCommand):
    help = "オンラインのアクセスログから異常（退職後・時間外・大量アクセス・未登録ID・欠落）を報告します。"

    def add_arguments(self, parser):
        parser.add_argument("organization", nargs="?", help="機関の識別子（省略時：すべて）")
        parser.add_argument("--entries", type=int, default=3, help="各所見に表示する記録の件数")

    def handle(self, *args, **options):
        systems = System.objects.select_related("organization").order_by("organization__slug", "code")
        if options["organization"]:
            systems = systems.filter(organization__slug=options["organization"])
        today = timezone.now().astimezone(JAPAN).date()
        for report in all_reports(systems, today=today):
            self.stdout.write(f"■ {report.title}（{report.total} 件） {report.explanation}")
            for finding in report.findings:
                self.stdout.write(f"  - {finding.summary}")
                for entry in finding.entries[: options["entries"]]:
                    at = entry.occurred_at.astimezone(JAPAN)
                    self.stdout.write(f"      {at:%Y-%m-%d %H:%M:%S} {entry.login_id} {entry.action} {entry.result}")

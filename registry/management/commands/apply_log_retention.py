"""python manage.py apply_log_retention: archive old months, delete expired archives (safe to rerun)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from registry.access_logs.retention import RetentionAlreadyRunning, apply_log_retention


class Command(BaseCommand):
    help = "オンライン保存期間を過ぎたアクセスログを月ごとの圧縮CSVに移し、保管期間を過ぎたCSVを削除します。"

    def handle(self, *args, **options):
        try:
            report = apply_log_retention()
        except RetentionAlreadyRunning as exc:
            raise CommandError(str(exc)) from None
        if report.resumed:
            self.stdout.write(f"中断されていた処理 {report.resumed} 件を完了しました")
        for archive in report.archived:
            self.stdout.write(f"保管: {archive.path}（{archive.row_count} 行、SHA-256 {archive.sha256[:16]}…）")
        for archive in report.expired:
            self.stdout.write(f"保管切れ情報の削除: {archive.path}（{archive.row_count} 行）")
        self.stdout.write(
            f"保管 {len(report.archived)} ファイル（{report.rows_archived} 行）、削除 {len(report.expired)} ファイル"
        )

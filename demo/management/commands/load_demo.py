from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_allowed
from demo.access_logs import load_demo_access_logs
from demo.loader import load_demo
from demo.personas import PERSONAS
from registry.models import Organization


class Command(BaseCommand):
    help = "長岡市のデモ（評価実施機関、利用者、評価書）を作成する。二度実行しても何も変わらない。"

    def handle(self, *args, **options):
        if not demo_allowed():
            # The personas' passwords are published (README): they must never exist on a real system.
            raise CommandError(
                "この環境ではデモを作成できません。デモの利用者のパスワードは公開されているため、"
                "本番の設定（config.settings.production、PIA_ALLOW_DEMO が無効）では load_demo を実行しません。"
                "開発用の設定（config.settings.dev）で実行してください。"
            )
        report = load_demo()
        logs = load_demo_access_logs(Organization.objects.get(slug="nagaoka"))
        if logs:
            self.stdout.write(f"アクセスログ: {logs} 件を取り込み、3か月より前の月を圧縮CSVに保管しました")
        if report.created:
            for line in report.created:
                self.stdout.write(f"作成: {line}")
            if report.proposal_coverage:
                covered = sum(report.proposal_coverage)
                total = len(report.proposal_coverage)
                self.stdout.write(
                    f"変更箇所: 長岡市の{total}行のうち{covered}行を差分エンジンが提案（{covered / total:.0%}）。"
                    "提案のない行は長岡市の記載を担当者の追加として保存。"
                )
            for note in report.history_notes:
                self.stdout.write(f"過去の版の復元に関する注記: {note}")
        else:
            self.stdout.write("デモは作成済みです（変更なし）。")
        self.stdout.write("\nデモの利用者（ユーザー名 / パスワード）:")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.username:<18} {persona.password:<30} {persona.description}")

from django.core.management.base import BaseCommand

from pia.demo.loader import load_demo
from pia.demo.personas import PERSONAS


class Command(BaseCommand):
    help = "長岡市のデモ（評価実施機関、利用者、評価書）を作成する。二度実行しても何も変わらない。"

    def handle(self, *args, **options):
        report = load_demo()
        if report.created:
            for line in report.created:
                self.stdout.write(f"作成: {line}")
        else:
            self.stdout.write("デモは作成済みです（変更なし）。")
        self.stdout.write("\nデモの利用者（ユーザー名 / パスワード）:")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.username:<18} {persona.password:<30} {persona.description}")

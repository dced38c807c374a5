from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pia.services.national_simulation import SimulationRefused, simulate_national


class Command(BaseCommand):
    help = (
        "全国規模の模擬データ（模擬市0001長 などの評価実施機関、評価書、公表版）を作成する。性能測定用。"
        "公表版の文書は既存の公表版（デモ）から作る。PDF などのファイルは生成しない。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bodies", type=int, default=1800, help="評価実施機関の数（既定 1800）")
        parser.add_argument("--assessments", type=int, default=25, help="1機関あたりの評価書の数（既定 25）")
        parser.add_argument("--versions", type=int, default=3, help="1評価書あたりの公表版の数（既定 3）")
        parser.add_argument("--force", action="store_true", help="デモ以外の評価実施機関があるデータベースでも作成する")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = simulate_national(
                bodies=options["bodies"],
                assessments=options["assessments"],
                versions=options["versions"],
                force=options["force"],
                progress=self.stdout.write,
            )
        except SimulationRefused as refused:
            raise CommandError(str(refused)) from None
        for line in report.lines:
            self.stdout.write(line)

"""python manage.py run_checks [<org>/<assessment>]: every evidence check, its verdict and figures."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from controls.checks import Outcome
from pia.compliance.evidence import check_assessment
from pia.models.lookup import AssessmentNotFound, assessment_pages, find_assessment


class Command(BaseCommand):
    help = "評価書の記載を台帳とアクセスログで確かめる証跡チェックを実行します。不適合があれば終了コード1。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "assessment", nargs="?", help="機関/評価書（例：nagaoka/covid19-vaccination）。省略時はすべて"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["assessment"]:
            try:
                assessments = [find_assessment(options["assessment"])]
            except AssessmentNotFound as exc:
                raise CommandError(str(exc)) from None
        else:
            assessments = [page.specific for page in assessment_pages()]
        failures = 0
        for assessment in assessments:
            runs = check_assessment(assessment, trigger="command")
            if not runs:
                self.stdout.write(f"{assessment.identifier}: 台帳のファイルに紐付いていないため、チェックできません")
            for run in runs:
                self.stdout.write(f"■ {assessment.identifier} / {run.file}（基準日 {run.checked_on}）")
                for result in run.results.all():
                    label = Outcome(result.outcome).label
                    failures += result.outcome == Outcome.FAIL
                    self.stdout.write(f"  [{label}] {result.title}: {result.summary}")
                    self.stdout.write(f"        {json.dumps(result.figures, ensure_ascii=False, default=str)}")
        if failures:
            raise CommandError(f"不適合 {failures} 件")

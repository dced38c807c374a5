"""python manage.py refresh_drift [<org>/<assessment>]: recompute and store the drift of assessments.

The drift is recomputed on its own when a registry record, a draft or a publication changes
(pia.versions.signal_handlers). Run this after changing the registry without its signals (a bulk
update, SQL, a restored backup), or once after deploying, so no admin page has to compute it.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pia.models.lookup import AssessmentNotFound, assessment_pages, find_assessment
from pia.versions.tasks import refresh_stored_drift


class Command(BaseCommand):
    help = "台帳の変更による記載のずれを計算し直して保存します（タスクとして登録します）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "assessment", nargs="?", help="機関/評価書（例：nagaoka/covid19-vaccination）。省略時はすべて"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["assessment"]:
            try:
                page_ids = [find_assessment(options["assessment"]).pk]
            except AssessmentNotFound as exc:
                raise CommandError(str(exc)) from None
        else:
            page_ids = list(assessment_pages().values_list("pk", flat=True))
        result = refresh_stored_drift.enqueue(page_ids)
        self.stdout.write(f"{len(page_ids)}件の評価書の記載のずれの再計算を登録しました（{result.status}）。")

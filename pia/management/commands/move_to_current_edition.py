"""python manage.py move_to_current_edition ORG/SLUG …: 様式の改版に移行 from the command line.

Each assessment named (``nagaoka/kiso-yobo``, or ``--organization nagaoka`` for every assessment of a
body kept on an older edition) gets a draft on its kind's current edition (pia.services.editions).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pia.models import AssessmentPage, OrganizationPage
from pia.models.lookup import assessment_pages
from pia.services.editions import EditionMoveError, move_to_current_edition, needs_move, planned_move


class Command(BaseCommand):
    help = (
        "古い版の様式で記載された評価書の下書きを、最新の様式に移行します（様式の改版に移行）。"
        "公表済みの版は変わりません。--dry-run で移行の内容だけを表示します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessments", nargs="*", help="評価書の識別子（評価実施機関の識別子/評価書の識別子）")
        parser.add_argument("--organization", default="", help="この評価実施機関の、古い版の評価書をすべて移行する")
        parser.add_argument("--dry-run", action="store_true", help="移行せず、移行の内容だけを表示する")

    def handle(self, *args: Any, **options: Any) -> None:
        pages = self._pages(options["assessments"], options["organization"])
        if not pages:
            self.stdout.write("移行が必要な評価書はありません。")
            return
        failed = 0
        for page in pages:
            try:
                move = planned_move(page)
                if not options["dry_run"]:
                    move_to_current_edition(page, user=None)
            except EditionMoveError as refusal:
                failed += 1
                self.stderr.write(f"{page.identifier}：{refusal}")
                continue
            done = "移行できます" if options["dry_run"] else "移行しました"
            added = f"（加わる項目：{'、'.join(move.added)}）" if move.added else ""
            self.stdout.write(f"{page.identifier}：{move.source.form_label} → {move.target.form_label} {done}{added}")
        if failed:
            raise CommandError(f"{failed} 件の評価書を移行できませんでした。")

    def _pages(self, identifiers: list[str], organization: str) -> list[AssessmentPage]:
        if not identifiers and not organization:
            raise CommandError("移行する評価書の識別子か、--organization を指定してください。")
        pages: list[AssessmentPage] = []
        for identifier in identifiers:
            org_slug, _, slug = identifier.partition("/")
            org_page = OrganizationPage.objects.filter(organization__slug=org_slug).first()
            page = assessment_pages().child_of(org_page).filter(slug=slug).specific().first() if org_page else None
            if page is None:
                raise CommandError(f"評価書「{identifier}」が見つかりません（評価実施機関の識別子/評価書の識別子）。")
            pages.append(page)
        if organization:
            org_page = OrganizationPage.objects.filter(organization__slug=organization).first()
            if org_page is None:
                raise CommandError(f"評価実施機関「{organization}」が見つかりません。")
            pages += [page for page in assessment_pages().child_of(org_page).specific() if needs_move(page)]
        return pages

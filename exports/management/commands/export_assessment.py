from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exports.annex_json import annex_rows_json
from exports.json_document import document_json
from exports.xlsx_annex import AnnexLine, annex_workbook
from pia.models import Publication
from pia.services import AssessmentNotFound, all_assessments, find_assessment, latest_draft


class Command(BaseCommand):
    help = "評価書の解決済み文書（resolved document）を出力する。"

    def add_arguments(self, parser):
        # --version means the publication here (the interface), not Django's own version flag.
        parser.conflict_handler = parser._optionals.conflict_handler = "resolve"
        parser.add_argument("identifier", nargs="?", help="機関/評価書 の識別子（例：nagaoka/covid19-vaccination）")
        parser.add_argument(
            "--format",
            choices=["json", "annex-json", "annex-xlsx"],
            default="json",
            help="json: 解決済み文書 / annex-json, annex-xlsx: 変更箇所（累積、xlsx は --out が必要）",
        )
        parser.add_argument(
            "--version", type=int, help="公表版の番号（省略時は最新の下書き、annex-json では最新の公表版）"
        )
        parser.add_argument("--out", type=Path, help="出力先ファイル（省略時は標準出力）")
        parser.add_argument("--list", action="store_true", help="すべての評価書の識別子を表示する")
        parser.add_argument("--live", action="store_true", help="下書きではなく公開中の版を出力する")

    def handle(self, *args, **options):
        if options["list"]:
            for page in all_assessments():
                self.stdout.write(f"{page.identifier}\t{page.title}")
            return
        if not options["identifier"]:
            raise CommandError("識別子を指定するか --list を付けてください。")
        try:
            page = find_assessment(options["identifier"])
        except AssessmentNotFound as exc:
            raise CommandError(str(exc)) from exc
        version = options["version"]
        publication = None
        if options["format"] == "annex-xlsx" and not options["out"]:
            raise CommandError("annex-xlsx は --out に書き出し先のファイルを指定してください。")
        if version is not None or options["format"] in ("annex-json", "annex-xlsx"):
            publications = Publication.objects.for_page(page)
            publication = publications.filter(version=version).first() if version else publications.last()
            if publication is None:
                raise CommandError(f"{options['identifier']} に第{version}版の公表版はありません。")
        if options["format"] in ("annex-json", "annex-xlsx"):
            rows = publication.cumulative_annex().select_related("publication").defer("publication__document")
            if options["format"] == "annex-json":
                data = annex_rows_json(rows)
            else:
                org_page = page.organization_page
                data = annex_workbook(
                    (
                        AnnexLine(r.henko_bi, r.komoku, r.henko_mae, r.henko_go, r.teishutsu_jiki, r.explanation)
                        for r in rows
                    ),
                    title=page.title,
                    organization=org_page.organization.name if org_page else "",
                )
        elif publication is not None:
            data = document_json(publication.document)
        else:
            source = page if options["live"] else latest_draft(page)
            data = document_json(source.resolved_document())
        if options["out"]:
            options["out"].write_bytes(data)
            self.stderr.write(f"{options['out']} に書き出しました（{len(data):,} バイト）")
        else:
            self.stdout.write(data.decode("utf-8"))

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exports.annex_json import annex_rows_json
from exports.artifact_data import PublishedData, annex_lines, published_data
from exports.json_document import document_json
from exports.rendering import render_bytes
from pia.models import ArtifactStatus, AssessmentPage, Publication, PublicationArtifact, content_hash
from pia.models.lookup import AssessmentNotFound, all_assessments, find_assessment
from pia.models.publications import PublicationQuerySet

ARTIFACT_FORMATS = ("pdf", "xlsx-annex", "xlsx-form", "xml")
BINARY_FORMATS = ("pdf", "xlsx-annex", "xlsx-form")
ALIASES = {"annex-xlsx": "xlsx-annex"}


class Command(BaseCommand):
    help = "評価書を出力する（解決済み文書 JSON、PDF、Excel、XML）。公表版は保存済みのファイルをそのまま書き出す。"

    def add_arguments(self, parser: CommandParser) -> None:
        # --version means the publication here (the interface), not Django's own version flag.
        parser.conflict_handler = parser._optionals.conflict_handler = "resolve"
        parser.add_argument("identifier", nargs="?", help="機関/評価書 の識別子（例：nagaoka/covid19-vaccination）")
        parser.add_argument(
            "--format",
            choices=["json", "annex-json", *ARTIFACT_FORMATS, *ALIASES],
            default="json",
            help=(
                "json: 解決済み文書 / annex-json: 変更箇所 / pdf: 評価書 PDF / xlsx-annex: 変更箇所 Excel / "
                "xlsx-form: 評価書 Excel / xml: オープンデータ XML（pdf と xlsx は --out が必要）"
            ),
        )
        parser.add_argument(
            "--version", type=int, help="公表版の番号（省略時は最新の下書き、annex-json は最新の公表版）"
        )
        parser.add_argument("--out", type=Path, help="出力先ファイル（省略時は標準出力）")
        parser.add_argument("--list", action="store_true", help="すべての評価書の識別子を表示する")
        parser.add_argument("--live", action="store_true", help="下書きではなく公開中の版を出力する")

    def handle(self, *args: Any, **options: Any) -> None:
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
        fmt = ALIASES.get(options["format"], options["format"])
        if fmt in BINARY_FORMATS and not options["out"]:
            raise CommandError(f"{fmt} は --out に書き出し先のファイルを指定してください。")
        publications = Publication.objects.for_page(page)
        version = options["version"]
        publication = None
        if version is not None or fmt == "annex-json":
            publication = publications.filter(version=version).first() if version else publications.last()
            if publication is None:
                raise CommandError(f"{options['identifier']} に第{version}版の公表版はありません。")
        if fmt == "annex-json" and publication is not None:
            rows = publication.cumulative_annex().select_related("publication").defer("publication__document")
            data = annex_rows_json(annex_lines(rows))
        elif fmt == "json":
            if publication is not None:
                data = document_json(publication.document)
            else:
                source = page if options["live"] else page.latest_draft()
                data = document_json(source.resolved_document())
        elif publication is not None:
            data = self.published_file(publication, fmt)
        else:
            data = render_bytes(self.draft_data(page, live=options["live"], publications=publications), fmt)
        if options["out"]:
            options["out"].write_bytes(data)
            self.stderr.write(f"{options['out']} に書き出しました（{len(data):,} バイト）")
        else:
            self.stdout.write(data.decode("utf-8"))

    def published_file(self, publication: Publication, fmt: str) -> bytes:
        """The stored file when it was rendered at publication; rendered now (and not stored) otherwise."""
        stored = PublicationArtifact.objects.filter(
            publication=publication, kind=fmt, status=ArtifactStatus.READY
        ).first()
        if stored is not None:
            with stored.file.open("rb") as handle:
                return handle.read()
        return render_bytes(published_data(publication), fmt)

    def draft_data(self, page: AssessmentPage, *, live: bool, publications: PublicationQuerySet) -> PublishedData:
        """A draft as it would print now, with the annex of its latest publication (unpublished: no version)."""
        source = page if live else page.latest_draft()
        document = source.resolved_document()
        latest = publications.last()
        rows = latest.cumulative_annex().select_related("publication").defer("publication__document") if latest else []
        return PublishedData(
            document=document, annex=annex_lines(rows), version=None, content_hash=content_hash(document), kohyo_bi=None
        )

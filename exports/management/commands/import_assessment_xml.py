from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from exports.xml.document import MAX_XML_BYTES, PublicationXMLError, read_publication_xml
from pia.formdef.imports import DocumentImportError
from pia.models import OrganizationPage
from pia.services.imports import import_assessment


class Command(BaseCommand):
    help = "公表版の XML（export_assessment --format xml）から評価書の下書きを作る。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="取り込む XML ファイル")
        parser.add_argument("--organization", required=True, help="取り込み先の評価実施機関の識別子（例：nagaoka）")
        parser.add_argument("--slug", help="新しい評価書の識別子（省略時は XML の識別子から）")
        parser.add_argument("--user", help="版の作成者として記録する利用者名")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} がありません。")
        try:
            # Read one byte past the limit, so an oversized file is refused without reading it whole.
            with path.open("rb") as handle:
                data = handle.read(MAX_XML_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"{path} を読めません：{exc.strerror}") from exc
        try:
            document = read_publication_xml(data).document
        except PublicationXMLError as exc:
            raise CommandError(f"{path} を取り込みませんでした：{exc}") from exc
        org_page = OrganizationPage.objects.filter(organization__slug=options["organization"]).first()
        if org_page is None:
            raise CommandError(f"評価実施機関 {options['organization']} がありません。")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"利用者 {options['user']} がいません。")
        try:
            page = import_assessment(org_page, document, user=user, slug=options["slug"])
        except DocumentImportError as exc:
            raise CommandError(f"{path} を取り込みませんでした：{exc}") from exc
        except ValidationError as exc:
            raise CommandError(f"{path} を取り込みませんでした：{'、'.join(exc.messages)}") from exc
        self.stdout.write(f"{page.identifier} を下書きとして作成しました（公表はしていません）。")

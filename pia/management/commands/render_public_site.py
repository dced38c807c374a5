from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pia.public.static import NotAPublicSiteRoot, configured_root, render_public_site


class Command(BaseCommand):
    help = (
        "公表サイトのページ（公表版だけ）をファイルに書き出す。配備の後やテンプレートを変えた後に実行する。"
        "公表されなくなったページのファイルは削除する。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--root", type=Path, help="書き出し先（既定: 設定 PIA_PUBLIC_SITE_ROOT）")

    def handle(self, *args: Any, root: Path | None = None, **options: Any) -> None:
        root = root or configured_root()
        if root is None:
            raise CommandError("書き出し先がありません: --root を指定するか PIA_PUBLIC_SITE_ROOT を設定してください")
        try:
            report = render_public_site(root)
        except NotAPublicSiteRoot as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{root}: {len(report.rendered)}ページ（更新 {len(report.written)}、変更なし {len(report.unchanged)}）、"
            f"削除 {len(report.removed)}"
        )

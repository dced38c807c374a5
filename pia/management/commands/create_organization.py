"""python manage.py create_organization SLUG --name 内子町長: a new 評価実施機関, provisioned (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pia.services.organizations import OrganizationRefused, create_organization


class Command(BaseCommand):
    help = (
        "評価実施機関を作成し、公開サイトのページ、役割グループ（担当者・所属長・監査）、ページの権限、"
        "所属長承認のワークフローを用意します。同じ識別子と名称で再実行しても何も変わりません。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Optional for argparse (which would refuse in English); the service asks for it in Japanese.
        parser.add_argument(
            "slug",
            nargs="?",
            default="",
            help="識別子（半角英小文字・数字・ハイフン。公開サイトのURLになる。例：uchiko）",
        )
        parser.add_argument("--name", default="", help="評価実施機関名（評価書に印字される名称。例：内子町長）")
        parser.add_argument("--municipality", default="", help="団体名（例：内子町（愛媛県））")
        parser.add_argument("--local-government-code", default="", help="地方公共団体コード（6桁）")
        parser.add_argument("--address", default="", help="所在地")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_organization(
                slug=options["slug"],
                name=options["name"],
                municipality=options["municipality"],
                local_government_code=options["local_government_code"],
                address=options["address"],
            )
        except OrganizationRefused as refused:
            # Each message names its field (識別子, 評価実施機関名, …).
            lines = [f"  ・{message}" for _label, message in refused.messages_by_field()]
            raise CommandError("\n".join(["評価実施機関を作成できません。", *lines])) from None

        organization, setup = result.organization, result.setup
        if not result.created:
            self.stdout.write(
                f"評価実施機関「{organization.name}」（{organization.slug}）は登録済みです。新たに作成したものはありません"
                "（ページ・役割グループ・承認ワークフローに欠けているものがあれば補いました。登録済みの団体名などは変更していません）。"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"評価実施機関「{organization.name}」（{organization.slug}）を作成しました。")
        )
        self.stdout.write(f"  公開サイトのページ：{setup.page.get_url() or '（サイト未設定）'}")
        self.stdout.write(f"  役割グループ：{'、'.join(group.name for group in setup.groups.values())}")
        self.stdout.write(f"  承認ワークフロー：{setup.workflow.name}")
        self.stdout.write("利用者を役割に加えるには、管理画面の「設定」→「評価実施機関」を開いてください。")

"""python manage.py access_log_token issue|rotate|revoke|list --system ORG/CODE"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from registry.access_logs.lookup import system_by_code
from registry.access_logs.tokens import issue_token, revoke_token
from registry.models import IngestToken


class Command(BaseCommand):
    help = "アクセスログ送信用トークンの発行・更新（旧トークン失効）・失効・一覧"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "rotate", "revoke", "list"])
        parser.add_argument("--system", required=True, help="機関/システムコード")
        parser.add_argument("--label", default="", help="用途（発行時）")
        parser.add_argument("--prefix", help="失効させるトークンの先頭（list で表示されるもの）")

    def handle(self, *args, **options):
        try:
            system = system_by_code(options["system"])
        except ObjectDoesNotExist as exc:
            raise CommandError(str(exc)) from None
        action = options["action"]
        if action in ("issue", "rotate"):
            issued = issue_token(system, label=options["label"], revoke_others=action == "rotate")
            self.stdout.write("このトークンは今だけ表示されます。送信元システムに設定してください：")
            self.stdout.write(issued.token)
        elif action == "revoke":
            record = IngestToken.objects.filter(system=system, prefix=options["prefix"] or "").first()
            if record is None:
                raise CommandError("該当するトークンがありません（--prefix を list で確認してください）")
            revoke_token(record)
            self.stdout.write(f"{record.prefix}… を失効させました")
        else:
            for record in IngestToken.objects.filter(system=system).order_by("created_at"):
                state = f"失効 {record.revoked_at:%Y-%m-%d}" if record.revoked_at else "有効"
                self.stdout.write(f"{record.prefix}…  {record.created_at:%Y-%m-%d}  {state}  {record.label}")

"""python manage.py ingest_access_logs FILE --system ORG/CODE [--format csv|jsonl] [--mapping NAME] [--keep-valid]
[--batch-id ID]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from registry.access_logs.ingest import ingest_file
from registry.access_logs.lookup import system_by_code
from registry.access_logs.replays import BatchKeyError, checked_batch_key
from registry.models import LogFormat


class Command(BaseCommand):
    help = "アクセスログのファイル（CSV または JSON Lines）を取り込みます。不正な行があれば何も格納しません。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--system", required=True, help="機関/システムコード（例：nagaoka/vrs）")
        parser.add_argument("--format", choices=["csv", "jsonl"], default=None, help="既定：拡張子から判断")
        parser.add_argument("--mapping", help="このシステムの列対応の名前（正規の形式でないCSV）")
        parser.add_argument(
            "--keep-valid", action="store_true", help="不正な行を除いて正しい行だけを格納する（既定：一括拒否）"
        )
        parser.add_argument(
            "--batch-id",
            default="",
            help="送信元が付けたバッチID（同じIDのファイルは一度だけ格納。内容が同じなら改行コード等の違いも同じとみなします）",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"ファイルがありません: {path}")
        try:
            system = system_by_code(options["system"])
        except ObjectDoesNotExist as exc:
            raise CommandError(str(exc)) from None
        try:
            batch_key = checked_batch_key(options["batch_id"])
        except BatchKeyError as exc:
            raise CommandError(str(exc)) from None
        fmt = options["format"] or ("jsonl" if path.suffix in (".jsonl", ".ndjson") else "csv")
        log_format = None
        if options["mapping"]:
            log_format = LogFormat.objects.filter(system=system, name=options["mapping"]).first()
            if log_format is None:
                raise CommandError(f"列対応「{options['mapping']}」は {system.code} に定義されていません")
            fmt = "csv"
        progress = _ProgressBar(path.stat().st_size) if sys.stderr.isatty() else None
        result = ingest_file(
            path,
            system=system,
            fmt=fmt,
            log_format=log_format,
            keep_valid=options["keep_valid"],
            progress=progress,
            batch_key=batch_key,
        )
        if progress is not None:
            progress.done()
        if result.conflict:
            raise CommandError("このバッチIDは別の内容のファイルで取込み済みです。何も格納していません。")
        if result.duplicate:
            self.stdout.write(
                f"このファイルは取込み済みです（{result.batch.received_at:%Y-%m-%d %H:%M}）。何も格納していません。"
            )
            return
        for error in result.errors:
            self.stderr.write(str(error))
        if result.error_count > len(result.errors):
            self.stderr.write(f"…ほか {result.error_count - len(result.errors)} 行")
        if result.rejected:
            raise CommandError(
                f"{result.error_count} 行が不正なため、このファイルは格納していません（{result.lines} 行）"
            )
        self.stdout.write(
            f"{system.code}: {result.stored} 件を格納しました（{result.lines} 行、除外 {result.error_count} 行）"
        )


class _ProgressBar:
    """A one-line progress bar on a terminal (bytes read of the file)."""

    def __init__(self, total: int):
        self.total = max(total, 1)
        self.shown = -1

    def __call__(self, done: int) -> None:
        percent = min(100, done * 100 // self.total)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4)
            sys.stderr.write(f"\r[{bar:<25}] {percent:3d}%")
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")

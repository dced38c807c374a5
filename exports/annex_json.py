"""Change-annex rows → JSON bytes, with the printed columns of 別添２."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from registry.jp.wareki import format_date


def annex_rows_json(rows: Iterable[Any]) -> bytes:
    data = [
        {
            "version": row.publication.version,
            "変更日": format_date(row.henko_bi),
            "henko_bi": row.henko_bi.isoformat(),
            "項目": row.komoku,
            "item_path": row.item_path,
            "変更前の記載": row.henko_mae,
            "変更後の記載": row.henko_go,
            "提出時期": row.teishutsu_jiki,
            "提出時期に係る説明": row.explanation,
            "is_significant": row.is_significant,
            "default_significant": row.default_significant,
            "flagged_late": row.flagged_late,
        }
        for row in rows
    ]
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

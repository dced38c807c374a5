"""Change-annex lines → JSON bytes, with the printed columns of 別添２."""

from __future__ import annotations

import json
from collections.abc import Iterable

from pia.formdef.annex_line import AnnexLine
from registry.jp.wareki import format_date


def annex_rows_json(lines: Iterable[AnnexLine]) -> bytes:
    data = [
        {
            "version": line.version,
            "変更日": format_date(line.henko_bi),
            "henko_bi": line.henko_bi.isoformat(),
            "項目": line.komoku,
            "item_path": line.item_path,
            "変更前の記載": line.henko_mae,
            "変更後の記載": line.henko_go,
            "提出時期": line.teishutsu_jiki,
            "提出時期に係る説明": line.explanation,
            "is_significant": line.is_significant,
            "default_significant": line.default_significant,
            "flagged_late": line.flagged_late,
        }
        for line in lines
    ]
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

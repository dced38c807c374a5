"""The form engine on a tiny definition of its own (mini.yaml): its tests need neither the real form nor a database."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from pia.formdef.loader import load_definition_file
from pia.formdef.schema import FormDefinition

MINI_PATH = Path(__file__).resolve().parent / "mini.yaml"


@cache
def mini() -> FormDefinition:
    return load_definition_file(MINI_PATH)


# A filled-in mini form: two systems, two 委託事項 and a count that agrees with them.
MINI_VALUES: dict[str, Any] = {
    "cover": {"bango": "試験第1号", "mei": "試験事務 試験評価書", "kikan": "試験市長", "kohyo_bi": "2025-06-30"},
    "kihon": {
        "jimu": {"meisho": "予防接種事務", "naiyo": "接種記録を管理する。\n接種券を発行する。", "jubun": "十分である"},
        "nyushu_hoho": {
            "kami": {"checked": True},
            "denshi": {"checked": False},
            "sonota": {"checked": True, "text": "医療機関からの報告"},
        },
        "systems": [
            {"_id": "s1", "meisho": "予防接種台帳システム"},
            {"_id": "s2", "meisho": "健康管理システム"},
        ],
    },
    "itaku": {
        "umu": "委託する",
        "kensu": 2,
        "jiko": [
            {"_id": "j1", "title": "台帳システムの運用保守", "naiyo": "運用及び保守"},
            {"_id": "j2", "title": "接種券の印刷", "naiyo": "印刷及び封入"},
        ],
    },
}


def mini_values() -> dict[str, Any]:
    return copy.deepcopy(MINI_VALUES)

"""The exact check of one row: every rule, each failure named with its column; values echoed only when harmless.

This is the reference: the fast path (fast_path.py) only accepts blocks in which every
row would pass here, and hands anything else to this code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..enums import LogAction, LogResult
from ..jp.mynumber import contains_my_number
from .layout import FUTURE_TOLERANCE_HOURS, MAX_CHARS, REQUIRED_COLUMNS, LineError
from .pseudonyms import PseudonymCache, Pseudonymizer, normalize_subject

JAPAN = ZoneInfo("Asia/Tokyo")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ACTIONS = frozenset(LogAction.values)
_RESULTS = frozenset(LogResult.values)
COLUMN_LABELS = {
    "occurred_at": "日時",
    "system": "システム",
    "login_id": "ログインID",
    "action": "操作",
    "subject": "対象者",
    "terminal": "端末",
    "result": "結果",
}

# One stored row: line, account id, login id, time (aware), action, subject pseudonym, terminal, result.
CleanRow = tuple[int, int | None, str, dt.datetime, str, str, str, str]


@dataclass
class RowRules:
    """What a batch's rows are checked against: its system, its accounts and, for mapped layouts, the mapping."""

    system_code: str
    accounts: Mapping[str, int]
    pseudonymize: Pseudonymizer
    received_at: dt.datetime
    time_format: str | None = None
    actions: Mapping[str, str] = field(default_factory=dict)
    results: Mapping[str, str] = field(default_factory=dict)
    pseudonyms: PseudonymCache = field(init=False)

    def __post_init__(self) -> None:
        self.pseudonyms = PseudonymCache(self.pseudonymize)

    @property
    def latest_allowed(self) -> dt.datetime:
        return self.received_at + dt.timedelta(hours=FUTURE_TOLERANCE_HOURS)


def _label(column: str) -> str:
    return f"{COLUMN_LABELS.get(column, column)}（{column}）"


def _parse_time(text: str, time_format: str | None) -> dt.datetime | None:
    try:
        value = dt.datetime.strptime(text, time_format) if time_format else dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=JAPAN) if value.tzinfo is None else value


def check_row(values: Mapping[str, str | None], line: int, rules: RowRules) -> CleanRow | list[LineError]:
    """A clean row ready to store, or every reason the row is refused."""
    errors: list[LineError] = []
    clean: dict[str, str] = {}
    for column, raw in values.items():
        text = (raw or "").strip()
        if contains_my_number(text):
            # The value is dropped here: it must not reach an error message, a log or the database.
            reason = f"{_label(column)}に個人番号と思われる12桁の数字があります（値は記録しません）"
            errors.append(LineError(line, reason))
            continue
        if _CONTROL.search(text):
            errors.append(LineError(line, f"{_label(column)}に改行・タブなどの制御文字があります"))
            continue
        if len(text) > MAX_CHARS[column]:
            errors.append(LineError(line, f"{_label(column)}が長すぎます（{MAX_CHARS[column]}文字まで）"))
            continue
        clean[column] = text
    if errors:
        return errors
    for column in REQUIRED_COLUMNS:
        if not clean.get(column):
            errors.append(LineError(line, f"{_label(column)}が空です"))
    if errors:
        return errors
    system = clean.get("system", "")
    if system and system != rules.system_code:
        reason = f"システム「{system}」はこのバッチのシステム（{rules.system_code}）ではありません"
        errors.append(LineError(line, reason))
    occurred_at = _parse_time(clean["occurred_at"], rules.time_format)
    if occurred_at is None:
        errors.append(LineError(line, f"日時「{clean['occurred_at']}」を解釈できません"))
    elif occurred_at > rules.latest_allowed:
        errors.append(LineError(line, f"日時「{clean['occurred_at']}」が受信日時より先です"))
    action = rules.actions.get(clean["action"], clean["action"])
    if action not in _ACTIONS:
        errors.append(LineError(line, f"操作「{clean['action']}」は定義されていません"))
    result = rules.results.get(clean["result"], clean["result"])
    if result not in _RESULTS:
        errors.append(LineError(line, f"結果「{clean['result']}」は定義されていません"))
    if errors or occurred_at is None:
        return errors
    login_id = clean["login_id"]
    subject = normalize_subject(clean.get("subject", ""))
    return (
        line,
        rules.accounts.get(login_id),
        login_id,
        occurred_at,
        action,
        rules.pseudonymize.hash_normalized(subject) if subject else "",
        clean.get("terminal", ""),
        result,
    )

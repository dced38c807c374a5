"""The exact check of one row: every rule, each failure named with its column and line, never with a value.

This is the reference: the fast path (fast_path.py) only accepts blocks in which every
row would pass here, and hands anything else to this code.

A refusal's reason is kept (LogBatch.rejected_lines), returned by the push API and
printed by the command, so it names the column, the rule and the line, and repeats
nothing that was sent: a value may be a 個人番号 or a name in the wrong column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from registry.access_logs.bounds import JAPAN, earliest_allowed, future_tolerance
from registry.access_logs.layout import MAX_CHARS, REQUIRED_COLUMNS, LineError
from registry.access_logs.pseudonyms import PseudonymCache, Pseudonymizer, normalize_subject
from registry.enums import LogAction, LogResult
from registry.jp.mynumber import contains_my_number

__all__ = ["JAPAN", "CleanRow", "RowRules", "check_row", "column_label", "my_number_reason"]

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
    earliest_allowed: dt.datetime = field(default_factory=earliest_allowed)
    tolerance: dt.timedelta = field(default_factory=future_tolerance)
    pseudonyms: PseudonymCache = field(init=False)

    def __post_init__(self) -> None:
        self.pseudonyms = PseudonymCache(self.pseudonymize)

    @property
    def latest_allowed(self) -> dt.datetime:
        return self.received_at + self.tolerance


def column_label(column: str) -> str:
    return f"{COLUMN_LABELS.get(column, column)}（{column}）"


def my_number_reason(label: str) -> str:
    return f"{label}に個人番号と思われる12桁の数字があります（値は記録しません）"


def _parse_time(text: str, time_format: str | None) -> dt.datetime | None:
    try:
        value = dt.datetime.strptime(text, time_format) if time_format else dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=JAPAN) if value.tzinfo is None else value


def _time_reason(occurred_at: dt.datetime, rules: RowRules) -> str | None:
    """Why *occurred_at* lies outside the period an entry may be dated in, or None."""
    too_early = f"日時（occurred_at）が{rules.earliest_allowed:%Y-%m-%d}より前です"
    try:
        if occurred_at < rules.earliest_allowed:
            return too_early
        if occurred_at > rules.latest_allowed:
            hours = int(rules.tolerance.total_seconds() // 3600)
            return f"日時（occurred_at）が受信日時の{hours}時間後より先です"
    except OverflowError:  # an offset at the edge of the calendar (0001-01-01T00:00+14:00)
        return too_early
    return None


def check_row(values: Mapping[str, str | None], line: int, rules: RowRules) -> CleanRow | list[LineError]:
    """A clean row ready to store, or every reason the row is refused."""
    errors: list[LineError] = []
    clean: dict[str, str] = {}
    for column, raw in values.items():
        text = (raw or "").strip()
        if contains_my_number(text):
            # The value is dropped here: it must not reach an error message, a log or the database.
            errors.append(LineError(line, my_number_reason(column_label(column))))
            continue
        if _CONTROL.search(text):
            errors.append(LineError(line, f"{column_label(column)}に改行・タブなどの制御文字があります"))
            continue
        if len(text) > MAX_CHARS[column]:
            errors.append(LineError(line, f"{column_label(column)}が長すぎます（{MAX_CHARS[column]}文字まで）"))
            continue
        clean[column] = text
    if errors:
        return errors
    for column in REQUIRED_COLUMNS:
        if not clean.get(column):
            errors.append(LineError(line, f"{column_label(column)}が空です"))
    if errors:
        return errors
    system = clean.get("system", "")
    if system and system != rules.system_code:
        errors.append(LineError(line, f"システム（system）がこのバッチのシステム（{rules.system_code}）ではありません"))
    occurred_at = _parse_time(clean["occurred_at"], rules.time_format)
    if occurred_at is None:
        expected = f"書式 {rules.time_format}" if rules.time_format else "例：2026-11-30T09:15:00+09:00"
        errors.append(LineError(line, f"日時（occurred_at）を解釈できません（{expected}）"))
    elif reason := _time_reason(occurred_at, rules):
        errors.append(LineError(line, reason))
    action = rules.actions.get(clean["action"], clean["action"])
    if action not in _ACTIONS:
        errors.append(LineError(line, f"操作（action）が定義された値（{', '.join(LogAction.values)}）ではありません"))
    result = rules.results.get(clean["result"], clean["result"])
    if result not in _RESULTS:
        errors.append(LineError(line, f"結果（result）が定義された値（{', '.join(LogResult.values)}）ではありません"))
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

"""The canonical access-log layout (CSV header or JSON Lines keys) and the limits every row must keep.

CSV: UTF-8, a header line naming the columns below (any order), one entry per line.
JSON Lines: one object per line with the same keys, string values.
`occurred_at` is ISO 8601 (2026-11-30T09:15:00+09:00); without an offset it is Japan time.
"""

from __future__ import annotations

from dataclasses import dataclass

CANONICAL_COLUMNS = ("occurred_at", "system", "login_id", "action", "subject", "terminal", "result")
REQUIRED_COLUMNS = ("occurred_at", "login_id", "action", "result")
MAX_CHARS = {
    "occurred_at": 40,
    "system": 50,
    "login_id": 100,
    "action": 20,
    "subject": 200,
    "terminal": 100,
    "result": 20,
}
MAX_LINE_BYTES = 4096
# Where the rows go, in this order (the table of migrations 0004 and 0007).
STORED_COLUMNS = (
    "batch_id",
    "line",
    "organization_id",
    "system_id",
    "account_id",
    "login_id",
    "occurred_at",
    "action",
    "subject",
    "terminal",
    "result",
)
MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.line}行目: {self.reason}"

    def as_dict(self) -> dict[str, int | str]:
        return {"line": self.line, "reason": self.reason}

"""Whole blocks of canonical CSV checked column by column (polars) instead of row by row.

A block is accepted here only when every row in it would pass `validation.check_row`
unchanged; any doubt (a quote, a control character, non-ASCII text, a date in another
form or out of bounds, a value to normalize, a 個人番号) returns None and the block takes
the exact path, which names each bad line. Clean logs, the common case, never touch
Python per row except for hashing each distinct subject once.

The 個人番号 guard: a block is plain ASCII here, so every spelling of a 個人番号 the exact
path catches (grouped, dotted, spaced digit by digit…) holds 12 ASCII digits in one
value. Values of the free columns with 12 or more digits are the only candidates; the
few distinct ones are tested with the same `contains_my_number` as the exact path, and
one hit sends the block there. occurred_at cannot hold one: it passed a strict format
whose longest run of digits is the 8 of its date, and action and result are words.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import polars as pl

from registry.access_logs.layout import CANONICAL_COLUMNS, MAX_CHARS
from registry.access_logs.validation import RowRules
from registry.enums import LogAction, LogResult
from registry.jp.mynumber import MY_NUMBER_LENGTH, contains_my_number

# Bytes a clean canonical line holds: printable ASCII without quotes, and the newline. Anything else
# (quotes, control characters such as \r or \t, non-ASCII text) sends the block to the exact path.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)).replace(b'"', b"") + b"\n"
_SCHEMA = dict.fromkeys(CANONICAL_COLUMNS, pl.String)
# A value that can hold 12 digits; occurred_at, action and result are checked exactly and cannot.
_FREE_COLUMNS = ("system", "login_id", "subject", "terminal")
_SUBJECT = r"^[0-9A-Za-z_.\-/]*$"  # NFKC leaves these unchanged
_ACTIONS = list(LogAction.values)
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
_LOCAL_TIME_LENGTH = len("2026-01-31T08:30:00")
_OFFSET = re.compile(r"([+-])([0-9]{2}):([0-9]{2})")
_RESULTS = list(LogResult.values)


def clean_block(block: bytes, first_line: int, rules: RowRules, ids: tuple[int, int, int]) -> pl.DataFrame | None:
    """The block's rows ready to store, or None for the exact path.

    Columns: layout.STORED_COLUMNS (occurred_at as written), then `at`, the parsed time in UTC.
    *ids*: the batch's, its organization's and its system's primary keys.
    """
    batch_id, organization_id, system_id = ids
    lines = block.count(b"\n")
    if block.translate(None, _PLAIN_BYTES):
        return None
    if block.count(b",") != (len(CANONICAL_COLUMNS) - 1) * lines:
        return None
    # No line-length check: with seven values each within its limit (below) no line nears MAX_LINE_BYTES.
    try:
        frame = pl.read_csv(io.BytesIO(block), has_header=False, new_columns=list(CANONICAL_COLUMNS), schema=_SCHEMA)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines:  # blank lines: the exact path skips them and keeps the numbering
        return None
    if b" " in block:  # the exact path strips every value
        frame = frame.with_columns(pl.all().str.strip_chars(" "))
    frame = frame.with_columns(
        _utc_time(frame).alias("at"),
        pl.col("subject").fill_null(""),
        pl.col("terminal").fill_null(""),
    )
    doubtful = frame.select(
        pl.col("at").is_null().any()
        | (pl.col("at").min() < rules.earliest_allowed.astimezone(dt.UTC))
        | (pl.col("at").max() > rules.latest_allowed.astimezone(dt.UTC))
        | pl.col("system").is_not_null().and_(pl.col("system") != rules.system_code).any()
        | (pl.col("login_id").fill_null("").str.len_chars() == 0).any()
        | ~pl.col("action").is_in(_ACTIONS).all()
        | ~pl.col("result").is_in(_RESULTS).all()
        | ~pl.col("subject").str.contains(_SUBJECT).all()
        | pl.any_horizontal(
            [pl.col(c).str.len_chars() > MAX_CHARS[c] for c in ("login_id", "subject", "terminal", "system")]
        ).any()
    ).item()
    if doubtful or _may_hold_my_number(frame):
        return None
    # A join, not Expr.replace: replace turns a mapping into a Series per call, 5x slower here.
    table = rules.pseudonyms.table_for(frame.get_column("subject"))
    frame = frame.join(table, on="subject", how="left", maintain_order="left")
    return frame.select(
        pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"),
        (pl.int_range(0, pl.len(), dtype=pl.Int64) + first_line).alias("line"),
        pl.lit(organization_id, dtype=pl.Int64).alias("organization_id"),
        pl.lit(system_id, dtype=pl.Int64).alias("system_id"),
        pl.col("login_id")
        .replace_strict(dict(rules.accounts), default=None, return_dtype=pl.Int64)
        .alias("account_id"),
        "login_id",
        "occurred_at",  # as written: it passed the strict format above, so the database reads the same instant
        "action",
        pl.col("pseudonym").alias("subject"),
        "terminal",
        "result",
        "at",
    )


def _utc_time(frame: pl.DataFrame) -> pl.Expr:
    """occurred_at parsed to UTC (null where it does not parse).

    Logs write one offset on every line (+09:00); then the date and time before it are read
    without one, a third of the cost, and the offset subtracted. Mixed offsets take the
    general parse.
    """
    offsets = frame.get_column("occurred_at").str.slice(_LOCAL_TIME_LENGTH).unique()
    offset = _fixed_offset(offsets.item()) if len(offsets) == 1 else None
    if offset is None:
        return pl.col("occurred_at").str.to_datetime(_TIME_FORMAT + "%z", strict=False, time_zone="UTC")
    local = pl.col("occurred_at").str.slice(0, _LOCAL_TIME_LENGTH)
    return (local.str.to_datetime(_TIME_FORMAT, strict=False, time_unit="us") - offset).dt.replace_time_zone("UTC")


def _fixed_offset(text: str | None) -> dt.timedelta | None:
    """The offset "+HH:MM" or "-HH:MM" as a duration, or None for anything else."""
    match = _OFFSET.fullmatch(text or "")
    if match is None:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3))
    if hours > 23 or minutes > 59:
        return None
    offset = dt.timedelta(hours=hours, minutes=minutes)
    return -offset if sign == "-" else offset


def _may_hold_my_number(frame: pl.DataFrame) -> bool:
    """True when a value of a free column contains a 個人番号 (only values with 12+ digits are tested)."""
    # Lengths first: counting digits costs a regex per value, measuring a length almost nothing.
    long_enough = [pl.col(c).str.len_bytes() >= MY_NUMBER_LENGTH for c in _FREE_COLUMNS]
    if not frame.select(pl.any_horizontal(long_enough).any()).item():
        return False
    many_digits = [pl.col(c).str.count_matches("[0-9]") >= MY_NUMBER_LENGTH for c in _FREE_COLUMNS]
    candidates = frame.filter(pl.any_horizontal(many_digits))
    if candidates.is_empty():
        return False
    for column in _FREE_COLUMNS:
        values = candidates.get_column(column).drop_nulls().unique()
        if any(contains_my_number(value) for value in values):
            return True
    return False

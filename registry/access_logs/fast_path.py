"""Whole blocks of canonical CSV checked column by column (polars) instead of row by row.

A block is accepted here only when every row in it would pass `validation.check_row`
unchanged; any doubt (a quote, a 12-digit run, a control character, a date in another
form, a value to normalize) returns None and the block takes the exact path, which
names each bad line. Clean logs, the common case, never touch Python per row except
for hashing each distinct subject once.
"""

from __future__ import annotations

import io

import polars as pl

from ..enums import LogAction, LogResult
from .layout import CANONICAL_COLUMNS, MAX_CHARS, MAX_LINE_BYTES
from .validation import RowRules

# Bytes a clean canonical line holds: printable ASCII without quotes, and the newline. Anything else
# (quotes, control characters such as \r or \t, non-ASCII text) sends the block to the exact path.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)).replace(b'"', b"") + b"\n"
_MY_NUMBER_LIKE = r"[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{4}"
_SCHEMA = dict.fromkeys(CANONICAL_COLUMNS, pl.String)
_SUBJECT = r"^[0-9A-Za-z_.\-/]*$"  # NFKC leaves these unchanged
_ACTIONS = list(LogAction.values)
_RESULTS = list(LogResult.values)


def clean_block(block: bytes, first_line: int, rules: RowRules, system_id: int, batch_id: int) -> pl.DataFrame | None:
    """The block's rows ready to store (columns as layout.STORED_COLUMNS), or None for the exact path."""
    lines = block.count(b"\n")
    if block.translate(None, _PLAIN_BYTES):
        return None
    if block.count(b",") != (len(CANONICAL_COLUMNS) - 1) * lines:
        return None
    if max(map(len, block.split(b"\n"))) > MAX_LINE_BYTES:
        return None
    try:
        frame = pl.read_csv(io.BytesIO(block), has_header=False, new_columns=list(CANONICAL_COLUMNS), schema=_SCHEMA)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines:  # blank lines: the exact path skips them and keeps the numbering
        return None
    if b" " in block:  # the exact path strips every value
        frame = frame.with_columns(pl.all().str.strip_chars(" "))
    frame = frame.with_columns(
        pl.col("occurred_at").str.to_datetime("%Y-%m-%dT%H:%M:%S%z", strict=False, time_zone="UTC").alias("at"),
        pl.col("subject").fill_null(""),
        pl.col("terminal").fill_null(""),
    )
    doubtful = frame.select(
        pl.col("at").is_null().any()
        | (pl.col("at").max() > rules.latest_allowed)
        | pl.col("system").is_not_null().and_(pl.col("system") != rules.system_code).any()
        | (pl.col("login_id").fill_null("").str.len_chars() == 0).any()
        | ~pl.col("action").is_in(_ACTIONS).all()
        | ~pl.col("result").is_in(_RESULTS).all()
        | ~pl.col("subject").str.contains(_SUBJECT).all()
        | pl.any_horizontal(
            [pl.col(c).str.len_chars() > MAX_CHARS[c] for c in ("login_id", "subject", "terminal", "system")]
        ).any()
        | pl.any_horizontal([pl.col(c).str.contains(_MY_NUMBER_LIKE) for c in CANONICAL_COLUMNS]).any()
    ).item()
    if doubtful:
        return None
    subjects = frame.get_column("subject").unique().to_list()
    pseudonyms = rules.pseudonymize.mapping(subjects)
    return frame.select(
        pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"),
        (pl.int_range(0, pl.len(), dtype=pl.Int64) + first_line).alias("line"),
        pl.lit(system_id, dtype=pl.Int64).alias("system_id"),
        pl.col("login_id")
        .replace_strict(dict(rules.accounts), default=None, return_dtype=pl.Int64)
        .alias("account_id"),
        "login_id",
        pl.col("at").alias("occurred_at"),
        "action",
        pl.col("subject").replace_strict(pseudonyms, return_dtype=pl.String),
        "terminal",
        "result",
    )

"""The per-day figures of one batch, counted from its rows while they are written (no second pass).

Rows, rows outside office hours, first and last time add up block by block. Distinct
subjects per hour do not: the (hour, login id, account, subject) tuples of the hours still
open are kept, and an hour closes when a block starts after it, as it does in logs written
in time order. A row that arrives for an hour already closed, a row of the row-by-row
path, or more open tuples than OPEN_LIMIT (logs far out of order) send their days to be
recounted from the table in SQL (rollups.recount_days), which is exact whatever the order.
Memory stays flat: what is kept grows with the hours open, not with the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from registry.access_logs.bounds import JAPAN

OFFICE_START, OFFICE_END = 8, 20  # anomalies.OFFICE_HOURS: 08:00 to 19:59 Japan time
OPEN_LIMIT = 2_000_000
# Japan has kept +09:00 all year since 1951, long before any date an entry may bear (bounds.earliest_day);
# adding it is ten times cheaper than a conversion through the zone's rules.
JAPAN_OFFSET = dt.timedelta(hours=9)
_KEYS = ["day", "login_id", "account_ref"]


@dataclass
class DayFigures:
    rows: int = 0
    outside_hours: int = 0
    busiest_hour_subjects: int = 0
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None

    def add(self, rows: int, outside: int, first_at: dt.datetime, last_at: dt.datetime) -> None:
        self.rows += rows
        self.outside_hours += outside
        self.first_at = first_at if self.first_at is None else min(self.first_at, first_at)
        self.last_at = last_at if self.last_at is None else max(self.last_at, last_at)


@dataclass
class BatchFigures:
    days: dict[tuple[dt.date, str, int], DayFigures] = field(default_factory=dict)
    recount: set[dt.date] = field(default_factory=set)
    _open: pl.DataFrame | None = None
    _closed_before: dt.datetime | None = None

    def add_frame(self, frame: pl.DataFrame) -> None:
        """Rows of the fast path: columns at (UTC), login_id, account_id (null: unknown), subject."""
        local = frame.select(
            (pl.col("at").dt.replace_time_zone(None) + JAPAN_OFFSET).dt.truncate("1h").alias("hour"),
            "at",
            "login_id",
            pl.col("account_id").fill_null(0).alias("account_ref"),
            "subject",
        ).with_columns(pl.col("hour").dt.date().alias("day"))
        self._add_totals(local)
        if self._closed_before is not None:
            late = local.filter(pl.col("hour") < self._closed_before)
            if late.height:
                self.recount.update(late.get_column("day").unique().to_list())
                local = local.filter(pl.col("hour") >= self._closed_before)
        subjects = local.filter(pl.col("subject") != "").select("hour", "day", "login_id", "account_ref", "subject")
        self._open = subjects if self._open is None else pl.concat([self._open, subjects]).unique()
        if local.height:
            self._close_before(local.get_column("hour").min())  # type: ignore[arg-type]
        if self._open is not None and self._open.height > OPEN_LIMIT:
            self.recount.update(self._open.get_column("day").unique().to_list())
            self._open = None

    def add_rows(self, rows: Sequence[tuple]) -> None:
        """Rows of the row-by-row path (validation.CleanRow): totals here, their days recounted in SQL."""
        for _line, account, login_id, at, *_rest in rows:
            local = at.astimezone(JAPAN)
            key = (local.date(), login_id, account or 0)
            outside = int(local.hour < OFFICE_START or local.hour >= OFFICE_END)
            self.days.setdefault(key, DayFigures()).add(1, outside, at, at)
            self.recount.add(local.date())

    def finish(self) -> None:
        self._close_before(None)

    def _add_totals(self, local: pl.DataFrame) -> None:
        hour_of_day = pl.col("hour").dt.hour()
        totals = local.group_by(_KEYS).agg(
            pl.len().alias("rows"),
            ((hour_of_day < OFFICE_START) | (hour_of_day >= OFFICE_END)).sum().alias("outside"),
            pl.col("at").min().alias("first"),
            pl.col("at").max().alias("last"),
        )
        for day, login_id, account_ref, rows, outside, first, last in totals.iter_rows():
            self.days.setdefault((day, login_id, account_ref), DayFigures()).add(rows, outside, first, last)

    def _close_before(self, hour: dt.datetime | None) -> None:
        """Count the distinct subjects of the open hours before *hour* (all of them when None)."""
        if self._open is None or not self._open.height:
            self._advance(hour)
            return
        closing = self._open if hour is None else self._open.filter(pl.col("hour") < hour)
        self._open = None if hour is None else self._open.filter(pl.col("hour") >= hour)
        hourly = closing.group_by(["hour", *_KEYS]).agg(pl.len().alias("subjects"))
        busiest = hourly.group_by(_KEYS).agg(pl.col("subjects").max())
        for day, login_id, account_ref, subjects in busiest.iter_rows():
            figures = self.days[(day, login_id, account_ref)]
            figures.busiest_hour_subjects = max(figures.busiest_hour_subjects, subjects)
        self._advance(hour)

    def _advance(self, hour: dt.datetime | None) -> None:
        if hour is not None:
            self._closed_before = hour if self._closed_before is None else max(self._closed_before, hour)

"""Writing clean rows into the entry table: PostgreSQL COPY, or executemany elsewhere."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection
from psycopg.copy import QueuedLibpqWriter

from registry.access_logs.batch_figures import BatchFigures
from registry.access_logs.layout import STORED_COLUMNS
from registry.access_logs.validation import CleanRow

TABLE = "registry_accesslogentry"
_FLUSH_ROWS = 5000
# An unquoted empty value is NULL in CSV COPY; only account_id may be NULL, the text columns are empty.
COPY_SQL = (
    f"COPY {TABLE} ({', '.join(STORED_COLUMNS)}) FROM STDIN"  # noqa: S608
    " (FORMAT csv, FORCE_NOT_NULL (login_id, action, subject, terminal, result))"
)


def copy_csv(frame: pl.DataFrame) -> bytes:
    """A fast-path frame's rows as the CSV that COPY_SQL reads (occurred_at as written)."""
    buffer = io.BytesIO()
    frame.drop("at").write_csv(buffer, include_header=False, null_value="")
    return buffer.getvalue()


class EntryWriter:
    """Collects rows of one batch and writes them within the caller's transaction."""

    def __init__(self, batch_id: int, organization_id: int, system_id: int):
        self.batch_id = batch_id
        self.organization_id = organization_id
        self.system_id = system_id
        self.count = 0
        # The batch's per-day figures, counted as the rows pass (rollups.record_batch stores them).
        self.figures = BatchFigures()
        self._pending: list[tuple[Any, ...]] = []
        self._postgres = connection.vendor == "postgresql"
        self._cursor = connection.cursor()
        self._copy = None
        if self._postgres:
            # psycopg sends COPY data from a writer thread, so parsing the next block overlaps the server's work.
            raw_cursor = self._cursor.cursor
            self._copy_block = raw_cursor.copy(COPY_SQL, writer=QueuedLibpqWriter(raw_cursor))
            self._copy = self._copy_block.__enter__()

    @property
    def ids(self) -> tuple[int, int, int]:
        return self.batch_id, self.organization_id, self.system_id

    def write_frame(self, frame: pl.DataFrame) -> None:
        """Rows from the fast path (see fast_path.clean_block for its columns)."""
        self.figures.add_frame(frame)
        if self._postgres:
            self._copy.write(copy_csv(frame))  # type: ignore[union-attr]
        else:
            # Django stores an aware time in SQLite as UTC text; the fast path only has whole seconds.
            utc_text = pl.col("at").dt.strftime("%Y-%m-%d %H:%M:%S").alias("occurred_at")
            self._pending.extend(frame.with_columns(utc_text).drop("at").rows())
            self._flush_if_full()
        self.count += frame.height

    def write_rows(self, rows: Sequence[CleanRow]) -> None:
        if not rows:
            return
        self.figures.add_rows(rows)
        if self._postgres:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for line, account, login_id, at, action, subject, terminal, result in rows:
                stamp = at.isoformat()
                writer.writerow(
                    (*self.ids[:1], line, *self.ids[1:], account, login_id, stamp, action, subject, terminal, result)
                )
            self._copy.write(buffer.getvalue().encode("utf-8"))  # type: ignore[union-attr]
        else:
            adapt = connection.ops.adapt_datetimefield_value
            self._pending.extend(
                (*self.ids[:1], line, *self.ids[1:], account, login_id, adapt(at), action, subject, terminal, result)
                for line, account, login_id, at, action, subject, terminal, result in rows
            )
            self._flush_if_full()
        self.count += len(rows)

    def _flush_if_full(self, force: bool = False) -> None:
        if self._pending and (force or len(self._pending) >= _FLUSH_ROWS):
            placeholders = ", ".join(["%s"] * len(STORED_COLUMNS))
            self._cursor.executemany(
                f"INSERT INTO {TABLE} ({', '.join(STORED_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
                self._pending,
            )
            self._pending.clear()

    def close(self, *, failed: bool = False) -> None:
        """Finish the COPY (or the last insert); on failure abandon what was sent."""
        try:
            if self._copy is not None and failed:
                # Abandon the COPY (the server discards what it received); the caller rolls back.
                abandon = RuntimeError("batch rejected")
                with contextlib.suppress(Exception):
                    self._copy_block.__exit__(RuntimeError, abandon, None)
            elif self._copy is not None:
                self._copy_block.__exit__(None, None, None)
            elif not failed:
                self._flush_if_full(force=True)
        finally:
            self._cursor.close()

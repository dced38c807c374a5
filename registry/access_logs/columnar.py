"""A columnar copy of each archive file (Parquet parts), so that a search reads a month without a full pass.

The CSV.gz stays the archive the assessment promises (its SHA-256 is verified and recorded);
the Parquet parts beside it, `<archive>.parquet/part-0001.parquet`…, hold the same rows and
serve the auditor's search: polars reads only the columns a filter needs, decompresses
them in native code and keeps only the matching rows. They are written with the CSV.gz
in chunks of PART_ROWS rows (flat memory), deleted with it, and rewritten with it when a
run is interrupted. Parts on local disk are read in place; on object storage one part at
a time is fetched. A search falls back to the CSV.gz for an archive without parts
(written before this module).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any

import polars as pl
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

PART_ROWS = 500_000
SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "batch_id": pl.Int64,
    "line": pl.Int64,
    "occurred_at": pl.Datetime("us", "UTC"),
    "login_id": pl.String,
    "account_id": pl.Int64,
    "action": pl.String,
    "subject": pl.String,
    "terminal": pl.String,
    "result": pl.String,
}


def parts_folder(archive_path: str) -> str:
    return f"{archive_path}.parquet"


class PartsWriter:
    """Collects a month's rows (in SCHEMA's column order) and writes them as Parquet parts."""

    def __init__(self, archive_path: str, storage: Storage):
        self.folder = parts_folder(archive_path)
        self.storage = storage
        self.parts = 0
        self._rows: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        self._rows.append(row)
        if len(self._rows) >= PART_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        frame = pl.DataFrame(self._rows, schema=SCHEMA, orient="row")
        buffer = io.BytesIO()
        frame.write_parquet(buffer, compression="zstd", statistics=True)
        self.parts += 1
        self.storage.save(f"{self.folder}/part-{self.parts:04d}.parquet", ContentFile(buffer.getvalue()))
        self._rows.clear()


def part_names(archive_path: str, storage: Storage) -> list[str]:
    folder = parts_folder(archive_path)
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return []
    return [f"{folder}/{name}" for name in sorted(files) if name.endswith(".parquet")]


def delete_parts(archive_path: str, storage: Storage) -> None:
    for name in part_names(archive_path, storage):
        storage.delete(name)


def part_sources(archive_path: str, storage: Storage) -> list[str | io.BytesIO]:
    """The parts as polars reads them: local files by path, others (object storage) read into memory one by one."""
    sources: list[str | io.BytesIO] = []
    for name in part_names(archive_path, storage):
        try:
            path = storage.path(name)
        except NotImplementedError:
            path = ""
        if path and os.path.exists(path):
            sources.append(path)
        else:
            with storage.open(name, "rb") as part:
                sources.append(io.BytesIO(part.read()))
    return sources


def matching_rows(
    sources: list[str | io.BytesIO], *, login_id: str, subject: str, action: str, start, end
) -> pl.DataFrame:
    """The rows of the parts that meet the criteria, in the archive's order."""
    conditions = []
    if login_id:
        conditions.append(pl.col("login_id") == login_id)
    if subject:
        conditions.append(pl.col("subject") == subject)
    if action:
        conditions.append(pl.col("action") == action)
    if start is not None:
        conditions.append(pl.col("occurred_at") >= start.astimezone(dt.UTC))
    if end is not None:
        conditions.append(pl.col("occurred_at") < end.astimezone(dt.UTC))
    frames = []
    for source in sources:
        scan = pl.scan_parquet(source)
        if conditions:
            scan = scan.filter(pl.all_horizontal(conditions))
        frames.append(scan.collect())
    return pl.concat(frames) if frames else pl.DataFrame(schema=SCHEMA)

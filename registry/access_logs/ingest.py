"""Store one batch of access-log lines: all of it or none of it, and never the same batch twice."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from registry.access_logs.fast_path import clean_block
from registry.access_logs.layout import MAX_REPORTED_ERRORS, LineError
from registry.access_logs.pseudonyms import pseudonymizer
from registry.access_logs.records import CsvLayout, LayoutError, csv_records, jsonl_records, line_blocks, read_header
from registry.access_logs.replays import BatchIdentity, batch_identity
from registry.access_logs.rollups import record_batch
from registry.access_logs.store import EntryWriter
from registry.access_logs.validation import CleanRow, RowRules, check_row
from registry.jp.mynumber import contains_my_number
from registry.models import LogBatch, LogFormat, StaffAccount, System

logger = logging.getLogger(__name__)

Format = Literal["csv", "jsonl"]
Progress = Callable[[int], None]


@dataclass
class IngestResult:
    system: System
    lines: int = 0
    stored: int = 0
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0
    duplicate: bool = False
    # The sender's batch id names a batch already stored with other lines: nothing stored.
    conflict: bool = False
    batch: LogBatch | None = None

    @property
    def rejected(self) -> bool:
        """True when nothing was stored because of bad lines."""
        return self.batch is None and not self.duplicate and self.error_count > 0

    def add_error(self, error: LineError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)


class _Rejected(Exception):
    pass


def row_rules(system: System, log_format: LogFormat | None = None) -> RowRules:
    """What a row of *system*'s logs is checked against (and how its subject is pseudonymized)."""
    accounts = dict(StaffAccount.objects.filter(system=system).values_list("login_id", "pk"))
    return RowRules(
        system_code=system.code,
        accounts=accounts,
        pseudonymize=pseudonymizer(),
        received_at=timezone.now(),
        time_format=log_format.time_format if log_format else None,
        actions=log_format.actions if log_format else {},
        results=log_format.results if log_format else {},
    )


def ingest_file(
    path: Path,
    *,
    system: System,
    fmt: Format = "csv",
    log_format: LogFormat | None = None,
    keep_valid: bool = False,
    progress: Progress | None = None,
    batch_key: str = "",
) -> IngestResult:
    """Ingest a file of any size with flat memory (it is read twice: once to identify, once to load)."""
    with path.open("rb") as stream:
        identity = batch_identity(stream, fmt, batch_key)
    with path.open("rb") as stream:
        return _ingest(stream, identity, path.name, system, fmt, log_format, keep_valid, progress)


def ingest_bytes(
    data: bytes,
    *,
    system: System,
    source: str,
    fmt: Format = "jsonl",
    log_format: LogFormat | None = None,
    keep_valid: bool = False,
    batch_key: str = "",
) -> IngestResult:
    """*batch_key*: the sender's id for this batch (checked with replays.checked_batch_key), or ""."""
    identity = batch_identity(io.BytesIO(data), fmt, batch_key)
    return _ingest(io.BytesIO(data), identity, source, system, fmt, log_format, keep_valid, None)


def _source_name(source: str) -> str:
    """What is kept of a file's name: not a 個人番号 someone put into it."""
    return "（個人番号と思われる数字を含む名前）" if contains_my_number(source) else source[:200]


def _existing(system: System, identity: BatchIdentity) -> tuple[LogBatch | None, bool]:
    """The batch already stored as this one, and whether the sender's id names one with other lines."""
    batches = LogBatch.objects.filter(system=system)
    if identity.key:
        named = batches.filter(batch_key=identity.key).first()
        if named is not None:
            same = identity.content_sha256 in (named.content_sha256, "") or identity.sha256 == named.sha256
            return named, not same
    return batches.filter(Q(sha256=identity.sha256) | Q(content_sha256=identity.content_sha256)).first(), False


def _ingest(
    stream: BinaryIO,
    identity: BatchIdentity,
    source: str,
    system: System,
    fmt: Format,
    log_format: LogFormat | None,
    keep_valid: bool,
    progress: Progress | None,
) -> IngestResult:
    result = IngestResult(system=system)
    existing, conflict = _existing(system, identity)
    if existing is not None:
        return _duplicate(result, existing, conflict)
    rules = row_rules(system, log_format)
    try:
        with transaction.atomic():
            batch = LogBatch.objects.create(
                system=system,
                sha256=identity.sha256,
                content_sha256=identity.content_sha256,
                batch_key=identity.key,
                source=_source_name(source),
            )
            _load(stream, batch, rules, fmt, log_format, keep_valid, progress, result)
    except LayoutError as exc:
        result.add_error(exc.error)
        return result
    except _Rejected:
        logger.info("access-log batch for %s rejected: %d bad lines", system.code, result.error_count)
        return result
    except IntegrityError:
        # The same batch arrived twice at once; the other copy was stored.
        existing, conflict = _existing(system, identity)
        if existing is None:
            raise
        return _duplicate(result, existing, conflict)
    result.batch = batch
    return result


def _duplicate(result: IngestResult, existing: LogBatch, conflict: bool = False) -> IngestResult:
    result.duplicate = not conflict
    result.conflict = conflict
    result.batch = existing
    result.lines = existing.line_count
    return result


def _load(
    stream: BinaryIO,
    batch: LogBatch,
    rules: RowRules,
    fmt: Format,
    log_format: LogFormat | None,
    keep_valid: bool,
    progress: Progress | None,
    result: IngestResult,
) -> None:
    layout: CsvLayout | None = None
    first_line = 1
    if fmt == "csv":
        encoding = log_format.encoding if log_format else "utf-8"
        delimiter = log_format.delimiter if log_format else ","
        header = read_header(stream, encoding, delimiter)
        layout = CsvLayout.from_header(header, log_format.columns if log_format else None, encoding, delimiter)
        first_line = 2
    writer = EntryWriter(batch.pk, batch.system.organization_id, batch.system_id)
    failed = True
    try:
        read = 0
        for block_first_line, block in line_blocks(stream, first_line):
            result.lines += block.count(b"\n")
            frame = None
            if layout is not None and layout.is_canonical_order and not result.error_count:
                frame = clean_block(block, block_first_line, rules, writer.ids)
            if frame is not None:
                writer.write_frame(frame)
            else:
                writer.write_rows(_exact_rows(block, block_first_line, layout, rules, result))
            read += len(block)
            if progress is not None:
                progress(read)
        if result.error_count and not keep_valid:
            raise _Rejected
        failed = False
    finally:
        writer.close(failed=failed)
    writer.figures.finish()
    record_batch(writer.organization_id, batch.system_id, writer.figures)
    result.stored = writer.count
    batch.line_count = result.lines
    batch.stored_count = writer.count
    batch.rejected_count = result.error_count
    batch.rejected_lines = [error.as_dict() for error in result.errors]
    batch.save(update_fields=["line_count", "stored_count", "rejected_count", "rejected_lines"])


def _exact_rows(
    block: bytes, first_line: int, layout: CsvLayout | None, rules: RowRules, result: IngestResult
) -> list[CleanRow]:
    records = csv_records(block, first_line, layout) if layout is not None else jsonl_records(block, first_line)
    rows: list[CleanRow] = []
    for line, record in records:
        if isinstance(record, LineError):
            result.add_error(record)
            continue
        checked = check_row(record, line, rules)
        if isinstance(checked, list):
            for error in checked:
                result.add_error(error)
        else:
            rows.append(checked)
    return rows

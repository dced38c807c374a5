"""Keep logs online for a few months, then as compressed CSV for years, then delete them, with a record.

Each month of each system goes through WRITING (file being written) → VERIFIED (file
re-read: row count and SHA-256 match) → COMPLETE (its rows deleted from the table, in
the same transaction as the status change) → EXPIRED (file deleted at the end of the
archive period; the record stays as 保管切れ情報の削除). A run interrupted anywhere is
finished by the next run: a WRITING archive is discarded and written again, a VERIFIED
one gets its rows deleted. No row is ever deleted before a verified file holds it.

Runs do not overlap (locks.exclusive_run): a second run started while one is working
stops at once, changing nothing, so no month is written twice. An archive's path is
recorded before its file is written, so no file exists that no record names.

Rows dated before PIA_LOG_EARLIEST (stored before that bound was enforced) go into the
archive of the earliest month; times are never converted outside that bound, where a
year-0001 row would overflow.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import logging
import tempfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from registry.access_logs.bounds import JAPAN, earliest_allowed, earliest_day
from registry.access_logs.calendar import local_midnight
from registry.access_logs.columnar import PartsWriter, delete_parts
from registry.access_logs.locks import AlreadyRunning, exclusive_run
from registry.access_logs.partitions import drop_if_archived, prepare_months
from registry.access_logs.rollups import recount_days
from registry.enums import ArchiveStatus
from registry.models import AccessLogEntry, LogArchive, System

logger = logging.getLogger(__name__)

ARCHIVE_COLUMNS = (
    "batch_id",
    "line",
    "occurred_at",
    "login_id",
    "account_id",
    "action",
    "subject",
    "terminal",
    "result",
)


class ArchiveVerificationError(RuntimeError):
    pass


class RetentionAlreadyRunning(AlreadyRunning):
    pass


ALREADY_RUNNING = (
    "アクセスログの保管処理（apply_log_retention）は別の処理が実行中です。"
    "何も変更していません。終わってから再実行してください。"
)


@dataclass
class RetentionReport:
    archived: list[LogArchive] = field(default_factory=list)
    expired: list[LogArchive] = field(default_factory=list)
    resumed: int = 0

    @property
    def rows_archived(self) -> int:
        return sum(archive.row_count for archive in self.archived)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month *months* after (or before) *day*'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def online_cutoff(system: System, today: dt.date) -> dt.date:
    """Entries before this day (Japan time) leave the table: whole months, at least the online period kept."""
    return add_months(today, -system.log_online_months)


def apply_log_retention(*, now: dt.datetime | None = None, storage: Storage | None = None) -> RetentionReport:
    """Archive and expire every system's logs; RetentionAlreadyRunning when another run is at work."""
    storage = storage or default_storage
    now = now or timezone.now()
    today = now.astimezone(JAPAN).date()
    report = RetentionReport()
    try:
        with exclusive_run("apply_log_retention", ALREADY_RUNNING):
            # Live logs land in partitions of their own (PostgreSQL; nothing on SQLite).
            prepare_months([add_months(today, n) for n in range(3)])
            systems = list(System.objects.select_related("organization").order_by("pk"))
            for system in systems:
                report.resumed += _finish_interrupted(system, storage)
            _complete_verified()  # a run stopped before its deletions: finish them before archiving more
            for system in systems:
                report.archived.extend(_archive_old_months(system, today, storage))
            _complete_verified()
            for archive in report.archived:
                archive.refresh_from_db(fields=["status"])
            for system in systems:
                report.expired.extend(_expire(system, today, now, storage))
    except AlreadyRunning as exc:
        raise RetentionAlreadyRunning(str(exc)) from None
    return report


def _first_month_to_archive(system: System, cutoff: dt.datetime) -> dt.date | None:
    entries = AccessLogEntry.objects.for_system(system)
    earliest = earliest_allowed()
    if entries.filter(occurred_at__lt=earliest).exists():
        return month_start(earliest_day())
    oldest = entries.between(earliest, cutoff).aggregate(first=Min("occurred_at"))["first"]
    return month_start(oldest.astimezone(JAPAN).date()) if oldest is not None else None


def _archive_old_months(system: System, today: dt.date, storage: Storage) -> list[LogArchive]:
    archived = []
    cutoff = local_midnight(online_cutoff(system, today))
    month = _first_month_to_archive(system, cutoff)
    while month is not None and local_midnight(month) < cutoff:
        archive = _archive_month(system, month, storage)
        if archive is not None:
            archived.append(archive)
        month = add_months(month, 1)
    return archived


def _finish_interrupted(system: System, storage: Storage) -> int:
    finished = 0
    for archive in LogArchive.objects.for_system(system).unfinished():
        if archive.status == ArchiveStatus.WRITING:
            # Written partly or not verified: no row was deleted for it, so it is simply redone.
            if archive.path and storage.exists(archive.path):
                storage.delete(archive.path)
            if archive.path:
                delete_parts(archive.path, storage)
            archive.delete()
        # A VERIFIED one keeps its rows until _delete_archived_rows, at the end of this run.
        finished += 1
    return finished


def _month_entries(system: System, month: dt.date):
    """A month's entries; the earliest month's also holds every entry dated before it."""
    start = None if month <= month_start(earliest_day()) else local_midnight(month)
    return AccessLogEntry.objects.for_system(system).between(start, local_midnight(add_months(month, 1)))


def _archive_month(system: System, month: dt.date, storage: Storage) -> LogArchive | None:
    entries = _month_entries(system, month)
    if not entries.exists():
        return None
    part = (LogArchive.objects.for_system(system).filter(month=month).aggregate(n=Max("part"))["n"] or 0) + 1
    name = f"{settings.PIA_LOG_ARCHIVE_PREFIX}/{system.organization.slug}/{system.code}/{month:%Y-%m}-{part}.csv.gz"
    # The path is recorded before the file exists: a run stopped while writing leaves a WRITING
    # record naming it, which the next run deletes with its file. A file already at this name is
    # such a leftover of a run from before this rule (no kept archive has this month's next part).
    archive = LogArchive.objects.create(system=system, month=month, part=part, path=name)
    if storage.exists(name):
        storage.delete(name)
    delete_parts(name, storage)
    columns = PartsWriter(name, storage)
    with tempfile.TemporaryFile() as spool:
        written = _write_csv_gz(entries, spool, columns)
        spool.seek(0)
        stored = storage.save(name, File(spool, name=name))
    if stored != name:
        archive.path = stored
        archive.save(update_fields=["path"])
    _verify(archive, storage, written)
    archive.row_count = written.rows
    archive.sha256 = written.sha256
    archive.size = written.size
    archive.first_at, archive.last_at = written.first_at, written.last_at
    archive.batch_ids = sorted(written.batch_ids)
    archive.expires_on = add_months(month, 1 + 12 * system.log_archive_years)
    archive.status = ArchiveStatus.VERIFIED
    archive.verified_at = timezone.now()
    archive.save()
    return archive


@dataclass
class _Written:
    rows: int = 0
    sha256: str = ""
    size: int = 0
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None
    batch_ids: set[int] = field(default_factory=set)


class _HashingWriter(io.RawIOBase):
    """Passes bytes to a file and hashes them on the way (the SHA-256 of the stored file)."""

    def __init__(self, target):
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)


def _write_csv_gz(entries, spool, columns: PartsWriter) -> _Written:
    """The rows as CSV.gz into *spool*, and as Parquet parts through *columns* (columnar.py)."""
    written = _Written()
    hashing = _HashingWriter(spool)
    # mtime=0: the same rows always give the same bytes, so a rewritten archive has the same hash.
    with gzip.GzipFile(fileobj=hashing, mode="wb", mtime=0) as compressed:
        text = io.TextIOWrapper(compressed, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(ARCHIVE_COLUMNS)
        rows = entries.in_log_order().values_list(*ARCHIVE_COLUMNS).iterator(chunk_size=10_000)
        for row in rows:
            at = row[2]
            writer.writerow((*row[:2], at.astimezone(JAPAN).isoformat(), *row[3:]))
            columns.add(row)
            written.rows += 1
            written.batch_ids.add(row[0])
            written.first_at = written.first_at or at
            written.last_at = at
        text.flush()
        text.detach()
    columns.flush()
    written.sha256 = hashing.digest.hexdigest()
    written.size = hashing.size
    return written


def archive_rows(archive: LogArchive, storage: Storage | None = None):
    """Read an archive back: an iterator over its CSV rows (header first)."""
    storage = storage or default_storage
    with storage.open(archive.path, "rb") as stored, gzip.open(stored, "rt", encoding="utf-8", newline="") as text:
        yield from csv.reader(text)


def _verify(archive: LogArchive, storage: Storage, written: _Written) -> None:
    digest = hashlib.sha256()
    with storage.open(archive.path, "rb") as stored:
        while chunk := stored.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != written.sha256:
        raise ArchiveVerificationError(
            f"{archive.path}: SHA-256 が書き込んだ内容と一致しません。オンラインの行は削除していません。"
        )
    rows = sum(1 for _ in archive_rows(archive, storage)) - 1
    if rows != written.rows:
        raise ArchiveVerificationError(
            f"{archive.path}: 読み戻した行数 {rows} が書き込んだ {written.rows} 行と一致しません。"
            "オンラインの行は削除していません。"
        )


def _delete_archived_rows(archives: list[LogArchive]) -> None:
    """Remove the rows of verified archives and mark them complete, month by month, each month all or nothing.

    A batch is stored whole, so the batches seen when a month was written are exactly the rows
    its file holds; rows of that month from later batches stay for the next run. On PostgreSQL,
    a month whose partition holds exactly the rows of its verified archives (every system's) is
    detached and dropped whole (partitions.py); otherwise the rows are deleted.
    """
    by_month: dict[dt.date, list[LogArchive]] = {}
    for archive in archives:
        if archive.status == ArchiveStatus.VERIFIED:
            by_month.setdefault(archive.month, []).append(archive)
    for month, verified in sorted(by_month.items()):
        with transaction.atomic():
            held = [_archived_entries(archive) for archive in verified]
            for archive, entries in zip(verified, held, strict=True):
                found = entries.count()
                if found != archive.row_count:
                    raise ArchiveVerificationError(
                        f"{archive.path}: 削除対象 {found} 行が保管件数 {archive.row_count} 行と一致しません"
                    )
            if not drop_if_archived(month, sum(archive.row_count for archive in verified)):
                for entries in held:
                    entries.delete()
            last_day = add_months(month, 1) - dt.timedelta(days=1)
            for archive in verified:
                system = archive.system
                recount_days(system.organization_id, system.pk, _days(month, last_day))
                archive.status = ArchiveStatus.COMPLETE
                archive.save(update_fields=["status"])


def _complete_verified() -> None:
    verified = list(LogArchive.objects.filter(status=ArchiveStatus.VERIFIED).select_related("system"))
    if verified:
        _delete_archived_rows(verified)


def _archived_entries(archive: LogArchive):
    return _month_entries(archive.system, archive.month).filter(batch_id__in=archive.batch_ids)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _expire(system: System, today: dt.date, now: dt.datetime, storage: Storage) -> list[LogArchive]:
    expired = []
    for archive in LogArchive.objects.for_system(system).kept().filter(expires_on__lte=today):
        if storage.exists(archive.path):
            storage.delete(archive.path)
        delete_parts(archive.path, storage)
        archive.status = ArchiveStatus.EXPIRED
        archive.expired_at = now
        archive.save(update_fields=["status", "expired_at"])
        logger.info("保管切れ情報の削除: %s (%d 行)", archive.path, archive.row_count)
        expired.append(archive)
    return expired

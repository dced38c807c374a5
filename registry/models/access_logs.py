"""The running systems' access logs: batches, entries, archives, tokens and column mappings.

Entries are the only registry rows without history: they are append-only facts.
Their table is built for bulk loading (see migration 0004): no primary-key index and
no foreign-key constraints, so that ingestion runs at bulk-load speed. The identity
of an entry is its source (batch, line), unique by construction: a batch is stored
once per system (its SHA-256) and its line numbers do not repeat.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from registry.enums import ArchiveStatus, LogAction, LogResult
from registry.models.base import OrganizationOwnedQuerySet

SUBJECT_PSEUDONYM_LENGTH = 32  # hex characters of HMAC-SHA256 kept (128 bits)


class SystemOwnedQuerySet(models.QuerySet):
    """Rows that belong to an organization through their system."""

    def for_user(self, user):
        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(system__organization__memberships__user=user).distinct()

    def for_system(self, system):
        return self.filter(system=system)


class LogBatch(models.Model):
    """One file or one HTTP push as received: stored once per system, whatever how often it is sent.

    A resent batch is recognized by its bytes (sha256), by its lines (content_sha256: blank
    lines dropped, trailing whitespace and CR removed, each JSON line in canonical form) or
    by the id its sender gave it (batch_key, the Idempotency-Key or X-Batch-Id header).
    """

    system = models.ForeignKey("registry.System", on_delete=models.PROTECT, related_name="log_batches")
    sha256 = models.CharField("SHA-256", max_length=64)
    content_sha256 = models.CharField("SHA-256（正規化した行）", max_length=64, blank=True, default="")
    batch_key = models.CharField("送信元のバッチID", max_length=100, blank=True, default="")
    source = models.CharField("受信元", max_length=200)
    received_at = models.DateTimeField("受信日時", default=timezone.now)
    line_count = models.PositiveIntegerField("行数", default=0)
    stored_count = models.PositiveIntegerField("格納件数", default=0)
    rejected_count = models.PositiveIntegerField("除外件数", default=0)
    # Only {"line": n, "reason": "…"}: a reason names the column and the rule, never a value.
    rejected_lines = models.JSONField("除外した行", default=list, blank=True)

    objects = SystemOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "アクセスログ受信バッチ"
        verbose_name_plural = "アクセスログ受信バッチ"
        constraints = [
            models.UniqueConstraint(fields=["system", "sha256"], name="unique_log_batch_per_system"),
            models.UniqueConstraint(
                fields=["system", "content_sha256"],
                condition=~models.Q(content_sha256=""),
                name="unique_log_batch_content_per_system",
            ),
            models.UniqueConstraint(
                fields=["system", "batch_key"],
                condition=~models.Q(batch_key=""),
                name="unique_log_batch_key_per_system",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.received_at:%Y-%m-%d %H:%M} ({self.stored_count}件)"


class AccessLogEntryQuerySet(SystemOwnedQuerySet):
    def between(self, start: dt.datetime | None, end: dt.datetime | None):
        """Entries at or after *start* and before *end* (either may be open)."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(occurred_at__gte=start)
        if end is not None:
            queryset = queryset.filter(occurred_at__lt=end)
        return queryset

    def of_subject(self, pseudonym: str):
        return self.filter(subject=pseudonym)

    def unknown_accounts(self):
        return self.filter(account__isnull=True)

    def in_log_order(self):
        return self.order_by("occurred_at", "batch_id", "line")


class AccessLogEntry(models.Model):
    pk = models.CompositePrimaryKey("batch", "line")
    # No database constraints or indexes on these keys: see the module docstring.
    batch = models.ForeignKey(
        LogBatch, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    line = models.PositiveIntegerField("行番号")
    # Every log row carries its organization, so that the table can be distributed by it (Citus).
    organization = models.ForeignKey(
        "registry.Organization",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name="評価実施機関",
    )
    system = models.ForeignKey(
        "registry.System",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name="システム",
    )
    account = models.ForeignKey(
        "registry.StaffAccount",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
        verbose_name="利用者アカウント",
    )
    login_id = models.CharField("ログインID", max_length=100)
    occurred_at = models.DateTimeField("日時")
    action = models.CharField("操作", max_length=10, choices=LogAction.choices)
    subject = models.CharField("対象者（仮名化）", max_length=SUBJECT_PSEUDONYM_LENGTH, blank=True)
    terminal = models.CharField("端末", max_length=100, blank=True)
    result = models.CharField("結果", max_length=10, choices=LogResult.choices)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        managed = True
        verbose_name = "アクセスログ"
        verbose_name_plural = "アクセスログ"
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.login_id} {self.action}"


UNKNOWN_ACCOUNT = 0  # account_ref of rows whose login id matched no account when they were stored


class LoginFigures(models.Model):
    """What the figures of one login id of a system hold besides their numbers (an abstract base)."""

    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    system = models.ForeignKey("registry.System", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    login_id = models.CharField("ログインID", max_length=100)
    account_ref = models.BigIntegerField("利用者アカウント", default=UNKNOWN_ACCOUNT, help_text="0は未登録")
    first_at = models.DateTimeField("最初の記録")
    last_at = models.DateTimeField("最後の記録")

    objects = SystemOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class AccessLogDay(LoginFigures):
    """What one login id did on one system on one day (Japan time): the figures the checks and reports read.

    Written with the rows they count, in the same transaction (rollups.py), and rebuilt for the
    days retention empties, so that they always equal a scan of the online rows. The key starts
    with the organization, as a table distributed by it (Citus, docs/topology.md) requires.
    """

    pk = models.CompositePrimaryKey("organization", "system", "day", "login_id", "account_ref")
    day = models.DateField("日")
    rows = models.PositiveIntegerField("件数")
    outside_hours = models.PositiveIntegerField("時間外の件数", help_text="8時前または20時以降（日本時間）")
    busiest_hour_subjects = models.PositiveIntegerField("1時間の最大対象者数")

    class Meta(LoginFigures.Meta):
        verbose_name = "アクセスログの日次集計"
        verbose_name_plural = "アクセスログの日次集計"
        default_permissions = ("view",)
        indexes = [models.Index(fields=["system", "day"], name="access_log_day_system")]

    def __str__(self) -> str:
        return f"{self.day} {self.login_id} ({self.rows}件)"


class AccessLogAccountSeen(LoginFigures):
    """When each login id of a system was first and last seen, over every row ever stored (archived too)."""

    pk = models.CompositePrimaryKey("organization", "system", "login_id", "account_ref")

    class Meta(LoginFigures.Meta):
        verbose_name = "アカウントの最終利用"
        verbose_name_plural = "アカウントの最終利用"
        default_permissions = ("view",)
        indexes = [models.Index(fields=["system", "last_at"], name="account_seen_system_last")]

    def __str__(self) -> str:
        return f"{self.login_id} {self.last_at:%Y-%m-%d}"


class LogArchiveQuerySet(SystemOwnedQuerySet):
    def kept(self):
        return self.filter(status=ArchiveStatus.COMPLETE)

    def unfinished(self):
        return self.filter(status__in=[ArchiveStatus.WRITING, ArchiveStatus.VERIFIED])


class LogArchive(models.Model):
    """One month of one system's entries moved out of the database into a compressed CSV file."""

    system = models.ForeignKey("registry.System", on_delete=models.PROTECT, related_name="log_archives")
    month = models.DateField("対象月")
    part = models.PositiveSmallIntegerField("分冊", default=1)
    path = models.CharField("ファイル", max_length=300)
    status = models.CharField("状態", max_length=10, choices=ArchiveStatus.choices, default=ArchiveStatus.WRITING)
    row_count = models.PositiveIntegerField("件数", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("サイズ（バイト）", default=0)
    batch_ids = models.JSONField("含まれる受信バッチ", default=list, blank=True)
    first_at = models.DateTimeField("最初の記録", null=True, blank=True)
    last_at = models.DateTimeField("最後の記録", null=True, blank=True)
    created_at = models.DateTimeField("作成日時", default=timezone.now)
    verified_at = models.DateTimeField("検証日時", null=True, blank=True)
    expires_on = models.DateField("保管期限", null=True, blank=True)
    expired_at = models.DateTimeField("削除日時（保管切れ情報の削除）", null=True, blank=True)

    objects = LogArchiveQuerySet.as_manager()

    class Meta:
        verbose_name = "アクセスログ保管ファイル"
        verbose_name_plural = "アクセスログ保管ファイル"
        ordering = ["system", "month", "part"]
        constraints = [models.UniqueConstraint(fields=["system", "month", "part"], name="unique_log_archive_part")]

    def __str__(self) -> str:
        return f"{self.system} {self.month:%Y-%m} ({self.part})"


class IngestTokenQuerySet(SystemOwnedQuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)


class IngestToken(models.Model):
    """A per-system secret for pushing log batches over HTTP; only its SHA-256 is kept."""

    system = models.ForeignKey("registry.System", on_delete=models.PROTECT, related_name="ingest_tokens")
    label = models.CharField("用途", max_length=100, blank=True)
    digest = models.CharField("トークンのSHA-256", max_length=64, unique=True)
    prefix = models.CharField("先頭（識別用）", max_length=12)
    created_at = models.DateTimeField("発行日時", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)
    last_used_at = models.DateTimeField("最終使用日時", null=True, blank=True)

    objects = IngestTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "ログ送信トークン"
        verbose_name_plural = "ログ送信トークン"

    def __str__(self) -> str:
        return f"{self.system} {self.prefix}…"


class LogFormat(models.Model):
    """How a system that does not export the canonical layout writes its logs (a column mapping)."""

    system = models.ForeignKey("registry.System", on_delete=models.CASCADE, related_name="log_formats")
    name = models.SlugField("名前", max_length=50)
    encoding = models.CharField("文字コード", max_length=20, default="utf-8", help_text="例：utf-8、cp932（Shift_JIS）")
    delimiter = models.CharField("区切り文字", max_length=1, default=",")
    columns = models.JSONField(
        "列の対応", help_text='正規の列名 → このシステムの列見出し（例：{"occurred_at": "日時"}）'
    )
    time_format = models.CharField("日時の書式", max_length=50, default="%Y/%m/%d %H:%M:%S")
    actions = models.JSONField("操作の対応", default=dict, blank=True, help_text="このシステムの値 → 正規の操作")
    results = models.JSONField("結果の対応", default=dict, blank=True, help_text="このシステムの値 → 正規の結果")

    objects = SystemOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "ログの列対応"
        verbose_name_plural = "ログの列対応"
        constraints = [models.UniqueConstraint(fields=["system", "name"], name="unique_log_format_name")]

    def __str__(self) -> str:
        return f"{self.system} / {self.name}"


class AccessLogSearch(models.Model):
    """An auditor's search or export of the logs, kept as evidence of who looked at what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("registry.Organization", on_delete=models.PROTECT, related_name="+")
    searched_at = models.DateTimeField("日時", default=timezone.now)
    criteria = models.JSONField("条件", help_text="対象者は仮名（ハッシュ）でのみ記録")
    exported = models.BooleanField("CSV出力", default=False)
    result_count = models.PositiveIntegerField("件数", default=0)

    objects = OrganizationOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "アクセスログの検索記録"
        verbose_name_plural = "アクセスログの検索記録"
        ordering = ["-searched_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.searched_at:%Y-%m-%d %H:%M}"

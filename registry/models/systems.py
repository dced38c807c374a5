"""Systems that process a file, and the files themselves (個人情報ファイル簿)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from registry.enums import FileType, HandlerBand, LogDays, Network, SubjectBand
from registry.jp.numerals import fullwidth
from registry.models.base import OrganizationOwned


class System(OrganizationOwned):
    """システム: its functions (ordered) and connections, as ③他のシステムとの接続 prints them."""

    name = models.CharField("システムの名称", max_length=200)
    functions = models.JSONField(
        "システムの機能", default=list, blank=True, help_text="機能名と説明の一覧（順序どおりに印字）"
    )
    networks = models.JSONField("接続する標準システム", default=list, blank=True)
    connected_systems = models.JSONField("接続する台帳上のシステム", default=list, blank=True)
    other_connections = models.CharField("その他の接続先", max_length=200, blank=True)
    code = models.SlugField(
        "システムコード", max_length=50, help_text="アクセスログの取込みで使う識別子（半角英小文字・数字・ハイフン）"
    )
    log_online_months = models.PositiveSmallIntegerField(
        "ログのオンライン保存期間（月）", default=3, help_text="これより古いログはCSVに移して保管する"
    )
    log_archive_years = models.PositiveSmallIntegerField(
        "ログの保管期間（年）", default=7, help_text="保管期間を過ぎたCSVは削除し、その記録を残す"
    )
    log_days = models.CharField(
        "ログが記録される日", max_length=20, choices=LogDays.choices, default=LogDays.BUSINESS_DAYS
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "システム"
        verbose_name_plural = "システム"
        ordering = ["organization", "name"]
        indexes = [models.Index(fields=["organization", "name"])]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="unique_system_code")]

    def __str__(self) -> str:
        return self.name

    def functions_text(self) -> str:
        """②システムの機能 as printed: １　機能名, then its description lines."""
        blocks = []
        for n, function in enumerate(self.functions or [], start=1):
            lines = [f"{fullwidth(n)}　{function.get('title', '')}"]
            if function.get("description"):
                lines.append(function["description"])
            blocks.append("\n".join(lines))
        return "\n".join(blocks)


class PersonalInformationFile(OrganizationOwned):
    """特定個人情報ファイル as entered in the 個人情報ファイル簿."""

    name = models.CharField("ファイル名", max_length=200)
    file_type = models.CharField("ファイルの種類", max_length=50, choices=FileType.choices, default=FileType.SYSTEM)
    subject_band = models.CharField("対象となる本人の数", max_length=30, choices=SubjectBand.choices, blank=True)
    subject_count = models.PositiveIntegerField("対象人数（実数）", null=True, blank=True)
    subject_range = models.TextField("対象となる本人の範囲", blank=True)
    necessity = models.TextField("その必要性", blank=True)
    record_items_heading = models.CharField("記録項目の見出し", max_length=200, blank=True)
    record_items = models.JSONField("記録項目", default=list, blank=True)
    record_items_note = models.TextField("記録項目の注記", blank=True)
    retention_start = models.DateField("保有開始日", null=True, blank=True)
    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="事務担当部署",
    )
    user_band = models.CharField("使用者数", max_length=30, choices=HandlerBand.choices, blank=True)
    systems = models.JSONField("使用するシステム", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "個人情報ファイル"
        verbose_name_plural = "個人情報ファイル"
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return self.name

    def system_records(self) -> models.QuerySet[System]:
        """The registry systems the file names (its `systems` holds their ids)."""
        return System.objects.filter(pk__in=self.systems or [], organization=self.organization)

    def record_items_text(self) -> str:
        """（別添１）as printed: heading, one ・item per line with （※） marks, then the note."""
        lines = [self.record_items_heading] if self.record_items_heading else []
        for item in self.record_items or []:
            lines.append(f"・{item.get('name', '')}" + ("（※）" if item.get("conditional") else ""))
        text = "\n".join(lines)
        if self.record_items_note:
            text += "\n\n" + self.record_items_note
        return text


def network_label(key: str) -> str:
    return Network(key).label

"""Results of evidence checks, kept for every run so that their history can be shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from registry.models.base import OrganizationOwned


class CheckRun(OrganizationOwned):
    """One run of the catalogue over one 特定個人情報ファイル (and the assessment that claims about it)."""

    file = models.ForeignKey(
        "registry.PersonalInformationFile", on_delete=models.PROTECT, related_name="+", verbose_name="ファイル"
    )
    assessment = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="評価書"
    )
    ran_at = models.DateTimeField("実行日時", default=timezone.now)
    checked_on = models.DateField("基準日")
    trigger = models.CharField("契機", max_length=20, default="manual")
    # What the run checked: the assessment as saved in this revision, named as people call it (第9版, 下書き).
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="保存"
    )
    subject = models.CharField("対象", max_length=60, blank=True)

    class Meta:
        verbose_name = "証跡チェックの実行"
        verbose_name_plural = "証跡チェックの実行"
        ordering = ["-ran_at"]
        indexes = [models.Index(fields=["assessment", "-ran_at"]), models.Index(fields=["file", "-ran_at"])]

    def __str__(self) -> str:
        return f"{self.file} {self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def failed(self) -> bool:
        return self.results.filter(outcome="fail").exists()


class CheckResult(models.Model):
    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="results")
    key = models.CharField("チェック", max_length=50)
    title = models.CharField("内容", max_length=200)
    supports = models.JSONField("裏付ける記載", default=list)
    outcome = models.CharField("判定", max_length=10)
    summary = models.TextField("結果")
    figures = models.JSONField("数値", default=dict)

    class Meta:
        verbose_name = "証跡チェックの結果"
        verbose_name_plural = "証跡チェックの結果"
        ordering = ["run", "pk"]
        indexes = [models.Index(fields=["key", "run"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.outcome}"


class AssessmentReview(models.Model):
    """A yearly review (見直し, 規則第14条) that found the assessment still true: it moves the next review."""

    assessment = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="評価書"
    )
    reviewed_on = models.DateField("見直し日")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="実施者"
    )
    note = models.TextField("確認した内容", blank=True)
    recorded_at = models.DateTimeField("記録日時", default=timezone.now)

    class Meta:
        verbose_name = "評価書の見直し"
        verbose_name_plural = "評価書の見直し"
        ordering = ["-reviewed_on"]
        indexes = [models.Index(fields=["assessment", "-reviewed_on"])]

    def __str__(self) -> str:
        return f"{self.reviewed_on} {self.reviewed_by}"

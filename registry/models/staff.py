"""Who can touch the file: accounts per system, training, inspections and incidents."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from registry.enums import InspectionKind, TrainingKind
from registry.models.base import OrganizationOwned


class StaffAccount(OrganizationOwned):
    system = models.ForeignKey(
        "registry.System", on_delete=models.PROTECT, related_name="accounts", verbose_name="システム"
    )
    login_id = models.CharField("ログインID", max_length=100)
    holder = models.CharField("利用者", max_length=100)
    department = models.ForeignKey(
        "registry.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所属"
    )
    role = models.CharField("権限", max_length=100, blank=True)
    active = models.BooleanField("有効", default=True)
    created_on = models.DateField("作成日")
    disabled_on = models.DateField("無効化日", null=True, blank=True)
    password_changed_on = models.DateField("パスワード最終変更日", null=True, blank=True)
    holder_left_on = models.DateField("利用者の退職・異動日", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "利用者アカウント"
        verbose_name_plural = "利用者アカウント"
        ordering = ["organization", "system", "login_id"]
        constraints = [models.UniqueConstraint(fields=["system", "login_id"], name="unique_login_per_system")]

    def __str__(self) -> str:
        return f"{self.system} / {self.login_id}"


class TrainingRecord(OrganizationOwned):
    held_on = models.DateField("実施日")
    kind = models.CharField("研修の種類", max_length=20, choices=TrainingKind.choices)
    title = models.CharField("研修名", max_length=200)
    attendees = models.PositiveIntegerField("受講者数", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "研修記録"
        verbose_name_plural = "研修記録"
        ordering = ["organization", "-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class InspectionRecord(OrganizationOwned):
    held_on = models.DateField("実施日")
    kind = models.CharField("種類", max_length=20, choices=InspectionKind.choices)
    scope = models.TextField("範囲")
    findings = models.TextField("指摘事項", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "点検・監査記録"
        verbose_name_plural = "点検・監査記録"
        ordering = ["organization", "-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"


class IncidentRecord(OrganizationOwned):
    occurred_on = models.DateField("発生日")
    summary = models.TextField("内容")
    serious_for_my_number = models.BooleanField(
        "特定個人情報に関する重大事故", default=False, help_text="しきい値判断の「重大事故」に当たる場合"
    )
    serious_for_personal_information = models.BooleanField("個人情報に関する重大事故", default=False)
    prevention = models.TextField("再発防止策", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "事故記録"
        verbose_name_plural = "事故記録"
        ordering = ["organization", "-occurred_on"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.summary[:20]}"

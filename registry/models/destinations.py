"""Where the file's data goes outside delegation: 提供先 (other bodies) and 移転先 (within the body)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from registry.enums import DestinationKind, SubjectBand
from registry.models.base import OrganizationOwned


class Destination(OrganizationOwned):
    file = models.ForeignKey(
        "registry.PersonalInformationFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destinations",
        verbose_name="特定個人情報ファイル",
    )
    kind = models.CharField("種別", max_length=20, choices=DestinationKind.choices, default=DestinationKind.PROVISION)
    name = models.CharField("名称", max_length=200)
    legal_basis = models.TextField("法令上の根拠", blank=True)
    purpose = models.TextField("先における用途", blank=True)
    information = models.TextField("提供・移転する情報", blank=True)
    subject_band = models.CharField("対象となる本人の数", max_length=30, choices=SubjectBand.choices, blank=True)
    subject_range = models.TextField("対象となる本人の範囲", blank=True)
    methods = models.JSONField("方法", default=list, blank=True)
    other_method = models.CharField("その他の方法", max_length=200, blank=True)
    timing = models.TextField("時期・頻度", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "提供先・移転先"
        verbose_name_plural = "提供先・移転先"
        ordering = ["organization", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"

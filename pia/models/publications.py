"""Immutable publications and their change-annex rows (別添２ 変更箇所)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from contextvars import ContextVar
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.models import Page

from controls.rules import Timing
from pia.formdef.annex_line import AnnexLine
from pia.formdef.types import ResolvedDocument

# The 公表日 an approver set on the approval screen, read when the approval's publication is frozen.
approved_publication_date: ContextVar[dt.date | None] = ContextVar("approved_publication_date", default=None)


def content_hash(document: ResolvedDocument) -> str:
    """SHA-256 of the resolved document's canonical JSON (the meta block's moment excluded)."""
    canonical = {key: value for key, value in document.items() if key != "assessment"}
    data = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class PublicationQuerySet(models.QuerySet["Publication"]):
    def for_page(self, page: Page) -> PublicationQuerySet:
        return self.filter(page=page).order_by("version")

    def public(self) -> PublicationQuerySet:
        """Publications of assessments that are live on the public site."""
        return self.filter(page__live=True)

    def latest_per_assessment(self) -> PublicationQuerySet:
        newest = self.model.objects.filter(page=models.OuterRef("page")).order_by("-version").values("version")[:1]
        return self.filter(version=models.Subquery(newest))


class Publication(models.Model):
    """A published version as it stood: never edited, never deleted."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField("版")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("公表日時")
    kohyo_bi = models.DateField("公表日")
    document = models.JSONField("解決済み文書")
    content_hash = models.CharField("内容のハッシュ（SHA-256）", max_length=64)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承認者",
    )

    notes = models.JSONField("注記", default=list, blank=True, help_text="復元できなかった記載などの注意点")
    search_text = models.TextField(
        "検索用の本文", blank=True, editable=False, help_text="NFKC 正規化した記載（公開サイトの検索用）"
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "公表版"
        verbose_name_plural = "公表版"
        ordering = ["page", "version"]
        constraints = [models.UniqueConstraint(fields=["page", "version"], name="unique_publication_version")]
        indexes = [models.Index(fields=["page", "-version"])]

    def __str__(self) -> str:
        return f"{self.page} 第{self.version}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("公表版は変更できません。")
        if not self.search_text:
            from pia.formdef.search_text import document_text

            self.search_text = document_text(self.document)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError("公表版は削除できません。")

    def cumulative_annex(self) -> models.QuerySet[AnnexRow]:
        """The annex as printed with this version: every row up to it, oldest first."""
        return AnnexRow.objects.filter(publication__page=self.page, publication__version__lte=self.version).order_by(
            "publication__version", "position"
        )


# The fields of an annex line an AnnexRow stores (the version is its publication's).
LINE_FIELDS = tuple(field.name for field in dataclasses.fields(AnnexLine) if field.name != "version")


class AnnexRow(models.Model):
    """One row of 別添２ 変更箇所, proposed from the diff and possibly overridden by the officer."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="annex_rows")
    position = models.PositiveIntegerField("順序")
    henko_bi = models.DateField("変更日")
    komoku = models.TextField("項目")
    item_path = models.CharField("項目の位置", max_length=300, blank=True)
    henko_mae = models.TextField("変更前の記載", blank=True)
    henko_go = models.TextField("変更後の記載", blank=True)
    teishutsu_jiki = models.CharField("提出時期", max_length=4, choices=[(t.value, t.value) for t in Timing])
    is_significant = models.BooleanField("重要な変更")
    default_significant = models.BooleanField("様式上の重要な変更")
    justification = models.TextField("既定と異なる判断の理由", blank=True)
    setsumei = models.TextField("提出時期に係る説明", blank=True)
    proposed = models.JSONField("差分からの提案", default=dict, blank=True)

    class Meta:
        verbose_name = "変更箇所"
        verbose_name_plural = "変更箇所"
        ordering = ["publication", "position"]

    def __str__(self) -> str:
        return f"{self.henko_bi} {self.komoku}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_clean(exclude=["publication"])
        super().save(*args, **kwargs)

    @classmethod
    def from_line(
        cls, line: AnnexLine, *, publication: Publication, position: int, proposal: AnnexLine | None = None
    ) -> AnnexRow:
        """An unsaved row of *publication* holding *line*, with the engine's *proposal* it was decided from."""
        return cls(
            publication=publication,
            position=position,
            proposed=proposal.as_json() if proposal is not None else {},
            # The 説明 is stored as printed, so a later change of the engine's wording changes no publication.
            **line.written().record(),
        )

    def as_line(self, version: int | None = None) -> AnnexLine:
        return AnnexLine(version=version, **{name: getattr(self, name) for name in LINE_FIELDS})

    @property
    def line(self) -> AnnexLine:
        """The row as an annex line, with its publication's version (select the publication with the row)."""
        return self.as_line(self.publication.version)

    @property
    def explanation(self) -> str:
        """提出時期に係る説明 as printed."""
        return self.as_line().explanation

    @property
    def is_override(self) -> bool:
        return self.as_line().is_override

    @property
    def flagged_late(self) -> bool:
        return self.as_line().flagged_late

    def clean(self) -> None:
        if self.is_override and not self.justification.strip():
            raise ValidationError({"justification": "既定と異なる重要性・提出時期にするには理由の記入が必要です。"})


class AnnexDecisionQuerySet(models.QuerySet["AnnexDecision"]):
    def pending_for(self, page: Page) -> AnnexDecisionQuerySet:
        return self.filter(page=page, applied_to__isnull=True)


class AnnexDecision(models.Model):
    """The officer's judgement on a proposed annex row of the next publication (overrides the defaults)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="annex_decisions")
    item_path = models.CharField("項目の位置", max_length=300)
    komoku = models.TextField("項目")
    is_significant = models.BooleanField("重要な変更")
    teishutsu_jiki = models.CharField("提出時期", max_length=4, choices=[(t.value, t.value) for t in Timing])
    justification = models.TextField("既定と異なる判断の理由", blank=True)
    setsumei = models.TextField("提出時期に係る説明（書き換える場合）", blank=True)
    henko_mae = models.TextField("変更前の記載（書き換える場合）", blank=True)
    henko_go = models.TextField("変更後の記載（書き換える場合）", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    applied_to = models.ForeignKey(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="反映した公表版"
    )

    objects = AnnexDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "変更箇所の判断"
        verbose_name_plural = "変更箇所の判断"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "item_path"], condition=models.Q(applied_to__isnull=True), name="one_pending_decision"
            )
        ]

    def __str__(self) -> str:
        return self.komoku


class ArtifactKind(models.TextChoices):
    PDF = "pdf", "評価書（PDF）"
    XLSX_ANNEX = "xlsx-annex", "変更箇所（Excel）"
    XLSX_FORM = "xlsx-form", "評価書（Excel）"
    XML = "xml", "オープンデータ（XML）"


ARTIFACT_FILE_NAMES = {
    ArtifactKind.PDF: ("hyokasho.pdf", "application/pdf"),
    ArtifactKind.XLSX_ANNEX: (
        "henko-kasho.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ArtifactKind.XLSX_FORM: ("hyokasho.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ArtifactKind.XML: ("hyokasho.xml", "application/xml"),
}


class ArtifactStatus(models.TextChoices):
    PENDING = "pending", "待機中"
    RENDERING = "rendering", "生成中"
    READY = "ready", "完了"
    FAILED = "failed", "失敗"


def artifact_path(instance: PublicationArtifact, filename: str) -> str:
    return f"publications/{instance.publication.page_id}/v{instance.publication.version}/{filename}"


class PublicationArtifactQuerySet(models.QuerySet["PublicationArtifact"]):
    def ready(self) -> PublicationArtifactQuerySet:
        return self.filter(status=ArtifactStatus.READY)


class PublicationArtifact(models.Model):
    """A file generated from a publication (PDF, Excel, XML): rendered once, then never changed."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="artifacts")
    kind = models.CharField("種類", max_length=16, choices=ArtifactKind.choices)
    status = models.CharField("状態", max_length=12, choices=ArtifactStatus.choices, default=ArtifactStatus.PENDING)
    file = models.FileField("ファイル", upload_to=artifact_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField("サイズ（バイト）", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    error = models.TextField("エラー", blank=True)
    attempts = models.PositiveIntegerField("試行回数", default=0)
    requested_at = models.DateTimeField("依頼日時", auto_now_add=True)
    started_at = models.DateTimeField("開始日時", null=True, blank=True)
    finished_at = models.DateTimeField("完了日時", null=True, blank=True)

    objects = PublicationArtifactQuerySet.as_manager()

    class Meta:
        verbose_name = "公表ファイル"
        verbose_name_plural = "公表ファイル"
        ordering = ["publication", "kind"]
        constraints = [models.UniqueConstraint(fields=["publication", "kind"], name="one_artifact_per_kind")]

    def __str__(self) -> str:
        return f"{self.publication} {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", "sha256").first()
            if stored and stored[0] == ArtifactStatus.READY and (self.status, self.sha256) != stored:
                raise ValidationError("生成済みの公表ファイルは変更できません。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError("公表ファイルは削除できません。")

    @property
    def file_name(self) -> str:
        return ARTIFACT_FILE_NAMES[ArtifactKind(self.kind)][0]

    @property
    def content_type(self) -> str:
        return ARTIFACT_FILE_NAMES[ArtifactKind(self.kind)][1]

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

"""Drift as last computed: stored per assessment, so that no admin page resolves documents to show it.

``pia.versions.drift`` computes what would print differently if the live version were republished
now; ``pia.versions.tasks`` stores it here when a registry record the assessment prints changes,
when a draft is saved and when a publication is recorded. The admin reads the stored rows.
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class DriftSnapshot(models.Model):
    """The drift of one assessment as computed at ``computed_at`` (one row per assessment page)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="drift_snapshot", verbose_name="評価書"
    )
    computed_at = models.DateTimeField("確認日時")
    # The printed items that would change (what pia.versions.drift.DriftItem holds), as JSON:
    # printed paths and texts, and the registry changes that moved them.
    items = models.JSONField("記載のずれ", default=list, blank=True, encoder=DjangoJSONEncoder)
    # The registry records the live version prints, directly or through a linked record,
    # as "app_label.model:pk" (e.g. "registry.system:3"): a change to one of them recomputes this row.
    sources = models.JSONField("印字する台帳の記録", default=list, blank=True)

    class Meta:
        verbose_name = "記載のずれ（確認結果）"
        verbose_name_plural = "記載のずれ（確認結果）"

    def __str__(self) -> str:
        return f"{self.page_id}: {len(self.items)}件"

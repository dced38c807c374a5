"""Sitemap files as last built, so that a request after a change reads one row instead of 50,000."""

from __future__ import annotations

from django.db import models


class SitemapFile(models.Model):
    """One page (``number``) of one section of the public sitemap, built for the state named by ``stamp``.

    Built by a task after every change that the sitemap shows (pia.public.sitemap); the body holds
    ``<base/>`` where a request puts its own scheme and host. A request serves it only while the
    stamp is the current one, so a stored file is never served stale.
    """

    section = models.CharField("区分", max_length=20, choices=[("pages", "ページ"), ("publications", "公表版")])
    number = models.PositiveIntegerField("番号")
    stamp = models.CharField("作成時の状態", max_length=64)
    body = models.TextField("内容")
    built_at = models.DateTimeField("作成日時", auto_now=True)

    class Meta:
        verbose_name = "サイトマップ"
        verbose_name_plural = "サイトマップ"
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="unique_sitemap_file")]

    def __str__(self) -> str:
        return f"{self.section} {self.number}"

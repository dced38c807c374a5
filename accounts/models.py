"""What the accounts app stores itself: which users belong to the demo."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DemoAccountQuerySet(models.QuerySet["DemoAccount"]):
    def of(self, user) -> DemoAccountQuerySet:
        return self.filter(user_id=user.pk)


class DemoAccount(models.Model):
    """A user created by the demo loader: its password is published, so it never logs in outside the demo."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_account", verbose_name="利用者"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    objects = DemoAccountQuerySet.as_manager()

    class Meta:
        verbose_name = "デモの利用者"
        verbose_name_plural = "デモの利用者"

    def __str__(self) -> str:
        return str(self.user)

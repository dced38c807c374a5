from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "担当者"
    APPROVER = "approver", "所属長（承認者）"
    AUDITOR = "auditor", "監査担当"

"""python manage.py send_deadline_reminders: e-mail officers and approvers about due and overdue deadlines."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from pia.compliance.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "見直し・再評価などの期限が近い（60日以内）または過ぎた評価書について、担当者と所属長にメールで知らせます。"

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_deadline_reminders(timezone.localdate())
        self.stdout.write(f"{sent} 件のお知らせを送信しました")

"""Deadline reminders by e-mail to each organization's officers and approvers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import batched
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from pia.compliance.deadlines import deadlines_of
from pia.models.lookup import assessment_pages
from registry.enums import Role
from registry.jp.wareki import format_date

if TYPE_CHECKING:
    from controls.deadlines import Deadline
    from pia.models import AssessmentPage

CHUNK = 500


def _recipients(organization_id: int) -> list[str]:
    users = get_user_model().objects.filter(
        memberships__organization_id=organization_id,
        memberships__role__in=[Role.OFFICER, Role.APPROVER],
        is_active=True,
    )
    return sorted({user.email for user in users.distinct() if user.email})


def _deadlines_in_chunks(
    pages: Iterable[AssessmentPage], today: dt.date
) -> Iterator[tuple[AssessmentPage, list[Deadline]]]:
    """Each page with its deadlines, read CHUNK pages at a time (a nation's worth would not fit one query)."""
    for chunk in batched(pages, CHUNK):
        found = deadlines_of(chunk, today)
        yield from ((page, found[page.pk]) for page in chunk)


def send_deadline_reminders(today: dt.date) -> int:
    """One message per assessment with deadlines overdue or due soon; return how many were sent."""
    sent = 0
    for page, found in _deadlines_in_chunks(assessment_pages().specific(), today):
        due = [d for d in found if d.is_due]
        org_page = page.organization_page
        if not due or org_page is None:
            continue
        recipients = _recipients(org_page.organization_id)
        if not recipients:
            continue
        lines = [f"・{d.status}　{d.kind}：{format_date(d.due)}（{d.basis}）" for d in due]
        body = "\n".join(
            [
                f"{page.title} について、次の期限が近づいているか過ぎています。",
                "",
                *lines,
                "",
                "管理画面の「期限と証跡チェック」で確認してください。",
            ]
        )
        send_mail(
            f"【特定個人情報保護評価】期限のお知らせ：{page.title}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        sent += 1
    return sent

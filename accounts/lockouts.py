"""Login lockouts (django-axes), as administrators see and lift them."""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone


def locked_out() -> QuerySet[AccessAttempt]:
    """Username + address pairs that have reached the failure limit and are still cooling off."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def lift(attempt: AccessAttempt) -> int:
    """Lift the lockout of one username + address pair; return how many records were removed."""
    return reset(ip=attempt.ip_address, username=attempt.username)


def locked_until(attempt: AccessAttempt):
    cool_off = get_cool_off()
    return None if cool_off is None else attempt.attempt_time + cool_off

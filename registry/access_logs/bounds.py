"""The period an access-log entry may be dated in: not before PIA_LOG_EARLIEST, not long after its receipt.

Rows stored before these bounds existed may lie outside them (a year-0001 clock); the
reports and retention read only through these helpers, so such rows never crash them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

JAPAN = ZoneInfo("Asia/Tokyo")
FIXED_OFFSET_SINCE = dt.date(1952, 1, 1)  # Japan's last daylight saving time ended in September 1951


def earliest_day() -> dt.date:
    """The first day (Japan time) on which an entry may be dated."""
    raw = settings.PIA_LOG_EARLIEST
    try:
        day = dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ImproperlyConfigured(f"PIA_LOG_EARLIEST must be a date (YYYY-MM-DD), got {raw!r}") from None
    if day < FIXED_OFFSET_SINCE:
        # The figures count Japan time as UTC+9 (batch_figures.JAPAN_OFFSET), which holds from this day on.
        raise ImproperlyConfigured(f"PIA_LOG_EARLIEST must be {FIXED_OFFSET_SINCE} or later, got {raw!r}")
    return day


def earliest_allowed() -> dt.datetime:
    return dt.datetime.combine(earliest_day(), dt.time(), tzinfo=JAPAN)


def future_tolerance() -> dt.timedelta:
    hours = settings.PIA_LOG_FUTURE_TOLERANCE_HOURS
    if not isinstance(hours, int) or hours < 0:
        raise ImproperlyConfigured(f"PIA_LOG_FUTURE_TOLERANCE_HOURS must be a whole number ≥ 0, got {hours!r}")
    return dt.timedelta(hours=hours)


def latest_allowed(received_at: dt.datetime | None = None) -> dt.datetime:
    return (received_at or timezone.now()) + future_tolerance()

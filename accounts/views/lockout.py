"""The page a locked-out login gets (django-axes' ``AXES_LOCKOUT_CALLABLE``)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def cooloff_minutes() -> int | None:
    cool_off = get_cool_off()
    return None if cool_off is None else int(cool_off.total_seconds() // 60)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Japanese, in the admin's login look, with axes' status code (429 Too Many Requests)."""
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": cooloff_minutes()}
    # axes sets its defaults on the settings object at import: read them as attributes it adds.
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, "accounts/lockout.html", context, status=status)

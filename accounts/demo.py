"""The demo boundary: demo users are marked, and the mark keeps them out unless the demo is allowed."""

from __future__ import annotations

from django.conf import settings

from accounts.models import DemoAccount


def demo_allowed() -> bool:
    """True where the demo may run and its personas may log in (development, tests, the demo itself)."""
    return bool(getattr(settings, "PIA_ALLOW_DEMO", False))


def mark_demo_account(user) -> None:
    """Record that *user* was created by the demo loader (its password is public)."""
    DemoAccount.objects.get_or_create(user=user)


def is_demo_account(user) -> bool:
    return user.pk is not None and DemoAccount.objects.of(user).exists()

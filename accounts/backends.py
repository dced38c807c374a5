"""Authentication: Django's model backend, minus the demo's people outside the demo."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from accounts.demo import demo_allowed, is_demo_account


class AccountBackend(ModelBackend):
    """Refuse demo personas (published passwords) unless ``PIA_ALLOW_DEMO`` is on.

    ``user_can_authenticate`` is consulted both at login and when a session is read back
    (``get_user``), so a demo session cannot survive into a deployment either.
    """

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return demo_allowed() or not is_demo_account(user)

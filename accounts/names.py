"""People are named as Japanese documents name them: family name first (保健 花子).

Wagtail's admin names users through ``get_full_name()`` (history, locks, comments, workflow
steps, the dashboard); Django's puts the given name first. ``install()`` (AccountsConfig.ready)
makes every user's full name family name first.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


def family_name_first(user: AbstractUser) -> str:
    return f"{user.last_name} {user.first_name}".strip()


def install() -> None:
    AbstractUser.get_full_name = family_name_first  # type: ignore[assignment]

"""Shared helpers for the accounts tests: people and real logins through Wagtail's login view."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Kx7#vQ2m!tR9wz"


def make_user(username: str = "kanri", *, superuser: bool = False):
    user_model = get_user_model()
    if superuser:
        return user_model.objects.create_superuser(username, f"{username}@example.jp", PASSWORD)
    user = user_model.objects.create_user(username, f"{username}@example.jp", PASSWORD)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def post_login(client, username: str, password: str = PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra)


def current_token(device: TOTPDevice, *, offset: int = 0) -> str:
    """The six digits the authenticator app shows now (computed from the device's key, as the app does)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def pending_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)

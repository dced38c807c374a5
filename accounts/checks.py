"""System checks for the protections of this app; the deployment ones run with ``check --deploy``."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.csp import CSP

MIN_PSEUDONYM_KEY_BYTES = 32


@register(Tags.security, deploy=True)
def check_pseudonym_key(app_configs=None, **kwargs):
    key = getattr(settings, "PIA_LOG_PSEUDONYM_KEY", "") or ""
    if len(key.encode("utf-8")) < MIN_PSEUDONYM_KEY_BYTES:
        return [
            Error(
                f"PIA_LOG_PSEUDONYM_KEY is shorter than {MIN_PSEUDONYM_KEY_BYTES} bytes.",
                hint="Generate one with `python -c 'import secrets; print(secrets.token_urlsafe(48))'`.",
                id="accounts.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_mfa_required(app_configs=None, **kwargs):
    if not getattr(settings, "PIA_REQUIRE_MFA", False):
        return [
            Error(
                "PIA_REQUIRE_MFA is off: a stolen password alone opens the admin of a system holding personal data.",
                hint="Unset PIA_REQUIRE_MFA (production turns it on) or set it to true.",
                id="accounts.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_demo_disallowed(app_configs=None, **kwargs):
    if getattr(settings, "PIA_ALLOW_DEMO", False):
        return [
            Error(
                "PIA_ALLOW_DEMO is on: the demo's personas, whose passwords are published, can log in.",
                id="accounts.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_login_throttling(app_configs=None, **kwargs):
    if not getattr(settings, "AXES_ENABLED", False):
        return [Error("Login throttling (AXES_ENABLED) is off.", id="accounts.E004")]
    return []


@register(Tags.security, deploy=True)
def check_csp(app_configs=None, **kwargs):
    policy = getattr(settings, "SECURE_CSP", None) or {}
    scripts = policy.get("script-src") or policy.get("default-src") or []
    if not policy:
        return [Warning("SECURE_CSP is empty: no Content-Security-Policy is sent.", id="accounts.W005")]
    if CSP.UNSAFE_INLINE in scripts or CSP.UNSAFE_EVAL in scripts:
        return [Warning("SECURE_CSP allows inline or eval'd scripts.", id="accounts.W006")]
    return []

"""`manage.py check --deploy` under production settings also runs our own checks (accounts/checks.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="pia.example.jp",
        PIA_LOG_PSEUDONYM_KEY="a-long-random-pseudonym-key-" + "y" * 40,
    )
    env.update(overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_pseudonym_key_shorter_than_32_bytes_is_an_error():
    result = deploy_check(PIA_LOG_PSEUDONYM_KEY="short-key-31-bytes-long-xxxxxxx")
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr + result.stdout


def test_mfa_switched_off_under_production_is_an_error():
    result = deploy_check(PIA_REQUIRE_MFA="false")
    assert result.returncode != 0
    assert "accounts.E002" in result.stderr + result.stdout


def test_login_throttling_switched_off_under_production_is_an_error():
    result = deploy_check(AXES_ENABLED="false")
    assert result.returncode != 0
    assert "accounts.E004" in result.stderr + result.stdout

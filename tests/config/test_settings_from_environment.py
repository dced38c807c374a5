import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import envbool, envint, envsecret

ROOT = Path(__file__).resolve().parents[2]


def test_base_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_base_settings_default_to_no_debug(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert envbool("DEBUG", False) is False


@pytest.mark.parametrize("junk", ["maybe", "2", "yes please"])
def test_a_boolean_setting_refuses_junk(monkeypatch, junk):
    monkeypatch.setenv("PIA_FLAG", junk)
    with pytest.raises(ImproperlyConfigured):
        envbool("PIA_FLAG", False)


def test_an_integer_setting_refuses_junk(monkeypatch):
    monkeypatch.setenv("PIA_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        envint("PIA_NUMBER", 1)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("PIA_SECRET_FILE", str(secret_file))
    assert envsecret("PIA_SECRET") == "from-a-file"


def test_a_missing_secret_file_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PIA_SECRET_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="PIA_SECRET_FILE"):
        envsecret("PIA_SECRET")


def test_production_settings_pass_the_deployment_checks():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="pia.example.jp",
        PIA_LOG_PSEUDONYM_KEY="a-long-random-pseudonym-key-" + "y" * 40,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr

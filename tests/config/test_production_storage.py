"""Production keeps media and log archives on S3-compatible object storage when a bucket is named, else on disk.

Configuration only: the suite never talks to a bucket (its own settings keep files in memory).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
S3_VARIABLES = [
    "PIA_S3_BUCKET",
    "PIA_S3_ENDPOINT_URL",
    "PIA_S3_REGION",
    "PIA_S3_PREFIX",
    "PIA_S3_ADDRESSING_STYLE",
    "PIA_S3_ACCESS_KEY_ID",
    "PIA_S3_ACCESS_KEY_ID_FILE",
    "PIA_S3_SECRET_ACCESS_KEY",
    "PIA_S3_SECRET_ACCESS_KEY_FILE",
]
BUCKET_ENVIRONMENT = {
    "PIA_S3_BUCKET": "pia-media",
    "PIA_S3_ENDPOINT_URL": "https://objects.example.jp",
    "PIA_S3_REGION": "jp-north-1",
    "PIA_S3_ACCESS_KEY_ID": "example-access-key-id",
    "PIA_S3_SECRET_ACCESS_KEY": "example-secret-access-key",
}


def production_settings(monkeypatch: pytest.MonkeyPatch, **environment: str) -> ModuleType:
    """Import config.settings.production afresh, as a process started with this environment would."""
    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    return importlib.import_module("config.settings.production")


def test_without_a_bucket_media_stay_on_local_disk(monkeypatch):
    settings = production_settings(monkeypatch)
    assert settings.STORAGES["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_named_bucket_puts_media_and_archives_on_s3_with_keys_from_the_environment(monkeypatch):
    settings = production_settings(monkeypatch, **BUCKET_ENVIRONMENT)
    media = settings.STORAGES["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "pia-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://objects.example.jp"
    assert media["OPTIONS"]["region_name"] == "jp-north-1"
    assert media["OPTIONS"]["access_key"] == "example-access-key-id"
    assert media["OPTIONS"]["secret_key"] == "example-secret-access-key"
    assert media["OPTIONS"]["default_acl"] is None  # private objects
    assert media["OPTIONS"]["file_overwrite"] is False  # a stored file is never replaced
    # Static files stay where nginx serves them.
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith("ManifestStaticFilesStorage")


def test_without_keys_boto3_finds_its_own_credentials(monkeypatch):
    settings = production_settings(monkeypatch, PIA_S3_BUCKET="pia-media")
    assert "access_key" not in settings.STORAGES["default"]["OPTIONS"]
    assert "secret_key" not in settings.STORAGES["default"]["OPTIONS"]


def test_the_secret_key_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("secret-from-a-file\n", encoding="utf-8")
    environment = {k: v for k, v in BUCKET_ENVIRONMENT.items() if k != "PIA_S3_SECRET_ACCESS_KEY"}
    settings = production_settings(monkeypatch, **environment, PIA_S3_SECRET_ACCESS_KEY_FILE=str(secret))
    assert settings.STORAGES["default"]["OPTIONS"]["secret_key"] == "secret-from-a-file"


def test_half_a_key_pair_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="PIA_S3_SECRET_ACCESS_KEY"):
        production_settings(monkeypatch, PIA_S3_BUCKET="pia-media", PIA_S3_ACCESS_KEY_ID="example-access-key-id")


def test_with_a_bucket_the_deployment_checks_stay_clean_and_django_builds_the_s3_storage():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", *S3_VARIABLES)}
    env.update(
        BUCKET_ENVIRONMENT,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="pia.example.jp",
        PIA_LOG_PSEUDONYM_KEY="a-long-random-pseudonym-key-" + "y" * 40,
    )
    # Building the storage validates every option name (django-storages refuses unknown ones); it
    # opens no connection.
    script = """
import json, django
django.setup()
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
from django.core.files.storage import storages
media = storages["default"]
print(json.dumps({"class": type(media).__module__ + "." + type(media).__name__,
                  "bucket": media.bucket_name, "endpoint": media.endpoint_url}))
"""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = json.loads(result.stdout.strip().splitlines()[-1])
    assert built == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "pia-media",
        "endpoint": "https://objects.example.jp",
    }

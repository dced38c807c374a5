"""The test suite: fast hashing, in-memory e-mail, everything else as in production."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("PIA_LOG_PSEUDONYM_KEY", "test-only-pseudonym-key")

from config.settings.base import *  # noqa: E402,F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAIL_AUTOSAVE_INTERVAL = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Publishing does not render files in the suite unless a test asks for it (see tests/exports).
PIA_ARTIFACTS_ON_PUBLISH = False
PIA_PDF_WORKERS = 1
# The suite loads the demo. Login throttling is off (Django's test client logs in without a request,
# which django-axes refuses); the tests of throttling turn it on. MFA is off unless a test turns it on.
PIA_ALLOW_DEMO = True
AXES_ENABLED = False
PIA_REQUIRE_MFA = False

# The demo app (Nagaoka, personas with published passwords); never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

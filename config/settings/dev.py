"""Local development and the demo: a fixed, publicly known key is acceptable here only."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("PIA_LOG_PSEUDONYM_KEY", "dev-only-pseudonym-key-never-use-in-production")

from config.settings.base import *  # noqa: E402,F403
from config.settings.env import envint  # noqa: E402

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
PIA_PDF_WORKERS = envint("PIA_PDF_WORKERS", 2)
# The demo's personas (published passwords) may log in here; MFA stays optional (PIA_REQUIRE_MFA=true to try it).
PIA_ALLOW_DEMO = True

# The demo app (Nagaoka, personas with published passwords); never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

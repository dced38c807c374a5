"""Production: every secret from the environment, HTTPS only."""

from config.settings.base import *  # noqa: F403
from config.settings.env import envbool, envint

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# Publication files render in the `manage.py db_worker` process, never inside a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}} if envbool("USE_DB_WORKER", True) else TASKS  # noqa: F405
PIA_PDF_WORKERS = envint("PIA_PDF_WORKERS", 2)

# Every admin user confirms the login with an authenticator app (accounts/); the demo never runs here.
PIA_REQUIRE_MFA = envbool("PIA_REQUIRE_MFA", True)
PIA_ALLOW_DEMO = False
# nginx (deploy/nginx/pia-public.conf) appends the client's address to X-Forwarded-For.
PIA_TRUSTED_PROXY_COUNT = envint("PIA_TRUSTED_PROXY_COUNT", 1)

# Wagtail's live preview shows the page in a same-origin iframe, so frames stay SAMEORIGIN.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

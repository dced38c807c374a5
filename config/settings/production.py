"""Production: every secret from the environment, HTTPS only."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.env import envbool, envint, envsecret, envstr

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _s3_credentials() -> dict[str, str]:
    """An access key pair from the environment, or none: boto3's own chain (an instance role) then applies."""
    pair = ("PIA_S3_ACCESS_KEY_ID", "PIA_S3_SECRET_ACCESS_KEY")
    named = [name for name in pair if envstr(name) or envstr(f"{name}_FILE")]
    if not named:
        return {}
    if len(named) == 1:
        raise ImproperlyConfigured("PIA_S3_ACCESS_KEY_ID and PIA_S3_SECRET_ACCESS_KEY are set together or not at all")
    return {"access_key": envsecret("PIA_S3_ACCESS_KEY_ID"), "secret_key": envsecret("PIA_S3_SECRET_ACCESS_KEY")}


# Media (publication files, the PDF chunk cache) and access-log archives go to S3-compatible object storage
# (django-storages) when a bucket is named, so that web processes and task workers on several machines share
# them; otherwise to MEDIA_ROOT on local disk. Static files and the rendered public site stay on local disk,
# where nginx serves them.
PIA_S3_BUCKET = envstr("PIA_S3_BUCKET") or None
_media_storage: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if PIA_S3_BUCKET:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PIA_S3_BUCKET,
            "endpoint_url": envstr("PIA_S3_ENDPOINT_URL") or None,  # unset: AWS itself
            "region_name": envstr("PIA_S3_REGION") or None,
            "location": envstr("PIA_S3_PREFIX") or "",  # a key prefix, to share a bucket
            "addressing_style": envstr("PIA_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO and the like
            # Files are private: nothing is public-read, and any URL the storage makes is signed and expires.
            # Downloads go through Django anyway, which checks the assessment is still public.
            "default_acl": None,
            "querystring_auth": True,
            # As on local disk: saving under a taken name picks a new name, a stored file is never replaced.
            "file_overwrite": False,
            **_s3_credentials(),
        },
    }
STORAGES = {
    "default": _media_storage,
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

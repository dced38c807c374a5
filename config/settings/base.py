"""Settings shared by every environment. Fails closed: no secret, no debug by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from config.settings.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = envsecret("SECRET_KEY")
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First: its templates add CSP nonces to the few inline scripts of Wagtail's admin.
    "accounts",
    "exports",
    "pia",
    "controls",
    "registry",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "django.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin writes "3分前" with humanize's naturaltime: installed, its Japanese is loaded.
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "accounts.csp.CurrentNonceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.MultiFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.RepetitionValidator"},
    {"NAME": "accounts.password_validation.SequenceValidator"},
    {
        "NAME": "accounts.password_validation.DemoLikePasswordValidator",
        "OPTIONS": {
            # The names people would pick from: this site, its hosts, the organizations and their towns.
            "words": ["mynumber", "マイナンバー", "特定個人情報"],
            "model_fields": {
                "wagtailcore.Site": ["site_name", "hostname"],
                "registry.Organization": ["name", "slug", "municipality"],
            },
        },
    },
]

LANGUAGE_CODE = "ja"
# Project translations first: they fill gaps in Wagtail's Japanese catalogue.
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
# The admin speaks Japanese only, in Japan time: no language or time zone to choose in the account
# (Wagtail then hides both choices, whose lists name every language and zone in English).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語")]
WAGTAIL_CONTENT_LANGUAGES = [("ja", "日本語")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Tokyo"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The assessment editor posts one field per form item; Nagaoka alone has several hundred.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

WAGTAIL_SITE_NAME = "特定個人情報保護評価"
WAGTAILADMIN_BASE_URL = envstr("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "xml", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_AUTOSAVE_INTERVAL = envint("WAGTAIL_AUTOSAVE_INTERVAL", 500)
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# No avatars from gravatar.com: staff e-mail hashes must not leave a municipal network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Publication files (PDF, Excel, XML) are rendered when a version is published; PDF chunks
# render in this many processes (one per core is right for a task worker).
PIA_ARTIFACTS_ON_PUBLISH = envbool("PIA_ARTIFACTS_ON_PUBLISH", True)
# Where the form definitions are read from: the ones shipped in pia/formdef/definitions/ unless a
# deployment keeps its own copy (e.g. with a label corrected). Editing one never needs a migration.
PIA_FORM_DEFINITIONS_DIR = envstr("PIA_FORM_DEFINITIONS_DIR") or None
PIA_PDF_WORKERS = envint("PIA_PDF_WORKERS", 1)
# The public pages rendered to files at publication, for nginx to serve (deploy/nginx/pia-public.conf);
# unset: no files, Django serves every page. `python manage.py render_public_site` renders them all.
PIA_PUBLIC_SITE_ROOT = envstr("PIA_PUBLIC_SITE_ROOT") or None
# The key of the HMAC that turns an access log's subject identifier into a pseudonym. Keep it
# apart from SECRET_KEY and never rotate it casually: a new key makes old pseudonyms unsearchable.
PIA_LOG_PSEUDONYM_KEY = envsecret("PIA_LOG_PSEUDONYM_KEY")
# Access-log batches pushed over HTTP are at most this many bytes (bigger files: ingest_access_logs).
PIA_LOG_PUSH_MAX_BYTES = envint("PIA_LOG_PUSH_MAX_BYTES", 5 * 1024 * 1024)
# Where compressed CSV archives of access logs go (a path in the default storage).
PIA_LOG_ARCHIVE_PREFIX = envstr("PIA_LOG_ARCHIVE_PREFIX") or "access-log-archives"
# Access-log entries dated before this day (Japan time, YYYY-MM-DD) or more than this many hours
# after their receipt are refused: a system clock gone wrong, not a fact to keep.
PIA_LOG_EARLIEST = envstr("PIA_LOG_EARLIEST") or "2000-01-01"
PIA_LOG_FUTURE_TOLERANCE_HOURS = envint("PIA_LOG_FUTURE_TOLERANCE_HOURS", 24)

# --- Security (see the README, "Security"; accounts/ holds the code) ---------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after this many idle minutes (each request renews the expiry) and when the browser closes.
PIA_SESSION_IDLE_MINUTES = envint("PIA_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = PIA_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): PIA_LOGIN_FAILURE_LIMIT failures of one user name from one address
# lock that pair out for PIA_LOGIN_LOCKOUT_MINUTES after the last failure (0: until an administrator
# lifts it in 設定 → ログインのロック or with `manage.py axes_reset_username`).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.AccountBackend"]
PIA_LOGIN_FAILURE_LIMIT = envint("PIA_LOGIN_FAILURE_LIMIT", 5)
PIA_LOGIN_LOCKOUT_MINUTES = envint("PIA_LOGIN_LOCKOUT_MINUTES", 30)
# Reverse proxies in front of Django that append to X-Forwarded-For (nginx: 1); 0 trusts REMOTE_ADDR only.
PIA_TRUSTED_PROXY_COUNT = envint("PIA_TRUSTED_PROXY_COUNT", 0)
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = PIA_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=PIA_LOGIN_LOCKOUT_MINUTES) if PIA_LOGIN_LOCKOUT_MINUTES > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# MFA (django-otp: an authenticator app plus ten recovery codes) for everyone who signs in to the admin.
PIA_REQUIRE_MFA = envbool("PIA_REQUIRE_MFA", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# The demo (personas with published passwords, `manage.py load_demo`) only where this is on.
PIA_ALLOW_DEMO = envbool("PIA_ALLOW_DEMO", False)

# No call home from staff browsers (the admin's release check would fetch from releases.wagtail.org).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content-Security-Policy on every response (Django's middleware). Scripts only from here or with
# the response's nonce (the few inline scripts of Wagtail's admin carry it, see accounts/templates).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # login failures and lockouts (user names masked)
    },
}

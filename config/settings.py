"""Pickwise settings: one module, driven by environment variables.

Defaults are safe for production (DEBUG off, strict hosts, secure cookies); `make run` sets
DEBUG=1 for local work. The embedded default database is SQLite so a newcomer needs nothing
but Python; set DATABASE_URL for PostgreSQL and REDIS_URL for a cache shared by app servers.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from import_export.formats import base_formats

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-local-development-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "axes",
    "frameworks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: pages use no inline script or style, so the strict policy holds.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frameworks.catalog.revision.RevisionPerRequest",
    # A stored page for a visitor without a session is answered here, before sessions, auth and views.
    "frameworks.catalog.page_cache.ServeCachedPages",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff pages and the admin: "private, no-store", whatever a view said.
    "frameworks.web.cache_headers.PrivateForStaff",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each catalog change, for the history and revert screens in the admin.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frameworks.web.context.today",
            ],
            "libraries": {"pickwise": "frameworks.web.templatetags", "comparison": "frameworks.web.comparison_tags"},
            # Built in, so every template has path_to (a cached {% url %}) and the chrome without a {% load %}.
            "builtins": ["frameworks.web.templatetags"],
        },
    },
    {
        # The body of the wizard's results (frameworks/web/jinja.py), the page rendered most often.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "frameworks.web.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # No "SELECT 1" before every request: the first query of a request (the catalog revision)
        # reconnects once by itself when the connection went away (catalog/revision.py).
        conn_health_checks=False,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared Redis cache lets several app servers agree on cached pages; without REDIS_URL each
# process keeps its own. Cache keys include the catalog revision, so no server serves stale data.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open: with Redis down, pages are served uncached instead of answering 500.
            "BACKEND": "frameworks.catalog.fail_open_cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pickwise",
            "TIMEOUT": 60 * 60,
            # A dead or partitioned Redis must cost milliseconds, not seconds.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pickwise",
            "TIMEOUT": 60 * 60,
        }
    }

# Each process keeps the pages it served in memory up to this many bytes (least recently used go
# first); with REDIS_URL they are also shared through Redis, so servers fill each other's misses.
PAGE_CACHE_PROCESS_BYTES = int(os.environ.get("PAGE_CACHE_PROCESS_BYTES", 64 * 1024 * 1024))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
# HTTPS, from the environment (README "Production"). HSTS is on by default outside DEBUG; browsers
# only honour it over HTTPS. The redirect is off by default because the TLS proxy usually does it.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind nginx (deploy/), trust its X-Forwarded-Proto, and only then.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# Editors' spreadsheet import/export: all or nothing, and gated by the model permissions.
IMPORT_FORMATS = EXPORT_FORMATS = [base_formats.CSV, base_formats.XLSX]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for the cool-off; a superuser or Reviewer unlocks it by
# deleting its "Access attempts" row in the admin. Each guess costs a password hash, so an unthrottled
# login form would let a few clients take the CPU away from readers.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "frameworks.web.client_ip.client_ip"
AXES_VERBOSE = False
# Reader reports: at most this many per client address per hour.
REPORTS_PER_HOUR = int(os.environ.get("REPORTS_PER_HOUR", "5"))

PYPI_URL = os.environ.get("PYPI_URL", "https://pypi.org")
# The canonical origin for absolute URLs in pages and JSON (e.g. https://pickwise.example); empty
# means relative URLs. Never taken from the request, so a hostile Host header cannot reach a page.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"short_disallowed_host": {"()": "config.log_filters.ShortDisallowedHost"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A hostile Host header is the client's mistake: one short warning per host, no traceback.
        "django.security.DisallowedHost": {"level": "WARNING", "filters": ["short_disallowed_host"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Editors' spreadsheets and history (frameworks/editorial; issue 12) ---------------------------
# An uploaded file waits for the editor's confirmation at most IMPORT_UPLOAD_LIFETIME seconds: in the
# shared cache when there is one (the confirmation may reach another app server), else in the
# system's temp folder (shared by one server's workers). This replaces the storage chosen above.
IMPORT_UPLOAD_LIFETIME = 60 * 60
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "frameworks.editorial.uploads.ExpiringCacheStorage"
    if REDIS_URL
    else "frameworks.editorial.uploads.ExpiringTempFolderStorage"
)

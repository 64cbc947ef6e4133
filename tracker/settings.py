"""Settings for the incident tracker.

Everything that differs between a laptop and production is read from the
environment through the small typed helpers below (see README, "Configuration").
With DJANGO_DEBUG off the project refuses to start without a secret key.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is 0 "
            "(production). Set DJANGO_SECRET_KEY to a long random string, or set "
            "DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (debug only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. With DJANGO_DEBUG=0 (production) it must name "
        "the host names the site answers to, comma-separated, e.g. "
        "DJANGO_ALLOWED_HOSTS=tracker.example.org; or set DJANGO_DEBUG=1 for local "
        "development."
    )

INSTALLED_APPS = [
    "tracker.apps.TrackerAdminConfig",  # django.contrib.admin with two-factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "tracker.apps.LockoutConfig",  # axes, with a translated name
    "django_otp",
    "tracker.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp, ditto
    "csp",
    "incidents",
    "translations",
    "intake",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "translations.middleware.RootLanguageMiddleware",  # `/`: the visitor's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username or address is refused before checking.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "translations.context_processors.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"


def env_database(name: str, default: str) -> dj_database_url.DBConfig:
    url = env_str(name, default)
    try:
        config = dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except (ValueError, dj_database_url.UnknownSchemeError) as exc:
        raise ImproperlyConfigured(
            f"{name} is not a database URL this project understands ({exc}). "
            "Use sqlite:///path/to/db.sqlite3 or postgres://user:password@host:5432/name."
        ) from None
    if "postgresql" in config["ENGINE"]:
        # No JIT: it compiles plans whose estimated cost is high (the public
        # querysets' EXISTS clauses over a million rows) for 200-300 ms, to run
        # queries that take a few milliseconds.
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return config


DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# The incident list's index includes extra columns on PostgreSQL only (migration
# 0016); SQLite builds it without them, which is what it should do.
SILENCED_SYSTEM_CHECKS = ["models.W040"] if "sqlite" in DATABASES["default"]["ENGINE"] else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Counts of incident lists that IncidentTally cannot answer (`q`, `person`, dates
# off month bounds), shared by every worker and forgotten on any change
# (incidents.models.counts_changed). A table in the database, created by
# migration incidents 0010; its entries live DJANGO_COUNTS_CACHE_SECONDS at most.
CACHES = {
    "default": {
        "BACKEND": "incidents.cache.DatabaseCache",
        "LOCATION": "tracker_cache",
        "TIMEOUT": env_int("DJANGO_COUNTS_CACHE_SECONDS", 24 * 3600),
        "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 10000)},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("be", _("Belarusian")),
    ("ru", _("Russian")),
]
# Compiled without gettext (translations/catalogs.py). The project's own
# catalogs first; then other apps' words in the admin (simple_history, axes,
# django_otp: translations/vendor_catalogs.py), which the project's override.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "translations" / "vendor_locale"]
FORMAT_MODULE_PATH = ["translations.formats"]  # Belarusian (Django ships ru and uk)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Staff accounts: lockout after repeated failures (django-axes) and two-factor
# TOTP (django-otp) for the admin, required whenever debug is off.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address a lockout is keyed on: the connection's, or with
# DJANGO_PROXY_COUNT=N reverse proxies in front, the one the outermost proxy
# saw (tracker/client_ip.py; forwarded headers are ignored when N is 0).
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "tracker.client_ip.client_ip"
OTP_REQUIRED = env_bool("DJANGO_OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Incident tracker"

# Content Security Policy (django-csp): no inline script or style, nothing remote.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Security headers on every response; cookies and HSTS tighten when debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One handler, on the root logger. Django's own "django" logger would print to a
# console handler of its own and then pass the record on to the root: every
# line twice. It only passes its records on here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

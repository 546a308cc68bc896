"""Casework settings: one module, fed by CASEWORK_* environment variables.

Defaults give a working development setup with no configuration at all (SQLite under var/); debug is off
unless CASEWORK_DEBUG=1 (`make run` and the tests set it).
With CASEWORK_DEBUG off the process refuses to start on the development secret key.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from casework.core import extras

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"CASEWORK_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    raw = env(name, "1" if default else "0").strip().lower()
    return raw in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = env(name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"CASEWORK_{name} must be an integer, got {raw!r}") from exc


DEV_SECRET_KEY = "casework-development-secret-key-do-not-use-in-production"

# Debug is off unless asked for: `make run` and scripts/test set CASEWORK_DEBUG=1 (issue 8).
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "CASEWORK_SECRET_KEY must be set to a random string of at least 32 characters when CASEWORK_DEBUG is off"
    )

# Where people reach this installation (printed by `casework demo`, used in links sent by e-mail).
PUBLIC_URL = env("PUBLIC_URL", "http://127.0.0.1:8000/")

ALLOWED_HOSTS = [
    h.strip() for h in env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h
]

VAR_DIR = Path(env("VAR_DIR", str(PROJECT_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' Swagger UI from its own static files (no CDN, no inline script)
    "simple_history",
    "casework.core",
    "casework.audit",
    "casework.accounts",
    "casework.contacts",
    "casework.cases",
    "casework.cases.plan",  # the case plan; its models keep the cases app label
    "casework.documents",
    "casework.notifications",
    "casework.outcomes",
    "casework.naturecheck",
    "casework.callcenter",
    "casework.reports",
    "casework.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "casework.config.urls"
WSGI_APPLICATION = "casework.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],  # project-wide overrides: the themed admin
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    config: dict = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)  # type: ignore[assignment]
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # IMMEDIATE: a transaction takes the write lock when it starts, so two writers queue on the
            # busy timeout instead of one failing with "database is locked" when it upgrades a read lock.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
        # A file (not :memory:) test database, so tests can open several real connections at once.
        config["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("TEST", {})
        test_name = env("TEST_DATABASE_NAME")
        if test_name:
            config["TEST"]["NAME"] = test_name
    return config


DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'casework.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Cache, sessions and rate-limit counters: shared through Redis when CASEWORK_REDIS_URL is set, so any app server
# can answer any request; local memory (per process) otherwise.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    extras.require("redis", "redis", "CASEWORK_REDIS_URL")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "casework",
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "casework"}}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("da", "Dansk"), ("he", "עברית")]
TIME_ZONE = env("TIME_ZONE", "UTC")
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True

# JSON Web Tokens for the API.
JWT_ALGORITHM = "HS256"
JWT_LIFETIME = timedelta(hours=env_int("JWT_LIFETIME_HOURS", 8))
JWT_ISSUER = "casework"

# Login throttling, per account and per client address (django-ratelimit syntax).
LOGIN_RATE_PER_ACCOUNT = env("LOGIN_RATE_PER_ACCOUNT", "10/5m")
LOGIN_RATE_PER_IP = env("LOGIN_RATE_PER_IP", "30/5m")
# The load balancers and reverse proxies in front of the app servers (IPs or CIDRs, comma-separated). Only a
# request arriving from one of them has its X-Forwarded-For believed; empty: the client is REMOTE_ADDR.
TRUSTED_PROXIES = [proxy.strip() for proxy in env("TRUSTED_PROXIES").split(",") if proxy.strip()]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"CASEWORK_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from exc
RATELIMIT_ENABLE = True
RATELIMIT_USE_CACHE = "default"
# django-ratelimit counts sign-ins only with CASEWORK_REDIS_URL (in Redis); without it the sign-in throttle counts in
# the database (casework.ops.ratelimit), so the local-memory cache is never a rate-limit store.
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]

API_MAX_PAGE_SIZE = 100
# Longer API URLs (path and query string, in bytes) are refused with a JSON 414; below gunicorn's 8190.
API_MAX_URL_BYTES = 4096

# Second factor at sign-in (issue 15): TOTP authenticators with recovery codes, django-otp's devices. A user whose
# role is listed (comma-separated role codes; empty: none) must set one up at first sign-in before anything else
# works. In debug mode (`make run`, the demo) that is skipped, so the printed demo logins work as they are, unless
# CASEWORK_MFA_DEMO_BYPASS=0; with debug off it is never skipped. Users who set one up are always asked for it.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MFA_REQUIRED_ROLES = frozenset(
    role.strip() for role in env("MFA_REQUIRED_ROLES", "admin").split(",") if role.strip()
)
MFA_DEMO_BYPASS = DEBUG and env_bool("MFA_DEMO_BYPASS", True)
# How long the API's challenge (and the web's half-finished sign-in) waits for the code.
MFA_CHALLENGE_LIFETIME = timedelta(minutes=5)
OTP_TOTP_ISSUER = env("MFA_ISSUER", "Casework")
# Codes are counted by the sign-in throttle (each code tried is a sign-in attempt of the account and the address);
# django-otp's own per-device back-off is off, so a mistyped code does not lock the next right one for seconds.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "casework.web.shell.middleware.SecondFactorMiddleware",
)

# Single sign-on with OpenID Connect (issue 15; README "Single sign-on"): staff sign in to the web UI with the
# organisation's identity provider through mozilla-django-oidc. Off (no button, /oidc/ answers 404) while
# CASEWORK_OIDC_ISSUER is empty; the endpoints come from the issuer's discovery document. The API keeps its password
# (and second factor) login.
OIDC_ISSUER = env("OIDC_ISSUER").strip().rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID").strip()
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET")
OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256")
# The claim holding the user's role (a string or a list, such as groups); empty: roles are not taken from the
# provider. CASEWORK_OIDC_ROLE_MAP maps its values to role codes ("casework-admins=admin,staff=caseworker", the
# first listed match wins); without a map the values are role codes. No match: CASEWORK_OIDC_DEFAULT_ROLE.
OIDC_ROLE_CLAIM = env("OIDC_ROLE_CLAIM").strip()
OIDC_ROLE_MAP: list[tuple[str, str]] = []
for _pair in (p.strip() for p in env("OIDC_ROLE_MAP").split(",")):
    if not _pair:
        continue
    _value, _sep, _role = _pair.rpartition("=")
    if not _sep or not _value.strip() or not _role.strip():
        raise ImproperlyConfigured(f"CASEWORK_OIDC_ROLE_MAP: {_pair!r} is not 'provider value=role code'")
    OIDC_ROLE_MAP.append((_value.strip(), _role.strip()))
OIDC_DEFAULT_ROLE = env("OIDC_DEFAULT_ROLE", "viewer").strip()
# The claim saying the provider verified the email (Entra ID sends none by default: its optional claim `xms_edov`).
OIDC_EMAIL_VERIFIED_CLAIM = env("OIDC_EMAIL_VERIFIED_CLAIM", "email_verified").strip()
# Unknown users (no account with the provider's verified email) are refused unless this is on.
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS", False)
# The button on the sign-in page: "Sign in with <label>" (empty: "Sign in with your organisation", translated).
OIDC_LABEL = env("OIDC_LABEL").strip()
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "web:oidc_callback"
OIDC_REDIRECT_FIELD_NAME = "next"
if OIDC_ISSUER:
    if not OIDC_ISSUER.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"CASEWORK_OIDC_ISSUER must be a URL (https://...), got {OIDC_ISSUER!r}")
    if not OIDC_RP_CLIENT_ID or not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured(
            "CASEWORK_OIDC_ISSUER is set: CASEWORK_OIDC_CLIENT_ID and CASEWORK_OIDC_CLIENT_SECRET must be set too "
            "(the client registered at the identity provider)"
        )
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "casework.accounts.oidc.backend.OIDCBackend",  # answers only the /oidc/callback/ view
]

# Call center: how long a citizen stays locked to an operator, how many unanswered attempts before a 106 case,
# the 106 case-number format, and the municipality's 106 system (linked from the operator's screen).
CALLCENTER_LOCK_MINUTES = env_int("CALLCENTER_LOCK_MINUTES", 30)
CALLCENTER_APPEARANCE_THRESHOLD = env_int("CALLCENTER_APPEARANCE_THRESHOLD", 3)
# Minutes an unanswered citizen waits before the queue offers them again (zero or more).
CALLCENTER_RETRY_DELAY_MINUTES = env_int("CALLCENTER_RETRY_DELAY_MINUTES", 30)
CALLCENTER_CASE_NUMBER_PATTERN = env("CALLCENTER_CASE_NUMBER_PATTERN", r"^\d{6}$")
CALLCENTER_106_URL = env("CALLCENTER_106_URL", "")
# Largest document upload accepted (413 beyond); the reverse proxy should cap request bodies too.
CASEWORK_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 25 * 1024 * 1024)

# Logs go to standard error: JSON lines carrying the request id (CASEWORK_LOG_FORMAT=json, the default when debug
# is off) for a log collector, or plain text for a developer's terminal.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"CASEWORK_LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "casework.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "casework.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Operations: a request id on every request and log line, Prometheus metrics at /metrics.
INSTALLED_APPS += ["casework.ops"]
MIDDLEWARE = [
    "casework.ops.middleware.RequestIdMiddleware",
    "casework.ops.middleware.MetricsMiddleware",
    "casework.ops.middleware.ApiUrlLengthMiddleware",
    *MIDDLEWARE,
]
# /metrics answers a scraper that sends `Authorization: Bearer <CASEWORK_METRICS_TOKEN>`, or that connects from an
# address in CASEWORK_METRICS_ALLOW_FROM (IPs or CIDRs, comma-separated; default this machine's loopback; empty:
# the token only). A request relayed by a proxy (X-Forwarded-For) is never let in by its address.
METRICS_TOKEN = env("METRICS_TOKEN")
METRICS_ALLOW_FROM = [a.strip() for a in env("METRICS_ALLOW_FROM", "127.0.0.1,::1").split(",") if a.strip()]
for _allowed in METRICS_ALLOW_FROM:
    try:
        ipaddress.ip_network(_allowed, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"CASEWORK_METRICS_ALLOW_FROM: {_allowed!r} is not an IP address or network"
        ) from exc

# Read replica: reports and exports read from it (casework.ops.routing.use_replica); writes go to the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL)
    # Tests run against one database: the replica alias mirrors the test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["casework.ops.routing.ReplicaRouter"]

# Documents on S3-compatible object storage (django-storages) when a bucket is configured; local files otherwise.
S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    extras.require("storages", "s3", "CASEWORK_S3_BUCKET")
    extras.require("boto3", "s3", "CASEWORK_S3_BUCKET")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Background work (Tasks framework). `db` (default): django-tasks-db, tasks are rows in the database and
# `casework worker` runs them. `rq`: django-tasks-rq, tasks are RQ jobs in Redis (CASEWORK_REDIS_URL required).
TASKS_BACKEND = env("TASKS", "db").strip().lower()
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
if TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("CASEWORK_TASKS=rq needs CASEWORK_REDIS_URL")
    extras.require("django_tasks_rq", "redis", "CASEWORK_TASKS=rq")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
else:
    raise ImproperlyConfigured(f"CASEWORK_TASKS must be db or rq, got {TASKS_BACKEND!r}")
# Development and benchmark data (`casework demo`, `casework generate`): the top layer, installed last.
INSTALLED_APPS += ["casework.devdata"]
# A worker that has not written its heartbeat for this long is dead: its running tasks are run again.
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)
# Failed deliveries are retried with exponential backoff (base, 2 x base, 4 x base ... capped at an hour).
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 6)
TASK_RETRY_BASE_SECONDS = env_int("TASK_RETRY_BASE_SECONDS", 30)

# E-mail through Django's backends: smtp, console (the default: printed to standard error), file, locmem, or
# a dotted path to a backend class.
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}.get(env("EMAIL_BACKEND", "console"), env("EMAIL_BACKEND", "console"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "casework@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Notifications: e-mail copies of in-app notifications, webhooks, reminders and clean-up.
NOTIFICATION_EMAILS = env_bool("NOTIFICATION_EMAILS", True)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
# Webhooks are only sent to public addresses (checked when each call is made); on allows private, loopback and
# link-local targets too, for a receiver inside the organisation's own network.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
REMINDER_DUE_SOON_DAYS = env_int("REMINDER_DUE_SOON_DAYS", 2)
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 90)
# How long the record of who read which personal data is kept (`purge_read_audit` deletes older rows).
READ_AUDIT_RETENTION_DAYS = env_int("READ_AUDIT_RETENTION_DAYS", 365)

# --- Security headers, CSP and cookies (issue 8; docs/security.md) --------------------------------------------
# HSTS and the HTTPS redirect apply when debug is off; behind a TLS-terminating proxy set
# CASEWORK_SECURE_PROXY_SSL_HEADER=1 so Django trusts its X-Forwarded-Proto header.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Content Security Policy (django-csp): scripts only from our own origin, never inline; no framing.
MIDDLEWARE += ["csp.middleware.CSPMiddleware"]
# Audit events record the client address of the request (casework.audit.context).
MIDDLEWARE += ["casework.audit.context.ClientIPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # htmx adds its indicator styles inline.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# --- end of security block ---------------------------------------------------------------------------------------

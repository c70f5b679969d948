"""Settings shared by every environment, read from the process environment.

`DATABASE_URL` is always set by the time Django starts: either by the operator or by
`kimportal.devdb`, which starts an embedded PostgreSQL when it is missing.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "import_export",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "kimportal.core",
    "kimportal.regions",
    "kimportal.accounts",
    "kimportal.security",
    "kimportal.imports",
    "registry",
    "mapping",
    "collaboration",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after SecurityMiddleware: every answer, the 400/413 of the request
    # guards and static files included, carries the Content-Security-Policy.
    "kimportal.security.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Oversized bodies (413) and NUL / non-UTF-8 input (400) stop here, unread.
    "kimportal.security.request_guard.RequestBodyLimitMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kimportal.security.request_guard.MalformedInputMiddleware",
    # One language (LANGUAGES): activated without reading the request's preferences.
    # With a second one, LocaleMiddleware goes here instead (kimportal.core.language).
    "kimportal.core.language.OneLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kimportal.accounts.sessions.SessionTimeoutMiddleware",
    "kimportal.accounts.mfa.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records 403s, out-of-scope 404s and private downloads (kimportal.security).
    "kimportal.security.middleware.SecurityLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Axes goes last: it answers a locked-out login before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kimportal.urls"
WSGI_APPLICATION = "kimportal.wsgi.application"
ASGI_APPLICATION = "kimportal.asgi.application"

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
                "kimportal.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# --- Bounded waits on PostgreSQL (issue 8) ---------------------------------------------
# A persistent connection is checked before each request reuses it, so a restarted
# server costs one failed request per process at most, never a restart of the web.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})
# libpq gives up on an unreachable or silent server after this many seconds.
DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.int(
    "DATABASE_CONNECT_TIMEOUT", default=3
)
# Per process role (kimportal.core.timeouts): web requests, Celery jobs; management
# commands (migrate, backup) have none.
DATABASE_STATEMENT_TIMEOUT_WEB = env.int("DATABASE_STATEMENT_TIMEOUT_WEB", default=15)
DATABASE_STATEMENT_TIMEOUT_JOBS = env.int(
    "DATABASE_STATEMENT_TIMEOUT_JOBS", default=1800
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Security log (kimportal.security, issue 7 finding 13) ---------------------------
# A second connection to the same database, in autocommit: an event recorded inside a
# transaction that then rolls back (a refused service call) is written through it and
# survives. Tests mirror it onto the default test database.
SECURITY_LOG_DATABASE = "security_log"
DATABASES[SECURITY_LOG_DATABASE] = {
    **DATABASES["default"],
    "TEST": {"MIRROR": "default"},
}
SECURITY_LOG_RETENTION_DAYS = env.int("SECURITY_LOG_RETENTION_DAYS", default=730)
# --- end of security log ----------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend that loads the user's office with the user and leaves named rules to
    # the rules backend (perf-registry, issue #6 item 12).
    "kimportal.accounts.backends.PortalModelBackend",
]
# History context (user, URL) for the requests that write. A GET writes no tracked row,
# and with GET listed pghistory prefixed every read query of every page with a
# set_config() statement (perf-registry, issue #6 item 12).
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- authentication, sessions, tokens, MFA (issue 7, sec-auth) -------------------------
# How many reverse proxies of our own stand in front of the portal. Only that many
# right-most X-Forwarded-For hops are believed (kimportal.core.throttle.client_address);
# 0 = none, the header is ignored and the socket address is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Repeated failed logins lock one username from one address for a while (SPEC §8:
# lockout message): an attacker elsewhere cannot lock the owner out, and failures while
# locked do not push the end of the lock further. Password reset stays open.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kimportal.core.throttle.client_address"

# Password reset mails: per client address and per account, per hour (no mail flood).
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int(
    "PASSWORD_RESET_PER_ADDRESS_PER_HOUR", default=5
)
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = env.int(
    "PASSWORD_RESET_PER_ACCOUNT_PER_HOUR", default=3
)

# Sessions: at most SESSION_ABSOLUTE_SECONDS after login, and they end after
# SESSION_IDLE_SECONDS without a request (kimportal.accounts.middleware). The CSRF
# secret lives in the session, so it dies with it.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# Django's database sessions, read without the ORM (perf, issue #6 item 12).
SESSION_ENGINE = "kimportal.accounts.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_USE_SESSIONS = True

# API tokens (django-rest-knox): stored as hashes, valid API_TOKEN_DAYS, revocable.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# Second factor (django-otp TOTP + recovery codes): required of every staff role,
# optional for KIM accounts (kimportal.accounts.mfa). Demo staff accounts get a TOTP
# device with DEMO_TOTP_SECRET (base32) so a tester can compute codes (README).
OTP_TOTP_ISSUER = "BerMiTRA"
DEMO_TOTP_SECRET = env.str(
    "DEMO_TOTP_SECRET", default="KIMPORTALDEMO234KIMPORTALDEMO234"
)
# --- end of authentication block ------------------------------------------------------

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Private documents (SK, letters) live outside any served path; views stream them after a scope check.
PRIVATE_MEDIA_ROOT = env.path(
    "PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# A reporting month is locked this many days after it ends (monitoring, issue 9).
MONITORING_LOCK_DAYS = env.int("MONITORING_LOCK_DAYS", default=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Request body limits (kimportal.security.request_guard, issue 7 finding 14) -------
# Refused with 413 from Content-Length before the body is read. Upload URLs allow their
# largest upload (UPLOAD_MAX_BYTES per file) plus a margin for the other fields.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=1024 * 1024)
_UPLOAD_MARGIN = 1024 * 1024
_ONE_FILE = UPLOAD_MAX_BYTES + _UPLOAD_MARGIN
REQUEST_BODY_LIMITS = {
    # Registration takes the three documents (DocumentKind) at once.
    "registry:kim-create": 3 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    "registry:kim-update": 3 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    "api-kim-list": 3 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    "api-kim-detail": 3 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    # A material carries up to four files.
    "monitoring:material-*": 4 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    "api-material-*": 4 * UPLOAD_MAX_BYTES + _UPLOAD_MARGIN,
    "registry:*": _ONE_FILE,
    "api-kim-*": _ONE_FILE,
    "api-review-*": _ONE_FILE,
    "monitoring:report-*": _ONE_FILE,
    "api-report-*": _ONE_FILE,
    "metrics:manual-entry": _ONE_FILE,
    "accounts:apply": _ONE_FILE,
}
# A query-string value longer than this is 400 (no search or filter needs more).
QUERY_VALUE_MAX_LENGTH = env.int("QUERY_VALUE_MAX_LENGTH", default=1000)
# --- end of request body limits ------------------------------------------------------------

# Redis is optional in development: without it tasks run in-process and the cache is local.
# --- Bounded waits on Redis and Celery crash safety (issue 8) --------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# A cache call gives up quickly; ResilientRedisCache then answers a miss (and stops
# asking Redis for CACHE_DOWN_SECONDS), so a sick Redis never holds a page.
REDIS_CACHE_TIMEOUT = env.float("REDIS_CACHE_TIMEOUT", default=0.5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "kimportal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CACHE_TIMEOUT,
                "socket_timeout": REDIS_CACHE_TIMEOUT,
                "retry_on_timeout": False,
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CACHE_DOWN_SECONDS = 10
CELERY_TASK_EAGER_PROPAGATES = True
# A request hands its outbox messages to the broker after commit; if Redis is down or
# silent it must give up within about 2 s (the rows wait for `dispatch_outbox`).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The longest task (an import, a full metrics pull) is stopped after TASK_TIME_LIMIT;
# Redis redelivers an unacknowledged message only after visibility_timeout, which must be
# longer or a task still running would be started twice.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=3600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    "max_retries": 0,
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=2 * CELERY_TASK_TIME_LIMIT
    ),
    "health_check_interval": 25,
}
# No result backend is used (nothing reads task results); if one is set, its waits are
# bounded too.
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
# A task is acknowledged after it ran; a worker killed mid-task (OOM, SIGKILL) gives its
# message back to the queue, and it runs again: every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Exactly one beat: the scheduler holds a PostgreSQL advisory lock (kimportal.core.beat).
CELERY_BEAT_SCHEDULER = "kimportal.core.beat:SingleBeatScheduler"
# Daily jobs, at night Jakarta time (CELERY_TIMEZONE); beat copies them into its table.
CELERY_BEAT_SCHEDULE = {
    "registry-end-expired-partnerships": {
        "task": "registry.tasks.end_expired_partnerships",
        "schedule": crontab(hour=1, minute=0),
    },
    "registry-open-reviews-for-expired-sk": {
        "task": "registry.tasks.open_reviews_for_expired_sk",
        "schedule": crontab(hour=1, minute=15),
    },
    "core-dispatch-outbox": {
        "task": "kimportal.core.tasks.dispatch_outbox",
        "schedule": 60.0,
    },
    "mapping-recompute-current-assessments": {
        "task": "mapping.tasks.recompute_current_assessments",
        "schedule": crontab(hour=3, minute=0),
    },
    # Clicks reach the effectiveness rollups every 15 minutes; after midnight the
    # previous month is closed off too (the last day's clicks).
    "monitoring-rollups-refresh-clicks": {
        "task": "monitoring.tasks.rollups_refresh_clicks",
        "schedule": crontab(minute="*/15"),
    },
    "monitoring-rollups-refresh-clicks-previous-month": {
        "task": "monitoring.tasks.rollups_refresh_clicks",
        "schedule": crontab(hour=0, minute=20),
        "kwargs": {"months_back": 1},
    },
    "security-prune-events": {
        "task": "kimportal.security.tasks.prune_security_events",
        "schedule": crontab(hour=2, minute=45),
    },
    "core-sweep-orphan-private-files": {
        "task": "kimportal.core.tasks.sweep_orphan_private_files",
        "schedule": crontab(hour=2, minute=30),
    },
    "imports-expire-export-files": {
        "task": "kimportal.imports.tasks.export_jobs_expire",
        "schedule": crontab(hour=2, minute=40),
    },
}

# --- Social-media metrics (monitoring.providers, issue 10) -------------------------
# Credentials are encrypted with a key derived from this (SECRET_KEY when empty: dev).
METRICS_CREDENTIALS_KEY = env.str("METRICS_CREDENTIALS_KEY", default="")
# Calls to a configured provider base may reach a private address (staging fake,
# benchmark) only when DEBUG or this is on.
METRICS_ALLOW_PRIVATE_BASES = env.bool("METRICS_ALLOW_PRIVATE_BASES", default=False)
METRICS_RETRY_MAX_WAIT = env.int("METRICS_RETRY_MAX_WAIT", default=60)
METRICS_RECENT_DAYS = env.int("METRICS_RECENT_DAYS", default=30)
METRICS_OLDER_EVERY_DAYS = env.int("METRICS_OLDER_EVERY_DAYS", default=7)
METRICS_TOKEN_REFRESH_MARGIN_HOURS = env.int(
    "METRICS_TOKEN_REFRESH_MARGIN_HOURS", default=6
)
YOUTUBE_API_BASE = env.str(
    "YOUTUBE_API_BASE", default="https://www.googleapis.com/youtube/v3"
)
YOUTUBE_API_KEY = env.str("YOUTUBE_API_KEY", default="")
YOUTUBE_DAILY_QUOTA = env.int("YOUTUBE_DAILY_QUOTA", default=10_000)
INSTAGRAM_API_BASE = env.str(
    "INSTAGRAM_API_BASE", default="https://graph.facebook.com/v25.0"
)
INSTAGRAM_DAILY_CALLS = env.int("INSTAGRAM_DAILY_CALLS", default=4_000)
FACEBOOK_API_BASE = env.str(
    "FACEBOOK_API_BASE", default="https://graph.facebook.com/v25.0"
)
FACEBOOK_OAUTH_DIALOG = env.str(
    "FACEBOOK_OAUTH_DIALOG", default="https://www.facebook.com/v25.0/dialog/oauth"
)
FACEBOOK_APP_ID = env.str("FACEBOOK_APP_ID", default="")
FACEBOOK_APP_SECRET = env.str("FACEBOOK_APP_SECRET", default="")
FACEBOOK_DAILY_CALLS = env.int("FACEBOOK_DAILY_CALLS", default=4_000)
TIKTOK_API_BASE = env.str("TIKTOK_API_BASE", default="https://open.tiktokapis.com/v2")
TIKTOK_OAUTH_AUTHORIZE = env.str(
    "TIKTOK_OAUTH_AUTHORIZE", default="https://www.tiktok.com/v2/auth/authorize/"
)
TIKTOK_CLIENT_KEY = env.str("TIKTOK_CLIENT_KEY", default="")
TIKTOK_CLIENT_SECRET = env.str("TIKTOK_CLIENT_SECRET", default="")
TIKTOK_DAILY_CALLS = env.int("TIKTOK_DAILY_CALLS", default=20_000)
X_API_BASE = env.str("X_API_BASE", default="https://api.x.com/2")
X_BEARER_TOKEN = env.str("X_BEARER_TOKEN", default="")
X_DAILY_CALLS = env.int("X_DAILY_CALLS", default=500)
METRICS_WEB_BASE = ""
CELERY_BEAT_SCHEDULE.update(
    {
        "metrics-pull-channels": {
            "task": "monitoring.providers.tasks.pull_metrics_task",
            "schedule": crontab(hour=3, minute=0),
            "kwargs": {"scope": "channels"},
        },
        "metrics-pull-recent": {
            "task": "monitoring.providers.tasks.pull_metrics_task",
            "schedule": crontab(hour=3, minute=30),
            "kwargs": {"scope": "recent"},
        },
        "metrics-pull-older": {
            "task": "monitoring.providers.tasks.pull_metrics_task",
            "schedule": crontab(hour=4, minute=30, day_of_week=0),
            "kwargs": {"scope": "older"},
        },
    }
)
# --- end of social-media metrics ------------------------------------------------------

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="BerMiTRA <noreply@kim.local>"
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kimportal.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kimportal.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KIM Portal (BerMiTRA) API",
    "DESCRIPTION": "API kemitraan Dinas Kominfo dengan Komunitas Informasi Masyarakat.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's JavaScript is served from our own static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Requests and responses get their own components, so uploads are binary in requests
    # and read-only fields stay out of them.
    "COMPONENT_SPLIT_REQUEST": True,
    # Blank choices appear in the enums (drf-spectacular's default, stated because the
    # schema test relies on it); then 401s and links (list -> detail -> transitions).
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kimportal.core.api.schema_postprocess",
    ],
    # Several models have a `status`; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "KimStatusEnum": "registry.choices.KimStatus",
        "PartnershipStatusEnum": "registry.choices.PartnershipStatus",
        "ReviewStatusEnum": "registry.choices.ReviewStatus",
        "InactiveReasonEnum": "registry.choices.InactiveReason",
        "ContentPlatformEnum": "monitoring.choices.ContentPlatform",
        "ReportFormatEnum": "monitoring.choices.ReportFormat",
        "MaterialFormatEnum": "monitoring.choices.MaterialFormat",
        "KimTypeEnum": "registry.choices.KimType",
        "GovernmentAffairEnum": "registry.choices.GovernmentAffair",
        "PlatformEnum": "registry.choices.Platform",
        "MappingApproachEnum": "mapping.choices.Approach",
        "MediaTypeEnum": "registry.choices.MediaType",
        "ContentTypeEnum": "registry.choices.ContentType",
        "CampaignKindEnum": "collaboration.choices.CampaignKind",
        "CampaignStateEnum": "collaboration.choices.CampaignState",
        "CapacitySkillEnum": "collaboration.choices.Skill",
        "SkillLevelEnum": "collaboration.choices.SkillLevel",
        # competitions (collab-competitions)
        "CompetitionCategoryKindEnum": "collaboration.choices_competitions.CategoryKind",
        "ConflictKindEnum": "collaboration.choices_competitions.ConflictKind",
        "CompetitionRoundEnum": "collaboration.choices_competitions.Round",
    },
}


# --- Content-Security-Policy (django-csp 4.x, issue 7 finding 11) ----------------------
# Every response carries it (every settings module imports this one). No inline script
# or handler anywhere (JS lives in static/<app>/*.js), no eval (htmx runs with
# allowEval off), no inline style attributes (classes in static/css/app.css).
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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# --- end of Content-Security-Policy ------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

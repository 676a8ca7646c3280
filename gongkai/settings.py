"""Django settings for gongkai.

Every setting that differs between machines is read from the environment through the
strict helpers below; README.md ("生产部署") lists each variable. Nothing of the
application's state lives on an app server's disk except uploads, which go through
Django's storage API (STORAGES["default"]) so that an S3-compatible store can take them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.report_due import government_due
from gongkai.envconf import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("GONGKAI_DEBUG", False)
# A secret is required outside DEBUG: a guessable key would let anyone forge sessions.
SECRET_KEY = env_str("GONGKAI_SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its registration/ templates win over django.contrib.admin's.
    "gongkai.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "gongkai.bodies",
    "gongkai.auditlog",
    "gongkai.registry",
    "gongkai.applications",
    "gongkai.supervision",
    "gongkai.annual",
    "gongkai.publishing",
    "gongkai.portal",
    "gongkai.conversion",
    "gongkai.jobs",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.common.headers.PermissionsPolicyMiddleware",
    "gongkai.common.json_errors.JsonErrorsForApiMiddleware",
    # Before anything reads the path or the query string: control characters there are a 400.
    "gongkai.common.middleware.UnsafeAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view (and the CSRF check in process_view) reads the body of an oversized upload.
    "gongkai.common.upload_size.UploadSizeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the result of authentication (django-axes requirement).
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Serves collected static files from the app server itself; runserver does it in DEBUG.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.context.navigation",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The embedded default: SQLite in var/, created on first use so that a fresh clone just runs.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.bodies.passwords.MinimumLengthValidatorZh", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "work-home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind reverse proxies the client address comes from X-Forwarded-For, trusted only as far as the
# configured number of proxies vouch for it (gongkai/common/client_ip.py); without them, REMOTE_ADDR.
BEHIND_PROXY = env_bool("GONGKAI_BEHIND_PROXY", False)
CLIENT_IP_PROXY_COUNT = env_int("GONGKAI_PROXY_COUNT", 1) if BEHIND_PROXY else 0
AXES_CLIENT_IP_CALLABLE = "gongkai.common.client_ip.client_ip"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions expire after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("GONGKAI_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "gongkai.web.views.csrf_failure"
# Browsers run only the site's own script and style files: no inline script, no inline style, so
# text that slipped into a page unescaped still cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"  # query codes and search words stay on the site
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# HSTS only where HTTPS is certain: behind the TLS-terminating proxy, outside DEBUG. Django sends
# it only on requests that arrived over HTTPS (X-Forwarded-Proto, SECURE_PROXY_SSL_HEADER).
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000 if BEHIND_PROXY and not DEBUG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", False)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("GONGKAI_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    # Swap for an S3-compatible backend (e.g. django-storages) with GONGKAI_FILE_STORAGE.
    "default": {"BACKEND": env_str("GONGKAI_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The answer clock. Whether the day of receipt counts: by default it does not (《民法典》第二百零一条).
CLOCK_COUNT_RECEIPT_DAY = env_bool("GONGKAI_CLOCK_COUNT_RECEIPT_DAY", False)
# Whether a fee notice pauses the answer clock until payment: no source settles it (statute.md §4).
CLOCK_FEE_PAUSES = env_bool("GONGKAI_CLOCK_FEE_PAUSES", True)
# Days assumed between issuing a notice (补正, fee, consultation) and its delivery when no delivery
# is recorded: no source fixes it (UNCONFIRMED); the clerk is warned either way.
CLOCK_POSTAL_ALLOWANCE_DAYS = env_int("GONGKAI_CLOCK_POSTAL_ALLOWANCE_DAYS", 0)
# 条例第三十五条 does not say whether the wait for the applicant's 说明理由 counts (UNCONFIRMED):
# by default the clock runs, the reading safer for the applicant.
ART35_REASON_PAUSES_CLOCK = env_bool("GONGKAI_ART35_REASON_PAUSES_CLOCK", False)
# The latest 延迟答复 date under 第三十五条, in working days after receipt: the regulation says only
# 合理期限 (UNCONFIRMED); 60 is three times the 20 days of 第三十三条.
ART35_MAX_WORKING_DAYS = env_int("GONGKAI_ART35_MAX_WORKING_DAYS", 60)
# 按件计收 counts an applicant's requests in the calendar month (109号第四条): to this body only
# (default) or to every body on this system. UNCONFIRMED (statute.md §4).
FEE_COUNT_ACROSS_BODIES = env_bool("GONGKAI_FEE_COUNT_ACROSS_BODIES", False)
# Table 3 and an appeal filed in an earlier year but concluded in the report's year: not_counted
# (default; it stays in the year it was filed, reported 尚未审结 there) or when_concluded (also
# counted, under its result, in the year it is concluded). UNCONFIRMED: neither format says
# (statute.md §1.5, §2.5); see gongkai.applications.statistics.
T3_EARLIER_APPEALS = env_str("GONGKAI_T3_EARLIER_APPEALS", "not_counted")
if T3_EARLIER_APPEALS not in ("not_counted", "when_concluded"):
    raise ImproperlyConfigured(
        f"环境变量 GONGKAI_T3_EARLIER_APPEALS 应为 not_counted 或 when_concluded，实际为 {T3_EARLIER_APPEALS!r}。"
    )
# The body's published rule for the receipt day of online applications (条例第三十一条, 207号函):
# confirmed_on_working_day (default; a holiday submission is received the next working day) or
# submission_day. UNCONFIRMED which rule a body states; see gongkai.core.receipt.
CLOCK_ONLINE_RECEIPT = env_str("GONGKAI_CLOCK_ONLINE_RECEIPT", "confirmed_on_working_day")
if CLOCK_ONLINE_RECEIPT not in ("confirmed_on_working_day", "submission_day"):
    raise ImproperlyConfigured(
        f"环境变量 GONGKAI_CLOCK_ONLINE_RECEIPT 应为 confirmed_on_working_day 或 submission_day，"
        f"实际为 {CLOCK_ONLINE_RECEIPT!r}。"
    )
# Seconds without a touch or key after which a service-hall kiosk page returns to its start page.
KIOSK_RETURN_SECONDS = env_int("GONGKAI_KIOSK_RETURN_SECONDS", 90)
# Online applications accepted per client address per hour (the public form's rate limit).
PUBLIC_APPLY_PER_HOUR = env_int("GONGKAI_PUBLIC_APPLY_PER_HOUR", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("GONGKAI_MAX_FORM_BYTES", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploads: a whole multipart request at most this large (a Chinese 413 page otherwise); larger
# files than FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to temporary files, never held in memory.
MAX_UPLOAD_BYTES = env_int("GONGKAI_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)
# PDF pages read at most: an uploaded annual report for auditing, a publication's attachment.
MAX_REPORT_PAGES = env_int("GONGKAI_MAX_REPORT_PAGES", 200)
MAX_ATTACHMENT_PAGES = env_int("GONGKAI_MAX_ATTACHMENT_PAGES", 500)

# The cache: Redis when GONGKAI_CACHE_URL names one (production), else the database cache with
# GONGKAI_SHARED_CACHE, else memory of this one process (development, tests).
CACHE_URL = env_str("GONGKAI_CACHE_URL", "")
SHARED_CACHE = bool(CACHE_URL) or env_bool("GONGKAI_SHARED_CACHE", False)
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache"
            if SHARED_CACHE
            else "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gongkai_cache",
        }
    }
# Public portal pages: how long browsers and proxies may keep them, and how long the server keeps
# them rendered (emptied whenever what they show changes, see gongkai/portal/page_cache.py). The
# server-side copy needs a cache shared by every app-server process, so it is off without one.
PORTAL_MAX_AGE = env_int("GONGKAI_PORTAL_MAX_AGE", 300)
PORTAL_PAGE_CACHE_SECONDS = env_int("GONGKAI_PORTAL_PAGE_CACHE_SECONDS", 3600 if SHARED_CACHE else 0)

# The task queue (huey). Embedded default: a SQLite file in var/ that the worker of `make run`
# (`manage.py run_huey`) reads, no server needed. Production: GONGKAI_QUEUE_URL names a Redis
# (e.g. the cache's, another database number), and workers run `manage.py run_huey` on any machine.
QUEUE_URL = env_str("GONGKAI_QUEUE_URL", "")
QUEUE_FILE = Path(env_str("GONGKAI_QUEUE_FILE", str(VAR_DIR / "queue.sqlite3")))
if not QUEUE_URL:
    QUEUE_FILE.parent.mkdir(parents=True, exist_ok=True)
HUEY = {
    "name": "gongkai",
    # Always through the queue, even in DEBUG (djhuey's default would run tasks in the request).
    "immediate": env_bool("GONGKAI_QUEUE_IMMEDIATE", False),
    "utc": True,
    # Polls the SQLite queue at least every 2 s (Redis blocks until a message comes).
    "consumer": {"workers": env_int("GONGKAI_QUEUE_WORKERS", 2), "worker_type": "thread", "max_delay": 2.0},
    **(
        {"huey_class": "huey.RedisHuey", "url": QUEUE_URL}
        if QUEUE_URL
        else {"huey_class": "huey.SqliteHuey", "filename": str(QUEUE_FILE)}
    ),
}
# A running job whose worker has not been heard of for this long is taken to be dead and runs
# again; failed attempts wait JOB_RETRY_SECONDS × attempts² before the next one.
JOB_LEASE_SECONDS = env_int("GONGKAI_JOB_LEASE_SECONDS", 120)
JOB_RETRY_SECONDS = env_int("GONGKAI_JOB_RETRY_SECONDS", 10)

# E-mail for reminders. Without GONGKAI_EMAIL_HOST, mail is printed to the console (development).
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 465)
EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_SSL = EMAIL_PORT == 465
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "gongkai@localhost")
# The date a 县级以上地方人民政府's own annual report is due (MM-DD; UNCONFIRMED, see core.report_due,
# which reads it, as the reader's checks run without Django too); checked here so a bad value stops
# the start with its reason.
env_str("GONGKAI_GOVERNMENT_REPORT_DUE", "03-31")
try:
    government_due()
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None

# Text messages to applicants (applications.sms): a dotted path to a class with send(phone, message);
# the default logs them, gongkai.applications.sms.TencentSms sends through 腾讯云短信.
SMS_PROVIDER = env_str("GONGKAI_SMS_PROVIDER", "gongkai.applications.sms.LoggingSms")
SMS_TENCENT = {
    "SECRET_ID": env_str("GONGKAI_SMS_TENCENT_SECRET_ID", ""),
    "SECRET_KEY": env_str("GONGKAI_SMS_TENCENT_SECRET_KEY", ""),
    "SDK_APP_ID": env_str("GONGKAI_SMS_TENCENT_SDK_APP_ID", ""),
    "SIGN_NAME": env_str("GONGKAI_SMS_TENCENT_SIGN_NAME", ""),
    "TEMPLATE_ID": env_str("GONGKAI_SMS_TENCENT_TEMPLATE_ID", ""),
    "REGION": env_str("GONGKAI_SMS_TENCENT_REGION", "ap-guangzhou"),
    "ENDPOINT": env_str("GONGKAI_SMS_TENCENT_ENDPOINT", "sms.tencentcloudapi.com"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO; only their problems are worth a line.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

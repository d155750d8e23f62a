"""Settings for Cổng, read from the environment (or a `.env` file) with django-environ.

`DJANGO_ENV=development` (the default) just works on a laptop. `DJANGO_ENV=production` refuses to
start without the settings a public server must have, and turns on every secure default.
Every variable is listed in the README.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"


def required_in_production(name, development_default, cast=str):
    """Read `name`; in production mode a missing value stops the server, naming the variable."""
    if name in env.ENVIRON:
        return env.get_value(name, cast=cast)
    if PRODUCTION:
        raise ImproperlyConfigured(f"DJANGO_ENV=production needs the {name} environment variable.")
    return development_default


SECRET_KEY = required_in_production("SECRET_KEY", "django-insecure-development-only-key")
ALLOWED_HOSTS = required_in_production("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], cast=list)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "articles",
    "feedback",
    "stats",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # First of ours, so that even a 400 for a hostile URL answers in the visitor's language.
    "portal.middleware.LanguageFromCookieMiddleware",
    "portal.middleware.RejectControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, after authentication (staff are not counted): it counts the response the view
    # produced, whatever cache served it, and never fails the page.
    "stats.middleware.VisitCountingMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
                "articles.context_processors.menu",
            ],
        },
    },
]

# One PostgreSQL database for everything. Health checks make a restarted server cost no request.
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/cong"),
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if pool_size := env.int("DATABASE_POOL_SIZE", default=0):
    # psycopg 3's pool lives in each gunicorn worker; Django requires CONN_MAX_AGE = 0 with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": pool_size,
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first. English is the second language: a visitor chooses it with the switch in the
# header (Django's set_language view and its cookie); Accept-Language is ignored on purpose
# (portal.middleware.LanguageFromCookieMiddleware).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Uploads: an image larger than this, or with more pixels, is refused with a message.
PORTAL_IMAGE_MAX_BYTES = env.int("PORTAL_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
PORTAL_IMAGE_MAX_PIXELS = env.int("PORTAL_IMAGE_MAX_PIXELS", default=40_000_000)
PORTAL_IMAGE_WIDTHS = [480, 960, 1440]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

PORTAL_SITE_NAME = env.str("PORTAL_SITE_NAME", default="Cổng thông tin điện tử tỉnh Sơn La")
# Absolute address used in feeds, the sitemap and Open Graph tags when no request is at hand.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_ARTICLES_PER_PAGE = 12

# Portal shell: the frame around the content (site settings, menus, banners, lookup links, videos).
# Local memory by default; with several app processes set REDIS_URL (e.g. redis://127.0.0.1:6379/1)
# so that a staff edit, which clears the cached frame, shows in every process at once.
if REDIS_URL := env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cong",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cong"}}
# How long a process may keep the frame without asking again; an edit clears it before that anyway
# (in every process only with a shared cache).
PORTAL_FRAME_CACHE_SECONDS = env.int("PORTAL_FRAME_CACHE_SECONDS", default=300)
# Largest uploaded MP4. nginx's client_max_body_size must allow it too.
PORTAL_VIDEO_MAX_BYTES = env.int("PORTAL_VIDEO_MAX_BYTES", default=200 * 1024 * 1024)
# Hosts (and their sub-domains) the national monitoring script may be loaded from.
PORTAL_MONITORING_SCRIPT_HOSTS = env.list("PORTAL_MONITORING_SCRIPT_HOSTS", default=["gov.vn"])

LOGIN_URL = "admin:login"

# Proxies whose X-Forwarded-For is believed (nginx on the same machine): behind nginx every request
# comes from 127.0.0.1, and the feedback rate limit and the visit statistics must count visitors,
# not the proxy (portal.http.client_ip).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# CKEditor 5: the editor journalists know. Its output is never trusted: articles.models cleans the
# body with nh3 on every save, and uploads go through our own view (random names, re-encoded).
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": [
            "heading", "|", "bold", "italic", "underline", "link", "|",
            "bulletedList", "numberedList", "blockQuote", "insertTable", "|",
            "imageUpload", "mediaEmbed", "|", "removeFormat", "undo", "redo",
        ],
        "image": {
            "toolbar": [
                "imageTextAlternative", "toggleImageCaption", "|",
                "imageStyle:alignLeft", "imageStyle:alignCenter", "imageStyle:alignRight",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        # Only YouTube and Vimeo: the sanitiser drops every other iframe anyway.
        "mediaEmbed": {
            "previewsInData": True,
            "removeProviders": [
                "dailymotion", "spotify", "instagram", "twitter", "googleMaps", "flickr", "facebook",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Heading 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Heading 3", "class": "ck-heading_heading3"},
            ],
        },
    },
}  # fmt: skip
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]

# Security defaults that hold in every mode.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if PRODUCTION:
    # TLS ends at nginx, which sets X-Forwarded-Proto; gunicorn listens on loopback only.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Feedback ---------------------------------------------------------------------------------------
# Reader feedback (the feedback app). Everything from here to the end belongs to it.

# The captcha: five digits, easy to read and to hear in Vietnamese (feedback/captcha.py), with
# 25 minutes to write the message. Never set CAPTCHA_TEST_MODE: tests solve the real challenge.
CAPTCHA_CHALLENGE_FUNCT = "feedback.captcha.digits_challenge"
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 25  # minutes
CAPTCHA_FONT_SIZE = 34
CAPTCHA_LETTER_ROTATION = (-20, 20)
CAPTCHA_2X_IMAGE = False
# espeak-ng reads the challenge aloud in Vietnamese; when it is not installed, no audio link is shown.
FEEDBACK_ESPEAK = env.str("FEEDBACK_ESPEAK", default="espeak-ng")

# Where the email about each new submission goes.
FEEDBACK_STAFF_EMAIL = env.str("FEEDBACK_STAFF_EMAIL", default="gopy@localhost")
# Submissions per visitor (hashed address) per hour.
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=5)
# Public holidays not built into feedback/deadlines.py, e.g. "2027-02-08,2027-02-09".
FEEDBACK_HOLIDAYS = env.list("FEEDBACK_HOLIDAYS", default=[])

# Outgoing mail (SMTP in production). The timeout bounds how long a dead mail server can hold the
# request that sends the staff notification.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Statistics -------------------------------------------------------------------------------------
# Visit statistics (the stats app). The definitions (10-minute article views, 30-minute visits,
# 5 minutes online) are fixed in stats/services.py: they are the published rules, not knobs.

# How long a process may show the same "Thống kê truy cập" figures (three queries to read them).
STATS_BLOCK_CACHE_SECONDS = env.int("STATS_BLOCK_CACHE_SECONDS", default=5)

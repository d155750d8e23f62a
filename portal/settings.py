"""Settings for Cổng, read from the environment (or a `.env` file) with django-environ.

`DJANGO_ENV=development` (the default) just works on a laptop, and refuses to serve any host but this
machine's with DEBUG on or the development SECRET_KEY. `DJANGO_ENV=production` refuses to start
without the settings a public server must have, and turns on every secure default.
Every variable is listed in the README.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.lib.logs import CLIENT_ERROR_LOGGERS

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


# Published with the code: anyone can sign sessions and password-reset links with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105
SECRET_KEY = required_in_production("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = required_in_production("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], cast=list)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)


def is_local_host(host):
    """True for an ALLOWED_HOSTS entry only this machine answers to (".localhost" and its sub-domains)."""
    host = host.lower().rstrip(".")
    return host in {"localhost", "127.0.0.1", "[::1]", "testserver"} or host.endswith(".localhost")


# Fail closed: a public server that forgot DJANGO_ENV=production would otherwise run with the
# development defaults, DEBUG (tracebacks with settings to anyone) and the published SECRET_KEY.
if public_hosts := ", ".join(host for host in ALLOWED_HOSTS if not is_local_host(host)):
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            f"ALLOWED_HOSTS names {public_hosts}, and SECRET_KEY is the development key published with "
            "the code: set SECRET_KEY (and DJANGO_ENV=production on a public server)."
        )
    if DEBUG and not env.bool("DJANGO_ALLOW_DEBUG_ON_PUBLIC_HOSTS", default=False):
        raise ImproperlyConfigured(
            f"ALLOWED_HOSTS names {public_hosts} and DEBUG is on: set DJANGO_ENV=production (DEBUG "
            "is then off), or DEBUG=false; DJANGO_ALLOW_DEBUG_ON_PUBLIC_HOSTS=1 allows DEBUG there on "
            "purpose (a test machine on a private network)."
        )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The project's apps first (their templates and translations win), in the order of their imports:
# docs/architecture.md draws the map.
INSTALLED_APPS = [
    "portal",
    "accounts",
    "caching",
    "articles",
    "frame",
    "search",
    "documents",
    "feedback",
    "agency",
    "stats",
    "compliance",
    # django.contrib.admin, with a site that checks permissions in "view on site" (portal/admin.py).
    "portal.apps.PortalAdminConfig",
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
    "csp",
    "axes",
    # Two-factor sign-in for staff (accounts/twofactor.py): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy and X-Frame-Options on every response, the 400 for a
    # hostile URL included.
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # First of ours, so that even a 400 for a hostile URL answers in the visitor's language.
    "portal.middleware.LanguageFromAddressMiddleware",
    "portal.middleware.RejectControlCharactersMiddleware",
    # Database down: a Vietnamese 503, also for failures in the session and auth middleware below.
    "portal.unavailable.DatabaseUnavailableMiddleware",
    # ETag and 304, outside the counting below: a 304 is counted as the 200 it replaces.
    "django.middleware.http.ConditionalGetMiddleware",
    # Cache-Control, outside sessions, CSRF and messages: it sees every cookie they set.
    "caching.middleware.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, except that a request without a session cookie is anonymous without a session read.
    "accounts.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session was signed in with a one-time code (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Then, before any view, a session that needs a code and gave none is signed out (the admin site
    # lets in only requests this middleware saw).
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Innermost, after authentication (staff are not counted): it counts the response the view
    # produced, whatever cache served it, and never fails the page.
    "stats.middleware.VisitCountingMiddleware",
    # Last, as django-axes requires: it turns a refused admin login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "frame.context_processors.site",
                "frame.context_processors.menu",
            ],
        },
    },
]

# One PostgreSQL database for everything. Health checks make a restarted server cost no request.
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/cong"),
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The search's statement is prepared once per connection (search/query.py: the one cursor that binds
# its values on the server; Django's own never prepare, so nothing else changes) and still planned for
# the words of each search.
_database_options = DATABASES["default"].setdefault("OPTIONS", {})
_database_options["prepare_threshold"] = 0
_database_options["options"] = (
    f"{_database_options.get('options', '')} -c plan_cache_mode=force_custom_plan".strip()
)
# A gunicorn worker keeps its connection (opening one costs more than most pages); runserver's
# threads and the tests open one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600 if PRODUCTION else 0)
if pool_size := env.int("DATABASE_POOL_SIZE", default=0):
    # psycopg 3's pool lives in each gunicorn worker; Django requires CONN_MAX_AGE = 0 with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": pool_size,
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, at the addresses it always had; English is the second language, under /en/
# (portal/urls.py). The address alone decides: no cookie, and Accept-Language is ignored on purpose
# (portal.middleware.LanguageFromAddressMiddleware); the language cookie older switches set is read
# by nothing and set no more (portal.views.set_language).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Sections written in Vietnamese alone (URL namespaces or view names): their English addresses lead
# to the Vietnamese pages, which name no English version (portal.lib.languages.vietnamese_only).
PORTAL_VIETNAMESE_ONLY = ["documents", "feedback:answers"]
# The portal's own catalogue (`make messages` keeps it), then Vietnamese for libraries that lack it.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "portal" / "vendor_locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# `manage.py backup` writes one archive (database dump and media) here and keeps the newest BACKUP_KEEP.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
STORAGES = {
    # Uploads: MEDIA_ROOT, or the S3-compatible bucket below. Both leave no half-written file on a
    # failed write and serve only image, MP4, WebVTT and attached-document types (portal/lib/storage.py).
    "default": {"BACKEND": "portal.lib.storage.MediaFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# S3-compatible media (AWS S3, MinIO, a Vietnamese cloud's object storage) so that several app
# servers share one set of uploads: on when AWS_STORAGE_BUCKET_NAME is set. django-storages reads
# these when it creates the storage. News images are public, so the bucket is public-read (a bucket
# policy; objects get no ACL unless AWS_DEFAULT_ACL asks for one) and addresses are unsigned: pages
# and the renditions cache keep them for hours, and a signed address would expire meanwhile.
if AWS_STORAGE_BUCKET_NAME := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {"BACKEND": "portal.lib.storage.MediaS3Storage"}
    # Empty values fall back to django-storages' and boto3's own defaults (AWS itself, the
    # credentials of the machine's role).
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
    # "path" for servers without bucket sub-domains (MinIO); empty: boto3 chooses.
    AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="") or None
    # A CDN in front of the bucket (e.g. media.sonla.gov.vn): media addresses use it.
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    # Only for providers without bucket policies: "public-read".
    AWS_DEFAULT_ACL = env.str("AWS_DEFAULT_ACL", default="") or None
    AWS_QUERYSTRING_AUTH = False
    # Stored names are random and never rewritten: a file is never replaced, so it can be cached
    # for a year by browsers and the CDN.
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}

# Uploads: an image larger than this, or with more pixels, is refused with a message.
PORTAL_IMAGE_MAX_BYTES = env.int("PORTAL_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
PORTAL_IMAGE_MAX_PIXELS = env.int("PORTAL_IMAGE_MAX_PIXELS", default=40_000_000)
PORTAL_IMAGE_WIDTHS = [480, 960, 1440]
# Attached files (portal/lib/files.py: PDF, Word, Excel, OpenDocument, ZIP): the largest of each type, in
# MB (PORTAL_FILE_MAX_MB_PDF=…); nginx's client_max_body_size must allow the largest.
PORTAL_FILE_MAX_MB = {
    extension: env.int(f"PORTAL_FILE_MAX_MB_{extension.upper()}", default=default)
    for extension, default in {
        "pdf": 30, "doc": 20, "docx": 20, "xls": 20, "xlsx": 20, "odt": 20, "ods": 20, "zip": 50,
    }.items()
}  # fmt: skip
# A PDF of more pages is refused (a scanned 200-page file is a planning annex, not a document to read
# in the browser, and its text would be cut anyway).
PORTAL_PDF_MAX_PAGES = env.int("PORTAL_PDF_MAX_PAGES", default=150)
# ZIP packages (ZIP, and DOCX, XLSX, ODT, ODS inside): refused when they would unpack to more than this
# many MB in all, or to more than PORTAL_ZIP_MAX_RATIO times their packed size (a zip bomb).
PORTAL_ZIP_MAX_UNPACKED_MB = env.int("PORTAL_ZIP_MAX_UNPACKED_MB", default=200)
PORTAL_ZIP_MAX_RATIO = env.int("PORTAL_ZIP_MAX_RATIO", default=100)
PORTAL_ZIP_MAX_ENTRIES = env.int("PORTAL_ZIP_MAX_ENTRIES", default=5000)
# The text kept of each PDF or DOCX for search: its first this many characters (a 60-page decree).
PORTAL_FILE_TEXT_MAX_CHARS = env.int("PORTAL_FILE_TEXT_MAX_CHARS", default=100_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads are public, and nginx (www-data, another user) reads them by their mode: never through a
# group it would share with the service, which reads /etc/cong/env (deploy/tmpfiles.d/cong.conf).
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755

PORTAL_SITE_NAME = env.str("PORTAL_SITE_NAME", default="Cổng thông tin điện tử tỉnh Sơn La")
# Absolute address used in feeds, the sitemap and Open Graph tags when no request is at hand.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# The shared cache (sessions with Redis, anything every process must agree on). Local memory by
# default, which is per process; with several app servers set REDIS_URL (e.g.
# redis://127.0.0.1:6379/1) and every process shares Django's Redis cache. CACHE_KEY_PREFIX keeps two
# sites (or a test) apart on one Redis database.
if REDIS_URL := env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cong"),
        }
    }
    # Sessions are read from Redis and written to both Redis and PostgreSQL: a login on one app
    # server holds on every other, and a Redis restart, flush or eviction logs nobody out (the
    # session is read again from PostgreSQL). A cache-only session would be lost with the cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cong"}}
# Stored pages, template fragments, image renditions and the statistics block's figures live in each
# process's own memory. Pages and fragments are keyed by the content generation (caching/generation.py):
# a staff edit changes the keys in every process at once, so no shared cache is needed for freshness.
# The lifetime only bounds memory.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "cong-fragments",
    # Pages are stored compressed (caching/pagecache.py, about 6 KB each): 3 000 entries stay well
    # under 50 MB per worker.
    "OPTIONS": {"MAX_ENTRIES": env.int("PORTAL_FRAGMENT_CACHE_ENTRIES", default=3000)},
}
PORTAL_FRAGMENT_CACHE_SECONDS = env.int("PORTAL_FRAGMENT_CACHE_SECONDS", default=600)
# How long nginx or a CDN may keep a public page for a reader (`Cache-Control: public, max-age=0,
# s-maxage`, caching/middleware.py): as far behind as the stored pages may be (a minute). Browsers
# ask again every time (max-age=0), so every view they show is still counted.
PORTAL_SHARED_CACHE_SECONDS = env.int("PORTAL_SHARED_CACHE_SECONDS", default=60)
# Largest uploaded MP4. nginx's client_max_body_size must allow it too.
PORTAL_VIDEO_MAX_BYTES = env.int("PORTAL_VIDEO_MAX_BYTES", default=200 * 1024 * 1024)
# Hosts (and their sub-domains) the national monitoring script may be loaded from.
PORTAL_MONITORING_SCRIPT_HOSTS = env.list("PORTAL_MONITORING_SCRIPT_HOSTS", default=["gov.vn"])

LOGIN_URL = "admin:login"

# Proxies whose X-Forwarded-For is believed (nginx on the same machine): behind nginx every request
# comes from 127.0.0.1, and the feedback rate limit and the visit statistics must count visitors,
# not the proxy (portal.lib.http.client_ip).
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
        # Titles in the staff's language (gettext_lazy: the widget writes its settings as JSON per request).
        "heading": {
            "options": [
                {"model": "paragraph", "title": _("Paragraph"), "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": _("Heading 2"), "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": _("Heading 3"), "class": "ck-heading_heading3"},
            ],
        },
        # The GPL licence shows CKEditor's logo in the editor; its words, "Powered by", are ours to say.
        "ui": {"poweredBy": {"label": _("Editor:")}},
        # What screen readers announce for the editing area (CKEditor's default names its root, "main").
        "label": _("Text, as readers will read it"),
    },
}  # fmt: skip
# The editing area in the public site's typography (generated from site.css by scripts/editor_css.py).
CKEDITOR_5_CUSTOM_CSS = "portal/css/editor-content.css"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]

# Security defaults that hold in every mode.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (the public site keeps none): a forgotten login on a shared office computer
# ends with the browser, and after a working day at the latest.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Content-Security-Policy (django-csp), the public pages' policy: no inline script or style anywhere,
# scripts only from this site and the national monitoring hosts (each with its sub-domains), frames
# only from the video players that frame.videos and the article sanitiser (portal.lib.html) embed.
# Images may come from any https host: article bodies may show https images from other sites
# (portal.lib.html allows them) and the badge's host is set by a superuser; an image cannot run code.
# portal.middleware.SecurityHeadersMiddleware adds the origins of an absolute MEDIA_URL or STATIC_URL
# (S3, a CDN) and, on admin pages only, PORTAL_ADMIN_CSP_ADDITIONS.
PORTAL_CSP_FRAME_SOURCES = env.list(
    "PORTAL_CSP_FRAME_SOURCES",
    default=["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
)
_MONITORING_SOURCES = [
    source for host in PORTAL_MONITORING_SCRIPT_HOSTS for source in (f"https://{host}", f"https://*.{host}")
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_MONITORING_SOURCES],
        # The monitoring script reports to its own hosts.
        "connect-src": ["'self'", *_MONITORING_SOURCES],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-src": PORTAL_CSP_FRAME_SOURCES,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# CKEditor 5 positions its toolbars and balloons with inline styles and shows pasted or uploading
# images as data: and blob: addresses; staff pages only, scripts stay as strict as on public pages.
PORTAL_ADMIN_CSP_ADDITIONS = {"style-src": ["'unsafe-inline'"], "img-src": ["data:", "blob:"]}
# Browser features the portal never uses, refused for the page and every frame in it. Video players
# keep what they need (fullscreen, autoplay, picture-in-picture: the browsers' defaults).
PORTAL_PERMISSIONS_POLICY = env.list(
    "PORTAL_PERMISSIONS_POLICY",
    default=[
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
    ],
)  # fmt: skip

# Admin login abuse (django-axes, with accounts.login's handler): 5 wrong passwords for one username
# from one network lock that pair out for an hour; a successful login starts the count again.
# Username and network together: by network alone, one attacker behind an office's shared address
# would lock out the whole office. A network is an IPv4 address or an IPv6 /64, as for the feedback
# limit (portal.lib.http.client_network): every home line has a /64 to rotate through. And 30 wrong
# passwords for one username from any networks lock the username itself out for the hour, so many
# networks cannot try 5 passwords each (anyone who knows a username can lock it that way: the price
# of the limit, and `manage.py axes_reset_username <name>` unlocks). `manage.py axes_reset` unlocks all.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=60) / 60  # hours, as axes reads a float
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.login.AxesLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The visitor's network (X-Forwarded-For from nginx only), stored in axes' ip_address column.
AXES_CLIENT_IP_CALLABLE = "portal.lib.http.client_network"
AXES_USERNAME_CALLABLE = "accounts.login.axes_username"
# No "AXES: BEGIN ..." banner on stderr at every start and management command.
AXES_VERBOSE = False

# Two-factor sign-in (accounts/twofactor.py): after the password, staff give a code from an authenticator
# app (TOTP) or a recovery code; a wrong code counts as a failed login above. Administrators and editors
# must set one up at their first sign-in; journalists too, unless STAFF_2FA_JOURNALISTS=false (say, while
# a newsroom without work phones gets them). Whoever has set one up is always asked for a code.
STAFF_2FA_JOURNALISTS = env.bool("STAFF_2FA_JOURNALISTS", default=True)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = PORTAL_SITE_NAME
# django-otp's device admins are not used (accounts/admin.py); should one come back, it hides the secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

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

# A request the client got wrong (a 4xx, a SuspiciousOperation) logs one short line, without the
# traceback Django attaches: a flood of hostile requests must not fill the disk (portal/lib/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "portal.lib.logs.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors_on_one_line"]},
    },
    "loggers": {name: {"filters": ["client_errors_on_one_line"]} for name in CLIENT_ERROR_LOGGERS},
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
# Audio readings of the captcha per visitor (network) per 10 minutes; past it, a 429. nginx limits
# them too (deploy/nginx/cong.conf).
FEEDBACK_AUDIO_RATE_LIMIT = env.int("FEEDBACK_AUDIO_RATE_LIMIT", default=10)

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
# 5 minutes online) are fixed in stats/definitions.py: they are the published rules, not knobs.

# How long a process may show the same "Thống kê truy cập" figures (one statement and one Redis round
# trip to read them; exact when read: PostgreSQL's plus what waits in Redis). 2 s: a page nginx keeps
# for 3 s (deploy/nginx/cong.conf) then shows figures at most 5 s old.
STATS_BLOCK_CACHE_SECONDS = env.int("STATS_BLOCK_CACHE_SECONDS", default=2)
# Counting in Redis (stats/backends/redis.py): no SQL per page view; `manage.py stats_flush` (a long-running
# loop, every 5 seconds) moves the counts to PostgreSQL. Defaults to REDIS_URL; empty: every page view is
# counted in PostgreSQL directly. A URL with its own database number (…/2) keeps the counters out of the
# cache's way (a cache flush must never drop counts not flushed yet).
STATS_REDIS_URL = env.str("STATS_REDIS_URL", default=REDIS_URL)
# How long a process may show the same article view count ("Lượt xem", articles/holes.py). With the
# counts in Redis it moves only at each flush (5 s): kept 2 s, it costs no query on most pages and is
# at most 7 s old (10 s in a page nginx keeps 3 s, as before the edge). Without Redis every view is in
# PostgreSQL at once, and shown at once: 0.
ARTICLE_VIEW_COUNT_SECONDS = env.int("ARTICLE_VIEW_COUNT_SECONDS", default=2 if STATS_REDIS_URL else 0)
# Every statistics key in Redis starts with this (tests and several sites on one Redis use their own).
STATS_REDIS_PREFIX = env.str("STATS_REDIS_PREFIX", default="cong:stats:")

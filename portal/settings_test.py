"""Test settings: the real PostgreSQL and the real code paths, with a few overrides, each explained."""

import tempfile

from portal.settings import *  # noqa: F403

# Fast hashing: tests log users in hundreds of times; the algorithm itself is Django's concern.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploaded files go to a throw-away folder, never into the developer's var/media.
MEDIA_ROOT = tempfile.mkdtemp(prefix="cong-test-media-")
# ... and never into a bucket, even when the developer's .env names one (tests/portal/test_s3_storage.py
# runs its own S3 server).
STORAGES = {**STORAGES, "default": {"BACKEND": "portal.lib.storage.MediaFileSystemStorage"}}  # noqa: F405
# Outgoing mail is collected in django.core.mail.outbox so tests can read it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run with the development defaults whatever the developer's shell exports.
DEBUG = False
# No collectstatic before tests: WhiteNoise finds static files in the apps, as under runserver.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Several test runs can share one PostgreSQL server (developers running suites side by side).
if test_database := env.str("TEST_DATABASE_NAME", default=""):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": test_database}  # noqa: F405
# Tests never share a cache with anything else (tests/conftest.py clears it around every test), even
# when the developer's shell exports REDIS_URL.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "fragments": CACHES["fragments"],  # noqa: F405 - the process's own memory, as in production
}
# Page views are counted in PostgreSQL unless a test asks for Redis (tests/stats/test_buffer.py), even
# when the developer's shell exports REDIS_URL.
STATS_REDIS_URL = ""

"""The benchmark's settings: production's (DJANGO_ENV=production in the runner), plus the baseline's URLs."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.urls"

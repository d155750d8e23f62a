"""The settings switch to Redis (cache, sessions, counting) from the environment alone."""

import json
import os
import subprocess
import sys

import pytest

from tests.faults.test_database_restart import PROJECT

SHOW = (
    "from django.conf import settings as s; import json; "
    "print(json.dumps([s.CACHES['default'], s.SESSION_ENGINE, s.STATS_REDIS_URL, s.STATS_REDIS_PREFIX]))"
)


def settings_with(**variables):
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("REDIS_", "STATS_", "CACHE_"))
    }
    # REDIS_URL set, even empty, so that a developer's .env cannot set it behind the test's back.
    env = {**clean, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_ENV": "development", "REDIS_URL": ""}
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        (
            {},
            ["locmem.LocMemCache", "sessions.backends.db", "", "cong:stats:"],
        ),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/1", "CACHE_KEY_PREFIX": "son-la"},
            ["redis.RedisCache", "sessions.backends.cached_db", "redis://127.0.0.1:6379/1", "cong:stats:"],
        ),
        (
            {
                "REDIS_URL": "redis://r:6379/1",
                "STATS_REDIS_URL": "redis://r:6379/2",
                "STATS_REDIS_PREFIX": "x:",
            },
            ["redis.RedisCache", "sessions.backends.cached_db", "redis://r:6379/2", "x:"],
        ),
    ],
)
def test_redis_url_switches_the_cache_the_sessions_and_the_counting(variables, expected):
    cache, sessions, stats_url, stats_prefix = settings_with(**variables)
    assert cache["BACKEND"].endswith(expected[0])
    assert cache.get("KEY_PREFIX") == variables.get("CACHE_KEY_PREFIX", "cong" if variables else None)
    assert sessions.endswith(expected[1])
    assert [stats_url, stats_prefix] == expected[2:]

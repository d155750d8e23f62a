import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "Xy7-!a9Qz" * 5,
    "ALLOWED_HOSTS": "cong.sonla.gov.vn",
}


def manage(*args, **environment):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_mode_refuses_to_start_without_a_required_variable(missing):
    environment = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert f"needs the {missing} environment variable" in result.stderr


def test_an_unknown_mode_is_refused():
    result = manage("check", DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV must be" in result.stderr


def test_development_mode_needs_no_configuration():
    result = manage("check")
    assert result.returncode == 0, result.stderr


def test_production_mode_sets_secure_cookies_hsts_and_the_login_rules():
    shown = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
    shown += [
        "SECURE_HSTS_SECONDS",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "X_FRAME_OPTIONS",
        "SESSION_COOKIE_AGE",
    ]
    script = f"from django.conf import settings; print([getattr(settings, n) for n in {shown!r}])"
    result = manage("shell", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(
        [True, True, True, 31_536_000, "same-origin", "DENY", 8 * 3600]
    )


PUBLIC_SECRET_KEY = PRODUCTION["SECRET_KEY"]


def test_development_mode_refuses_a_public_host_with_debug_on():
    """A production server that forgot DJANGO_ENV=production must not run with DEBUG on."""
    result = manage("check", ALLOWED_HOSTS="cong.sonla.gov.vn", SECRET_KEY=PUBLIC_SECRET_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS names cong.sonla.gov.vn and DEBUG is on" in result.stderr
    assert "DJANGO_ENV=production" in result.stderr and "DJANGO_ALLOW_DEBUG_ON_PUBLIC_HOSTS" in result.stderr


@pytest.mark.parametrize("mode", [{}, {"DJANGO_ENV": "production"}, {"DEBUG": "false"}])
def test_the_published_development_secret_key_is_refused_for_a_public_host_in_any_mode(mode):
    development_key = "django-insecure-development-only-key"
    allowed = {"DJANGO_ALLOW_DEBUG_ON_PUBLIC_HOSTS": "1"}
    result = manage(
        "check", ALLOWED_HOSTS="localhost,cong.sonla.gov.vn", SECRET_KEY=development_key, **mode, **allowed
    )
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr
    assert "ALLOWED_HOSTS names cong.sonla.gov.vn," in result.stderr


def test_debug_on_a_public_host_runs_only_when_the_operator_says_so():
    environment = {"ALLOWED_HOSTS": "192.168.1.20", "SECRET_KEY": PUBLIC_SECRET_KEY}
    result = manage("check", **environment, DJANGO_ALLOW_DEBUG_ON_PUBLIC_HOSTS="1")
    assert result.returncode == 0, result.stderr
    assert manage("check", **environment, DEBUG="false").returncode == 0


def test_local_host_names_keep_the_development_defaults():
    local = "localhost,127.0.0.1,[::1],testserver,.localhost,cong.localhost"
    result = manage("check", ALLOWED_HOSTS=local)
    assert result.returncode == 0, result.stderr

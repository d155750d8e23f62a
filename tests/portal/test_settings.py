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
    shown = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
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
        [True, True, True, True, 31_536_000, "same-origin", "DENY", 8 * 3600]
    )

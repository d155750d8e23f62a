"""A hostile request logs one short line: never a traceback, never the client's control characters raw."""

import logging

import pytest

from portal.lib.logs import MAX_LENGTH

pytestmark = pytest.mark.django_db


def records(caplog, prefix):
    return [record for record in caplog.records if record.name.startswith(prefix)]


def test_a_control_character_url_logs_one_line_without_a_traceback(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/bai-viet/a%01b%0a2026-12-01 WARNING forged line/")
    assert response.status_code == 400
    [record] = records(caplog, "django.request")
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert (
        record.getMessage()
        == "Control characters in the URL: /bai-viet/a\\x01b\\n2026-12-01 WARNING forged line/"
    )
    assert "Traceback" not in caplog.text
    assert len(caplog.text.strip().splitlines()) == 1


def test_a_forged_host_logs_one_line_at_error_without_a_traceback(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    [record] = records(caplog, "django.security")
    assert record.name == "django.security.DisallowedHost"
    assert record.exc_info is None and "Traceback" not in caplog.text
    assert "evil.example" in record.getMessage()


def test_a_huge_hostile_path_is_cut_and_a_404_has_no_traceback_either(client, caplog):
    with caplog.at_level(logging.INFO):
        assert client.get("/khong-co/" + "x" * 5000 + "/").status_code == 404
    [record] = records(caplog, "django.request")
    assert record.exc_info is None
    assert len(record.getMessage()) == MAX_LENGTH


def test_a_server_error_keeps_its_traceback(caplog):
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("a bug of ours")
    except ValueError:
        logger.error("Internal Server Error: /", exc_info=True, extra={"status_code": 500})
    [record] = records(caplog, "django.request")
    assert record.exc_info is not None

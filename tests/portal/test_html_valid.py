"""Every kind of public page is valid HTML for the Nu HTML Checker (vnu), the validator of the W3C.

The pages are those of the guard tests (tests/test_guards.py: the whole frame around every kind of
page, in Vietnamese and in English), plus an article that plays a video, the feedback form with its
captcha, and the admin's sign-in page. vnu is a Java program, and the JVM takes seconds to start: all
pages are written to files and checked in one run. Provisioning installs it (`scripts/provision.sh
vnu`: vnu-jar from npm into var/node/vnu, with Debian's Java).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests import test_guards
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[2] / "var/node/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
VIDEO_BODY = (
    "<p>Lễ hội Hoa Ban được tổ chức tại thành phố Sơn La.</p>"
    '<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" title="Lễ hội Hoa Ban" '
    'width="560" height="315" allowfullscreen></iframe>'
)

# The guard tests' pages, as fixtures of this module too.
public_urls = test_guards.public_urls
english_urls = test_guards.english_urls


def vnu_errors(files):
    """{file name: [message]} of vnu's errors over `files`, in one run of the checker."""
    assert VNU.exists(), f"{VNU} is missing: run `scripts/provision.sh vnu`"
    java = shutil.which("java")
    assert java, "java is missing: run `scripts/provision.sh java`"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stdout)
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "?").removeprefix("file:")).name
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(
            f"{where}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    return errors


def test_every_public_page_type_is_valid_html(client, public_urls, english_urls, tmp_path):
    video = ArticleFactory(title="Video: Lễ hội Hoa Ban Sơn La", body=VIDEO_BODY)
    urls = [*public_urls, *english_urls, video.get_absolute_url(), reverse("admin:login")]
    files = {}
    for number, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code in {200, 404}, (url, response.status_code)
        path = tmp_path / f"page-{number:02d}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    errors = vnu_errors([tmp_path / name for name in files])
    report = [f"{files.get(name, name)}: {line}" for name, lines in sorted(errors.items()) for line in lines]
    assert not report, "\n".join(report)


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text(
        '<!DOCTYPE html><html lang="vi"><head><title>x</title></head><body>'
        '<time datetime="2026-12-01T14:09:46.227782+07:00">1/12</time></body></html>'
    )
    errors = vnu_errors([page])
    assert list(errors) == ["invalid.html"]
    assert "datetime" in errors["invalid.html"][0]

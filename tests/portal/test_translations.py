import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]
# Every app of the project (whatever apps come later), the templates and the catalogue.
APP_FOLDERS = [
    *(Path(app.path).name for app in apps.get_app_configs() if Path(app.path).parent == ROOT),
    "templates",
    "locale",
]


def untranslated_entries(po_text):
    """msgids whose translation is empty or marked fuzzy (compilemessages ignores both)."""
    problems = []
    for entry in po_text.split("\n\n")[1:]:
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)? ?"(.*)"$', entry.split("msgstr")[0], re.M))
        translations = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M)
        empty = not translations or any(not "".join(re.findall(r'"(.*)"', t)) for t in translations)
        if "#, fuzzy" in entry or (empty and not entry.lstrip().startswith("#~")):
            problems.append(msgid)
    return problems


def test_every_ui_string_in_the_code_is_translated_to_vietnamese(tmp_path):
    """Extract the strings afresh, as `make messages` would, and find every one translated."""
    for folder in APP_FOLDERS:
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    catalogue = (tmp_path / "locale/vi/LC_MESSAGES/django.po").read_text()
    assert untranslated_entries(catalogue) == []


def test_the_server_error_page_is_vietnamese_without_any_context():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Lỗi máy chủ" in html
    assert 'lang="vi"' in html

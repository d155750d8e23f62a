"""The documentation holds together: README.md is a front page, and what the docs point to exists.

Links and images (with their #anchors), repository paths and dotted names written in `code`, and
the environment variables of docs/configuration.md are checked against the tree, so a file moved or
renamed in the code fails here until the docs follow.
"""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
README_MAX_LINES = 200

FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# Folders of the repository whose files the docs may name; var/ is made at run time.
TOP_FOLDERS = ("portal", "accounts", "caching", "articles", "frame", "feedback", "stats", "tests")
REPOSITORY_PATH = re.compile(
    rf"^(?:(?:{'|'.join(TOP_FOLDERS)}|deploy|scripts|templates|locale|docs)/[\w./-]*"
    r"|Makefile|pyproject\.toml|manage\.py|\.ci/run)$"
)
DOTTED_NAME = re.compile(rf"^(?:{'|'.join(TOP_FOLDERS[:-1])})(?:\.\w+)+$")
PERMISSION = re.compile(r"^\w+\.(?:add|change|delete|view|submit|review|publish)_\w+$")
# Where the portal reads its environment: the settings, the apps, the deploy files and tools.
ENVIRONMENT_SOURCES = [*TOP_FOLDERS[:-1], "deploy", "scripts", "tests/benchmarks"]
ENVIRONMENT_READ = re.compile(
    r"(?:env\.[a-z_]+|required_in_production|os\.environ\.get|os\.getenv)\(\s*\"([A-Z][A-Z0-9_]*)\"",
    re.DOTALL,
)
COMMAND_WORDS = (
    "make ", "python", ".venv/", "manage.py", "pytest", "./", "sudo ", "apt-get", "git ", "cong ",
    "systemctl", "ruff", "pip ",
)  # fmt: skip


def prose(text):
    """The text without its fenced code blocks (links and headings there are not links or headings)."""
    return FENCE.sub("", text)


def code_spans(text):
    return [match[2].strip() for match in CODE_SPAN.finditer(prose(text))]


def links(text):
    """Targets of the links and images of a page, outside code."""
    return [match[1] for match in LINK.finditer(CODE_SPAN.sub("", prose(text)))]


def anchor_of(heading):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path):
    found, seen = set(), {}
    for heading in HEADING.findall(prose(path.read_text())):
        anchor = anchor_of(heading)
        found.add(anchor if anchor not in seen else f"{anchor}-{seen[anchor]}")
        seen[anchor] = seen.get(anchor, 0) + 1
    return found


def page_id(path):
    return str(path.relative_to(ROOT))


def test_the_readme_is_a_front_page_of_at_most_200_lines():
    assert len(README.read_text().splitlines()) <= README_MAX_LINES


def commands_in_order(text):
    """Every command of a page — a line of a code block or a code span that starts with a command
    word, its comment left out — in the order a reader meets them."""
    found = [(block.start(), line) for block in FENCE.finditer(text) for line in block[0].splitlines()[1:-1]]
    # Code spans outside blocks, at their place in the page (blocks blanked out, not removed).
    blanked = FENCE.sub(lambda block: " " * len(block[0]), text)
    found += [(span.start(), span[2]) for span in CODE_SPAN.finditer(blanked)]
    commands = [command.removeprefix("$ ").split(" #")[0].strip() for _, command in sorted(found)]
    return [command for command in commands if command.startswith(COMMAND_WORDS)]


def test_the_readme_shows_make_run_and_make_test_before_any_other_command():
    assert commands_in_order(README.read_text())[:2] == ["make run", "make test"]


def test_the_readme_shows_the_home_page_and_links_to_every_doc():
    targets = set(links(README.read_text()))
    assert "docs/images/home.png" in targets
    assert {f"docs/{path.name}" for path in DOCS.glob("*.md")} <= {target.split("#")[0] for target in targets}


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_relative_link_and_image_points_to_a_file_and_heading_that_exist(path):
    broken = []
    for target in links(path.read_text()):
        if re.match(r"^[a-z][a-z+.-]*:", target):  # https:, mailto:
            continue
        name, _, anchor = target.partition("#")
        linked = (path.parent / name).resolve() if name else path
        missing_heading = anchor and linked.suffix == ".md" and anchor not in anchors(linked)
        if not linked.exists() or missing_heading:
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_repository_path_named_in_code_exists(path):
    named = [span.split("::")[0] for span in code_spans(path.read_text())]
    missing = [
        name
        for name in named
        if REPOSITORY_PATH.match(name) and not any(c in name for c in "*<…") and not (ROOT / name).exists()
    ]
    assert missing == []


def resolves(dotted):
    """Whether `dotted` names a module of the project, or something defined in one."""
    parts = dotted.split(".")
    for length in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:length]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[length:]:
            if not hasattr(value, attribute):
                return False
            value = getattr(value, attribute)
        return True
    return False


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_dotted_name_of_the_project_named_in_code_exists(path):
    names = [re.sub(r"\(.*\)$", "", span) for span in code_spans(path.read_text())]
    missing = [
        name
        for name in names
        if DOTTED_NAME.match(name) and not PERMISSION.match(name) and not resolves(name)
    ]
    assert missing == []


def environment_read():
    names = set()
    for folder in ENVIRONMENT_SOURCES:
        for source in (ROOT / folder).rglob("*.py"):
            if "migrations" not in source.parts:
                names.update(ENVIRONMENT_READ.findall(source.read_text()))
    return names


def test_every_environment_variable_the_code_reads_is_in_the_configuration_table():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", (DOCS / "configuration.md").read_text()))
    assert len(environment_read()) > 50  # not vacuous: the settings alone read more
    assert sorted(environment_read() - documented) == []


def test_every_variable_in_the_configuration_table_is_read_somewhere():
    table = [line for line in (DOCS / "configuration.md").read_text().splitlines() if line.startswith("| `")]
    listed = {name for line in table for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1])}
    sources = [
        path
        for folder in [*ENVIRONMENT_SOURCES, "tests", ".ci"]
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".sh", ".conf", ".service", ".lua", ""}
    ]
    text = "\n".join(
        path.read_text(errors="replace") for path in [*sources, ROOT / "Makefile", ROOT / "manage.py"]
    )
    assert sorted(name for name in listed if name not in text) == []


def test_every_picture_in_docs_images_is_shown_by_a_page():
    shown = {(page.parent / target).resolve() for page in PAGES for target in links(page.read_text())}
    assert sorted(path.name for path in (DOCS / "images").glob("*.png") if path.resolve() not in shown) == []

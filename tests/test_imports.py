"""The app map of docs/architecture.md, enforced: who may import whom, and no import circles.

Imports are read from the source with `ast` (every `import` and `from … import`, at the top of a
module or inside a function alike: a function-level import is still a dependency). Migrations are
left out: they are history and name the functions their fields used, wherever those live now.
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]

# app: the project apps it may import. docs/architecture.md explains each line.
ALLOWED = {
    "portal": set(),
    "accounts": {"portal"},
    "caching": {"portal"},
    "articles": {"portal", "accounts", "caching"},
    "frame": {"portal", "accounts", "caching", "articles"},
    # The site search writes the rows of articles and static pages itself: those apps know nothing of it.
    "search": {"portal", "accounts", "caching", "articles", "frame"},
    # articles only to find the articles that cite a document (documents/citations.py); search to
    # write its rows in the site search (documents/indexing.py).
    "documents": {"portal", "accounts", "caching", "articles", "search"},
    "feedback": {"portal", "accounts", "caching", "articles", "frame", "documents", "search"},
    "stats": {"portal", "accounts", "caching", "articles", "frame", "documents"},
    # The organisation and the schedule: the frame for its lookup links (agency/demo.py), search to
    # write its rows.
    "agency": {"portal", "accounts", "caching", "articles", "frame", "search"},
    # The dashboard reads articles and the frame; the newer apps' sections it finds, as the sitemap
    # finds theirs (compliance/dashboard.py), and imports none.
    "compliance": {"portal", "accounts", "caching", "articles", "frame"},
}


def project_apps():
    return sorted(Path(app.path).name for app in apps.get_app_configs() if Path(app.path).parent == ROOT)


def modules():
    """{dotted module name: path} of the project's own code, tests and migrations left out."""
    found = {}
    for app in project_apps():
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).with_suffix("")
            if "migrations" in relative.parts:
                continue
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            found[".".join(parts)] = path
    return found


def imports_of(name, path, known):
    """The project modules `name` imports (a package's module where `from package import module`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {target for target in targets if target.split(".")[0] in ALLOWED and target != name}


def graph():
    known = modules()
    return {name: imports_of(name, path, known) & set(known) for name, path in known.items()}


def test_every_project_app_has_a_line_in_the_map():
    assert set(project_apps()) == set(ALLOWED)


def test_no_app_imports_one_it_may_not():
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if target.split(".")[0] != name.split(".")[0]
        and target.split(".")[0] not in ALLOWED[name.split(".")[0]]
    )
    assert wrong == []


def test_no_module_of_the_project_is_in_an_import_circle():
    edges = graph()
    index, low, on_stack, stack, circles = {}, {}, set(), [], []

    def visit(node):  # Tarjan: each strongly connected component of more than one module is a circle
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert circles == []


def test_the_guard_sees_imports_written_every_way():
    """Not vacuous: the reader finds top-level, function-level, relative and `from package import module`."""
    edges = graph()
    assert "caching.generation" in edges["articles.apps"]  # inside ready()
    assert "stats.backends.redis" in edges["stats.counting"]  # from stats.backends import redis
    assert "frame.models" in edges["frame.data"]

"""`make audit`: Lighthouse (mobile) on each kind of public page of the demo data, with thresholds.

1. Creates the audit database when it is missing (AUDIT_DATABASE, default cong_audit, on the server
   of DATABASE_URL), migrates it and loads the demo data into it, with its own media directory
   (var/audit/media).
2. Serves it with Django's development server on loopback: it serves the static files and the media
   itself, as `make run` does. Bare gunicorn in production mode would not serve the media (nginx's
   job), and every image would be a 404 (docs/performance.md).
3. Runs the Lighthouse that provisioning installed in var/node/lighthouse with Debian's Chromium,
   once per page (tests/audit/pages.py), mobile profile with its simulated throttling.
4. Prints the four scores and FCP, LCP, TBT and CLS of each page, and exits 1 when a score is below
   its threshold: performance 95, accessibility, best practices and SEO 100. SEO is not counted on
   pages that say noindex (search results).

The reports are kept in var/audit/<page>.json. Environment: AUDIT_DATABASE, AUDIT_PORT (8765),
AUDIT_PAGES (names, comma-separated: only these), AUDIT_CPU_SLOWDOWN (Lighthouse's CPU
throttling, default 4: its simulated phone is a machine with a benchmark index of about 1 500 slowed
down 4 times; the table prints the index it measured).
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "audit"
PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "var" / "node" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = [
    ("FCP", "first-contentful-paint", 1000, "s"),
    ("LCP", "largest-contentful-paint", 1000, "s"),
    ("TBT", "total-blocking-time", 1, "ms"),
    ("CLS", "cumulative-layout-shift", None, ""),
]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def audit_environment():
    """The environment of every command: DATABASE_URL pointing at the audit database."""
    resolved = subprocess.run(
        [PYTHON, "scripts/pg_database.py", "resolve"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.rstrip("\n")
    url = resolved.split("\t")[4]
    base, _, _name = url.rpartition("/")
    database = os.environ.get("AUDIT_DATABASE", "cong_audit")
    # Development mode (DEBUG on, the development SECRET_KEY), as `make run`; the audit's own media.
    environment = {**os.environ, "DATABASE_URL": f"{base}/{database}", "MEDIA_ROOT": str(VAR / "media")}
    environment.pop("DJANGO_ENV", None)
    return environment


def manage(environment, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def wait_until_up(base):
    for _ in range(120):
        try:
            with urllib.request.urlopen(base + "/robots.txt", timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"audit: the development server never answered on {base}")


def pages(environment):
    output = subprocess.run(
        [
            PYTHON,
            "-c",
            "import json, django; django.setup(); from tests.audit.pages import page_types; "
            "print(json.dumps(page_types()))",
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = json.loads(output)
    wanted = [name for name in os.environ.get("AUDIT_PAGES", "").split(",") if name]
    return [page for page in found if not wanted or page[0] in wanted]


def lighthouse(url, name):
    report = VAR / f"{name}.json"
    command = [
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if slowdown := os.environ.get("AUDIT_CPU_SLOWDOWN"):
        command.append(f"--throttling.cpuSlowdownMultiplier={slowdown}")
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): the page is not at fault, try again.
    for attempt in range(3):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)
        if done.returncode == 0:
            return json.loads(report.read_text())
        print(f"audit: Lighthouse failed on {name} (attempt {attempt + 1})", file=sys.stderr)
    raise SystemExit(f"audit: Lighthouse failed three times on {url}")


def row(name, indexable, result):
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    failed = [key for key in CATEGORIES if scores[key] < THRESHOLDS[key] and (key != "seo" or indexable)]
    cells = [name]
    for key in CATEGORIES:
        mark = "" if key not in failed else " ✘"
        note = " (noindex)" if key == "seo" and not indexable else ""
        cells.append(f"{scores[key]}{mark}{note}")
    for _label, audit, divisor, unit in METRICS:
        value = result["audits"][audit]["numericValue"]
        cells.append(
            f"{value:.3f}" if divisor is None else f"{value / divisor:.{2 if unit == 's' else 0}f} {unit}"
        )
    # How fast Lighthouse found this machine: its simulated phone is the CPU time it measured × 4.
    cells.append(str(round(result["environment"]["benchmarkIndex"])))
    return cells, failed


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"audit: {LIGHTHOUSE} is missing; run `make audit` (provisioning installs it)")
    VAR.mkdir(parents=True, exist_ok=True)
    environment = audit_environment()
    # A new machine has no audit database yet: created as provisioning creates the project's.
    subprocess.run(
        [PYTHON, "scripts/pg_database.py", "ensure", environment["DATABASE_URL"]], cwd=ROOT, check=True
    )
    manage(environment, "migrate", "--verbosity", "0")
    manage(environment, "load_demo_data", "--verbosity", "0")
    port = os.environ.get("AUDIT_PORT", "8765")
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(VAR / "server.log").open("w"),
    )
    try:
        wait_until_up(base)
        rows, failures = [], []
        for name, path, indexable in pages(environment):
            # Asked for once first: a running portal has served its pages before, and the very first
            # request of a new server (its templates compiled, the cover renditions made) is not what a
            # reader waits for (6 s for the home page, which Lighthouse then counts as its response time).
            with urllib.request.urlopen(base + path, timeout=60):  # noqa: S310 (loopback)
                pass
            cells, failed = row(name, indexable, lighthouse(base + path, name))
            rows.append(cells)
            failures += [f"{name}: {key}" for key in failed]
            print("  ".join(cells), file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    header = [
        "page",
        "performance",
        "accessibility",
        "best practices",
        "SEO",
        "FCP",
        "LCP",
        "TBT",
        "CLS",
        "CPU",
    ]
    thresholds = ["threshold", "≥ 95", "100", "100", "100 (indexable)", "", "", "", "", ""]
    table = [header, thresholds, *rows]
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    print(
        "\nCPU: Lighthouse's benchmark index of this machine during the run. Its simulated phone runs "
        "4 times slower than this machine (AUDIT_CPU_SLOWDOWN changes that): a busy or slow machine "
        "raises TBT, and with it lowers the performance score."
    )
    if failures:
        print(f"\nbelow the threshold: {', '.join(failures)}")
        sys.exit(1)
    print("\nevery page at or above the thresholds")


if __name__ == "__main__":
    main()

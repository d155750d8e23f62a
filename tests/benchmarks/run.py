"""`make bench`: the portal under gunicorn in production mode, loaded by wrk, against a baseline.

1. Builds (once) a benchmark database of realistic size (tests/benchmarks/django_side.py).
2. Starts gunicorn (3 sync workers, DJANGO_ENV=production, DEBUG off) on loopback and warms it up.
3. Loads each page with wrk at 16 and 64 connections, several times, pages interleaved with the
   baseline (tests/benchmarks/baseline.py) so that both see the same machine; every request comes from
   another browser (tests/benchmarks/load.lua), so counting runs for every one of them.
4. Times the bot check (stats/bots.py) in its own process, against the baseline request.
5. Prints the table and writes var/bench/latest.json. It measures; it does not pass or fail.

Environment: BENCH_SECONDS (per run, default 5), BENCH_REPEAT (default 3), BENCH_REDIS (1: counters,
cache and sessions in Redis as on a production server with REDIS_URL, the default; 0: PostgreSQL
only), BENCH_DATABASE (default cong_bench), BENCH_REBUILD=1 to build the database again, BENCH_PAGES
(names, comma-separated: only those Django rows and the baseline), BENCH_EDGE=0 to leave out the
edge table (a quick look at Django rows: the edge's counts take minutes to drain).
"""

import gzip
import itertools
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import redis as redis_lib

from stats import bots
from tests.benchmarks import (
    ARTICLE_SLUG,
    CATEGORY_SLUG,
    DOCUMENT_NUMBER_SEARCH,
    DOCUMENT_SLUG,
    DOCUMENT_WORDS_SEARCH,
    OPINIONS_SLUG,
    PAGE_SLUG,
    SEARCH,
    UNIT_SLUG,
)

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
WORKERS = 3
CONNECTIONS = (16, 64)

# name, address, counted as a page view (the exactness check adds these up). "search" is a search
# many readers make (its page is stored after the first); "search-new" gives every request an address
# of its own, so that every one searches, ranks and renders; "article-many" spreads the readers over
# the archive's 10 000 articles (load.lua), so that most answers are first renders of their page.
PAGES = [
    ("baseline", "/__benchmark__/baseline/", False),
    ("home", "/", True),
    ("category", f"/chuyen-muc/{CATEGORY_SLUG}/", True),
    ("article", f"/bai-viet/{ARTICLE_SLUG}/", True),
    # The same kind of article with 20 published opinions under it (issue 14: within 10% of "article").
    ("article-opinions", f"/bai-viet/{OPINIONS_SLUG}/", True),
    ("article-many", "/bai-viet/bench-{n}/", True),
    ("search", "/tim-kiem/?q=" + SEARCH.replace(" ", "+"), True),
    # The same words with another number excluded for every request ("dang bo tinh -10000345"): the
    # same matches, but an address nobody asked for before in the whole bench ({u}: load.lua), so each
    # one searches, ranks and renders. (The page cache reads only q, loai and page: an extra parameter
    # no longer makes an address new.)
    ("search-new", "/tim-kiem/?q=" + SEARCH.replace(" ", "+") + "+-{u}", True),
    ("search-kind", "/tim-kiem/?q=" + SEARCH.replace(" ", "+") + "&loai=van-ban", True),
    ("rss", "/rss/", False),
    ("feedback", "/gop-y/", True),
    # The documents (20 000 of them): the list, a number typed loosely, words found in the files, a
    # document's page; "documents-many" searches another number for every request ({n}: 30 … 9999),
    # so that every one is a first search through the number index and the words.
    ("documents", "/van-ban/", True),
    ("documents-number", "/van-ban/?q=" + DOCUMENT_NUMBER_SEARCH.replace(" ", "+"), True),
    ("documents-words", "/van-ban/?q=" + DOCUMENT_WORDS_SEARCH.replace(" ", "+"), True),
    ("documents-many", "/van-ban/?q={n}", True),
    ("document", f"/van-ban/{DOCUMENT_SLUG}/", True),
    # The agency (40 units, 200 officials, a year of the schedule, 20 entries a week).
    ("organisation", "/co-cau-to-chuc/", True),
    ("unit", f"/co-cau-to-chuc/{UNIT_SLUG}/", True),
    ("directory", "/danh-ba/", True),
    ("schedule", "/lich-cong-tac/", True),
    ("schedule-ics", "/lich-cong-tac/lich.ics", False),
]
# The same pages through the shipped nginx site (deploy/nginx/cong.conf, its 3-second cache and the
# counting of cached pages in Lua, stats/edge.py), against the same in-run baseline (through gunicorn).
EDGE_PAGES = [
    ("home", "/"),
    ("category", f"/chuyen-muc/{CATEGORY_SLUG}/"),
    ("article", f"/bai-viet/{ARTICLE_SLUG}/"),
    ("page", f"/trang/{PAGE_SLUG}/"),
    ("documents", "/van-ban/"),
]
EDGE_TARGETS = {"article": 3.0, "home": 3.0, "category": 3.0}
UNIQUE_ADDRESSES = set()
MANY_ADDRESSES = {"article-many", "documents-many", "search-new"}
TARGETS = {
    "article": 0.8, "home": 0.4, "category": 0.4, "search": 0.25, "search-new": 0.25, "search-kind": 0.25,
    "rss": 0.4, "documents": 0.25, "documents-number": 0.25, "documents-words": 0.25, "organisation": 0.4,
    "unit": 0.4, "directory": 0.4, "schedule": 0.4,
}  # fmt: skip
# A phone's User-Agent as Zalo's in-app browser sends it, another for each decision timed.
BOT_CHECK_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E Build/UP1A.{n}; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/126.0.6478.{n} Mobile Safari/537.36 Zalo android/{n} ZaloTheme/light ZaloLanguage/vi"
)


def say(text):
    print(text, flush=True)


def environment(database_url, redis):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",  # nginx (the edge table) passes Host: 127.0.0.1
        "SECURE_SSL_REDIRECT": "false",  # no TLS on loopback; nginx redirects in production
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/7"
    return env


def django(env, *args, capture=False):
    """Run the venv's Python; with capture, return its stdout (errors still reach the terminal)."""
    stdout = subprocess.PIPE if capture else None
    return subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True, text=True, stdout=stdout).stdout


def side(env, *args):
    """Run tests/benchmarks/django_side.py; its last line is JSON."""
    output = django(env, "-m", "tests.benchmarks.django_side", *args, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def database_prepare(name, rebuild):
    admin_url = os.environ.get("BENCH_ADMIN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            if (VAR / "media").exists():
                shutil.rmtree(VAR / "media")
    return admin_url.rsplit("/", 1)[0] + "/" + name


def query_address(page, path):
    """The address django_side.queries measures: its own for each request where wrk gives one."""
    if page in MANY_ADDRESSES:
        return path.replace("{n}", "{many}").replace("{u}", "{many}")
    return path + "&bench={n}" if page in UNIQUE_ADDRESSES else path


def mode(page):
    return "unique" if page in UNIQUE_ADDRESSES else "many" if page in MANY_ADDRESSES else ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base):
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/__benchmark__/baseline/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 20 s")


def fetch(url, user_agent="Mozilla/5.0 (bench warm-up)"):
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})  # noqa: S310 - loopback http
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.read()


_runs = itertools.count(1)


def wrk(url, connections, seconds, run, mode=""):
    output = subprocess.run(
        [
            shutil.which("wrk"), "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s",
            "-s", str(Path(__file__).with_name("load.lua")), url, "--", run, mode, str(next(_runs)),
        ],
        check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    return json.loads(line.removeprefix("BENCH-JSON "))


def edge_start(app_port):
    """nginx with the shipped site in front of gunicorn, plain HTTP on loopback (as gunicorn is here):
    the TLS server's listen line becomes a loopback port, the catch-all server another. Returns
    (process, base URL)."""
    from tests.deploy.test_nginx import site_write

    base = VAR / "edge"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    site = site_write(base, f"127.0.0.1:{app_port}", server_name="127.0.0.1", redis_db=7)
    port = free_port()
    text = (base / "cong.conf").read_text()
    text = text.replace(f"listen 127.0.0.1:{site.https_port} ssl default_server;", "")
    text = text.replace(f"listen 127.0.0.1:{site.https_port} ssl http2;", f"listen 127.0.0.1:{port};")
    text = text.replace("ssl_reject_handshake on;", "")
    nginx_conf = (base / "nginx.conf").read_text().replace("worker_processes 1;", "worker_processes 2;")
    (base / "nginx.conf").write_text(nginx_conf.replace("worker_connections 64;", "worker_connections 1024;"))
    (base / "cong.conf").write_text(text)
    process = subprocess.Popen([*site.command, "-g", "daemon off;"])
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(url + PAGES[0][1])  # the baseline: never counted (the exactness check below)
            return process, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nginx did not answer: {(base / 'error.log').read_text()[-2000:]}")


def bot_check_us(count=20_000):
    """µs per stats.bots.is_bot() decision here: for a User-Agent never seen (as every wrk request's) and
    for one seen before (a reader's next pages), on an idle machine (gunicorn has stopped)."""
    agents = [BOT_CHECK_AGENT.format(n=n) for n in range(count)]
    started = time.perf_counter()
    for agent in agents:
        bots.is_bot(agent)
    new = (time.perf_counter() - started) / count * 1e6
    started = time.perf_counter()
    for _ in range(count):
        bots.is_bot(agents[-1])
    return {"new_us": round(new, 1), "seen_us": round((time.perf_counter() - started) / count * 1e6, 2)}


def worker_memory_mb(master_pid):
    """Peak resident memory (VmHWM) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (scripts/provision.sh wrk)")
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    redis = os.environ.get("BENCH_REDIS", "1") == "1"
    if only := os.environ.get("BENCH_PAGES"):  # a quick look at a few pages; the baseline always runs
        PAGES[:] = [row for row in PAGES if row[0] == "baseline" or row[0] in only.split(",")]
    VAR.mkdir(parents=True, exist_ok=True)

    name = os.environ.get("BENCH_DATABASE", "cong_bench")
    env = environment(database_prepare(name, os.environ.get("BENCH_REBUILD") == "1"), redis)
    say(f"bench: database {name}: migrating, collecting static files, building data when missing")
    django(env, "manage.py", "migrate", "-v0")
    django(env, "manage.py", "collectstatic", "--noinput", "-v0")
    django(env, "manage.py", "compilemessages", "--ignore=.venv", "-v0")
    started = time.monotonic()
    built = side(env, "build")
    if built["built"]:
        say(f"bench: built {built['articles']} articles and the rest in {time.monotonic() - started:.0f} s")
    if redis:
        redis_lib.Redis.from_url(env["REDIS_URL"]).flushdb()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [ROOT / ".venv/bin/gunicorn", "portal.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_until_up(base)
        sizes = {}
        for page, path, _counted in PAGES:
            for _ in range(30 * WORKERS):  # every worker renders and caches every page
                status, body = fetch(base + path.replace("{n}", "30"))
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            sizes[page] = (len(body), len(gzip.compress(body, 6)))
        query_counts = side(env, "queries", *(query_address(page, path) for page, path, _counted in PAGES))
        before = side(env, "counts")

        results = {page: {c: [] for c in CONNECTIONS} for page, _path, _counted in PAGES}
        for connections in CONNECTIONS:
            for round_ in range(repeat):
                for page, path, _counted in PAGES:
                    figures = wrk(
                        base + path,
                        connections,
                        seconds,
                        f"{connections}{round_}{page}",
                        mode(page),
                    )
                    results[page][connections].append(figures)
                    say(
                        f"bench: {page:13} c={connections:<3} run {round_ + 1}/{repeat}: "
                        f"{figures['requests'] / figures['duration_us'] * 1e6:8.0f} req/s"
                    )
        memory = worker_memory_mb(server.pid)
        edge = {page: {c: [] for c in CONNECTIONS} for page, _path in [("baseline", ""), *EDGE_PAGES]}
        if redis and os.environ.get("BENCH_EDGE", "1") == "1":  # nginx counts through Redis (stats/edge.py)
            nginx, edge_base = edge_start(port)
            try:
                for connections in CONNECTIONS:
                    for round_ in range(repeat):
                        for page, path in [("baseline", PAGES[0][1]), *EDGE_PAGES]:
                            url = (base if page == "baseline" else edge_base) + path
                            figures = wrk(url, connections, seconds, f"e{connections}{round_}{page}")
                            edge[page][connections].append(figures)
                            say(
                                f"bench: edge {page:9} c={connections:<3} run {round_ + 1}/{repeat}: "
                                f"{figures['requests'] / figures['duration_us'] * 1e6:8.0f} req/s"
                            )
                time.sleep(1)  # nginx moves its lines to Redis every 50 ms
            finally:
                nginx.terminate()
                nginx.wait(timeout=30)
        time.sleep(1)  # the last answers of each run are counted after they are sent
        after = side(env, "counts")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    bot_check = bot_check_us()
    report = summarise(
        results, query_counts, sizes, memory, before, after, redis, seconds, repeat, bot_check, edge
    )
    (VAR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_table(report)
    say(f"\nbench: written to {(VAR / 'latest.json').relative_to(ROOT)}")


def summarise(results, query_counts, sizes, memory, before, after, redis, seconds, repeat, bot_check, edge):
    def per_connections(runs):
        rps = statistics.median(run["requests"] / run["duration_us"] * 1e6 for run in runs)
        return {
            "rps": round(rps, 1),
            "p50_ms": round(statistics.median(run["p50_us"] for run in runs) / 1000, 2),
            "p99_ms": round(statistics.median(run["p99_us"] for run in runs) / 1000, 2),
            "errors": sum(run["errors"] for run in runs),
            "non_2xx": sum(run["answered"] - run["ok"] for run in runs),
        }

    pages = {}
    for page, path, counted in PAGES:
        at = {c: per_connections(results[page][c]) for c in CONNECTIONS}
        baseline = {c: per_connections(results["baseline"][c])["rps"] for c in CONNECTIONS}
        pages[page] = {
            "path": path,
            **at[16],
            "ratio": round(at[16]["rps"] / baseline[16], 3),
            "queries": query_counts[query_address(page, path)]["queries"],
            "bytes": sizes[page][0],
            "gzip_bytes": sizes[page][1],
            "counted": counted,
            "target": TARGETS.get(page),
            "at_64": {**at[64], "ratio": round(at[64]["rps"] / baseline[64], 3)},
        }
    # Exactness: every answered request of a counted page is a new visitor's page view; a request
    # still in flight when wrk stopped may or may not have been counted, so the database must land
    # between the answered and the sent.
    counted_runs = [
        run for page, _path, counted in PAGES if counted for c in CONNECTIONS for run in results[page][c]
    ] + [run for page, _path in EDGE_PAGES for c in CONNECTIONS for run in edge[page][c]]
    article_runs = [  # none when BENCH_PAGES leaves the article out
        run
        for c in CONNECTIONS
        for run in results.get("article", {}).get(c, []) + edge.get("article", {}).get(c, [])
    ]
    edge_pages = {}
    if edge["baseline"][16]:
        edge_baseline = {c: per_connections(edge["baseline"][c])["rps"] for c in CONNECTIONS}
        for page, path in [("baseline", PAGES[0][1]), *EDGE_PAGES]:
            at = {c: per_connections(edge[page][c]) for c in CONNECTIONS}
            edge_pages[page] = {
                "path": path,
                **at[16],
                "ratio": round(at[16]["rps"] / edge_baseline[16], 3),
                "target": EDGE_TARGETS.get(page),
                "at_64": {**at[64], "ratio": round(at[64]["rps"] / edge_baseline[64], 3)},
            }
    answered = sum(run["ok"] for run in counted_runs)
    sent = sum(run["sent"] for run in counted_runs)
    delta = {key: after[key] - before[key] for key in before}
    counting = {
        "answered": answered,
        "sent": sent,
        "page_views_added": delta["page_views"],
        "visits_added": delta["visits"],
        "article_answered": sum(run["ok"] for run in article_runs),
        "article_sent": sum(run["sent"] for run in article_runs),
        "article_views_added": delta["article_views"],
    }
    counting["exact"] = (
        answered <= delta["page_views"] <= sent
        and delta["visits"] == delta["page_views"]
        and counting["article_answered"] <= delta["article_views"] <= counting["article_sent"]
    )
    # A baseline request holds a worker for WORKERS / req/s (at 16 connections every worker is busy).
    baseline_us = WORKERS / pages["baseline"]["rps"] * 1e6
    bot_check = {
        **bot_check,
        "baseline_request_us": round(baseline_us),
        "ratio": round(bot_check["new_us"] / baseline_us, 4),
    }
    return {
        "machine": machine(),
        "config": {
            "workers": WORKERS,
            "seconds_per_run": seconds,
            "repeat": repeat,
            "counters": "redis (flushed by stats_flush)" if redis else "postgresql",
            "cache_and_sessions": "redis" if redis else "local memory / database",
        },
        "pages": pages,
        "edge": edge_pages,
        "worker_peak_memory_mb": [round(value, 1) for value in memory],
        "counting": counting,
        "bot_check": bot_check,
    }


def print_table(report):
    config = report["config"]
    say(
        f"\n{report['machine']['cpu']}, {report['machine']['cores']} cores; gunicorn {config['workers']} "
        f"sync workers, production mode; counters in {config['counters']}; "
        f"median of {config['repeat']} × {config['seconds_per_run']} s"
    )
    header = (
        f"{'page':13} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'target':>6} "
        f"{'req/s@64':>8} {'p99@64':>7} {'ratio@64':>8} {'queries':>7} {'KB':>6} {'KB gz':>6} {'errors':>6}"
    )
    say(header)
    say("-" * len(header))
    for page, row in report["pages"].items():
        target = f"≥{row['target']}" if row["target"] else ""
        say(
            f"{page:13} {row['rps']:8.0f} {row['p50_ms']:7.2f} {row['p99_ms']:7.2f} {row['ratio']:6.2f} "
            f"{target:>6} "
            f"{row['at_64']['rps']:8.0f} {row['at_64']['p99_ms']:7.2f} {row['at_64']['ratio']:8.2f} "
            f"{row['queries']:7} {row['bytes'] / 1024:6.1f} {row['gzip_bytes'] / 1024:6.1f} "
            f"{row['errors'] + row['non_2xx'] + row['at_64']['errors'] + row['at_64']['non_2xx']:6}"
        )
    if report["edge"]:
        say("\nedge: the same pages through the shipped nginx site (3 s cache, cached pages counted in Lua)")
        header = f"{'page':13} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'target':>6} "
        say(header + f"{'req/s@64':>8} {'p99@64':>7} {'ratio@64':>8} {'errors':>6}")
        for page, row in report["edge"].items():
            target = f"≥{row['target']}" if row["target"] else ""
            say(
                f"{page:13} {row['rps']:8.0f} {row['p50_ms']:7.2f} {row['p99_ms']:7.2f} {row['ratio']:6.2f} "
                f"{target:>6} {row['at_64']['rps']:8.0f} {row['at_64']['p99_ms']:7.2f} "
                f"{row['at_64']['ratio']:8.2f} "
                f"{row['errors'] + row['non_2xx'] + row['at_64']['errors'] + row['at_64']['non_2xx']:6}"
            )
    memory = report["worker_peak_memory_mb"]
    say(f"\nworker peak memory: {', '.join(f'{value:.0f} MB' for value in memory)}")
    c = report["counting"]
    say(
        f"counting: {c['answered']} counted pages answered ({c['sent']} sent), "
        f"database +{c['page_views_added']} page views, +{c['visits_added']} visits; "
        f"article: {c['article_answered']} answered ({c['article_sent']} sent), "
        f"+{c['article_views_added']} views -> {'exact' if c['exact'] else 'NOT EXACT'}"
    )
    pages = report["pages"]
    if "article-opinions" in pages:
        plain, opinions = pages["article"]["ratio"], pages["article-opinions"]["ratio"]
        say(
            f"article with its opinions: ratio {opinions:.2f} against the plain article's {plain:.2f} "
            f"({opinions / plain - 1:+.0%}; within 10%: {'yes' if opinions >= 0.9 * plain else 'NO'})"
        )
    b = report["bot_check"]
    say(
        f"bot check: {b['new_us']:.0f} µs per page view from a new User-Agent ({b['seen_us']:.2f} µs seen "
        f"before) = {b['ratio']:.3f} × a baseline request ({b['baseline_request_us'] / 1000:.2f} ms)"
    )


if __name__ == "__main__":
    sys.exit(main())

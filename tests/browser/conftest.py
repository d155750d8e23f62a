import os
import threading

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls
# made by the test itself (creating rows, reading results) as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium off the network: this machine has none, and every background request would fail.
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": QUIET_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture(autouse=True)
def live_server_requests_finish(browser):
    """Wait, after each browser test, for the live server's request threads to end.

    Each thread holds a database connection for as long as Chromium keeps its HTTP connection alive;
    they are daemon threads that nothing joins, and one still open at the end of the session stops
    the test database from being dropped. Being autouse, this fixture is torn down after Playwright
    has closed the test's browser context, and with it those HTTP connections.
    """
    yield
    # Contexts a test opened itself (a second reader, an editor) would keep their connections alive.
    for context in browser.contexts:
        context.close()
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)

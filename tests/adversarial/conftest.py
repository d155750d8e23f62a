"""The adversarial suite's tally: every request it sent and every status it saw, printed at the end."""

from collections import Counter

TALLY = Counter()  # status code -> requests


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    sent = sum(TALLY.values())
    server_errors = sum(count for status, count in TALLY.items() if status >= 500)
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(TALLY.items()))
    terminalreporter.write_sep("-", "adversarial requests")
    terminalreporter.write_line(
        f"{sent} hostile requests sent; statuses {statuses}; 5xx seen: {server_errors}"
    )

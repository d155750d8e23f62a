import pytest
from django.core.cache import caches
from django.db import connections

from caching.generation import held_forget
from caching.pagecache import seen_forget
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, VerifiedClient


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in names
        or "live_server" in names
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Every transactional test after every other (a stable sort: the order is otherwise kept).

    Each one ends by emptying the database, the rows data migrations made included (the role groups,
    the document types). pytest-django sorts them last too, but other plugins' hooks (Playwright's
    parametrising by browser) run after it and put the browser tests back among the others.
    """
    items.sort(key=_transactional)


@pytest.fixture(autouse=True)
def cache_cleared():
    """Every test starts with empty caches: the frame, menus and fragments are cached between requests."""
    for cache in caches.all():
        cache.clear()
    held_forget()
    seen_forget()
    yield
    for cache in caches.all():
        cache.clear()
    held_forget()
    seen_forget()


@pytest.fixture
def client():
    """pytest-django's client, whose force_login also passes the second factor (staff pages need it)."""
    return VerifiedClient()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, signed in with the second factor as well."""
    client = VerifiedClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def staff(db):
    return StaffFactory(username="bientap")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def category(db):
    return CategoryFactory(name="Tin trong tỉnh")


@pytest.fixture
def article(category):
    return ArticleFactory(title="Đảng bộ tỉnh Sơn La tổng kết năm", category=category)


# Django keeps database connections per context, and once Playwright's sync API runs, tests run in
# another context with connections of their own. Connections left open in a context no longer in use
# would keep the test database from being dropped: remember each one a test used, close all at the end.
_connections_used = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        return (yield)
    finally:
        for connection in connections.all(initialized_only=True):
            _connections_used[id(connection)] = connection


@pytest.fixture(scope="session", autouse=True)
def connections_closed_at_the_end(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        for connection in _connections_used.values():
            connection.close()

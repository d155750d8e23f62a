import pytest
from django.core.cache import caches
from django.db import connections

from caching.generation import held_forget
from caching.pagecache import seen_forget
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory


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

"""The 503 page itself: from a view or from a middleware, in the visitor's language, without the database.

The real outage is in test_database_restart.py; here the database errors are raised where they would
come from (a view's query, a middleware saving the session), to check each path through Django.
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, override_settings
from django.urls import path

from portal.unavailable import DatabaseUnavailableMiddleware
from portal.urls import urlpatterns as portal_urlpatterns


def view_losing_the_database(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def view_failing_otherwise(request):
    raise ValueError("a bug, not an outage")


urlpatterns = [
    path("mat-ket-noi/", view_losing_the_database),
    path("en/mat-ket-noi/", view_losing_the_database),
    path("loi-khac/", view_failing_otherwise),
    *portal_urlpatterns,  # the page links to the home page
]


class SessionSaveLosingTheDatabase:
    """Stands where SessionMiddleware saves the session: after the view, inside our middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise InterfaceError("connection already closed")


MIDDLEWARE = [
    "portal.middleware.LanguageFromAddressMiddleware",
    "portal.unavailable.DatabaseUnavailableMiddleware",
]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=MIDDLEWARE)
def test_a_view_that_lost_the_database_answers_a_vietnamese_503(client):
    response = client.get("/mat-ket-noi/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Cổng thông tin tạm thời gián đoạn" in html
    assert "Connection refused" not in html


@override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=MIDDLEWARE)
def test_the_503_page_is_in_the_language_of_the_address(client):
    response = client.get("/en/mat-ket-noi/")
    assert response.status_code == 503
    assert "The portal is temporarily unavailable" in response.content.decode()


@override_settings(
    ROOT_URLCONF=__name__, MIDDLEWARE=[*MIDDLEWARE, f"{__name__}.SessionSaveLosingTheDatabase"]
)
def test_a_middleware_that_lost_the_database_answers_503_too(client):
    response = client.get("/mat-ket-noi/")
    assert response.status_code == 503
    assert "Cổng thông tin tạm thời gián đoạn" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=MIDDLEWARE)
def test_other_errors_stay_500s(client):
    assert client.get("/loi-khac/").status_code == 500


def test_it_is_in_the_middleware_before_sessions_and_authentication(settings):
    middleware = settings.MIDDLEWARE
    position = middleware.index(f"{DatabaseUnavailableMiddleware.__module__}.DatabaseUnavailableMiddleware")
    assert position < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position > middleware.index("portal.middleware.LanguageFromAddressMiddleware")

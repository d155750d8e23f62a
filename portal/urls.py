"""The table of contents: each app owns its URLs."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal import views

ADMIN_PREFIX = "admin/"

urlpatterns = [
    # Signing in to the admin, in two steps (a password, then a one-time code): first, so that its
    # login/ answers at the admin's own login address (admin:login).
    path(ADMIN_PREFIX, include("accounts.urls")),
    path(ADMIN_PREFIX, admin.site.urls),
    # The language switch of older pages (a POST) and links: a redirect to the other address.
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The rich-text editor's image upload, for every model that has the editor.
    path("editor/upload/", views.editor_upload, name="editor_upload"),
]

# The public site: Vietnamese at its addresses, English at the same ones under /en/ (one language
# per address: portal.middleware.LanguageFromAddressMiddleware). The admin above stays Vietnamese.
urlpatterns += i18n_patterns(
    path("", include("frame.urls")),
    path("", include("search.urls")),
    path("", include("documents.urls")),
    path("", include("feedback.urls")),
    path("", include("agency.urls")),
    path("", include("stats.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if not settings.PRODUCTION:
    # Development and tests serve uploads themselves; in production nginx serves media.
    urlpatterns += [path("media/<path:path>", views.media)]

"""The search section of the compliance dashboard (compliance/sections.py explains the contract): the
table holds something, and as many public articles and pages as their apps publish (the rows the
search writes for them itself, search/sources.py); a difference means a change made outside the ORM."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from frame.models import Page
from search.models import SearchEntry


def search_state(now):
    public = SearchEntry.objects.public(now).filter(language="vi")
    state = {
        "url": reverse("search:search"),
        "count": public.count(),
        "updated_at": public.aggregate(newest=Max("updated_at"))["newest"],
    }
    missing = {
        _("articles"): Article.objects.published().count()
        - public.filter(kind=SearchEntry.Kind.ARTICLE).count(),
        _("pages"): Page.objects.published().count() - public.filter(kind=SearchEntry.Kind.PAGE).count(),
    }
    drift = ", ".join(f"{name}: {count:+d}" for name, count in missing.items() if count)
    if drift:
        state["problem"] = _(
            "The search table and the content differ (%(drift)s): run “manage.py search_rebuild”."
        ) % {"drift": drift}
    return state


sections = {"search": search_state}

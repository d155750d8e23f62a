"""The state of each section of Decree 42 on this portal (compliance/sections.py says how each is
measured): where it lives, whether it has content, when it last changed, and what is wrong.

It only reads. The apps that serve a section are found, not imported (`providers`), as the sitemaps
are: the dashboard knows nothing of the documents, the feedback or the agency, which come after it in
no import.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from articles.models import Article
from compliance.models import SectionSetting
from compliance.sections import SECTIONS
from frame.models import SiteSettings


@dataclass
class State:
    section: object
    setting: SectionSetting | None
    url: str = ""
    count: int | None = None
    updated_at: datetime | None = None
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def stale_after_days(self):
        if self.setting and self.setting.stale_after_days is not None:
            return self.setting.stale_after_days
        return self.section.stale_after_days

    @property
    def ok(self):
        return not self.problems


def news_state(now):
    newest = Article.objects.published().order_by("-published_at").only("published_at").first()
    return {
        "url": reverse("articles:home"),
        "count": Article.objects.published().count(),
        "updated_at": newest.published_at if newest else None,
    }


def print_state(now):
    newest = Article.objects.published().only("slug").first()
    return {
        "url": newest.get_absolute_url() if newest else reverse("articles:home"),
        "note": _(
            "Every article and static page has a print button and a print stylesheet; so has the schedule."
        ),
    }


def monitoring_state(now):
    settings = SiteSettings.load()
    state = {
        "url": reverse("admin:frame_sitesettings_changelist"),
        "count": 1 if settings.monitoring_script_url else 0,
    }
    if not settings.monitoring_script_url:
        state["problem"] = _("No monitoring code is set: a superuser enters the address the authority gave.")
    return state


BUILT_IN = {"news": news_state, "print": print_state, "monitoring": monitoring_state}


def providers():
    """{section key: function(now) -> state} of the portal's own sections: the ones above, and those of
    every installed app with a `compliance` module (its `sections` dict)."""
    found = dict(BUILT_IN)
    for app_config in apps.get_app_configs():
        if app_config.name != "compliance" and module_has_submodule(app_config.module, "compliance"):
            found.update(getattr(import_module(f"{app_config.name}.compliance"), "sections", {}))
    return found


def mapped_state(setting):
    """The state of a section kept by convention, from what staff said it is."""
    if setting is None or not (setting.page_id or setting.category_id or setting.link):
        return {"problem": _("Not set: say which page, category or link holds this section.")}
    if setting.page_id:
        page = setting.page
        state = {
            "url": page.get_absolute_url(),
            "count": int(page.is_published),
            "updated_at": page.updated_at,
        }
        if not page.is_published:
            state["problem"] = _("The page is not published.")
        return state
    if setting.category_id:
        articles = Article.objects.published().filter(category_id__in=setting.category.family_ids())
        newest = articles.order_by("-published_at").only("published_at").first()
        return {
            "url": setting.category.get_absolute_url(),
            "count": articles.count(),
            "updated_at": newest.published_at if newest else None,
        }
    return {"url": setting.link, "note": _("A link: what it leads to is not checked here.")}


def states(now=None):
    """The State of every section, in the order of the Decree."""
    now = now or timezone.now()
    settings = {
        setting.section: setting for setting in SectionSetting.objects.select_related("page", "category")
    }
    served = providers()
    result = []
    for item in SECTIONS:
        setting = settings.get(item.key)
        if item.mapped:
            found = mapped_state(setting)
        elif item.key in served:
            found = served[item.key](now)
        else:
            found = {"problem": _("No app of the portal serves this section.")}
        state = State(
            item,
            setting,
            url=found.get("url", ""),
            count=found.get("count"),
            updated_at=found.get("updated_at"),
        )
        if found.get("problem"):
            state.problems.append(found["problem"])
        if found.get("note"):
            state.notes.append(found["note"])
        if state.count == 0 and not found.get("problem"):
            state.problems.append(_("Empty: nothing public yet."))
        days = state.stale_after_days
        if days is not None and state.updated_at and state.updated_at < now - timedelta(days=days):
            state.problems.append(
                _("Not updated for %(days)d days (the threshold is %(threshold)d).")
                % {"days": (now - state.updated_at).days, "threshold": days}
            )
        result.append(state)
    return result

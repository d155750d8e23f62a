"""The sections Decree 42/2022/NĐ-CP asks a provincial portal for (Article 4: the information it must
carry; Article 7: what it must do), each with where its rule comes from and the age after which its
content counts as stale unless staff set another.

A section is measured one of two ways, and the dashboard says which:

- **served by the portal**: an app of the portal serves it and says what it holds — the organisation,
  the schedule and the English versions (agency), the documents and the consultations (documents),
  the Q&A (feedback), the search (search), the news (articles), the print function and the national
  monitoring code (the frame's settings). An app takes part by having a `compliance` module with a
  `sections` dict, {section key: function(now) -> state}, found the way sitemaps are
  (compliance/dashboard.py); a state is a dict with "url", "count" (or None), "updated_at" (or None)
  and, when the app sees a problem of its own, "problem".
- **kept by convention**: the portal has no model for it (policies, plans, procurement, financial
  reports…); staff say where it lives — a static page, a category of articles or a link — in the
  section's setting, stored with its threshold (compliance.models.SectionSetting).
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DECREE = "Nghị định 42/2022/NĐ-CP"
ARTICLE_4 = format_lazy(_("{decree}, Article 4 (information on the portal)"), decree=DECREE)
ARTICLE_7 = format_lazy(_("{decree}, Article 7 (functions of the portal)"), decree=DECREE)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    source: str
    stale_after_days: int | None  # None: its age is not checked (a function, a link)
    mapped: bool = False  # kept by convention: staff say where it lives

    @property
    def how(self):
        return _("where staff keep it") if self.mapped else _("served by the portal")


SECTIONS = [
    Section("introduction", _("Introduction of the agency"), ARTICLE_4, 365, mapped=True),
    Section("organisation", _("Organisation, functions and tasks, officials and contacts"), ARTICLE_4, 180),
    Section("news", _("News and events"), ARTICLE_4, 7),
    Section("direction", _("Direction and administration, with the leaders' work schedule"), ARTICLE_4, 7),
    Section("documents", _("Legal and administrative documents"), ARTICLE_4, 30),
    Section(
        "procedures",
        _("Administrative procedures and online public services (links)"),
        ARTICLE_4,
        None,
        mapped=True,
    ),
    Section("policies", _("Policies, and the dissemination of law"), ARTICLE_4, 90, mapped=True),
    Section(
        "strategies",
        _("Strategies, orientations, master plans and development plans"),
        ARTICLE_4,
        365,
        mapped=True,
    ),
    Section(
        "investment", _("Investment projects, bidding and public procurement"), ARTICLE_4, 90, mapped=True
    ),
    Section("finance", _("Financial and budget reports, statistics"), ARTICLE_4, 120, mapped=True),
    Section("consultation", _("Consultation on draft documents"), ARTICLE_4, 90),
    Section("qa", _("Questions and answers, replies to the public"), ARTICLE_4, 90),
    Section(
        "access",
        _("Access to information"),
        format_lazy(_("Law on Access to Information 2016, Article 19; {article}"), article=ARTICLE_4),
        365,
        mapped=True,
    ),
    Section("english", _("Information in English"), ARTICLE_7, 180),
    Section("search", _("Search of the portal's information"), ARTICLE_7, None),
    Section("print", _("Printing and saving the information"), ARTICLE_7, None),
    Section("monitoring", _("The national monitoring code"), ARTICLE_7, None),
]  # fmt: skip
SECTION_CHOICES = [(item.key, item.title) for item in SECTIONS]
_BY_KEY = {item.key: item for item in SECTIONS}
SECTION_KEYS = set(_BY_KEY)


def section(key):
    return _BY_KEY[key]

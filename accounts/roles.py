"""The newsroom's three roles: Django groups, whose names are data (shown as they are, not translated).

Code names a role through these constants, and ROLE_PERMISSIONS says what each role holds today.
Migrations made the groups (articles 0005, 0011 and 0012, portal 0003, frame 0005, stats 0002, 0004
and 0006, documents 0003, agency 0002, compliance 0002) and keep frozen copies of these names and
lists, as migrations must: a migration never imports code that changes.
tests/accounts/test_roles.py checks that the groups the migrations made hold exactly what is listed
here; docs/editorial-workflow.md says what each role may do.
"""

from django.contrib.auth.models import Group, Permission

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

ROLES = (JOURNALIST, EDITOR, ADMINISTRATOR)

_FRAME_MODELS = ("page", "banner", "lookuplink", "video")
_DOCUMENT_PARTS = ("attachment", "documentrelation")
_DOCUMENT_LOOKUPS = ("documenttype", "issuingbody", "sector")
# The organisation, its officials and the leaders' schedule (agency/): editors keep them, journalists read.
_AGENCY_MODELS = ("unit", "official", "scheduleweek", "scheduleentry")

ROLE_PERMISSIONS = {
    JOURNALIST: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.submit_article",
        "articles.view_category",
        # Topics and tags are picked in the article form (articles 0011); a missing tag is added there.
        "articles.view_topic",
        "articles.view_tag",
        "articles.add_tag",
        # The files attached to an article go with its form (articles 0012).
        *(f"articles.{action}_articleattachment" for action in ("add", "change", "delete", "view")),
        # Legal documents (documents.workflow): prepared with their files and relations, submitted.
        "documents.add_document",
        "documents.change_document",
        "documents.view_document",
        "documents.submit_document",
        *(
            f"documents.{action}_{model}"
            for model in _DOCUMENT_PARTS
            for action in ("add", "change", "delete", "view")
        ),
        *(f"documents.view_{model}" for model in _DOCUMENT_LOOKUPS),
        *(f"agency.view_{model}" for model in _AGENCY_MODELS),
    ],
}
ROLE_PERMISSIONS[EDITOR] = [
    *ROLE_PERMISSIONS[JOURNALIST],
    "articles.delete_article",
    "articles.review_article",
    "articles.publish_article",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_category",
    "articles.view_articleevent",
    "articles.view_articlerevision",
    # Topics (chuyên đề) are the editors'; they also tidy the tags. Sections are the administrators'.
    "articles.add_topic",
    "articles.change_topic",
    "articles.delete_topic",
    "articles.change_tag",
    "articles.delete_tag",
    # The site's frame: static pages, banners, lookup links, videos and the settings (all but the
    # monitoring code, which only superusers may set).
    *(f"frame.{action}_{model}" for model in _FRAME_MODELS for action in ("add", "change", "delete", "view")),
    # The files attached to static pages (frame 0005).
    *(f"frame.{action}_pageattachment" for action in ("add", "change", "delete", "view")),
    "frame.change_sitesettings",
    "frame.view_sitesettings",
    # Editors handle reader feedback (answer, assign, publish) and read the statistics.
    "feedback.change_feedback",
    "feedback.view_feedback",
    "stats.view_dailystats",
    # Legal documents: publish and delete them, keep the lists of types, issuing bodies and fields.
    "documents.delete_document",
    "documents.publish_document",
    *(f"documents.{action}_{model}" for model in _DOCUMENT_LOOKUPS for action in ("add", "change", "delete")),
    "documents.view_documentevent",
    *(f"agency.{action}_{model}" for model in _AGENCY_MODELS for action in ("add", "change", "delete")),
]
# Administrators hold every permission of these apps: users and roles, content, feedback, the login
# lockout, the two-factor sign-in log and the statistics (the demo's admin is also a superuser); but not
# those of the flush's own bookkeeping, which no one sees in the admin. The compliance dashboard is
# theirs alone.
ADMINISTRATOR_APPS = (
    "auth", "accounts", "articles", "frame", "documents", "feedback", "axes", "stats", "agency", "compliance",
)  # fmt: skip
ADMINISTRATOR_EXCEPT_MODELS = ("flushedbatch",)


def role_permissions(name):
    """The Permission rows the role `name` holds, per the lists above."""
    if name == ADMINISTRATOR:
        return list(
            Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS).exclude(
                content_type__model__in=ADMINISTRATOR_EXCEPT_MODELS
            )
        )
    wanted = {tuple(label.split(".", 1)) for label in ROLE_PERMISSIONS[name]}
    found = [
        permission
        for permission in Permission.objects.filter(codename__in={c for _, c in wanted}).select_related(
            "content_type"
        )
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    if len(found) != len(wanted):
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        raise LookupError(f"Permissions missing for the role {name}: {sorted(missing)}")
    return found


def role_group(name):
    """The role's group; made with its permissions when it is missing (a database whose migration
    data was flushed, as transactional tests do). An existing group is returned as it is: what an
    administrator changed in it stays changed."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(*role_permissions(name))
    return group

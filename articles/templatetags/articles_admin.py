"""The articles' panels of the admin's home page (templates/admin/index.html): what waits for whom.

Editors see what waits for their review; whoever writes sees their drafts, what was sent back to
them (with the editor's comment) and what is scheduled. Every count is a link to the article list
filtered the same way, and counts only what that list shows this person (sections included).
"""

from dataclasses import dataclass, field

from django import template
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.admin import ArticleAdmin
from articles.models import Article, ArticleEvent, ArticleRevision

register = template.Library()

# Items listed under a count (the oldest waiting first, the newest sent back first).
LISTED = 5


@dataclass
class Panel:
    key: str
    count: int
    url: str
    items: list = field(default_factory=list)


def _list_url(**query):
    base = reverse("admin:articles_article_changelist")
    return f"{base}?{'&'.join(f'{name}={value}' for name, value in query.items())}" if query else base


def _sent_back(user, articles):
    """[(article, the editor's comment)] of the author's articles and changes sent back, newest first."""
    rejected_changes = ArticleRevision.objects.filter(
        article=OuterRef("pk"), review=ArticleRevision.Review.REJECTED, created_by=user
    )
    sent_back = articles.filter(created_by=user, status=Article.Status.REJECTED) | articles.filter(
        Exists(rejected_changes), status=Article.Status.PUBLISHED
    )
    sent_back = sent_back.order_by("-updated_at")
    items = []
    for article in sent_back[:LISTED]:
        action = (
            ArticleEvent.Action.CHANGE_REJECT
            if article.status == Article.Status.PUBLISHED
            else ArticleEvent.Action.REJECT
        )
        event = article.events.filter(action=action).select_related("actor").first()
        items.append((article, event))
    return sent_back.count(), items


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def article_dashboard(context):
    request = context["request"]
    user = request.user
    if not user.has_perm("articles.view_article"):
        return {"panels": []}
    articles = ArticleAdmin.visible_articles(
        request, Article.objects.select_related("created_by", "category")
    )
    now = timezone.now()
    panels = []
    if workflow.is_reviewer(user):
        waiting = articles.filter(status=Article.Status.PENDING).order_by("updated_at")
        panels.append(Panel("waiting", waiting.count(), _list_url(status="pending"), list(waiting[:LISTED])))
        pending_changes = ArticleRevision.objects.filter(
            article=OuterRef("pk"), review=ArticleRevision.Review.PENDING
        )
        changes = articles.filter(Exists(pending_changes), status=Article.Status.PUBLISHED).order_by(
            "updated_at"
        )
        panels.append(Panel("changes", changes.count(), _list_url(change="pending"), list(changes[:LISTED])))
    if user.has_perm("articles.add_article"):
        mine = {"mine": "1"} if workflow.is_reviewer(user) else {}
        drafts = articles.filter(created_by=user, status=Article.Status.DRAFT).order_by("-updated_at")
        panels.append(
            Panel("drafts", drafts.count(), _list_url(status="draft", **mine), list(drafts[:LISTED]))
        )
        count, items = _sent_back(user, articles)
        panels.append(Panel("sent_back", count, _list_url(mine="1", sent_back="1"), items))
    scheduled = articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now).order_by(
        "published_at"
    )
    if not workflow.is_reviewer(user):
        scheduled = scheduled.filter(created_by=user)
    panels.append(
        Panel("scheduled", scheduled.count(), _list_url(status="scheduled"), list(scheduled[:LISTED]))
    )
    return {"panels": panels}

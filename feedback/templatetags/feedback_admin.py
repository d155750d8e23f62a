"""What feedback adds to other apps' admin pages: the opinions an article has, on the article's form.

articles' admin imports nothing from feedback: templates/admin/articles/article/change_form.html loads
these tags.
"""

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.models import Feedback

register = template.Library()


@register.simple_tag(takes_context=True)
def article_opinions_summary(context, article):
    """ "3 ý kiến bạn đọc (1 đã đăng)", a link to them in the feedback list, for who may see feedback."""
    request = context.get("request")
    if article is None or request is None or not request.user.has_perm("feedback.view_feedback"):
        return ""
    counts = Feedback.objects.filter(article=article).aggregate(
        total=Count("pk"), shown=Count("pk", filter=Q(is_published=True))
    )
    if not counts["total"]:
        return format_html(
            '<p class="article-opinions">{}</p>',
            _("No reader's opinion yet."),
        )
    url = reverse("admin:feedback_feedback_changelist") + f"?article__id__exact={article.pk}"
    label = (
        ngettext(
            "%(total)d reader's opinion (%(shown)d published)",
            "%(total)d readers' opinions (%(shown)d published)",
            counts["total"],
        )
        % counts
    )
    return format_html('<p class="article-opinions"><a href="{}">{}</a></p>', url, label)


@register.simple_tag(takes_context=True)
def consultation_comments_summary(context, document):
    """ "12 ý kiến góp ý dự thảo", a link to them in the feedback list (to read and export as CSV)."""
    request = context.get("request")
    if document is None or request is None or not request.user.has_perm("feedback.view_feedback"):
        return ""
    total = Feedback.objects.filter(document=document).count()
    if not total:
        return format_html('<p class="article-opinions">{}</p>', _("No comment on this draft yet."))
    url = reverse("admin:feedback_feedback_changelist") + f"?document__id__exact={document.pk}"
    label = ngettext("%(total)d comment on the draft", "%(total)d comments on the draft", total) % {
        "total": total
    }
    return format_html('<p class="article-opinions"><a href="{}">{}</a></p>', url, label)

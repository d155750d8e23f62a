"""What feedback shows on other apps' pages: the "Ý kiến bạn đọc" section under an article.

articles imports nothing from feedback: templates/articles/detail.html loads these tags.
"""

from django import template
from django.utils import timezone

from feedback.forms import ArticleOpinionForm, ConsultationCommentForm
from feedback.opinions import shown_opinions

register = template.Library()


@register.inclusion_tag("feedback/includes/opinions.html")
def article_opinions(article):
    """The published opinions and the form (without a challenge: the page is stored for everyone)."""
    opinions = shown_opinions(article)
    return {"article": article, "opinions": opinions, "form": ArticleOpinionForm(article=article)}


@register.inclusion_tag("feedback/includes/meta.html")
def feedback_assets():
    """The feedback form's stylesheet and script, for a page of another app that shows the form."""
    return {}


@register.inclusion_tag("feedback/includes/consultation.html")
def consultation_comments(document):
    """The comment form of a draft while its consultation is open (no challenge: the page is stored);
    before and after, when it opens or that it has closed."""
    now = timezone.now()
    is_open = document.consultation_is_open(now)
    not_yet = not is_open and bool(document.consultation_opens_at and now < document.consultation_opens_at)
    form = ConsultationCommentForm(document=document) if is_open else None
    return {"document": document, "is_open": is_open, "not_yet": not_yet, "form": form}

"""What feedback shows on other apps' pages: the "Ý kiến bạn đọc" section under an article.

articles imports nothing from feedback: templates/articles/detail.html loads these tags.
"""

from django import template

from feedback.forms import ArticleOpinionForm
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

"""{% search_kinds %} and {% search_results %}: the filter by kind and the results, written in Python.

As the admin writes its rows (admin_list.items_for_result), and with the standard library's escape
rather than format_html for each part: the page renders them on every search nobody made before,
and a template's loops over them took 1.5 ms of it (a tenth of the search), format_html's half of
the results'.
"""

from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def search_kinds(kinds):
    """<nav> of links to each kind with matches and their counts (search.views.kind_filter), the
    current one marked."""
    items = []
    for label, count, address, current in kinds:
        marked = ' aria-current="page"' if current else ""
        items.append(
            f'<li><a href="{escape(address)}"{marked}>{escape(str(label))} '
            f'<span class="search-kinds__count">({escape(intcomma(count))})</span></a></li>'
        )
    label, listed = escape(gettext("Show only")), "".join(items)
    return mark_safe(f'<nav class="search-kinds" aria-label="{label}"><ul>{listed}</ul></nav>')  # noqa: S308


@register.simple_tag
def search_results(results, start=1):
    """<ol> of `results` (search.query.Result), numbered from `start`: each with its kind, its detail,
    its title linked, its summary and, for news and answers, its date. Every text is escaped."""
    items = "".join(_result(result) for result in results)
    return mark_safe(f'<ol class="search-results" start="{int(start)}">{items}</ol>')  # noqa: S308


def _result(result):
    # A text not in the page's language says which it is in (lang="vi" on an English page).
    lang = f' lang="{escape(result.text_lang)}"' if result.text_lang else ""
    detail = f"<span{lang}>{escape(result.detail)}</span>" if result.detail else ""
    summary = (
        f'<p class="search-result__summary"{lang}>{escape(result.summary)}</p>' if result.summary else ""
    )
    date = ""
    if result.shown_date:
        local = timezone.localtime(result.shown_date)
        machine = formats.date_format(local, "Y-m-d\\TH:i:sO")
        shown = escape(formats.date_format(local, "SHORT_DATETIME_FORMAT"))
        date = f'<p class="search-result__date"><time datetime="{machine}">{shown}</time></p>'
    return (
        f'<li class="search-result"><p class="search-result__kind">'
        f'<span class="search-result__label">{escape(str(result.kind_label))}</span>{detail}</p>'
        f'<h2 class="search-result__title">'
        f'<a href="{escape(result.url)}"{lang}>{escape(result.title)}</a></h2>'
        f"{summary}{date}</li>"
    )

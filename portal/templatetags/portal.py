import json
from html import escape

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.lib.images import renditions
from portal.lib.languages import address_in, language_of, vietnamese_only

register = template.Library()


@register.simple_tag(takes_context=True)
def page_versions(context):
    """{language: absolute address} of this page in each language it exists in, for hreflang and the
    language switch. A view whose content may lack a language names those it has in
    `page_languages` (an article without an English version: ["vi"]); an address that is no page of
    the public site (an error page) has no versions.
    """
    request = context.get("request")
    if request is None:
        return {}
    path = request.get_full_path()
    current = language_of(request.path)
    languages = context.get("page_languages") or [code for code, _name in settings.LANGUAGES]
    if vietnamese_only(request.resolver_match):
        languages = [settings.LANGUAGE_CODE]
    try:
        versions = {current: request.build_absolute_uri(path)}
    except DisallowedHost:  # the 400 page of a forged Host header
        return {}
    for language in languages:
        if language != current:
            address = address_in(path, language)
            if address == path:
                return {}
            versions[language] = request.build_absolute_uri(address)
    return versions


# The characters that would let a JSON string close the surrounding <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def responsive_image(image, alt, sizes="100vw", css_class="", loading="lazy"):
    """An <img> with WebP renditions in srcset, lazy loading and a mandatory text alternative.

    Pass alt="" only for an image marked decorative: it is then hidden from screen readers.
    loading="eager" is for the page's one image at the top (its largest paint): fetched first.
    """
    if not image:
        return ""
    sources = renditions(image.name, storage=image.storage)
    if not sources:
        return ""
    srcset = ", ".join(f"{url} {w}w" for url, w, _h in sources)
    fallback, width, height = sources[-1]
    # width and height give the box its shape before the image arrives (CSS scales it: height auto).
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" class="{}" width="{}" height="{}" loading="{}"'
        ' decoding="async"{}{}>',
        fallback,
        srcset,
        sizes,
        alt,
        css_class,
        width,
        height,
        loading,
        mark_safe(' fetchpriority="high"') if loading == "eager" else "",
        mark_safe(' aria-hidden="true"') if alt == "" else "",
    )


@register.filter
def jsonld(data):
    """Serialise `data` for a <script type="application/ld+json"> block, safe against </script>."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


@register.filter
def phone_href(number):
    """The digits of a phone number as a tel: link wants them: "0212 3852 123" -> "02123852123"."""
    return "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    """The page links of a list: the first and the last page, two either side of the current one and
    a gap where pages are left out (Paginator.get_elided_page_range), each address keeping the other
    parameters of the query, the first page's without ?page=.

    Written here, as the admin writes its own (admin_list.paginator_number), not in a template: a
    search renders its page links on every request, and a template's loop took 0.8 ms of it.
    """
    if not page_obj.has_other_pages():
        return ""
    others = context.request.GET.copy()
    others.pop("page", None)
    others = others.urlencode()

    def item(number, text, attributes=""):
        """<li> linking to page `number`, the address as {% querystring page=number %} writes it."""
        address = f"?{others}" if number == 1 else f"?{others}&page={number}" if others else f"?page={number}"
        return f'<li><a class="pagination__link"{attributes} href="{escape(address)}">{text}</a></li>'

    page = escape(_("Page"))
    items = []
    if page_obj.has_previous():
        text = f'<span aria-hidden="true">‹ </span>{escape(_("Previous page"))}'
        items.append(item(page_obj.previous_page_number(), text, ' rel="prev"'))
    for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
        if number == page_obj.paginator.ELLIPSIS:
            items.append('<li class="pagination__gap" aria-hidden="true">…</li>')
            continue
        current = ' aria-current="page"' if number == page_obj.number else ""
        items.append(item(number, f'<span class="visually-hidden">{page} </span>{number}', current))
    if page_obj.has_next():
        text = f'{escape(_("Next page"))}<span aria-hidden="true"> ›</span>'
        items.append(item(page_obj.next_page_number(), text, ' rel="next"'))
    label, listed = escape(_("Pages")), "".join(items)
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<nav class="pagination" aria-label="{label}"><ul class="pagination__list">{listed}</ul></nav>'
    )

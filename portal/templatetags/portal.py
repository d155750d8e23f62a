import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.lib.images import renditions

register = template.Library()

# The characters that would let a JSON string close the surrounding <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def responsive_image(image, alt, sizes="100vw", css_class="", loading="lazy"):
    """An <img> with WebP renditions in srcset, lazy loading and a mandatory text alternative.

    Pass alt="" only for an image marked decorative: it is then hidden from screen readers.
    """
    if not image:
        return ""
    sources = renditions(image.name, storage=image.storage)
    if not sources:
        return ""
    srcset = ", ".join(f"{url} {w}w" for url, w in sources)
    fallback = sources[-1][0]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" class="{}" loading="{}" decoding="async"{}>',
        fallback,
        srcset,
        sizes,
        alt,
        css_class,
        loading,
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

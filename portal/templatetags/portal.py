import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.images import renditions
from portal.pagecache import hole_marker, leaving_holes

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


@register.tag
def hole(parser, token):
    """{% hole name [argument] %}…{% endhole %}: the content, or a hole in a stored page.

    See portal.pagecache: when the page is being rendered to be stored, a marker stands for the
    content, and the filler registered as `name` writes it on every request.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("{% hole name [argument] %} … {% endhole %}")
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    argument = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return HoleNode(parser.compile_filter(bits[1]), argument, nodelist)


class HoleNode(template.Node):
    def __init__(self, name, argument, nodelist):
        self.name, self.argument, self.nodelist = name, argument, nodelist

    def render(self, context):
        request = context.get("request")
        if request is not None and leaving_holes(request):
            argument = self.argument.resolve(context) if self.argument else ""
            return hole_marker(self.name.resolve(context), argument)
        return self.nodelist.render(context)

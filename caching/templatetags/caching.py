from django import template

from caching.pagecache import hole_marker, leaving_holes

register = template.Library()


@register.tag
def hole(parser, token):
    """{% hole name [argument] %}…{% endhole %}: the content, or a hole in a stored page.

    See caching.pagecache: when the page is being rendered to be stored, a marker stands for the
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

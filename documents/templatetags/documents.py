from django import template
from django.utils.safestring import mark_safe

from caching import generation
from documents.citations import link_citations, published_numbers

register = template.Library()


@register.filter
def cited_documents(html, request=None):
    """Sanitised rich text with the numbers of published documents it cites made links
    (documents/citations.py). The stored HTML is not changed, only what this page shows of it:

        {% load documents %}{{ article.body|cited_documents:request }}

    With the request, the content generation it already read says which numbers are published; without
    it, the generation is read again (one more query).
    """
    has_request = hasattr(request, "META")  # a template without one passes "" (string_if_invalid)
    version = generation.for_request(request) if has_request else generation.generation_read()
    # The body was sanitised on save (portal.lib.html); only links we build are added to it.
    return mark_safe(link_citations(str(html or ""), published_numbers(version)))  # noqa: S308

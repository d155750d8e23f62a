from django import template

from stats.services import figures_cached

register = template.Library()


@register.inclusion_tag("stats/block.html")
def stats_block():
    """The block "Thống kê truy cập": four figures, read at most every few seconds."""
    return {"figures": figures_cached()}

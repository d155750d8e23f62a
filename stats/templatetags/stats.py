from django import template

from stats.holes import stats_block_html

register = template.Library()


@register.simple_tag
def stats_block():
    """The block "Thống kê truy cập" (stats.holes.stats_block_html)."""
    return stats_block_html()

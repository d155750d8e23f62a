"""What stats writes into pages served from memory (caching.pagecache)."""

from django.template.loader import render_to_string

from caching.pagecache import hole_filler
from stats.counting import figures_cached


def stats_block_html():
    """The block "Thống kê truy cập": four figures, read and rendered at most every few seconds."""
    return figures_cached(render=lambda figures: render_to_string("stats/block.html", {"figures": figures}))


@hole_filler("stats_block")
def stats_block(request, argument):
    """The block in a page served from memory (templates/includes/stats_block.html)."""
    return stats_block_html()

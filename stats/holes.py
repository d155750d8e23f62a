"""What stats writes into pages served from memory (portal.pagecache)."""

from django.template.loader import render_to_string

from portal.pagecache import hole_filler
from stats.services import figures_cached


@hole_filler("stats_block")
def stats_block(request, argument):
    """The block "Thống kê truy cập" (templates/includes/stats_block.html)."""
    return render_to_string("stats/block.html", {"figures": figures_cached()})

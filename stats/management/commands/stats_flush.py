import time

from django.core.management.base import BaseCommand, CommandError

from stats import counting, edge
from stats.backends import redis as buffered


class Command(BaseCommand):
    help = (
        "Move the visit counters waiting in Redis (STATS_REDIS_URL) to PostgreSQL, exactly once, including "
        "any batch a crashed run left behind. Run every 10 seconds (deploy/systemd: cong-stats-flush.timer); "
        "safe to run twice at once. The pages nginx answered from its cache are counted first (stats.edge)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="Keep running, flushing every SECONDS (for a supervisor instead of a timer).",
        )

    def handle(self, *args, loop, verbosity, **options):
        if not counting.redis_enabled():
            raise CommandError("STATS_REDIS_URL is not set: page views are counted in PostgreSQL directly.")
        while True:
            self.flush(verbosity)
            if not loop:
                return
            time.sleep(loop)

    def flush(self, verbosity):
        # First the pages nginx answered from its cache, so that they are in this flush.
        from_edge = edge.edge_drain()
        stored = buffered.flush()
        if verbosity >= 1:
            visits = sum(sum(counters.visits.values()) for counters in stored)
            page_views = sum(sum(counters.page_views.values()) for counters in stored)
            views = sum(sum(counters.article_views.values()) for counters in stored)
            self.stdout.write(
                f"Flushed {len(stored)} batches: {visits} visits, {page_views} page views, "
                f"{views} article views."
            )
            if from_edge:
                self.stdout.write(f"Counted first {from_edge} pages that nginx answered from its cache.")

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from stats.definitions import ARTICLE_VIEW_WINDOW, VISIT_WINDOW
from stats.models import ArticleView, ObjectView, RecentVisitor


class Command(BaseCommand):
    help = (
        "Delete the short-lived statistics rows: visitors not seen for 30 minutes (the visit window) and "
        "article, document and download views counted more than 10 minutes ago. Safe to run from cron "
        "every few minutes; "
        "the counters are not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be deleted, delete nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        now = timezone.now()
        # A visitor row younger than the window still decides whether the next page view starts a
        # visit; a view row younger than 10 minutes still stops a reload from counting.
        visitors = RecentVisitor.objects.filter(last_seen__lt=now - VISIT_WINDOW)
        views = ArticleView.objects.filter(last_counted__lt=now - ARTICLE_VIEW_WINDOW)
        object_views = ObjectView.objects.filter(last_counted__lt=now - ARTICLE_VIEW_WINDOW)
        with transaction.atomic():
            if dry_run:
                visitor_count, view_count = visitors.count(), views.count() + object_views.count()
            else:
                visitor_count, _ = visitors.delete()
                view_count = views.delete()[0] + object_views.delete()[0]
        if verbosity >= 1:
            verb = "Would delete" if dry_run else "Deleted"
            self.stdout.write(
                f"{verb} {visitor_count} recent visitor rows and {view_count} article view rows."
            )

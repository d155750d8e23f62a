"""Existing articles keep their status (draft stays draft, published stays published).

A status the workflow does not know becomes draft, so nothing unexpected is public; and every article
gets revision 1, a snapshot of what it says now, so the first edit already has something to compare.
"""

from django.db import migrations

KNOWN = {"draft", "pending", "published", "unpublished", "rejected"}


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    Article.objects.exclude(status__in=KNOWN).update(status="draft")
    ArticleRevision.objects.bulk_create(
        ArticleRevision(
            article=article,
            number=1,
            created_by_id=article.created_by_id,
            created_at=article.updated_at,
            title=article.title,
            summary=article.summary,
            body=article.body,
            category_id=article.category_id,
            byline=article.byline,
            source=article.source,
            status=article.status,
        )
        for article in Article.objects.filter(revisions__isnull=True).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_workflow")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

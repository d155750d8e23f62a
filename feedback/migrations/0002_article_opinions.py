"""Readers' opinions under an article: feedback items linked to the article; e-mail optional there."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_page_moved_to_frame'),
        ('feedback', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='feedback',
            name='feedback_published_needs_consent_and_answer',
        ),
        migrations.AddField(
            model_name='feedback',
            name='article',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='opinions', to='articles.article', verbose_name='about the article'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='email'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(condition=models.Q(('article__isnull', False), ('is_published', True)), fields=['article', 'received_at'], name='feedback_article_opinions'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.CheckConstraint(condition=models.Q(('is_published', False), models.Q(('allow_publish', True), models.Q(models.Q(('answer', ''), _negated=True), ('article__isnull', False), _connector='OR')), _connector='OR'), name='feedback_published_needs_consent_and_answer'),
        ),
    ]

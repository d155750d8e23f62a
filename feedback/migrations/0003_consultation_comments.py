"""Comments on a draft put out for public consultation: feedback items linked to the draft."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_role_permissions'),
        ('feedback', '0002_article_opinions'),
    ]

    operations = [
        migrations.AddField(
            model_name='feedback',
            name='document',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consultation_comments', to='documents.document', verbose_name='about the draft'),
        ),
        migrations.AddField(
            model_name='feedback',
            name='organisation',
            field=models.CharField(blank=True, max_length=200, verbose_name='organisation'),
        ),
    ]

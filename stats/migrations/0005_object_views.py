"""Views of documents and downloads of attached files, counted by the articles' 10-minute rule."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0004_editors_read_statistics'),
    ]

    operations = [
        migrations.CreateModel(
            name='ObjectDailyCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('document', 'document page viewed'), ('download', 'attached file downloaded')], max_length=10, verbose_name='kind')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object')),
                ('date', models.DateField(verbose_name='date')),
                ('count', models.PositiveBigIntegerField(default=0, verbose_name='count')),
            ],
            options={
                'verbose_name': 'views per day',
                'verbose_name_plural': 'views per day',
                'indexes': [models.Index(fields=['kind', 'date'], name='stats_object_counts_by_date')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id', 'date'), name='stats_objectdailycount_unique')],
            },
        ),
        migrations.CreateModel(
            name='ObjectView',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visitor_key', models.CharField(max_length=64, verbose_name='visitor key')),
                ('kind', models.CharField(choices=[('document', 'document page viewed'), ('download', 'attached file downloaded')], max_length=10, verbose_name='kind')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object')),
                ('last_counted', models.DateTimeField(db_index=True, verbose_name='last counted')),
            ],
            options={
                'verbose_name': 'recent view',
                'verbose_name_plural': 'recent views',
                'constraints': [models.UniqueConstraint(fields=('visitor_key', 'kind', 'object_id'), name='stats_objectview_unique')],
            },
        ),
    ]

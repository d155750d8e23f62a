"""Files attached to an article (Tệp đính kèm), checked by content like the documents' (portal.lib.attachments)."""

import django.db.models.deletion
import portal.lib.attachments
import portal.lib.files
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_page_moved_to_frame'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(help_text='PDF, Word, Excel, OpenDocument or ZIP, checked by its content.', max_length=200, upload_to=portal.lib.attachments.attached_file_upload_to, validators=[portal.lib.files.validate_attachment], verbose_name='file')),
                ('name', models.CharField(blank=True, help_text='What readers see and download it as. Left empty: the name of the uploaded file.', max_length=200, verbose_name='name')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('extension', models.CharField(editable=False, max_length=10, verbose_name='type')),
                ('size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='articles.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'attached file',
                'verbose_name_plural': 'attached files',
                'ordering': ['order', 'pk'],
                'abstract': False,
            },
        ),
    ]

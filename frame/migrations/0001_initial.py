"""The site's frame gets an app of its own: SiteSettings, Banner, LookupLink and Video from `portal`,
Page from `articles`.

Only Django's picture of the models moves (SeparateDatabaseAndState): the tables keep their names and
rows (each model's Meta.db_table). The content types move with them, so the permissions that groups
and users hold (and the admin's history) now name `frame` and stay granted.
"""

import django.utils.timezone
import django_ckeditor_5.fields
import frame.models
import frame.validators
import portal.lib.images
import portal.lib.validators
from django.db import migrations, models



MOVED = [
    ("portal", "sitesettings"),
    ("portal", "banner"),
    ("portal", "lookuplink"),
    ("portal", "video"),
    ("articles", "page"),
]


def content_types_move(apps, schema_editor, moves):
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, new_app, model in moves:
        if not ContentType.objects.filter(app_label=new_app, model=model).exists():
            ContentType.objects.filter(app_label=old_app, model=model).update(app_label=new_app)
    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    content_types_move(apps, schema_editor, [(app, "frame", model) for app, model in MOVED])


def backwards(apps, schema_editor):
    content_types_move(apps, schema_editor, [("frame", app, model) for app, model in MOVED])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0003_axes_permissions"),
        ("articles", "0007_featured_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LookupLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('link', models.CharField(help_text='A web address (https://…) or a path on this site (/trang/lien-he/).', max_length=500, validators=[portal.lib.validators.validate_link], verbose_name='link')),
                        ('icon', models.ImageField(blank=True, help_text='Optional, shown small (32 × 32 pixels) before the title.', upload_to='lookup/', validators=[portal.lib.images.validate_image], verbose_name='icon')),
                        ('icon_alt', models.CharField(blank=True, help_text='Usually empty: the title beside the icon already says where the link goes, so the icon is decorative and screen readers skip it. Fill in only if the icon adds information.', max_length=200, verbose_name='icon text alternative')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ],
                    options={
                        'verbose_name': 'lookup link',
                        'verbose_name_plural': 'lookup links',
                        'db_table': 'portal_lookuplink',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('slug', models.SlugField(blank=True, help_text='Part of the address (/trang/…/). Left empty, it is made from the title.', max_length=140, unique=True, verbose_name='slug')),
                        ('body', django_ckeditor_5.fields.CKEditor5Field(blank=True, verbose_name='body')),
                        ('title_en', models.CharField(blank=True, max_length=255, verbose_name='English title')),
                        ('body_en', django_ckeditor_5.fields.CKEditor5Field(blank=True, help_text='With an English title and body, visitors who choose English read this version.', verbose_name='English body')),
                        ('order', models.PositiveSmallIntegerField(default=0, help_text='Menu pages and categories share one order: a page with 15 comes between 10 and 20.', verbose_name='order')),
                        ('show_in_menu', models.BooleanField(default=False, verbose_name='shown in menu')),
                        ('show_in_footer', models.BooleanField(default=False, verbose_name='shown in footer')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'page',
                        'verbose_name_plural': 'pages',
                        'db_table': 'articles_page',
                        'ordering': ['order', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Banner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(help_text='For staff only; visitors read the text alternative.', max_length=200, verbose_name='name')),
                        ('image', models.ImageField(height_field='image_height', upload_to='banners/%Y/', validators=[portal.lib.images.validate_image], verbose_name='image', width_field='image_width')),
                        ('image_width', models.PositiveIntegerField(editable=False, null=True)),
                        ('image_height', models.PositiveIntegerField(editable=False, null=True)),
                        ('alt_text', models.CharField(help_text='Required. What the banner says or shows, for visitors who cannot see it: usually the words written on it.', max_length=255, verbose_name='text alternative')),
                        ('link', models.CharField(blank=True, help_text='A web address (https://…) or a path on this site (/trang/lien-he/).', max_length=500, validators=[portal.lib.validators.validate_link], verbose_name='link')),
                        ('position', models.CharField(choices=[('header', 'Header'), ('sidebar', 'Sidebar'), ('footer', 'Footer')], db_index=True, default='sidebar', max_length=10, verbose_name='position')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('starts_at', models.DateTimeField(blank=True, help_text='Empty: shown from now on.', null=True, verbose_name='shown from')),
                        ('ends_at', models.DateTimeField(blank=True, help_text='Empty: no end.', null=True, verbose_name='shown until')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ],
                    options={
                        'verbose_name': 'banner',
                        'verbose_name_plural': 'banners',
                        'db_table': 'portal_banner',
                        'ordering': ['position', 'order', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('alt_text__regex', '\\S')), name='banner_has_alt_text', violation_error_message='A banner needs a text alternative.')],
                    },
                ),
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('agency_name', models.CharField(help_text='Shown in the header, in page titles and in feeds.', max_length=200, verbose_name='agency name')),
                        ('agency_name_en', models.CharField(blank=True, help_text='Shown instead when a visitor has chosen English.', max_length=200, verbose_name='agency name in English')),
                        ('short_name', models.CharField(blank=True, help_text='For narrow places, e.g. “UBND tỉnh Sơn La”.', max_length=80, verbose_name='short name')),
                        ('logo', models.ImageField(blank=True, help_text='Square, at least 128 × 128 pixels. Without a logo the national emblem is shown.', upload_to='site/', validators=[portal.lib.images.validate_image], verbose_name='logo')),
                        ('logo_alt', models.CharField(blank=True, help_text='What the logo shows, e.g. “Quốc huy Việt Nam”. Required with a logo.', max_length=200, verbose_name='logo text alternative')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                        ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                        ('hotline', models.CharField(blank=True, max_length=50, verbose_name='hotline')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('responsible_editor', models.CharField(blank=True, help_text='The line the press law requires, e.g. “Chịu trách nhiệm chính: …”.', max_length=300, verbose_name='responsible editor')),
                        ('footer_text', models.TextField(blank=True, help_text='Licence number and other notices. Line breaks are kept.', verbose_name='footer text')),
                        ('facebook_url', models.CharField(blank=True, help_text='A web address (https://…) or a path on this site (/trang/lien-he/).', max_length=300, validators=[portal.lib.validators.validate_link], verbose_name='Facebook page')),
                        ('youtube_url', models.CharField(blank=True, help_text='A web address (https://…) or a path on this site (/trang/lien-he/).', max_length=300, validators=[portal.lib.validators.validate_link], verbose_name='YouTube channel')),
                        ('zalo_url', models.CharField(blank=True, help_text='A web address (https://…) or a path on this site (/trang/lien-he/).', max_length=300, validators=[portal.lib.validators.validate_link], verbose_name='Zalo page')),
                        ('monitoring_script_url', models.CharField(blank=True, help_text="The address in the src attribute of the national monitoring code's script tag, if it has one. The script runs on every page with full access to it: enter only the address the authority gave you. Only https addresses on the hosts in PORTAL_MONITORING_SCRIPT_HOSTS are accepted; only superusers can change it.", max_length=500, validators=[frame.validators.validate_monitoring_script_url], verbose_name='monitoring script address')),
                        ('badge_link', models.CharField(blank=True, help_text='Where the certification badge leads (the href of its link).', max_length=500, validators=[portal.lib.validators.validate_link], verbose_name='badge link')),
                        ('badge_image_url', models.CharField(blank=True, help_text='The badge picture (the src of its image), an https address.', max_length=500, validators=[portal.lib.validators.validate_https_url], verbose_name='badge image address')),
                        ('badge_alt', models.CharField(blank=True, help_text='What the badge says, e.g. “Chứng nhận Tín nhiệm mạng”. Required with a badge.', max_length=200, verbose_name='badge text alternative')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'site settings',
                        'verbose_name_plural': 'site settings',
                        'db_table': 'portal_sitesettings',
                        'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='site_settings_single_row')],
                    },
                ),
                migrations.CreateModel(
                    name='Video',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('url', models.CharField(blank=True, help_text='Played through the privacy-enhanced player, loaded only when the visitor presses play. Leave empty when you upload a file.', max_length=300, validators=[frame.validators.validate_video_url], verbose_name='YouTube or Vimeo address')),
                        ('file', models.FileField(blank=True, help_text='Instead of an address: an MP4 video (H.264), with a poster image.', upload_to=frame.models._video_file_name, validators=[frame.validators.validate_mp4], verbose_name='MP4 file')),
                        ('poster', models.ImageField(blank=True, help_text='Shown before the video plays. Required for a file; for YouTube and Vimeo without a poster a plain panel is shown, so nothing is fetched from them before the visitor presses play.', upload_to='videos/posters/%Y/', validators=[portal.lib.images.validate_image], verbose_name='poster image')),
                        ('captions', models.FileField(blank=True, help_text='For an MP4 file: Vietnamese captions as a .vtt file.', upload_to=frame.models._captions_file_name, validators=[frame.validators.validate_captions], verbose_name='captions (WebVTT)')),
                        ('featured', models.BooleanField(default=False, help_text='The newest featured video is shown in the sidebar.', verbose_name='featured in the sidebar')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('published_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='date')),
                    ],
                    options={
                        'verbose_name': 'video',
                        'verbose_name_plural': 'videos',
                        'db_table': 'portal_video',
                        'ordering': ['-published_at', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('url', ''), models.Q(('file', ''), _negated=True)), models.Q(models.Q(('url', ''), _negated=True), ('file', '')), _connector='OR'), name='video_has_one_source', violation_error_message='Give either a YouTube or Vimeo address or an MP4 file, not both.')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]

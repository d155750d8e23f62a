"""The content generation moves here from `portal`, table and content type included (state only)."""

from django.db import migrations, models


def content_type_move(apps, schema_editor, old_app, new_app):
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new_app, model="contentgeneration").exists():
        ContentType.objects.filter(app_label=old_app, model="contentgeneration").update(app_label=new_app)
    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, "portal", "caching")


def backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, "caching", "portal")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0002_content_generation"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentGeneration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("value", models.BigIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "content generation",
                        "db_table": "portal_contentgeneration",
                        "default_permissions": (),
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]

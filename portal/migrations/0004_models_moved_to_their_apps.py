"""`portal` keeps no models: the frame's went to `frame`, the content generation to `caching`.

State only: the tables stay, now owned by those apps (their migrations 0001).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_axes_permissions"),
        ("frame", "0001_initial"),
        ("caching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Banner"),
                migrations.DeleteModel(name="ContentGeneration"),
                migrations.DeleteModel(name="LookupLink"),
                migrations.DeleteModel(name="SiteSettings"),
                migrations.DeleteModel(name="Video"),
            ],
        ),
    ]

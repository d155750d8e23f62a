"""Static pages are not articles: `Page` moved to the frame app (state only; the table stays)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_featured_index"),
        ("frame", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Page")]),
    ]

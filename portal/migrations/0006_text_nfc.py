"""Every text column of the project's models, and the staff's names, in Unicode NFC.

From here on portal.lib.text.text_nfc normalises what is saved; this normalises what was stored
before. One UPDATE per table touches only the rows that hold a value that is not NFC (PostgreSQL's
`IS NFC NORMALIZED`), so on a database that is already NFC it only reads each table once and writes
nothing. It lives in portal, which every app may depend on, and runs after the migrations each app
had when it was written (a dependency is a name, not an import); columns added later start empty
and are filled through save().
"""

from django.db import migrations

# The apps whose models were the project's, with their latest migration then; and the user model.
APPS = {
    "accounts": "0002_administrator_permissions",
    "caching": "0001_initial",
    "articles": "0012_attachment_permissions",
    "frame": "0005_attachment_permissions",
    "search": "0001_initial",
    "documents": "0003_role_permissions",
    "feedback": "0003_consultation_comments",
    "agency": "0002_role_permissions",
    "stats": "0006_object_views_permissions",
    "compliance": "0002_role_permissions",
    "auth": "0012_alter_user_first_name_max_length",
}
TEXT_FIELD_TYPES = {"CharField", "SlugField", "TextField"}


def text_columns(apps):
    """(table, [columns]) of every table of APPS (and portal) with text columns."""
    for label in ["portal", *APPS]:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            if label == "auth" and model._meta.model_name != "user":
                continue
            columns = [
                field.column
                for field in model._meta.local_concrete_fields
                if field.get_internal_type() in TEXT_FIELD_TYPES
            ]
            if columns:
                yield model._meta.db_table, columns


def text_normalise(apps, schema_editor):
    """Rewrite in NFC the rows that hold a text that is not; returns how many rows were rewritten."""
    quote = schema_editor.quote_name
    rewritten = 0
    with schema_editor.connection.cursor() as cursor:
        for table, columns in text_columns(apps):
            assignments = ", ".join(
                f"{quote(column)} = normalize({quote(column)}, NFC)" for column in columns
            )
            needed = " OR ".join(f"{quote(column)} IS NOT NFC NORMALIZED" for column in columns)
            cursor.execute(f"UPDATE {quote(table)} SET {assignments} WHERE {needed}")  # noqa: S608 - names from the models
            rewritten += cursor.rowcount
    return rewritten


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_pending_upload"), *APPS.items()]

    operations = [migrations.RunPython(text_normalise, migrations.RunPython.noop, elidable=True)]

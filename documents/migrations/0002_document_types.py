"""The document types a provincial portal publishes, in the order of their legal force; staff add more.

Rows of data, not translated strings: the names are Vietnamese, as printed on the documents.
"""

from django.db import migrations

TYPES = [
    ("Hiến pháp", "hien-phap"),
    ("Luật", "luat"),
    ("Pháp lệnh", "phap-lenh"),
    ("Nghị quyết", "nghi-quyet"),
    ("Nghị định", "nghi-dinh"),
    ("Quyết định", "quyet-dinh"),
    ("Thông tư", "thong-tu"),
    ("Chỉ thị", "chi-thi"),
    ("Kết luận", "ket-luan"),
    ("Quy định", "quy-dinh"),
    ("Hướng dẫn", "huong-dan"),
    ("Kế hoạch", "ke-hoach"),
    ("Chương trình", "chuong-trinh"),
    ("Công văn", "cong-van"),
    ("Thông báo", "thong-bao"),
    ("Báo cáo", "bao-cao"),
    ("Tờ trình", "to-trinh"),
]


def forwards(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (name, slug) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})


def backwards(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(slug__in=[slug for _name, slug in TYPES], documents=None).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]

"""Demo settings of the compliance dashboard for `manage.py load_demo_data`: where four of the sections
kept by convention live on the demo site (its pages "Giới thiệu" and "Tiếp cận thông tin", the
national procedures portal, the category "Kinh tế"); the others are left unset, as on a new portal,
so that the dashboard shows its warnings. A section that has a setting is never changed.
"""

from articles.models import Category
from compliance.models import SectionSetting
from frame.models import Page

MAPPING = [
    ("introduction", {"page": "gioi-thieu"}),
    ("access", {"page": "tiep-can-thong-tin"}),
    ("procedures", {"link": "https://dichvucong.gov.vn/"}),
    ("investment", {"category": "kinh-te"}),
]


def load(*, stdout, verbosity, dry_run):
    created = 0
    for key, place in MAPPING:
        if SectionSetting.objects.filter(section=key).exists():
            continue
        setting = SectionSetting(section=key, link=place.get("link", ""))
        if "page" in place:
            setting.page = Page.objects.filter(slug=place["page"]).first()
        if "category" in place:
            setting.category = Category.objects.filter(slug=place["category"]).first()
        setting.full_clean()
        setting.save()
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + compliance section {key}")
    return f"{created} section settings created" if created else "nothing new"

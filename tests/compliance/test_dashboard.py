"""The compliance dashboard: every section of Decree 42, where it lives, and its warnings."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance import dashboard
from compliance.models import SectionSetting
from compliance.sections import SECTIONS
from search.models import SearchEntry
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    OfficialFactory,
    PageFactory,
    ScheduleEntryFactory,
    ScheduleWeekFactory,
    UnitFactory,
    administrator,
    editor,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:compliance_sectionsetting_changelist")


def state(key, now=None):
    return next(item for item in dashboard.states(now) if item.section.key == key)


def test_every_section_of_the_decree_is_listed_with_its_source(admin_client):
    html = admin_client.get(DASHBOARD).content.decode()
    for item in SECTIONS:
        assert f'id="muc-{item.key}"' in html
    assert "Nghị định 42/2022/NĐ-CP, Điều 4" in html and "Nghị định 42/2022/NĐ-CP, Điều 7" in html


def test_only_administrators_see_the_dashboard(client):
    client.force_login(editor(username="bientap2"))
    assert client.get(DASHBOARD).status_code == 403
    client.force_login(administrator(username="quantri2"))
    assert client.get(DASHBOARD).status_code == 200


def test_a_schedule_with_no_entry_this_week_is_a_warning():
    assert any("chưa có mục nào" in problem for problem in state("direction").problems)
    ScheduleEntryFactory(week=ScheduleWeekFactory(is_approved=False))
    assert any("chưa được duyệt" in problem for problem in state("direction").problems)


def test_this_weeks_public_entries_make_the_schedule_ok():
    ScheduleEntryFactory(week=ScheduleWeekFactory())
    schedule = state("direction")
    assert schedule.ok and schedule.count == 1 and schedule.url == reverse("agency:schedule")


def test_documents_not_updated_for_longer_than_the_threshold_are_stale():
    DocumentFactory(published_at=timezone.now() - timedelta(days=40))
    documents = state("documents")
    assert documents.count == 1 and not documents.ok
    assert "Không cập nhật 40 ngày (ngưỡng là 30 ngày)." in documents.problems
    SectionSetting.objects.create(section="documents", stale_after_days=60)
    assert state("documents").ok


def test_an_empty_section_is_a_warning():
    news = state("news")
    assert news.count == 0 and "Trống: chưa có gì được công bố." in news.problems
    ArticleFactory()
    assert state("news").ok


def test_a_section_kept_by_convention_is_read_from_the_page_category_or_link_staff_set():
    assert any("Chưa thiết lập" in problem for problem in state("introduction").problems)
    page = PageFactory(title="Giới thiệu")
    SectionSetting.objects.create(section="introduction", page=page)
    introduction = state("introduction")
    assert introduction.ok and introduction.url == page.get_absolute_url() and introduction.count == 1
    page.is_published = False
    page.save()
    assert "Trang chưa được xuất bản." in state("introduction").problems
    SectionSetting.objects.create(section="procedures", link="https://dichvucong.gov.vn/")
    assert state("procedures").url == "https://dichvucong.gov.vn/" and state("procedures").ok


def test_a_category_stale_beyond_its_threshold_warns():
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=100))
    SectionSetting.objects.create(section="investment", category=article.category)
    assert any("100 ngày" in problem for problem in state("investment").problems)
    ArticleFactory(category=article.category)
    assert state("investment").ok


def test_english_is_a_warning_while_units_lack_it():
    UnitFactory(name="Sở Y tế", name_en="Department of Health", functions_en="<p>Health</p>")
    UnitFactory(name="Sở Tư pháp")
    english = state("english")
    assert english.count == 1 and any("1 trên 2 đơn vị" in problem for problem in english.problems)


def test_the_organisation_warns_of_units_without_contacts():
    OfficialFactory(unit=UnitFactory(phone="", email=""))
    assert any("chưa có số điện thoại" in problem for problem in state("organisation").problems)


def test_the_monitoring_code_and_the_search_are_checked():
    assert not state("monitoring").ok
    ArticleFactory()
    assert state("search").ok and state("search").count == 1
    SearchEntry.objects.all().delete()  # as a change made outside the ORM would leave it
    assert any("search_rebuild" in problem for problem in state("search").problems)


def test_staff_set_a_threshold_from_the_dashboard(admin_client):
    html = admin_client.get(DASHBOARD).content.decode()
    add = reverse("admin:compliance_sectionsetting_add") + "?section=documents"
    assert add.replace("&", "&amp;") in html or add in html
    response = admin_client.post(add, {"section": "documents", "stale_after_days": "14"})
    assert response.status_code == 302
    assert SectionSetting.objects.get(section="documents").stale_after_days == 14
    # A section the portal serves takes no page, category or link.
    with pytest.raises(ValidationError):
        SectionSetting(section="consultation", link="/van-ban/").full_clean()

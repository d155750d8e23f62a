"""The security review's findings against a curious insider (docs/security.md), each attack replayed.

Every test performs the attack the review ran as a proof of concept and asserts that it now fails.
The insider is a journalist: staff, in the Phóng viên group, with a password and the admin open.
"""

import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from articles.models import Article, ArticleSlugHistory
from frame.models import Page
from tests.factories import ArticleFactory, PageFactory, UserFactory, editor, image_file, journalist

pytestmark = pytest.mark.django_db

Status = Article.Status
SECRET_TITLE = "Kế hoạch nhân sự mật ZQX"


@pytest.fixture
def insider(client):
    client.force_login(journalist(username="toimo"))
    return client


@pytest.fixture
def others_draft():
    return ArticleFactory(
        title=SECRET_TITLE, status=Status.DRAFT, created_by=journalist(username="dongnghiep")
    )


def page_text(response, address=None):
    """The page with what differs between any two requests taken out (the address, the CSRF token)."""
    text = response.content.decode()
    if address:
        text = text.replace(address, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)


def view_on_site(model, object_id):
    content_type = ContentType.objects.get_for_model(model)
    return reverse("admin:view_on_site", args=[content_type.pk, object_id])


# Finding 1: "view on site" told any staff account the address (the title) of any draft -----------


def test_the_view_on_site_shortcut_answers_another_journalists_draft_as_if_it_did_not_exist(
    insider, others_draft
):
    missing_address, attack_address = view_on_site(Article, 999_999), view_on_site(Article, others_draft.pk)
    missing, attack = insider.get(missing_address), insider.get(attack_address)

    assert attack.status_code == missing.status_code == 404
    assert page_text(attack, attack_address) == page_text(missing, missing_address)
    assert "Location" not in attack
    assert others_draft.slug not in attack.content.decode()


@pytest.mark.parametrize("status", [Status.PENDING, Status.UNPUBLISHED, Status.REJECTED])
def test_no_state_of_anothers_article_leaks_through_the_shortcut(insider, status):
    article = ArticleFactory(title=SECRET_TITLE, status=status, created_by=journalist(username="dongnghiep"))
    assert insider.get(view_on_site(Article, article.pk)).status_code == 404


def test_an_unpublished_static_page_is_not_found_through_the_shortcut_by_a_journalist(insider):
    page = PageFactory(title="Đề án sáp nhập mật", is_published=False)
    published = PageFactory(title="Giới thiệu")
    assert insider.get(view_on_site(Page, page.pk)).status_code == 404
    # Journalists do not keep pages at all: a published one is no different.
    assert insider.get(view_on_site(Page, published.pk)).status_code == 404


def test_a_bad_id_is_not_found_rather_than_an_error(insider):
    assert insider.get(view_on_site(Article, "abc")).status_code == 404
    assert insider.get(reverse("admin:view_on_site", args=[999_999, 1])).status_code == 404


def test_the_shortcut_still_leads_a_journalist_to_their_own_draft_and_an_editor_to_anyones(
    client, others_draft
):
    author = others_draft.created_by
    client.force_login(author)
    response = client.get(view_on_site(Article, others_draft.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(others_draft.get_absolute_url())
    client.force_login(editor(username="bientapvien"))
    assert client.get(view_on_site(Article, others_draft.pk)).status_code == 302


def test_the_shortcut_asks_an_anonymous_visitor_to_log_in(client, others_draft):
    response = client.get(view_on_site(Article, others_draft.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert others_draft.slug not in response["Location"]


# Finding 2: saving a new slug equal to another article's old one deleted that article's redirect --


@pytest.fixture
def renamed_article():
    """A published article whose first address, shared and printed, now redirects to its new one."""
    article = ArticleFactory(title="Lịch tiếp công dân tháng 12", slug="lich-tiep-cong-dan")
    article.slug = "lich-tiep-cong-dan-thang-12"
    article.save()
    assert ArticleSlugHistory.objects.filter(slug="lich-tiep-cong-dan", article=article).exists()
    return article


def test_a_journalist_cannot_give_a_new_article_another_articles_old_address(insider, renamed_article):
    add = reverse("admin:articles_article_add")
    data = {
        "title": "Bài của tôi",
        "slug": "lich-tiep-cong-dan",
        "category": renamed_article.category_id,
        "summary": "",
        "body": "<p>Nội dung</p>",
        "byline": "",
        "source": "",
        "cover_alt": "",
        "cover_caption": "",
        "old_slugs-TOTAL_FORMS": "0",
        "old_slugs-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "_workflow": "submit",
    }

    response = insider.post(add, data)

    assert response.status_code == 200
    assert "Địa chỉ này từng thuộc về một bài viết khác" in response.content.decode()
    assert not Article.objects.filter(title="Bài của tôi").exists()
    assert ArticleSlugHistory.objects.get(slug="lich-tiep-cong-dan").article == renamed_article


def test_renaming_an_article_to_another_articles_old_address_is_refused_and_the_old_link_still_works(
    client, renamed_article
):
    draft = ArticleFactory(title="Bản nháp", status=Status.DRAFT)
    draft.slug = "lich-tiep-cong-dan"
    with pytest.raises(ValidationError):
        draft.full_clean()
    with pytest.raises(ValidationError):
        draft.save()  # a save that skipped the form takes nothing either

    assert ArticleSlugHistory.objects.get(slug="lich-tiep-cong-dan").article == renamed_article
    response = client.get("/bai-viet/lich-tiep-cong-dan/")
    assert response.status_code == 301
    assert response["Location"] == renamed_article.get_absolute_url()


def test_a_title_that_makes_another_articles_old_address_gets_another_address(renamed_article):
    article = ArticleFactory(title="Lịch tiếp công dân")
    assert article.slug == "lich-tiep-cong-dan-2"
    assert ArticleSlugHistory.objects.get(slug="lich-tiep-cong-dan").article == renamed_article


def test_an_article_may_take_back_its_own_old_address(renamed_article):
    renamed_article.slug = "lich-tiep-cong-dan"
    renamed_article.full_clean()
    renamed_article.save()
    assert not ArticleSlugHistory.objects.filter(slug="lich-tiep-cong-dan").exists()
    assert ArticleSlugHistory.objects.get(slug="lich-tiep-cong-dan-thang-12").article == renamed_article


# Finding 3: unpublished static pages were readable by every staff account --------------------------


def test_a_journalist_cannot_read_an_unpublished_static_page(insider):
    page = PageFactory(title="Đề án sáp nhập mật", body="<p>Nội dung mật ZQX</p>", is_published=False)
    response = insider.get(page.get_absolute_url())
    assert response.status_code == 404
    assert "ZQX" not in response.content.decode()


def test_who_may_change_pages_previews_an_unpublished_one(client):
    page = PageFactory(title="Đề án sáp nhập", body="<p>Bản dự thảo</p>", is_published=False)
    client.force_login(editor(username="bientapvien"))
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


# Finding 4: the editor's image upload needed only is_staff ----------------------------------------


def test_a_staff_account_without_the_right_to_write_cannot_upload_into_the_editor(client):
    client.force_login(UserFactory(username="ketoan", is_staff=True))
    response = client.post(reverse("editor_upload"), {"upload": image_file()})
    assert response.status_code == 403
    assert "Bạn không được tải ảnh lên" in response.json()["error"]["message"]
    assert not default_storage.exists("uploads")


def test_a_journalist_who_writes_articles_may_upload_into_the_editor(insider):
    response = insider.post(reverse("editor_upload"), {"upload": image_file()})
    assert response.status_code == 200
    assert response.json()["url"].startswith("/media/uploads/")


# Finding 8: the page cache could be flooded with made-up addresses, or skipped with a made-up cookie


def stored_pages():
    return [key for key in caches["fragments"]._cache if ":page:" in key]


def test_made_up_query_strings_do_not_make_new_stored_pages(client, others_draft):
    for number in range(300):
        assert client.get(f"/?utm_source=zalo&x={number}").status_code == 200
    assert len(stored_pages()) == 1


def test_a_made_up_session_cookie_is_served_the_stored_page(client, django_assert_max_num_queries):
    ArticleFactory(title="Tin đã đăng")
    stored = page_text(client.get("/"))
    client.cookies[settings.SESSION_COOKIE_NAME] = "khongcophienlamviecnaoca0123456789"
    with django_assert_max_num_queries(2):  # the generation, and the look-up that finds no session
        response = client.get("/")
    assert page_text(response) == stored


def stored_search_results():
    return [key for key in caches["fragments"]._cache if ":search:" in key]


def test_one_off_searches_render_but_are_not_stored(client):
    ArticleFactory(title="Đảng bộ tỉnh họp")
    for number in range(200):
        assert client.get(f"/tim-kiem/?q=tu+khoa+{number}").status_code == 200
    # One page around every search's results (search/views.py), and no results of any of them.
    assert len(stored_pages()) == 1 and stored_search_results() == []
    client.get("/tim-kiem/?q=dang+bo")
    client.get("/tim-kiem/?q=%20dang%20%20bo")  # the same search, typed another way
    assert len(stored_pages()) == 1 and len(stored_search_results()) == 1


def test_staff_signed_in_get_a_fresh_page_not_the_stored_one(client):
    article = ArticleFactory(title="Tin đã đăng")
    client.get(article.get_absolute_url())
    client.force_login(editor(username="bientapvien"))
    article.title = "Tin đã sửa"
    Article.objects.filter(pk=article.pk).update(title="Tin đã sửa")  # no generation bump
    assert "Tin đã sửa" in client.get(article.get_absolute_url()).content.decode()

import pytest
from django.urls import reverse

from articles.models import Article, Category
from tests.articles.admin_form import article_form
from tests.factories import ArticleFactory, CategoryFactory, image_file

pytestmark = pytest.mark.django_db


def test_staff_create_and_approve_an_article_in_the_admin(staff_client, staff, category):
    data = article_form(category, _workflow="approve")
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get()
    assert article.slug == "dang-bo-tinh-son-la"
    assert article.body == "<p>Nội dung <strong>đậm</strong></p>"
    assert article.created_by == staff
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at.strftime("%d/%m/%Y") == "27/11/2030"


def test_saving_without_a_button_for_a_transition_keeps_a_new_article_a_draft(staff_client, category):
    data = article_form(category, status="published")
    assert staff_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT


def test_a_cover_without_alt_text_is_refused_in_the_admin(staff_client, category):
    data = article_form(category, cover=image_file())
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Hãy mô tả ảnh bìa" in response.content.decode()
    assert not Article.objects.exists()


def test_the_article_list_filters_and_searches(staff_client, category):
    article = ArticleFactory(title="Hội nghị nông thôn mới", category=category)
    ArticleFactory(title="Khác", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")
    response = staff_client.get(url, {"status": "published", "q": "nông thôn"})
    assert list(response.context["cl"].result_list) == [article]
    assert 'class="status-label status-label--published"' in response.content.decode()


@pytest.mark.parametrize("params", ["q=%00", "title=%00", "category__id__exact=abc", "o=999"])
def test_hostile_admin_list_parameters_are_not_a_500(staff_client, params):
    response = staff_client.get(f"{reverse('admin:articles_article_changelist')}?{params}")
    assert response.status_code in {200, 302, 400}


def test_the_article_form_has_the_ckeditor_widget(staff_client):
    response = staff_client.get(reverse("admin:articles_article_add"))
    assert "django_ckeditor_5" in response.content.decode()
    assert reverse("editor_upload") in response.content.decode()


def test_categories_are_ordered_in_the_admin(staff_client):
    CategoryFactory(name="Thứ hai", order=2)
    CategoryFactory(name="Thứ nhất", order=1)
    response = staff_client.get(reverse("admin:articles_category_changelist"))
    names = [category.name for category in response.context["cl"].result_list]
    assert names == ["Thứ nhất", "Thứ hai"]
    assert Category.objects.count() == 2

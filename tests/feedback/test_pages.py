"""Every feedback page: one h1, Vietnamese, its own styles and script, nothing inline."""

import re

import pytest
from django.urls import reverse

from feedback.views import thanks_url
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client):
    FeedbackFactory(code="ABCDEFGH", allow_publish=True, answer="Trả lời.", is_published=True)
    return {
        "form": client.get(reverse("feedback:create")),
        "thanks": client.get(thanks_url("ABCDEFGH")),
        "lookup": client.get(reverse("feedback:lookup")),
        "lookup result": client.post(
            reverse("feedback:lookup"), {"code": "ABCDEFGH", "email": "nguyenvanan@example.com"}
        ),
        "answers": client.get(reverse("feedback:answers")),
        "answers search": client.get(reverse("feedback:answers"), {"q": "trả lời"}),
    }


def test_every_feedback_page_has_one_h1_and_is_vietnamese(pages):
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert len(re.findall(r"<h1[\s>]", html)) == 1, name
        assert 'lang="vi"' in html, name
        assert "feedback/feedback.css" in html, name


def test_no_feedback_page_has_inline_scripts_styles_or_handlers(pages):
    for name, response in pages.items():
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), name
        assert not re.search(r"\sstyle=", html), name
        assert not re.search(r"\son[a-z]+=", html), name


def test_every_image_on_the_feedback_pages_has_a_text_alternative(pages):
    for name, response in pages.items():
        for tag in re.findall(r"<img\b[^>]*>", response.content.decode()):
            assert re.search(r'\salt="[^"]+"', tag) or 'alt=""' in tag, (name, tag)

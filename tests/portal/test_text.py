import pytest

from articles.models import Category
from portal.lib.text import has_control_characters, normalize_whitespace, slugify_vi, unique_slug


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("Đảng", "dang"),
        ("Đảng bộ tỉnh Sơn La", "dang-bo-tinh-son-la"),
        ("Nông thôn mới: đường về bản", "nong-thon-moi-duong-ve-ban"),
        ("ĐỒNG BÀO DÂN TỘC", "dong-bao-dan-toc"),
        ("Thuỷ lợi & thủy điện", "thuy-loi-thuy-dien"),
    ],
)
def test_vietnamese_phrases_become_ascii_slugs(phrase, slug):
    assert slugify_vi(phrase) == slug


def test_slug_is_cut_at_a_word_boundary_without_a_trailing_hyphen():
    assert slugify_vi("Đảng bộ tỉnh", max_length=8) == "dang-bo"


@pytest.mark.django_db
def test_unique_slug_numbers_a_taken_slug():
    Category.objects.create(name="Tin tức")
    assert unique_slug("Tin tức", Category.objects.all()) == "tin-tuc-2"


def test_unique_slug_falls_back_when_the_phrase_has_no_letters():
    assert unique_slug("!!!", Category.objects.none(), fallback="muc") == "muc"


def test_whitespace_is_folded_and_text_nfc_normalised():
    decomposed = "Đa\u0300ng   bô\u0323\n tỉnh"
    assert normalize_whitespace(decomposed) == "Đàng bộ tỉnh"


def test_control_characters_are_detected_but_newlines_are_not():
    assert has_control_characters("a\x00b")
    assert has_control_characters("a\x1bb")
    assert not has_control_characters("dòng một\ndòng hai\tcột")

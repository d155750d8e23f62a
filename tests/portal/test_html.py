import pytest

from portal.lib.html import count_images_without_alt, sanitize_html


def test_script_tags_and_event_handlers_are_removed():
    cleaned = sanitize_html('<p onclick="steal()">Xin chào<script>alert(1)</script></p>')
    assert cleaned == "<p>Xin chào</p>"


def test_style_attributes_and_style_elements_are_removed():
    cleaned = sanitize_html('<p style="position:fixed">a</p><style>body{display:none}</style>')
    assert cleaned == "<p>a</p>"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"])
def test_links_with_unsafe_schemes_lose_their_address(href):
    assert "href" not in sanitize_html(f'<a href="{href}">bấm</a>')


def test_safe_links_are_kept_with_noopener():
    cleaned = sanitize_html('<a href="https://sonla.gov.vn/" target="_blank">Cổng</a>')
    assert 'href="https://sonla.gov.vn/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_editor_markup_survives():
    html = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <i>nghiêng</i></p><ul><li>một</li></ul>"
        '<figure class="image"><img src="/media/uploads/a.jpg" alt="Ảnh">'
        "<figcaption>Chú thích</figcaption></figure>"
        '<figure class="table"><table><tbody><tr><td colspan="2">ô</td></tr></tbody></table></figure>'
    )
    assert sanitize_html(html) == html


def test_youtube_and_vimeo_embeds_are_kept():
    youtube = '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
    vimeo = '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'
    assert sanitize_html(youtube) == youtube
    assert sanitize_html(vimeo) == vimeo


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/embed/x",
        "https://www.youtube.com.evil.example/embed/x",
        "javascript:alert(1)",
    ],
)
def test_other_iframes_are_removed_entirely(src):
    cleaned = sanitize_html(f'<p>a</p><iframe src="{src}"></iframe><p>b</p>')
    assert "iframe" not in cleaned
    assert cleaned == "<p>a</p><p>b</p>"


def test_images_with_data_uris_lose_their_source():
    assert "data:" not in sanitize_html('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">')


def test_empty_input_is_an_empty_string():
    assert sanitize_html(None) == ""


def test_text_inside_an_allowed_iframe_is_dropped():
    cleaned = sanitize_html(
        '<iframe src="https://www.youtube.com/embed/x"><script>alert(1)</script></iframe>'
    )
    assert cleaned == '<iframe src="https://www.youtube.com/embed/x"></iframe>'


def test_images_without_a_text_alternative_are_counted():
    html = '<img src="/a.jpg"><img src="/b.jpg" alt=""><img src="/c.jpg" alt=" "><img src="/d.jpg" alt="Ảnh">'
    assert count_images_without_alt(html) == 3

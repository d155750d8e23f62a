"""The public feedback form: success, and every way it refuses a submission."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from feedback.services import sender_hash_for
from tests.factories import FeedbackFactory
from tests.feedback.helpers import captcha_key, feedback_data

pytestmark = pytest.mark.django_db

URL = reverse("feedback:create")
WRONG_CODE = "Mã kiểm tra không đúng hoặc đã hết hạn"


@pytest.fixture
def form_html(client):
    return client.get(URL).content.decode()


def post(client, data, **extra):
    return client.post(URL, data, **extra)


def test_the_form_page_is_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_form_has_a_label_for_every_field_and_one_h1(client):
    html = client.get(URL).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    for field_id in re.findall(r'<(?:input|textarea)[^>]*\sid="(id_[a-z_0-9]+)"', html):
        if field_id == "id_captcha_0":  # the hidden key
            continue
        assert f'for="{field_id}"' in html, field_id
    assert "Nghị định 13/2023/NĐ-CP" in html
    assert 'alt="captcha"' not in html
    assert "Ảnh mã kiểm tra gồm 5 chữ số" in html


def test_a_reader_sends_feedback_and_gets_a_reference_code(client, form_html):
    response = post(client, feedback_data(form_html))

    feedback = Feedback.objects.get()
    assert response.status_code == 303
    assert response["Location"].startswith("/gop-y/da-gui/")
    assert feedback.name == "Lò Văn Khánh"
    assert feedback.phone == "0912345678"
    assert feedback.allow_publish is True
    assert feedback.status == Feedback.Status.NEW
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", feedback.code)
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert feedback.code in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]


def test_the_reference_codes_are_unique(client):
    for _ in range(3):
        post(client, feedback_data(client.get(URL).content))
    assert len(set(Feedback.objects.values_list("code", flat=True))) == 3


def test_the_thank_you_page_shows_only_codes_the_portal_issued(client):
    assert client.get(reverse("feedback:thanks", kwargs={"token": "ABCDEFGH"})).status_code == 404
    forged = reverse("feedback:thanks", kwargs={"token": "ABCDEFGH:forgedsignature"})
    assert client.get(forged).status_code == 404


def test_white_space_is_normalised_and_line_breaks_kept(client, form_html):
    data = feedback_data(
        form_html,
        name="  Lò   Văn\tKhánh ",
        subject=" Hỏi  về\nthủ tục ",
        message="Dòng một   \r\nDòng hai\t \n\n\n\nDòng ba  ",
        phone="+84 912.345.678",
    )
    post(client, data)
    feedback = Feedback.objects.get()
    assert feedback.name == "Lò Văn Khánh"
    assert feedback.subject == "Hỏi về thủ tục"
    assert feedback.message == "Dòng một\nDòng hai\n\nDòng ba"
    assert feedback.phone == "0912345678"


def assert_refused(response, message, *, typed=()):
    """Nothing stored; the message shown; the typed text back; a fresh challenge on the page."""
    html = response.content.decode()
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert message in html
    for text in typed:
        assert text in html
    key = captcha_key(html)
    assert CaptchaStore.objects.filter(hashkey=key).exists()
    return key


def test_a_wrong_captcha_answer_is_refused_and_the_key_is_burnt(client, form_html):
    data = feedback_data(form_html, captcha_1="00000x")
    new_key = assert_refused(
        post(client, data), WRONG_CODE, typed=["Lò Văn Khánh", "Xin hỏi có phải đổi không?"]
    )
    assert new_key != data["captcha_0"]
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()


def test_the_typed_captcha_answer_does_not_come_back(client, form_html):
    data = feedback_data(form_html, captcha_1="98765")
    html = post(client, data).content.decode()
    assert 'value="98765"' not in html


def test_an_expired_captcha_is_refused(client, form_html):
    data = feedback_data(form_html)
    CaptchaStore.objects.filter(hashkey=data["captcha_0"]).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )
    assert_refused(post(client, data), WRONG_CODE)


def test_a_missing_captcha_is_refused(client, form_html):
    data = feedback_data(form_html, captcha_0=None, captcha_1=None)
    assert_refused(post(client, data), "Vui lòng nhập mã kiểm tra trong ảnh")


def test_an_empty_captcha_answer_is_refused(client, form_html):
    assert_refused(
        post(client, feedback_data(form_html, captcha_1="")), "Vui lòng nhập mã kiểm tra trong ảnh"
    )


@pytest.mark.parametrize(
    "key",
    [
        "0" * 40,  # well-formed, unknown
        "not-a-key",
        "' OR 1=1 --",
        "a" * 5000,
        "abc\x00def",
    ],
)
def test_a_forged_captcha_key_is_refused(client, form_html, key):
    data = feedback_data(form_html)
    data["captcha_0"] = key
    assert_refused(post(client, data), WRONG_CODE)


def test_the_answer_of_another_key_does_not_unlock_this_one(client):
    first = feedback_data(client.get(URL).content)
    second = feedback_data(client.get(URL).content)
    data = {**second, "captcha_1": first["captcha_1"]}
    if first["captcha_1"] != second["captcha_1"]:
        assert_refused(post(client, data), WRONG_CODE)


def test_a_solved_captcha_is_accepted_once(client, form_html):
    data = feedback_data(form_html)
    assert post(client, data).status_code == 303
    replay = post(client, data)
    assert replay.status_code == 200
    assert WRONG_CODE in replay.content.decode()
    assert Feedback.objects.count() == 1


def test_another_code_without_javascript_keeps_the_text_and_stores_nothing(client, form_html):
    data = feedback_data(form_html, refresh_captcha="1")
    response = post(client, data)
    html = response.content.decode()

    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert "Đã đổi mã kiểm tra mới" in html
    assert "Lò Văn Khánh" in html
    assert "Xin hỏi có phải đổi không?" in html
    assert 'name="consent" required id="id_consent" checked' in html or re.search(
        r'<input type="checkbox" name="consent"[^>]*checked', html
    )
    assert 'class="errorlist' not in html
    assert captcha_key(html) != data["captcha_0"]
    # The old challenge is gone: one key in the table, the one on the page.
    assert list(CaptchaStore.objects.values_list("hashkey", flat=True)) == [captcha_key(html)]


def test_required_fields_and_consent_are_enforced(client, form_html):
    data = feedback_data(form_html, name="   ", subject="", consent=None)
    html = post(client, data).content.decode()
    assert not Feedback.objects.exists()
    assert "Vui lòng đồng ý cho xử lý dữ liệu cá nhân" in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'href="#id_subject"' in html  # the summary links to the field


def test_a_bad_phone_number_is_refused(client, form_html):
    assert_refused(post(client, feedback_data(form_html, phone="12345")), "Nhập số điện thoại Việt Nam")


def test_the_phone_is_optional(client, form_html):
    post(client, feedback_data(form_html, phone=""))
    assert Feedback.objects.get().phone == ""


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 120), ("email", 254), ("phone", 20), ("subject", 200), ("message", 5000)]
)
def test_over_long_fields_are_refused(client, form_html, field, limit):
    value = "a" * (limit + 1) if field != "email" else "a" * 250 + "@example.com"
    html = post(client, feedback_data(form_html, **{field: value})).content.decode()
    assert not Feedback.objects.exists()
    assert "Tối đa" in html or "Đảm bảo" in html


def test_the_error_on_the_captcha_is_linked_to_its_answer_box(client, form_html):
    html = post(client, feedback_data(form_html, captcha_1="1")).content.decode()
    assert re.search(r'name="captcha_1"[^>]*aria-describedby="id_captcha_helptext id_captcha_error"', html)
    assert 'id="id_captcha_error"' in html


def test_the_honeypot_pretends_success_and_stores_nothing(client, form_html, mailoutbox):
    response = post(client, feedback_data(form_html, website="http://spam.example"))
    assert response.status_code == 303
    assert client.get(response["Location"]).status_code == 200
    assert not Feedback.objects.exists()
    assert mailoutbox == []


def test_a_visitor_is_limited_to_five_submissions_an_hour(client):
    for _ in range(5):
        assert post(client, feedback_data(client.get(URL).content)).status_code == 303
    response = post(client, feedback_data(client.get(URL).content))
    assert response.status_code == 200
    assert "Bạn đã gửi nhiều góp ý trong một giờ qua" in response.content.decode()
    assert Feedback.objects.count() == 5


def test_the_rate_limit_counts_only_the_last_hour_and_this_visitor(client, rf):
    mine = sender_hash_for(rf.get(URL))  # the test client's address, like rf's: 127.0.0.1
    FeedbackFactory.create_batch(5, sender_hash=mine, received_at=timezone.now() - timedelta(minutes=61))
    FeedbackFactory.create_batch(5, sender_hash="f" * 64)
    assert post(client, feedback_data(client.get(URL).content)).status_code == 303


def test_visitors_behind_the_proxy_are_told_apart(client):
    for number in range(6):
        html = client.get(URL).content
        forwarded = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{number}"}
        assert post(client, feedback_data(html), **forwarded).status_code == 303
    assert Feedback.objects.values("sender_hash").distinct().count() == 6


@pytest.mark.parametrize("field", ["name", "subject", "message", "phone"])
def test_nul_and_control_characters_are_refused_with_a_message(client, form_html, field):
    response = post(client, feedback_data(form_html, **{field: "Xin\x00chào\x07"}))
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    html = response.content.decode()
    assert "ký tự điều khiển" in html or "Nhập số điện thoại" in html


def test_nul_in_the_email_is_refused(client, form_html):
    response = post(client, feedback_data(form_html, email="an\x00@example.com"))
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_a_one_megabyte_message_is_refused_with_a_message(client, form_html):
    response = post(client, feedback_data(form_html, message="Đ" * 1_000_000))
    assert response.status_code == 200
    assert (
        "Tối đa 5000 ký tự" in response.content.decode() or "Tối đa 5.000 ký tự" in response.content.decode()
    )
    assert not Feedback.objects.exists()


def test_a_body_over_the_upload_limit_gets_a_vietnamese_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client.post(URL, {"message": "a" * (1024 * 1024 + 10)})
    assert response.status_code == 400
    assert 'lang="vi"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_invalid_utf8_in_the_body_is_refused_without_a_500(client, form_html):
    data = feedback_data(form_html)
    body = "&".join(f"{key}={value}" for key, value in data.items() if key not in {"message", "name"})
    body = body.encode() + b"&name=L%C3%B2+V%C4&message=%FF%FE%C3%28+xin+ch%C3%A0o"
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "ký tự không đọc được" in response.content.decode()
    assert not Feedback.objects.exists()


def test_script_tags_are_stored_as_text_and_shown_escaped(client, form_html):
    data = feedback_data(form_html, captcha_1="wrong", name="<script>alert(1)</script>")
    html = post(client, data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_post_of_the_wrong_content_type_is_an_ordinary_refusal(client):
    response = client.post(URL, '{"name": "x"}', content_type="application/json")
    assert response.status_code == 200
    assert not Feedback.objects.exists()

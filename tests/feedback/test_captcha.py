"""The captcha: single use, Vietnamese, refreshable with and without JavaScript, spoken aloud."""

import json
import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django import forms
from django.urls import reverse
from django.utils import timezone

from feedback import captcha
from feedback.captcha import CaptchaField, digits_challenge, spoken_text

pytestmark = pytest.mark.django_db

WRONG = "Mã kiểm tra không đúng hoặc đã hết hạn"


class CaptchaForm(forms.Form):
    captcha = CaptchaField()


def solved_key():
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def test_the_challenge_is_five_digits_shown_and_answered_alike():
    challenge, response = digits_challenge()
    assert re.fullmatch(r"\d{5}", challenge)
    assert challenge == response


def test_a_right_answer_passes_once_and_consumes_the_key():
    key, answer = solved_key()
    assert CaptchaForm({"captcha_0": key, "captcha_1": answer}).is_valid()
    assert not CaptchaStore.objects.filter(hashkey=key).exists()
    replay = CaptchaForm({"captcha_0": key, "captcha_1": answer})
    assert not replay.is_valid()
    assert WRONG in replay.errors["captcha"][0]


def test_a_wrong_answer_also_consumes_the_key():
    key, answer = solved_key()
    assert not CaptchaForm({"captcha_0": key, "captcha_1": "x" + answer}).is_valid()
    assert not CaptchaStore.objects.filter(hashkey=key).exists()
    assert not CaptchaForm({"captcha_0": key, "captcha_1": answer}).is_valid()


def test_spaces_and_case_around_the_answer_do_not_matter():
    key, answer = solved_key()
    assert CaptchaForm({"captcha_0": key, "captcha_1": f"  {answer} "}).is_valid()


def test_an_expired_key_is_refused():
    key, answer = solved_key()
    CaptchaStore.objects.filter(hashkey=key).update(expiration=timezone.now() - timedelta(minutes=1))
    assert not CaptchaForm({"captcha_0": key, "captcha_1": answer}).is_valid()


def test_the_challenge_lasts_twenty_five_minutes():
    key, _ = solved_key()
    expiration = CaptchaStore.objects.get(hashkey=key).expiration
    assert timedelta(minutes=24) < expiration - timezone.now() <= timedelta(minutes=25)


@pytest.mark.parametrize("answer", ["1\x002", "9" * 500, "１２３４５"])
def test_absurd_answers_are_refused_without_reaching_the_database(answer):
    key, _ = solved_key()
    assert not CaptchaForm({"captcha_0": key, "captcha_1": answer}).is_valid()


def test_the_widget_shows_a_vietnamese_text_alternative_and_a_refresh_button():
    html = str(CaptchaForm()["captcha"])
    assert 'alt="captcha"' not in html
    assert "Ảnh mã kiểm tra gồm 5 chữ số" in html
    assert 'name="refresh_captcha"' in html
    assert "formnovalidate" in html
    assert 'inputmode="numeric"' in html


def test_the_audio_link_is_shown_only_when_espeak_ng_is_installed(settings):
    assert "Nghe đọc mã" in str(CaptchaForm()["captcha"])
    settings.FEEDBACK_ESPEAK = "/nonexistent/espeak-ng"
    assert "Nghe đọc mã" not in str(CaptchaForm()["captcha"])


def test_the_spoken_text_reads_the_digits_in_vietnamese():
    assert spoken_text("70512") == (
        "Mã kiểm tra là: bảy, không, năm, một, hai. Xin nhắc lại: bảy, không, năm, một, hai."
    )


def test_the_audio_captcha_is_a_vietnamese_wav_that_is_never_cached(client):
    key, _ = solved_key()
    response = client.get(reverse("feedback:captcha_audio", kwargs={"key": key}))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert "no-store" in response["Cache-Control"]
    body = response.content
    assert body[:4] == b"RIFF"
    assert body[8:12] == b"WAVE"
    assert len(body) > 50_000  # seconds of speech, not an empty file


def audio(client, key, address="203.0.113.7"):
    return client.get(reverse("feedback:captcha_audio", kwargs={"key": key}), REMOTE_ADDR=address)


def test_espeak_ng_reads_each_challenge_once_and_the_reading_is_kept_until_the_key_expires(
    client, monkeypatch
):
    runs, kept = [], []
    real_run, real_set = captcha.subprocess.run, captcha.cache.set
    monkeypatch.setattr(captcha.subprocess, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    monkeypatch.setattr(captcha.cache, "set", lambda *a, **k: kept.append(a) or real_set(*a, **k))
    key, _ = solved_key()
    first, second = audio(client, key), audio(client, key)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(runs) == 1
    [(_name, _wav, seconds)] = [entry for entry in kept if entry[0].endswith(key)]
    expiry = CaptchaStore.objects.get(hashkey=key).expiration
    assert abs(seconds - (expiry - timezone.now()).total_seconds()) < 5


def test_past_ten_readings_in_ten_minutes_a_visitor_gets_a_vietnamese_429(client, settings):
    assert settings.FEEDBACK_AUDIO_RATE_LIMIT == 10
    keys = [solved_key()[0] for _ in range(11)]
    answered = [audio(client, key, "2001:db8:5:5::1").status_code for key in keys[:10]]
    assert answered == [200] * 10
    refused = audio(client, keys[10], "2001:db8:5:5:abcd::2")  # the same /64: the same visitor
    assert refused.status_code == 429
    assert "Bạn đã yêu cầu nghe mã kiểm tra quá nhiều lần" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 600
    assert audio(client, keys[10], "198.51.100.4").status_code == 200  # another visitor


def test_the_audio_of_an_unknown_or_expired_key_is_404(client):
    assert client.get(reverse("feedback:captcha_audio", kwargs={"key": "0" * 40})).status_code == 404
    key, _ = solved_key()
    CaptchaStore.objects.filter(hashkey=key).update(expiration=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("feedback:captcha_audio", kwargs={"key": key})).status_code == 404


def test_the_audio_is_404_when_espeak_ng_is_missing(client, settings):
    settings.FEEDBACK_ESPEAK = "/nonexistent/espeak-ng"
    key, _ = solved_key()
    assert client.get(reverse("feedback:captcha_audio", kwargs={"key": key})).status_code == 404


def test_the_image_is_a_png_that_is_never_cached(client):
    key, _ = solved_key()
    response = client.get(reverse("feedback:captcha_image", kwargs={"key": key}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "no-store" in response["Cache-Control"]


def test_a_malformed_key_in_a_captcha_address_is_404(client):
    assert client.get("/gop-y/ma-kiem-tra/abc.png").status_code == 404
    assert client.get("/gop-y/ma-kiem-tra/abc.wav").status_code == 404


def test_the_script_refresh_gives_a_new_challenge_and_drops_the_previous_one(client):
    old, _ = solved_key()
    response = client.get(
        reverse("feedback:captcha_refresh"), {"previous": old}, headers={"X-Requested-With": "XMLHttpRequest"}
    )
    data = json.loads(response.content)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert not CaptchaStore.objects.filter(hashkey=old).exists()
    assert data["image_url"] == reverse("feedback:captcha_image", kwargs={"key": data["key"]})
    assert data["audio_url"] == reverse("feedback:captcha_audio", kwargs={"key": data["key"]})


def test_the_refresh_address_creates_nothing_for_crawlers(client):
    assert client.get(reverse("feedback:captcha_refresh")).status_code == 404
    assert not CaptchaStore.objects.exists()

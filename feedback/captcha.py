"""django-simple-captcha, made single-use under concurrency, Vietnamese, and spoken.

- `digits_challenge` (CAPTCHA_CHALLENGE_FUNCT): five digits, easy to read in the image and to hear.
- `CaptchaField` consumes the key with one conditional DELETE: of sixteen simultaneous posts of one
  solved key, exactly one deletes the row and is accepted. The library's own check reads the row,
  then deletes it, so several requests could read it before any deleted it.
- `CaptchaWidget` uses the feedback app's URLs (the library's need an include at the root) and its
  own template: a Vietnamese text alternative, a refresh button that works without JavaScript and an
  audio link to `spoken_challenge`, shown only when espeak-ng is installed.
- The audio costs an espeak-ng run and some 600 KB: each challenge is read once and kept in the
  default cache until it expires, and `audio_request_counted` limits how often one visitor asks.
"""

import re
import secrets
import shutil
import subprocess
import time
import zlib

from captcha.fields import CaptchaField as LibraryCaptchaField
from captcha.fields import CaptchaTextInput
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

KEY_PATTERN = re.compile(r"[0-9a-f]{40}")
ANSWER_MAX_LENGTH = 32

# The library's strings: it ships no Vietnamese catalogue, so ours translates them. Django's own
# Vietnamese catalogue lacks the last one (shown by admin forms for a NUL byte).
UNTRANSLATED_STRINGS = [
    gettext_noop("Play CAPTCHA as audio file"),
    gettext_noop("Invalid CAPTCHA"),
    gettext_noop("This field is required."),
    gettext_noop("Null characters are not allowed."),
]

# Audio requests per visitor are counted in windows of this length (FEEDBACK_AUDIO_RATE_LIMIT each).
AUDIO_RATE_WINDOW = 10 * 60  # seconds

# Spoken data, not interface text: the audio is Vietnamese whatever the page language.
VIETNAMESE_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def digits_challenge():
    """(text shown, expected answer): five random digits, the same both ways."""
    digits = "".join(secrets.choice("0123456789") for _ in range(settings.CAPTCHA_LENGTH))
    return digits, digits


def is_key(value):
    return isinstance(value, str) and KEY_PATTERN.fullmatch(value) is not None


def discard(key):
    """Forget a challenge nobody will answer (the reader asked for another one)."""
    if is_key(key):
        CaptchaStore.objects.filter(hashkey=key).delete()


def espeak_path():
    """The espeak-ng program, or None when it is not installed (the audio link is then not shown)."""
    return shutil.which(settings.FEEDBACK_ESPEAK)


def spoken_text(response):
    words = ", ".join(VIETNAMESE_DIGITS[int(ch)] if ch.isdigit() else ch for ch in response)
    return f"Mã kiểm tra là: {words}. Xin nhắc lại: {words}."


def spoken_challenge(key):
    """The WAV bytes of the challenge behind `key` read aloud in Vietnamese; None when there is none.

    espeak-ng reads each challenge once: the WAV is kept in the default cache, compressed (a WAV of
    speech shrinks to about 40%), until the challenge expires. Raises OSError or
    subprocess.SubprocessError when espeak-ng is missing or fails.
    """
    program = espeak_path()
    if not program or not is_key(key):
        return None
    cache_key = f"feedback:captcha-audio:{key}"
    if (stored := cache.get(cache_key)) is not None:
        return zlib.decompress(stored)
    now = timezone.now()
    challenge = (
        CaptchaStore.objects.filter(hashkey=key, expiration__gt=now)
        .values_list("response", "expiration")
        .first()
    )
    if challenge is None:
        return None
    response, expiration = challenge
    # An argument list, no shell; the text holds only digit words we wrote.
    result = subprocess.run(  # noqa: S603
        [program, "-v", "vi", "-s", "125", "-g", "12", "--stdout", spoken_text(response)],
        capture_output=True,
        check=True,
        timeout=15,
    )
    cache.set(cache_key, zlib.compress(result.stdout, 1), (expiration - now).total_seconds())
    return result.stdout


def audio_request_counted(visitor):
    """Count one audio request by `visitor` (feedback.services.sender_hash_for).

    Returns (allowed, seconds until the window ends): FEEDBACK_AUDIO_RATE_LIMIT requests per
    AUDIO_RATE_WINDOW are allowed, counted in the default cache (each process's own with the
    local-memory cache, shared with Redis).
    """
    now = time.time()
    window = int(now // AUDIO_RATE_WINDOW)
    counter = f"feedback:captcha-audio-requests:{visitor}:{window}"
    cache.add(counter, 0, AUDIO_RATE_WINDOW)
    try:
        count = cache.incr(counter)
    except ValueError:  # evicted between add() and incr()
        count = 1
        cache.set(counter, count, AUDIO_RATE_WINDOW)
    return count <= settings.FEEDBACK_AUDIO_RATE_LIMIT, int((window + 1) * AUDIO_RATE_WINDOW - now) + 1


class CaptchaWidget(CaptchaTextInput):
    template_name = "feedback/widgets/captcha.html"
    # Set on one form's own copy (an unbound ArticleOpinionForm): the page then carries no challenge
    # (it is stored and served to every reader); feedback.js asks for one when the reader starts
    # writing, and without JavaScript the first POST comes back with one.
    lazy = False

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        # The library's version first checks that its own URLs are included at the root.
        self._key = "" if self.lazy else CaptchaStore.generate_key(generator)
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs).get("id")

    def image_url(self):
        return reverse("feedback:captcha_image", kwargs={"key": self._key}) if self._key else ""

    def audio_url(self):
        if self._key and espeak_path():
            return reverse("feedback:captcha_audio", kwargs={"key": self._key})
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = reverse("feedback:captcha_refresh")
        context["answer_length"] = settings.CAPTCHA_LENGTH
        # The answer box: digits only, so phones show their number pad.
        answer = context["widget"]["subwidgets"][1]["attrs"]
        answer.update(
            {
                "class": "captcha__answer",
                "inputmode": "numeric",
                "maxlength": ANSWER_MAX_LENGTH,
                "required": True,
            }
        )
        # Django links help and errors to single widgets only; the answer box is described here with
        # the ids the page template gives them. The hidden key needs neither.
        if base_id := attrs.get("id"):
            described_by = [f"{base_id}_helptext"]
            if attrs.get("aria-invalid"):
                described_by.append(f"{base_id}_error")
            answer["aria-describedby"] = " ".join(described_by)
        # The field's required, and the library's autocomplete="off", are not allowed on a hidden
        # input (HTML; the Nu HTML Checker reports both).
        for attribute in ("aria-invalid", "required", "autocomplete"):
            context["widget"]["subwidgets"][0]["attrs"].pop(attribute, None)
        return context


class CaptchaField(LibraryCaptchaField):
    """The captcha, accepted once: the key is consumed by one conditional DELETE.

    A right answer deletes the row and is accepted only if this request deleted it; a wrong answer
    deletes the row as well, so every challenge gets one attempt.
    """

    default_error_messages = {
        "invalid": _("The verification code is wrong or has expired. Type the new code shown."),
        "required": _("Type the verification code shown in the image."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CaptchaWidget())
        super().__init__(**kwargs)
        self.error_messages = {**self.error_messages, **self.default_error_messages}

    def clean(self, value):
        key, answer = [*(value or []), "", ""][:2]
        answer = (answer or "").strip().lower()
        if not answer:
            discard(key)
            raise ValidationError(self.error_messages["required"], code="required")
        # A forged key or an absurd answer never reaches the database (a NUL byte there is a 500).
        if not is_key(key) or len(answer) > ANSWER_MAX_LENGTH or not answer.isprintable():
            discard(key)
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        consumed, _ = CaptchaStore.objects.filter(
            hashkey=key, response=answer, expiration__gt=timezone.now()
        ).delete()
        if consumed != 1:
            discard(key)
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        CaptchaStore.remove_expired()
        return key

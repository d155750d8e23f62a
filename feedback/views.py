import json
import logging
import subprocess

from captcha.models import CaptchaStore
from captcha.views import captcha_image as library_captcha_image
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import FormView, ListView, TemplateView

from feedback import captcha
from feedback.forms import AnswerSearchForm, FeedbackForm, LookupForm
from feedback.models import Feedback, new_code
from feedback.services import feedback_submit, sender_hash_for

logger = logging.getLogger(__name__)

ANSWERS_PER_PAGE = 10
# Signs the reference code in the thank-you address, so that page shows only codes we issued.
THANKS_SALT = "feedback.thanks"


def thanks_url(code):
    token = signing.Signer(salt=THANKS_SALT).sign(code)
    return reverse("feedback:thanks", kwargs={"token": token})


# Every key lives in this page: a cached copy would hand one challenge to everyone.
@method_decorator(never_cache, name="dispatch")
class FeedbackCreateView(FormView):
    template_name = "feedback/create.html"
    form_class = FeedbackForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sender_hash": sender_hash_for(self.request)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["fields_with_errors"] = [field for field in form if form.is_bound and field.errors]
        return context

    def post(self, request, *args, **kwargs):
        if "refresh_captcha" in request.POST:
            # "Another code" without JavaScript: the same form, typed text kept, a new challenge,
            # nothing validated and nothing stored.
            bound = self.get_form()
            captcha.discard(request.POST.get("captcha_0"))
            form = self.form_class(initial=bound.typed_data(), sender_hash=bound.sender_hash)
            return self.render_to_response(self.get_context_data(form=form, captcha_refreshed=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_bot:
            # Pretend success with a code that exists nowhere: the bot learns nothing.
            logger.info("Feedback honeypot filled; nothing stored")
            return HttpResponseRedirect(thanks_url(new_code()), status=303)
        data = form.cleaned_data
        feedback = feedback_submit(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            subject=data["subject"],
            message=data["message"],
            allow_publish=data["allow_publish"],
            sender_hash=form.sender_hash,
        )
        return HttpResponseRedirect(thanks_url(feedback.code), status=303)


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    template_name = "feedback/thanks.html"

    def get_context_data(self, **kwargs):
        try:
            code = signing.Signer(salt=THANKS_SALT).unsign(self.kwargs["token"])
        except signing.BadSignature:
            raise Http404 from None
        return super().get_context_data(code=code, **kwargs)


@method_decorator(never_cache, name="dispatch")
class LookupView(FormView):
    """Status and answer by reference code and email; the same reply whether the code exists or not."""

    template_name = "feedback/lookup.html"
    form_class = LookupForm

    def form_valid(self, form):
        feedback = Feedback.objects.filter(
            code=form.cleaned_data["code"], email__iexact=form.cleaned_data["email"]
        ).first()
        return self.render_to_response(
            self.get_context_data(form=form, feedback=feedback, not_found=feedback is None)
        )


class AnswersView(ListView):
    """The public Q&A: published items, newest first, searchable; the sender's name and nothing else."""

    template_name = "feedback/answers.html"
    context_object_name = "items"
    paginate_by = ANSWERS_PER_PAGE

    def get_queryset(self):
        self.form = AnswerSearchForm(self.request.GET)
        items = Feedback.objects.published().only(
            "name", "subject", "message", "answer", "received_at", "answered_at"
        )
        if self.form.is_valid() and (query := self.form.cleaned_data["q"]):
            for word in query.split()[:10]:
                items = items.filter(
                    Q(subject__unaccent__icontains=word)
                    | Q(message__unaccent__icontains=word)
                    | Q(answer__unaccent__icontains=word)
                )
        return items

    def get_context_data(self, **kwargs):
        query = self.form.cleaned_data.get("q", "") if self.form.is_valid() else ""
        return super().get_context_data(form=self.form, query=query, **kwargs)


@require_GET
@never_cache
def captcha_image(request, key):
    return library_captcha_image(request, key)


@require_GET
@never_cache
def captcha_audio(request, key):
    """The challenge read aloud in Vietnamese by espeak-ng, as a WAV file."""
    try:
        wav = captcha.spoken_challenge(key)
    except (OSError, subprocess.SubprocessError):
        logger.exception("espeak-ng could not read the captcha aloud")
        raise Http404 from None
    if wav is None:
        raise Http404
    response = HttpResponse(wav, content_type="audio/wav")
    response["Content-Disposition"] = 'inline; filename="ma-kiem-tra.wav"'
    return response


@require_GET
@never_cache
def captcha_refresh(request):
    """A new challenge as JSON, for feedback.js. Like the library's view, only for script requests,
    so crawlers following links create no rows."""
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404
    captcha.discard(request.GET.get("previous"))
    key = CaptchaStore.generate_key()
    data = {
        "key": key,
        "image_url": reverse("feedback:captcha_image", kwargs={"key": key}),
        "audio_url": reverse("feedback:captcha_audio", kwargs={"key": key})
        if captcha.espeak_path()
        else None,
    }
    return HttpResponse(json.dumps(data), content_type="application/json")

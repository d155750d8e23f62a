import json
import logging
import subprocess

from captcha.models import CaptchaStore
from captcha.views import captcha_image as library_captcha_image
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import FormView, ListView, TemplateView

from articles.models import Article
from documents.models import Document
from feedback import captcha
from feedback.forms import (
    AnswerSearchForm,
    ArticleOpinionForm,
    ConsultationCommentForm,
    FeedbackForm,
    LookupForm,
)
from feedback.models import Feedback, new_code
from feedback.services import RateLimitExceeded, feedback_submit, sender_hash_for

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
        try:
            feedback = feedback_submit(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                subject=data["subject"],
                message=data["message"],
                allow_publish=data["allow_publish"],
                sender_hash=form.sender_hash,
            )
        except RateLimitExceeded:
            # A parallel post from the same visitor was stored first: the form's message.
            form.add_error(None, form.rate_limited())
            return self.form_invalid(form)
        return HttpResponseRedirect(thanks_url(feedback.code), status=303)


def from_script(request):
    """A request made by feedback.js (fetch), which wants JSON, not a page."""
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def challenge():
    """A new captcha challenge as feedback.js fills it in: key, image and audio addresses."""
    key = CaptchaStore.generate_key()
    return {
        "key": key,
        "image_url": reverse("feedback:captcha_image", kwargs={"key": key}),
        "audio_url": reverse("feedback:captcha_audio", kwargs={"key": key})
        if captcha.espeak_path()
        else None,
    }


# The forms under an article and under a draft are part of a page stored for every reader: they
# carry no CSRF token and no captcha. CSRF is therefore checked here, by hand, on every post that
# answers a challenge (the only kind that can store anything); a post without one only gets the form
# back with a challenge and a token, and stores nothing.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class CommentView(FormView):
    """A reader's comment sent from the form on a public thing's page: an article, a draft.

    With JavaScript (feedback.js): answers in JSON and the page stays on screen. Without it: the form
    comes back on a page of its own, with the errors and a new challenge, or the reader goes to the
    thank-you page with the reference code and a link back. Subclasses say what the comment is about
    (`target`, under the form's keyword `target_name`) and when it is refused (`refusal`).
    """

    http_method_names = ["post"]
    target_name = ""
    sent_message = ""

    def target(self, slug):
        raise NotImplementedError

    def refusal(self, target):
        """Why `target` takes no comment now (a Vietnamese message), or None."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.about = self.target(kwargs["slug"])
        if (message := self.refusal(self.about)) is not None:
            status = 404 if self.about is None else 403
            if from_script(request):
                return JsonResponse({"errors": {"__all__": [message]}}, status=status)
            context = {"refusal": message, self.target_name: self.about}
            return render(request, self.template_name, context, status=status)
        if request.POST.get("captcha_0"):
            refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
            if refused is not None:
                return refused
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            self.target_name: self.about,
            "sender_hash": sender_hash_for(self.request),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**{self.target_name: self.about}, **kwargs)
        form = context["form"]
        context["fields_with_errors"] = [field for field in form if form.is_bound and field.errors]
        return context

    def post(self, request, *args, **kwargs):
        if "refresh_captcha" in request.POST and not from_script(request):
            bound = self.get_form()
            captcha.discard(request.POST.get("captcha_0"))
            form = self.form_class(
                initial=bound.typed_data(), sender_hash=bound.sender_hash, **{self.target_name: self.about}
            )
            return self.render_to_response(self.get_context_data(form=form, captcha_refreshed=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_bot:
            logger.info("Comment honeypot filled; nothing stored")
            return self.sent(new_code())
        data = form.cleaned_data
        try:
            feedback = feedback_submit(
                **{self.target_name: self.about},
                name=data["name"],
                organisation=data.get("organisation", ""),
                email=data["email"],
                subject=data["subject"],
                message=data["message"],
                allow_publish=data.get("allow_publish", False),
                sender_hash=form.sender_hash,
            )
        except RateLimitExceeded:
            form.add_error(None, form.rate_limited())
            return self.form_invalid(form)
        return self.sent(feedback.code)

    def sent(self, code):
        if from_script(self.request):
            return JsonResponse({"code": code, "message": self.sent_message % {"code": code}})
        return HttpResponseRedirect(thanks_url(code), status=303)

    def form_invalid(self, form):
        if from_script(self.request):
            errors = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
            return JsonResponse({"errors": errors, "challenge": challenge()}, status=400)
        return super().form_invalid(form)


class ArticleOpinionView(CommentView):
    """A reader's opinion about a published article ("Ý kiến bạn đọc"), from the form under it."""

    template_name = "feedback/article_opinion.html"
    form_class = ArticleOpinionForm
    target_name = "article"
    sent_message = gettext_lazy("Thank you: your opinion has been sent. Your reference code is %(code)s.")

    def target(self, slug):
        return Article.objects.published().filter(slug=slug).first()

    def refusal(self, article):
        if article is None:
            return _("This article cannot be found or no longer takes opinions. Nothing was sent.")
        return None


class ConsultationCommentView(CommentView):
    """A comment on a published draft, from the form on its page, while its consultation is open.

    Before the consultation opens and after it closes the draft's page shows no form, and a post is
    refused here (the page may be a minute behind the clock: this is the check that decides).
    """

    template_name = "feedback/consultation_comment.html"
    form_class = ConsultationCommentForm
    target_name = "document"
    sent_message = gettext_lazy("Thank you: your comment has been sent. Your reference code is %(code)s.")

    def target(self, slug):
        return Document.objects.published().drafts().filter(slug=slug).first()

    def refusal(self, document):
        if document is None:
            return _("This draft cannot be found. Nothing was sent.")
        if not document.consultation_is_open():
            return _(
                "This draft is not open for comments now (see the consultation's dates on its page). "
                "Nothing was sent."
            )
        return None


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    template_name = "feedback/thanks.html"

    def get_context_data(self, **kwargs):
        try:
            code = signing.Signer(salt=THANKS_SALT).unsign(self.kwargs["token"])
        except signing.BadSignature:
            raise Http404 from None
        # Sent from under an article or a draft: the way back to it.
        feedback = Feedback.objects.filter(code=code).select_related("article", "document").first()
        about = feedback and (feedback.article or feedback.document)
        return super().get_context_data(
            code=code, about=about if about and about.is_public else None, **kwargs
        )


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
        items = (
            Feedback.objects.published()
            .general()
            .only("name", "subject", "message", "answer", "received_at", "answered_at")
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
    """The challenge read aloud in Vietnamese by espeak-ng, as a WAV file; a 429 past the visitor's limit."""
    allowed, retry_after = captcha.audio_request_counted(sender_hash_for(request))
    if not allowed:
        message = _(
            "You have asked to hear the verification code too many times. Please wait a few minutes, "
            "or type the code shown in the image."
        )
        return HttpResponse(
            message,
            status=429,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": retry_after},
        )
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
    """A new challenge as JSON, for feedback.js: "another code", and the first code of a form a reader
    starts to fill in on a stored page, with the CSRF token that page does not carry. Like the
    library's view, only for script requests, so crawlers following links create no rows."""
    if not from_script(request):
        raise Http404
    captcha.discard(request.GET.get("previous"))
    return HttpResponse(
        json.dumps({**challenge(), "csrf_token": get_token(request)}), content_type="application/json"
    )

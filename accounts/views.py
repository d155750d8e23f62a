"""The admin's sign-in in steps (accounts/twofactor.py draws the way): the password, then a code, or
first the enrolment of an authenticator app and the recovery codes that come with it."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import twofactor
from accounts.forms import CodeForm, EnrolForm


def next_step(user):
    return reverse("accounts:code") if twofactor.enrolled(user) else reverse("accounts:enrol")


class AdminFrameMixin:
    """The admin's frame (header, colours, its titles) on pages that are not admin.site's own views."""

    title = ""

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            "title": self.title,
            **super().get_context_data(**kwargs),
        }


class PasswordStepView(AdminFrameMixin, auth_views.LoginView):
    """The admin's login page, at admin:login's address (portal/urls.py): the password.

    It signs in only who needs no code. Anyone else goes on to the code, or to the enrolment, still
    signed in by neither: the session remembers for a few minutes who gave the right password.
    """

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"
    next_page = reverse_lazy("admin:index")

    @property
    def title(self):
        return _("Log in")

    def get(self, request, *args, **kwargs):
        if admin.site.has_permission(request):
            return redirect("admin:index")
        # Whoever gave the password goes back to the step they left, whatever admin page they asked for.
        if (user := twofactor.pending_user(request)) is not None:
            return redirect(next_step(user))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # What admin.site.login gives its template.
        context = super().get_context_data(**kwargs)
        context.update(
            subtitle=None, app_path=self.request.get_full_path(), username=self.request.user.get_username()
        )
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.code_needed(user):
            return super().form_valid(form)
        twofactor.pending_begin(self.request, user, next_url=self.get_success_url())
        return redirect(next_step(user))


@method_decorator(never_cache, name="dispatch")
class PendingStepMixin:
    """The steps after the password: only in a session where someone gave it a few minutes ago."""

    def dispatch(self, request, *args, **kwargs):
        was_pending = twofactor.PENDING_SESSION_KEY in request.session
        self.user = twofactor.pending_user(request)
        if self.user is None:
            if was_pending:
                messages.warning(request, _("Too much time has passed since the password: log in again."))
            return redirect("admin:login")
        if (elsewhere := self.step_elsewhere()) is not None:
            return redirect(elsewhere)
        return super().dispatch(request, *args, **kwargs)

    def step_elsewhere(self):
        """Where this person's next step is, when not on this page."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, person=self.user)


class CodeStepView(PendingStepMixin, AdminFrameMixin, FormView):
    """The code from the authenticator app, or a recovery code. A refused one is a failed login."""

    form_class = CodeForm
    template_name = "accounts/code.html"

    @property
    def title(self):
        return _("Sign-in code")

    def step_elsewhere(self):
        return None if twofactor.enrolled(self.user) else reverse("accounts:enrol")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.user}

    def post(self, request, *args, **kwargs):
        # A login locked meanwhile (from another window, by wrong passwords) is checked no code.
        if not AxesProxyHandler.is_allowed(request, self.credentials()):
            return self.locked_out()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        next_url = twofactor.sign_in_complete(self.request, self.user, form.device)
        if isinstance(form.device, StaticDevice):
            left = twofactor.recovery_codes_left(self.user)
            message = ngettext(
                "You signed in with a recovery code, which cannot be used again: %(count)d is left. If "
                "your phone is lost, ask an administrator to reset your two-factor sign-in.",
                "You signed in with a recovery code, which cannot be used again: %(count)d are left. If "
                "your phone is lost, ask an administrator to reset your two-factor sign-in.",
                left,
            )
            messages.warning(self.request, message % {"count": left})
        return redirect(next_url)

    def form_invalid(self, form):
        # For django-axes exactly a wrong password: counted, and the lockout page at the limit.
        user_login_failed.send(sender=__name__, credentials=self.credentials(), request=self.request)
        if not AxesProxyHandler.is_allowed(self.request, self.credentials()):
            return self.locked_out()
        return super().form_invalid(form)

    def credentials(self):
        # What the password form gives django-axes (its username field, AXES_USERNAME_FORM_FIELD).
        return {"username": self.user.get_username()}

    def locked_out(self):
        twofactor.pending_end(self.request)
        return get_lockout_response(self.request, credentials=self.credentials())


class EnrolView(PendingStepMixin, AdminFrameMixin, FormView):
    """Setting up the authenticator app: its QR code and secret, and a first code to confirm.

    A wrong first code is not a failed login: the secret is on the screen, so it proves nothing.
    """

    form_class = EnrolForm
    template_name = "accounts/enrol.html"

    @property
    def title(self):
        return _("Set up two-factor sign-in")

    def step_elsewhere(self):
        return reverse("accounts:code") if twofactor.enrolled(self.user) else None

    @cached_property
    def device(self):
        return twofactor.enrolment_device(self.request, self.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            qr_code=twofactor.qr_code(self.device),
            otpauth_uri=self.device.config_url,
            secret=twofactor.secret_text(self.device),
        )

    def form_valid(self, form):
        codes = twofactor.enrolment_confirm(user=self.user, device=self.device, actor=self.user)
        next_url = twofactor.sign_in_complete(self.request, self.user, self.device)
        self.request.session[twofactor.NEW_CODES_SESSION_KEY] = {"codes": codes, "next": next_url}
        return redirect("accounts:recovery_codes")


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(AdminFrameMixin, TemplateView):
    """The recovery codes of the enrolment just done, shown once: the session forgets them here."""

    template_name = "accounts/recovery_codes.html"

    @property
    def title(self):
        return _("Your recovery codes")

    def dispatch(self, request, *args, **kwargs):
        self.new = request.session.pop(twofactor.NEW_CODES_SESSION_KEY, None)
        if self.new is None or not request.user.is_authenticated:
            return redirect("admin:index")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, codes=self.new["codes"], next_url=self.new["next"])


class CancelView(View):
    """ "Log in as someone else" from the code or enrolment page: the session forgets the password."""

    http_method_names = ["post"]

    def post(self, request):
        twofactor.pending_end(request)
        return redirect("admin:login")

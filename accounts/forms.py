from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import twofactor

WRONG_CODE = _(
    "This code is not right, or has been used already. Check that the time on your phone is right, "
    "then type the code the app shows now."
)


def throttled(error):
    return ValidationError(
        ngettext(
            "Too many wrong codes in a row: wait %(seconds)d second, then try again.",
            "Too many wrong codes in a row: wait %(seconds)d seconds, then try again.",
            error.seconds,
        ),
        code="throttled",
        params={"seconds": error.seconds},
    )


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=32, strip=True, **kwargs)

    def widget_attrs(self, widget):
        # Phones offer the code from a text message or the app; nothing is corrected as typed.
        return {
            **super().widget_attrs(widget),
            "autocomplete": "one-time-code",
            "autocapitalize": "none",
            "spellcheck": "false",
            "autofocus": True,
        }


class CodeForm(forms.Form):
    """The second step of signing in: the authenticator's code, or one of the recovery codes.

    A right code is used up here (django-otp accepts each time step's code once; a recovery code is
    deleted); `device` is then the device that accepted it.
    """

    code = CodeField(
        label=_("Code"),
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        try:
            self.device = twofactor.code_verify(self.user, self.cleaned_data["code"])
        except twofactor.CodeThrottled as error:
            raise throttled(error) from None
        if self.device is None:
            raise ValidationError(WRONG_CODE, code="wrong")
        return self.cleaned_data["code"]


class EnrolForm(forms.Form):
    """The first code from an authenticator being set up: it proves the app holds the secret."""

    code = CodeField(
        label=_("Code from the app"),
        help_text=_("The 6 digits the app shows for this account after you added it."),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = twofactor.code_normalized(self.cleaned_data["code"])
        if not twofactor.enrolment_code_verify(self.device, code):
            raise ValidationError(WRONG_CODE, code="wrong")
        return code

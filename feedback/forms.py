import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from feedback.captcha import CaptchaField
from feedback.models import CODE_LENGTH, normalize_code
from feedback.services import submissions_exceeded
from portal.lib.text import has_control_characters, normalize_whitespace

# Vietnamese numbers: 0 and 9-10 digits (mobiles 03x, 05x, 07x, 08x, 09x; landlines 02x), or +84
# instead of the 0. Spaces, dots and dashes between groups are allowed and dropped.
PHONE_PATTERN = re.compile(r"(?:\+84|0)\d{8,10}")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")

# U+FFFD is what a request body that was not valid UTF-8 decodes to: that text is already damaged.
UNREADABLE = "\ufffd"

# Links in a message: spam's tell. A reader may cite a page or two; published text never shows any
# as a link (templates escape it and add no urlize).
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
MAX_LINKS = 2


RATE_LIMITED = _(
    "You have sent several messages in the last hour. Please wait an hour before "
    "sending another, or call the office."
)

CONTROL_CHARACTERS = _(
    "This text contains invisible control characters or unreadable bytes. Please retype it."
)


def clean_text(value, *, multiline=False):
    """Refuse control characters; fold white space (single-line) or strip line ends (multi-line)."""
    if has_control_characters(value) or UNREADABLE in value:
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")
    if not multiline:
        return normalize_whitespace(value)
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n").strip()


class NoControlCharactersMixin:
    """Django refuses NUL in every text field before our cleaning runs; say so in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_nul = ProhibitNullCharactersValidator(message=CONTROL_CHARACTERS)
        for field in self.fields.values():
            field.validators = [
                refuse_nul if isinstance(validator, ProhibitNullCharactersValidator) else validator
                for validator in field.validators
            ]


class FeedbackForm(NoControlCharactersMixin, forms.Form):
    """The reader's form. Validation is all here: text, consent, honeypot, rate limit, captcha.

    `sender_hash` identifies the visitor for the rate limit. After is_valid(), `is_bot` tells
    whether the honeypot was filled: the view then pretends success and stores nothing.
    """

    name = forms.CharField(label=_("Full name"), max_length=120, strip=False)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_(
            "We send nothing else to it. You need it, with the reference code, to look up the answer."
        ),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("A Vietnamese number, e.g. 0912 345 678."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, strip=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
    )
    # The honeypot: hidden from people (CSS, out of the tab order, aria-hidden), filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my personal data is processed to handle this feedback."),
        error_messages={
            "required": _("Please agree to the processing of your data, or we cannot handle it.")
        },
    )
    allow_publish = forms.BooleanField(
        label=_("My question and its answer may be published on the Q&A page (with my name only)."),
        required=False,
    )
    captcha = CaptchaField(
        label=_("Verification code"),
        help_text=_("Type the five digits in the image, or listen to them."),
    )

    field_order = [
        "name", "email", "phone", "subject", "message", "website", "consent", "allow_publish", "captcha",
    ]  # fmt: skip

    def __init__(self, *args, sender_hash="", **kwargs):
        super().__init__(*args, **kwargs)
        self.sender_hash = sender_hash
        self.is_bot = False
        for name in {"name", "subject", "message", "phone", "email"} & set(self.fields):
            self.fields[name].error_messages["max_length"] = _(
                "At most %(limit_value)d characters (now %(show_value)d)."
            )

    def clean_name(self):
        return self.required_text("name")

    def clean_subject(self):
        return self.required_text("subject")

    def clean_message(self):
        message = self.required_text("message", multiline=True)
        if len(LINK.findall(message)) > MAX_LINKS:
            raise ValidationError(
                _("At most %(limit)d web addresses, please: messages full of links are taken for spam."),
                code="too_many_links",
                params={"limit": MAX_LINKS},
            )
        return message

    def clean_phone(self):
        phone = clean_text(self.cleaned_data["phone"])
        if not phone:
            return ""
        digits = PHONE_SEPARATORS.sub("", phone)
        if not PHONE_PATTERN.fullmatch(digits):
            raise ValidationError(
                _("Enter a Vietnamese phone number, e.g. 0912 345 678 or +84 912 345 678."), code="phone"
            )
        # Stored the way staff dial it: +84 912 345 678 -> 0912345678.
        return "0" + digits[3:] if digits.startswith("+84") else digits

    def clean_website(self):
        # Filled in: a bot. No error, so it learns nothing; the view stores nothing.
        self.is_bot = bool(self.cleaned_data["website"])
        return ""

    def clean(self):
        cleaned = super().clean()
        # The early check, for the message; feedback_submit checks again under a lock.
        if self.sender_hash and submissions_exceeded(self.sender_hash):
            raise self.rate_limited()
        return cleaned

    @staticmethod
    def rate_limited():
        return ValidationError(RATE_LIMITED, code="rate_limited")

    def required_text(self, name, *, multiline=False):
        value = clean_text(self.cleaned_data[name], multiline=multiline)
        if not value:
            raise ValidationError(self.fields[name].error_messages["required"], code="required")
        return value

    def typed_data(self):
        """What the reader typed, as initial data for a fresh form: never the captcha or honeypot."""
        keep = set(self.fields) - {"captcha", "website"}
        return {name: self.data.get(name, "") for name in keep if name in self.data}


class ArticleOpinionForm(FeedbackForm):
    """The form under an article (the reference page's Họ tên, Tiêu đề, Nội dung, Mã kiểm tra), plus an
    optional e-mail for a reply and the same consent: every check of the general form applies.

    `article` is the published article the opinion is about. Unbound, the form carries no captcha
    challenge (feedback.captcha.CaptchaWidget.lazy): it is part of a page stored for every reader.
    """

    phone = None
    email = forms.EmailField(
        label=_("Email (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only if you would like an answer by email; it is never shown."),
    )
    allow_publish = forms.BooleanField(
        label=_("My opinion may be published under the article (with my name only)."),
        required=False,
    )

    field_order = ["name", "subject", "message", "email", "website", "consent", "allow_publish", "captcha"]

    def __init__(self, *args, article, **kwargs):
        # Its own ids: the form shares the article's page with the site's other forms.
        kwargs.setdefault("auto_id", "opinion_%s")
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["subject"].initial = (_("About the article: %(title)s") % {"title": article.title})[:200]
        if not self.is_bound:
            self.fields["captcha"].widget.lazy = True


class ConsultationCommentForm(FeedbackForm):
    """A comment on a draft put out for public consultation, while the consultation is open.

    `document` is the draft. As under an article: an optional e-mail, the same consent and every check
    of the general form, no captcha challenge in the stored page. Comments go to the drafting office,
    which reports on them (the consultation report shown on the draft's page); they are not published.
    """

    phone = None
    allow_publish = None
    email = ArticleOpinionForm.base_fields["email"]  # the same optional e-mail (forms copy their fields)
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        help_text=_("If you comment on behalf of an enterprise, an association or an office."),
    )

    field_order = ["name", "organisation", "email", "subject", "message", "website", "consent", "captcha"]

    def __init__(self, *args, document, **kwargs):
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)
        self.document = document
        self.fields["subject"].initial = (_("On the draft: %(title)s") % {"title": document.title})[:200]
        if not self.is_bound:
            self.fields["captcha"].widget.lazy = True

    def clean_organisation(self):
        return clean_text(self.cleaned_data["organisation"])


class LookupForm(NoControlCharactersMixin, forms.Form):
    code = forms.CharField(
        label=_("Reference code"),
        max_length=40,
        help_text=_("The code shown after you sent your feedback, e.g. 7KXM2Q9D."),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=False,
        help_text=_("The address you gave; leave it empty if you gave none (an opinion under an article)."),
    )

    def clean_code(self):
        code = normalize_code(clean_text(self.cleaned_data["code"]))
        if len(code) != CODE_LENGTH:
            raise ValidationError(
                _("A reference code has %(length)d letters and digits."),
                code="code",
                params={"length": CODE_LENGTH},
            )
        return code


class AnswerSearchForm(NoControlCharactersMixin, forms.Form):
    q = forms.CharField(
        label=_("Search questions and answers"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Search terms can be at most %(limit_value)d characters.")},
    )

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])

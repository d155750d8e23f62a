from django import forms
from django.utils.translation import gettext_lazy as _

from portal.images import validate_image
from portal.text import normalize_whitespace


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search terms"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Search terms can be at most %(limit_value)d characters.")},
    )

    def clean_q(self):
        return normalize_whitespace(self.cleaned_data["q"])


class EditorUploadForm(forms.Form):
    """The image a journalist drops into the editor; validated, then re-encoded by the view."""

    upload = forms.FileField(label=_("Image"), validators=[validate_image])

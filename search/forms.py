from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.text import normalize_whitespace
from search.models import SearchEntry

Kind = SearchEntry.Kind
# The filter's values in addresses (/tim-kiem/?q=…&loai=van-ban), in Vietnamese like every address.
KIND_SLUGS = {
    Kind.ARTICLE: "tin-bai",
    Kind.DOCUMENT: "van-ban",
    Kind.PAGE: "trang",
    Kind.ANSWER: "hoi-dap",
    Kind.UNIT: "co-quan",
    Kind.OFFICIAL: "can-bo",
    Kind.SCHEDULE: "lich-cong-tac",
}
SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search terms"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Search terms can be at most %(limit_value)d characters.")},
    )
    # A kind the address names that does not exist is left out (all kinds shown), not an error page.
    loai = forms.CharField(required=False, max_length=40)

    def clean_q(self):
        return normalize_whitespace(self.cleaned_data["q"])

    def clean_loai(self):
        return SLUG_KINDS.get(self.cleaned_data["loai"], "")

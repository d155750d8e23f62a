from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from portal.lib.text import normalize_whitespace


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search terms"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Search terms can be at most %(limit_value)d characters.")},
    )

    def clean_q(self):
        return normalize_whitespace(self.cleaned_data["q"])


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin: content only; the status moves through articles.workflow.

    `user` is set by ArticleAdmin.get_form. Two checks happen here, before anything is saved: the
    transition asked for by the button pressed (`_workflow`) must be allowed to this user now, and
    nobody may have saved the article since this form was opened (`opened_version`).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to reject: say what needs fixing."),
    )
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        self.version_check(cleaned_data)
        self.workflow_check(cleaned_data)
        return cleaned_data

    @property
    def workflow_action(self):
        return self.data.get("_workflow", "")

    def version_check(self, cleaned_data):
        if not self.instance.pk:
            return
        # Locked until the admin's transaction ends: nobody saves between this check and our save.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        opened = cleaned_data.get("opened_version")
        if current is not None and opened != current:
            # The next save, made knowingly, may overwrite: the form now carries the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current
            raise ValidationError(
                _(
                    "This article was saved by someone else after you opened it. Your changes are "
                    "below and were not saved: compare them with the revisions, then save again to "
                    "replace the other version, or reload the page to start from it."
                ),
                code="stale",
            )

    def workflow_check(self, cleaned_data):
        from articles import workflow

        action = self.workflow_action
        if not action:
            return
        article = self.instance
        if not article.pk:
            article.created_by = self.user
        check = workflow.CHECKS.get(action)
        if check is None or not check(self.user, article):
            raise ValidationError(_("You may not do that with this article now."), code="workflow")
        if action == "reject" and not cleaned_data.get("review_comment", "").strip():
            self.add_error("review_comment", _("Say why the article is rejected."))

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin: content only; the status moves through articles.workflow.

    `user` is set by ArticleAdmin.get_form. Two checks happen here, before anything is saved: the
    transition asked for by the button pressed (`_workflow`) must be allowed to this user now, and
    nobody may have saved the article since this form was opened (`opened_version`).

    A published article with a change waiting for review (or sent back) opens on that change: the
    form shows what the next editor will review, not what readers read (articles.workflow).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, label=_("version opened"))
    review_comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to reject: say what needs fixing."),
    )
    user = None
    # The article's row as it was when this post was checked (clean): its status decides whether the
    # save is held for review, whatever the post says.
    opened_article = None

    def __init__(self, *args, **kwargs):
        from articles import workflow

        instance = kwargs.get("instance")
        self.open_change = instance.open_change() if instance is not None and instance.pk else None
        if self.open_change is not None:
            workflow.revision_overlay(instance, self.open_change)
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version
        if self.open_change is not None:
            for name, ids in (("topics", self.open_change.topic_ids), ("tags", self.open_change.tag_ids)):
                if ids is not None and name in self.fields:
                    self.initial[name] = ids

    def clean(self):
        cleaned_data = super().clean()
        self.version_check(cleaned_data)
        self.section_check(cleaned_data)
        self.workflow_check(cleaned_data)
        return cleaned_data

    @property
    def workflow_action(self):
        return self.data.get("_workflow", "")

    def version_check(self, cleaned_data):
        if not self.instance.pk:
            return
        # Locked until the admin's transaction ends: nobody saves between this check and our save.
        self.opened_article = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        current = self.opened_article.version if self.opened_article is not None else None
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
        if action in {"reject", "reject_change"} and not cleaned_data.get("review_comment", "").strip():
            self.add_error("review_comment", _("Say why the article is rejected."))

    def section_check(self, cleaned_data):
        """An editor limited to sections files someone else's article only in those sections."""
        from articles import workflow

        category = cleaned_data.get("category")
        sections = workflow.section_category_ids(self.user)
        if category is None or sections is None or not workflow.is_reviewer(self.user):
            return
        own = not self.instance.pk or self.instance.created_by_id == self.user.pk
        if not own and category.pk not in sections:
            self.add_error("category", _("This category is outside your sections: choose one of them."))

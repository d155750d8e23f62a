from django.utils.translation import gettext_lazy as _

from articles import workflow
from portal.lib.workflow import WorkflowAdminForm


class ArticleAdminForm(WorkflowAdminForm):
    """The article form of the admin (portal.lib.workflow.WorkflowAdminForm: the version opened and
    the button pressed are checked before anything is saved), with the sections' check.

    A published article with a change waiting for review (or sent back) opens on that change: the
    form shows what the next editor will review, not what readers read (articles.workflow).
    `opened`, the row as it was when this post was checked, decides whether the save is held for
    review, whatever the post says.
    """

    workflow = workflow
    rejections = {"reject", "reject_change"}
    stale_message = _(
        "This article was saved by someone else after you opened it. Your changes are "
        "below and were not saved: compare them with the revisions, then save again to "
        "replace the other version, or reload the page to start from it."
    )
    refused_message = _("You may not do that with this article now.")
    no_comment_message = _("Say why the article is rejected.")

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        self.open_change = instance.open_change() if instance is not None and instance.pk else None
        if self.open_change is not None:
            workflow.revision_overlay(instance, self.open_change)
        super().__init__(*args, **kwargs)
        if self.open_change is not None:
            for name, ids in (("topics", self.open_change.topic_ids), ("tags", self.open_change.tag_ids)):
                if ids is not None and name in self.fields:
                    self.initial[name] = ids

    def workflow_check(self, cleaned_data):
        # The sections first: a category outside them is said even when the button is refused.
        self.section_check(cleaned_data)
        super().workflow_check(cleaned_data)

    def section_check(self, cleaned_data):
        """An editor limited to sections files someone else's article only in those sections."""
        category = cleaned_data.get("category")
        sections = workflow.section_category_ids(self.user)
        if category is None or sections is None or not workflow.is_reviewer(self.user):
            return
        own = not self.instance.pk or self.instance.created_by_id == self.user.pk
        if not own and category.pk not in sections:
            self.add_error("category", _("This category is outside your sections: choose one of them."))

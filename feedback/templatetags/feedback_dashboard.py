"""Readers' feedback on the admin's home page (templates/admin/index.html): overdue and open items,
for whoever handles feedback, each count a link to the feedback list filtered the same way.

"Overdue" is feedback.models.overdue_condition, the one definition the list's filter uses too.
"""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from feedback.models import Feedback, overdue_condition

register = template.Library()


@register.inclusion_tag("admin/feedback/dashboard.html", takes_context=True)
def feedback_dashboard(context):
    request = context["request"]
    user = request.user
    if not user.has_perm("feedback.view_feedback"):
        return {"panels": []}
    open_statuses = ",".join(Feedback.OPEN_STATUSES)
    counts = Feedback.objects.aggregate(
        overdue=Count("pk", filter=overdue_condition()),
        open=Count("pk", filter=Q(status__in=Feedback.OPEN_STATUSES)),
        mine=Count("pk", filter=Q(status__in=Feedback.OPEN_STATUSES, assignee=user)),
    )
    changelist = reverse("admin:feedback_feedback_changelist")
    panels = [
        ("overdue", counts["overdue"], f"{changelist}?overdue=yes"),
        ("open", counts["open"], f"{changelist}?status__in={open_statuses}"),
        ("mine", counts["mine"], f"{changelist}?status__in={open_statuses}&assignee__id__exact={user.pk}"),
    ]
    return {"panels": panels}

import io

import pytest

from feedback import demo
from feedback.models import Feedback

pytestmark = pytest.mark.django_db


def load(verbosity=1):
    out = io.StringIO()
    summary = demo.load(stdout=out, verbosity=verbosity, dry_run=False)
    return summary, out.getvalue()


def test_the_demo_feedback_covers_every_status_and_publishes_some_answers():
    summary, _ = load()
    assert summary.startswith("8 feedback items created (3 published")
    assert set(Feedback.objects.values_list("status", flat=True)) == set(Feedback.Status.values)
    assert Feedback.objects.published().count() == 3
    assert Feedback.objects.overdue().exists()


def test_a_second_run_creates_and_changes_nothing():
    load()
    before = list(Feedback.objects.order_by("code").values())
    summary, output = load(verbosity=2)
    assert summary == "nothing new (8 feedback items already there)"
    assert "= feedback MAU26HDA exists" in output
    assert list(Feedback.objects.order_by("code").values()) == before

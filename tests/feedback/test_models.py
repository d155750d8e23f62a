from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from feedback.deadlines import add_working_days, answer_deadline
from feedback.models import Feedback, normalize_code
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def test_the_deadline_is_fifteen_working_days_skipping_weekends():
    # Monday 5 October 2026: three weeks of working days later is Monday 26 October.
    assert answer_deadline(date(2026, 10, 5)) == date(2026, 10, 26)


def test_feedback_received_on_a_saturday_counts_from_monday():
    assert answer_deadline(date(2026, 10, 10)) == date(2026, 10, 30)


def test_public_holidays_do_not_count():
    # Friday 24 April 2026, then the Hùng Kings' day (27/4), 30/4 and 1/5 are off.
    assert add_working_days(date(2026, 4, 24), 5) == date(2026, 5, 6)


def test_tet_does_not_count():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_extra_holidays_come_from_the_settings(settings):
    settings.FEEDBACK_HOLIDAYS = ["2027-02-08"]
    assert add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 9)


def test_a_malformed_extra_holiday_stops_with_a_clear_message(settings):
    settings.FEEDBACK_HOLIDAYS = ["8/2/2027"]
    with pytest.raises(ImproperlyConfigured, match="FEEDBACK_HOLIDAYS"):
        answer_deadline(date(2027, 2, 5))


def test_the_deadline_is_stored_from_the_local_date_of_receipt():
    # 23:30 in Hà Nội on Sunday 4 October 2026 is still Sunday there (16:30 UTC).
    received = datetime(2026, 10, 4, 16, 30, tzinfo=UTC)
    assert FeedbackFactory(received_at=received).due_on == date(2026, 10, 23)


def test_open_items_past_their_deadline_are_overdue():
    old = timezone.now() - timedelta(days=40)
    late = FeedbackFactory(received_at=old)
    FeedbackFactory(received_at=old, status=Feedback.Status.ANSWERED, answer="Đã trả lời.")
    FeedbackFactory()
    assert list(Feedback.objects.overdue()) == [late]
    assert late.is_overdue


def test_published_means_chosen_allowed_answered_and_not_spam():
    shown = FeedbackFactory(allow_publish=True, answer="Trả lời.", is_published=True)
    FeedbackFactory(allow_publish=True, answer="Trả lời.")
    FeedbackFactory(allow_publish=True, answer="Trả lời.", is_published=True, status=Feedback.Status.SPAM)
    assert list(Feedback.objects.published()) == [shown]


def test_the_database_refuses_publishing_without_consent_or_answer():
    with pytest.raises(IntegrityError):
        FeedbackFactory(allow_publish=False, answer="Trả lời.", is_published=True)


def test_model_validation_explains_why_an_item_cannot_be_published():
    feedback = FeedbackFactory.build(allow_publish=False, answer="Trả lời.", is_published=True)
    with pytest.raises(ValidationError, match="không đồng ý"):
        feedback.clean()
    feedback = FeedbackFactory.build(allow_publish=True, answer=" ", is_published=True)
    with pytest.raises(ValidationError, match="viết câu trả lời"):
        feedback.clean()


def test_answered_needs_an_answer():
    with pytest.raises(ValidationError):
        FeedbackFactory.build(status=Feedback.Status.ANSWERED).clean()


def test_spam_reads_as_closed_to_the_sender():
    assert FeedbackFactory.build(status=Feedback.Status.SPAM).public_status == "Đã đóng"


def test_typed_codes_are_read_leniently():
    assert normalize_code(" 7kxm-2q9d ") == "7KXM2Q9D"

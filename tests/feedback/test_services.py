"""feedback_submit: the row, the reference code, the email to staff after commit; the visitor key."""

import logging
from smtplib import SMTPException

import pytest
from django.core import mail
from django.db import transaction
from django.test import RequestFactory

from feedback.models import Feedback
from feedback.services import feedback_submit, sender_hash_for, submissions_exceeded
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db

DATA = {
    "name": "Quàng Thị Hoa",
    "email": "quanghoa@example.com",
    "phone": "",
    "subject": "Hỗ trợ cây giống",
    "message": "Xin hỏi chính sách hỗ trợ cây giống.",
    "allow_publish": False,
    "sender_hash": "a" * 64,
}


def test_feedback_is_stored_with_a_deadline_and_staff_are_emailed_after_commit(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.FEEDBACK_STAFF_EMAIL = "gopy@sonla.gov.vn"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        feedback = feedback_submit(**DATA)
        assert mailoutbox == []  # nothing is sent before the row is committed
    assert len(callbacks) == 1
    assert feedback.due_on > feedback.received_at.date()
    [message] = mailoutbox
    assert message.to == ["gopy@sonla.gov.vn"]
    assert message.subject == f"[Góp ý {feedback.code}] Hỗ trợ cây giống"
    assert "Xin hỏi chính sách hỗ trợ cây giống." in message.body
    assert f"/admin/feedback/feedback/{feedback.pk}/change/" in message.body


def test_the_email_shows_the_senders_text_as_it_was_typed(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        feedback_submit(**{**DATA, "message": '<b>A & B</b> "quoted"'})
    assert '<b>A & B</b> "quoted"' in mailoutbox[0].body


def test_a_failing_mail_server_loses_nothing_and_is_logged(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise SMTPException("connection refused")

    monkeypatch.setattr("feedback.services.send_mail", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="feedback.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        feedback = feedback_submit(**DATA)
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    assert "Could not email the feedback staff" in caplog.text


def test_no_email_leaves_when_the_transaction_is_rolled_back(mailoutbox):
    with transaction.atomic():
        feedback_submit(**DATA)
        transaction.set_rollback(True)
    assert mail.outbox == []
    assert not Feedback.objects.exists()


def test_a_taken_code_is_drawn_again(monkeypatch):
    FeedbackFactory(code="AAAAAAAA")
    codes = iter(["AAAAAAAA", "BBBBBBBB"])
    monkeypatch.setattr("feedback.services.new_code", lambda: next(codes))
    assert feedback_submit(**DATA).code == "BBBBBBBB"


def request_from(address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_sender_key_is_a_keyed_hash_and_never_the_address():
    key = sender_hash_for(request_from("203.0.113.7"))
    assert len(key) == 64
    assert "203.0.113.7" not in key
    assert key == sender_hash_for(request_from("203.0.113.7"))
    assert key != sender_hash_for(request_from("203.0.113.8"))


def test_forwarded_addresses_are_believed_only_from_the_trusted_proxy():
    spoofed = sender_hash_for(request_from("198.51.100.1", forwarded="203.0.113.7"))
    assert spoofed == sender_hash_for(request_from("198.51.100.1"))
    through_nginx = sender_hash_for(request_from("127.0.0.1", forwarded="10.9.9.9, 203.0.113.7"))
    assert through_nginx == sender_hash_for(request_from("203.0.113.7"))


def test_an_ipv6_visitor_is_counted_by_the_64_network():
    first = sender_hash_for(request_from("2001:db8:1:2::1"))
    assert first == sender_hash_for(request_from("2001:db8:1:2:ffff::9"))
    assert first != sender_hash_for(request_from("2001:db8:1:3::1"))
    assert sender_hash_for(request_from("::ffff:203.0.113.7")) == sender_hash_for(request_from("203.0.113.7"))


def test_the_limit_is_reached_at_the_fifth_submission(settings):
    settings.FEEDBACK_RATE_LIMIT = 5
    FeedbackFactory.create_batch(4, sender_hash="b" * 64)
    assert not submissions_exceeded("b" * 64)
    FeedbackFactory(sender_hash="b" * 64)
    assert submissions_exceeded("b" * 64)

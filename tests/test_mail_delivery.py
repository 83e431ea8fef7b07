"""E-mail delivery records: retried with backoff while the mail server is away, sent once when it is
back, taken up again when a worker died mid-send, given up after the retry period and then shown to
staff with "send again"; /healthz counts what gave up."""

import datetime
import json
import socket

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult
from wagtail.admin.menu import reports_menu

from citysite import health
from citysite.mail import deliver_email, serialise_message
from citysite.mailqueue import delivery
from citysite.mailqueue.checks import sending_timeout_outlasts_the_mail_server
from citysite.mailqueue.models import DeliveryStatus, OutgoingEmail

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class Clock:
    """timezone.now() under the test's control, for the delivery code and the task queue alike."""

    def __init__(self):
        self.now = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def queue(settings, transactional_db):
    """The production path: e-mails queued in the database, delivered by the worker. No test transaction
    around it: the worker closes a connection left outside autocommit, as it should in production."""
    settings.EMAIL_BACKEND = "citysite.mail.TaskQueueEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_RETRY_FIRST_DELAY = 60
    settings.EMAIL_RETRY_MAX_DELAY = 3600
    settings.EMAIL_RETRY_PERIOD = 48 * 3600
    settings.EMAIL_SENDING_TIMEOUT = 900
    return settings


@pytest.fixture
def smtp_down(queue):
    """The real SMTP backend, pointed at a port where no server listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    queue.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queue.EMAIL_HOST = "127.0.0.1"
    queue.EMAIL_PORT = port
    queue.EMAIL_USE_TLS = False
    queue.EMAIL_TIMEOUT = 2
    return queue


def run_worker():
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)


def the_email():
    return OutgoingEmail.objects.get()


def test_while_smtp_is_down_the_email_is_retried_with_backoff_and_sent_once_when_it_is_back(smtp_down, clock):
    written_at = clock.now
    send_mail("Przypomnienie", "Konsultacje zamykają się za tydzień.", None, ["olena@example.org"])
    run_worker()

    email = the_email()
    assert email.status == DeliveryStatus.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at == written_at + datetime.timedelta(seconds=60)
    assert DBTaskResult.objects.filter(status="READY", run_after=email.next_attempt_at).count() == 1

    clock.advance(seconds=30)
    run_worker()
    assert the_email().attempts == 1, "not retried before its time"

    clock.advance(seconds=31)
    run_worker()
    email = the_email()
    assert email.attempts == 2
    assert email.next_attempt_at == clock.now + datetime.timedelta(seconds=120), "the delay doubles"

    smtp_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    clock.advance(seconds=120)
    run_worker()
    email = the_email()
    assert email.status == DeliveryStatus.SENT
    assert email.message == {}, "a delivered message is not kept"
    assert [message.subject for message in mail.outbox] == ["Przypomnienie"]

    # A stray task for the same e-mail (re-queued, duplicated) finds it sent and sends nothing.
    deliver_email.enqueue(str(email.pk))
    run_worker()
    assert len(mail.outbox) == 1


def test_the_delay_doubles_up_to_the_maximum(queue):
    assert [delivery.retry_delay(attempt).total_seconds() for attempt in (1, 2, 3, 7, 8, 20)] == [
        60,
        120,
        240,
        3600,
        3600,
        3600,
    ]


def test_after_the_retry_period_the_email_is_given_up(smtp_down, clock):
    smtp_down.EMAIL_RETRY_PERIOD = 400
    written_at = clock.now
    send_mail("Kod logowania", "123456", None, ["olena@example.org"])
    run_worker()
    attempts_at = [clock.now]
    while (email := the_email()).status == DeliveryStatus.QUEUED:
        clock.now = email.next_attempt_at
        attempts_at.append(clock.now)
        run_worker()

    assert email.status == DeliveryStatus.FAILED
    # 60 s, 120 s, then the rest of the period: the last attempt is made when the period ends.
    assert [(at - written_at).total_seconds() for at in attempts_at] == [0, 60, 180, 400]
    assert email.attempts == 4
    assert email.failed_at == written_at + datetime.timedelta(seconds=400)
    assert not DBTaskResult.objects.filter(status="READY").exists(), "nothing more is scheduled"
    assert mail.outbox == []


class WorkerKilledBeforeTheServerAnswers(LocmemBackend):
    """Stands for `kill -9` of the worker while it talks to the mail server: the process stops there,
    nothing after it runs (KeyboardInterrupt passes the delivery code's error handling, as a kill does)."""

    def send_messages(self, messages):
        raise KeyboardInterrupt


def test_an_email_left_sending_by_a_dead_worker_is_sent_once_after_the_timeout(queue, clock):
    queue.EMAIL_DELIVERY_BACKEND = f"{__name__}.WorkerKilledBeforeTheServerAnswers"
    send_mail("Odpowiedź", "Treść", None, ["olena@example.org"])
    run_worker()
    assert the_email().status == DeliveryStatus.SENDING

    queue.EMAIL_DELIVERY_BACKEND = LOCMEM
    clock.advance(seconds=899)
    call_command("retry_emails", verbosity=0)
    run_worker()
    assert the_email().status == DeliveryStatus.SENDING, "not taken up before the timeout"
    assert mail.outbox == []

    clock.advance(seconds=2)
    call_command("retry_emails", verbosity=0)
    run_worker()
    email = the_email()
    assert email.status == DeliveryStatus.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1

    clock.advance(hours=1)
    call_command("retry_emails", verbosity=0)
    run_worker()
    assert len(mail.outbox) == 1, "sent once, however often the sweep runs"


def test_a_queued_email_whose_task_was_lost_gets_a_new_one(queue, clock):
    send_mail("Zaproszenie", "Treść", None, ["olena@example.org"])
    # A worker took the task and died before claiming the e-mail: the task is gone, the e-mail waits.
    DBTaskResult.objects.update(status="RUNNING")

    clock.advance(minutes=16)
    call_command("retry_emails", verbosity=0)
    run_worker()
    assert the_email().status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1

    call_command("retry_emails", verbosity=0)
    assert not DBTaskResult.objects.filter(status="READY").exists(), "a sent e-mail gets no new task"


def test_two_tasks_for_one_email_send_it_once(queue):
    send_mail("Zaproszenie", "Treść", None, ["olena@example.org"])
    deliver_email.enqueue(str(the_email().pk))
    run_worker()
    assert len(mail.outbox) == 1
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == ["sent", "skipped"]


def test_a_task_queued_before_delivery_records_existed_is_delivered_once(queue):
    # Such tasks carry the serialised message itself instead of a record's id.
    message = EmailMessage("Stare zadanie", "Treść", None, ["olena@example.org"])
    deliver_email.enqueue(serialise_message(message))
    run_worker()
    assert [message.subject for message in mail.outbox] == ["Stare zadanie"]
    assert the_email().status == DeliveryStatus.SENT


def test_an_email_written_in_a_transaction_that_rolls_back_is_never_queued(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Zaproszenie", "Treść", None, ["olena@example.org"])
        raise RuntimeError("the reply could not be saved")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_delivered_and_given_up_emails_are_deleted_after_the_retention_period(queue, clock):
    queue.EMAIL_RECORD_RETENTION_DAYS = 30
    sent = OutgoingEmail.objects.create(message={}, status=DeliveryStatus.SENT, sent_at=clock.now)
    failed = make_failed_email(failed_at=clock.now)
    recent = make_failed_email(failed_at=clock.now + datetime.timedelta(days=2))

    clock.advance(days=31)
    call_command("retry_emails", verbosity=0)
    assert list(OutgoingEmail.objects.all()) == [recent]
    assert not OutgoingEmail.objects.filter(pk__in=[sent.pk, failed.pk]).exists()


# Given-up e-mails in the Wagtail admin.

ADDRESS = "olena.kowalenko@example.org"


def make_failed_email(**fields):
    message = {
        "subject": "Twoja propozycja",
        "body": "Treść",
        "from_email": None,
        "to": [ADDRESS],
        "cc": [],
        "bcc": [],
        "reply_to": [],
        "headers": {},
        "alternatives": [],
        "attachments": [],
    }
    defaults = {
        "message": message,
        "subject": message["subject"],
        "status": DeliveryStatus.FAILED,
        "attempts": 30,
        "failed_at": timezone.now(),
        "last_error": f"SMTPRecipientsRefused: {{'{ADDRESS}': (550, b'mailbox unavailable')}}",
    }
    return OutgoingEmail.objects.create(**(defaults | fields))


@pytest.fixture
def failed_email(db):
    return make_failed_email()


REPORT = reverse("mailqueue_admin:failed")


def test_editors_see_failed_emails_with_addresses_masked(client, editor, failed_email):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Twoja propozycja" in page
    assert "o…@example.org" in page
    assert ADDRESS not in page, "neither in the recipients nor in the server's error"
    assert reverse("mailqueue_admin:retry", args=[failed_email.pk]) in page


def test_superusers_see_the_full_addresses(client, superuser, failed_email):
    client.force_login(superuser)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert ADDRESS in response.content.decode()


def test_the_report_lists_only_given_up_emails(client, editor, failed_email):
    OutgoingEmail.objects.create(message={"to": ["x@example.org"]}, subject="Jeszcze w drodze")
    client.force_login(editor)
    page = client.get(REPORT).content.decode()
    assert "Twoja propozycja" in page
    assert "Jeszcze w drodze" not in page


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in reports_menu.menu_items_for_request(request)}


def test_the_report_is_in_the_reports_menu_of_those_who_may_see_it(editor, superuser, moderator):
    assert "undelivered-emails" in menu_names(editor)
    assert "undelivered-emails" in menu_names(superuser)
    assert "undelivered-emails" not in menu_names(moderator)


@pytest.mark.parametrize("role", ["moderator", "analyst", "secretariat"])
def test_other_staff_are_sent_back_to_the_dashboard(client, request, role, failed_email):
    client.force_login(request.getfixturevalue(role))
    for response in (
        client.get(REPORT),
        client.post(reverse("mailqueue_admin:retry", args=[failed_email.pk])),
        client.post(reverse("mailqueue_admin:retry_all")),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert the_email().status == DeliveryStatus.FAILED


@pytest.mark.parametrize("role", ["visitor", "resident"])
def test_residents_and_visitors_are_sent_to_sign_in(client, request, role, failed_email):
    if role == "resident":
        client.force_login(request.getfixturevalue(role))
    for response in (
        client.get(REPORT),
        client.post(reverse("mailqueue_admin:retry", args=[failed_email.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")
    assert the_email().status == DeliveryStatus.FAILED


def in_admin_language(message):
    """The admin speaks the site's default language to an editor who has not chosen one."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message)


def test_send_again_delivers_the_email_and_starts_a_new_retry_period(client, editor, failed_email):
    client.force_login(editor)
    response = client.post(reverse("mailqueue_admin:retry", args=[failed_email.pk]), follow=True)
    assert response.redirect_chain[-1][0] == REPORT
    assert in_admin_language("The e-mail will be sent again.") in response.content.decode()
    # The test settings run tasks at once: the e-mail is delivered within the request.
    email = the_email()
    assert email.status == DeliveryStatus.SENT
    assert email.attempts == 1
    assert [message.to for message in mail.outbox] == [[ADDRESS]]


def test_send_again_twice_sends_once(client, editor, failed_email):
    client.force_login(editor)
    url = reverse("mailqueue_admin:retry", args=[failed_email.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert (
        in_admin_language(
            "This e-mail is no longer among the undelivered ones: someone has sent it again already."
        )
        in response.content.decode()
    )
    assert len(mail.outbox) == 1


def test_sent_again_while_smtp_is_still_down_goes_back_to_retrying(smtp_down, failed_email):
    delivery.retry_failed(failed_email.pk)
    run_worker()
    email = the_email()
    assert email.status == DeliveryStatus.QUEUED
    assert email.attempts == 1
    assert email.next_attempt_at > timezone.now()


def test_send_all_again(client, editor, failed_email):
    make_failed_email(subject="Druga")
    client.force_login(editor)
    client.post(reverse("mailqueue_admin:retry_all"))
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert len(mail.outbox) == 2


def test_send_again_needs_a_post(client, editor, failed_email):
    client.force_login(editor)
    assert client.get(reverse("mailqueue_admin:retry", args=[failed_email.pk])).status_code == 405


# /healthz


def test_healthz_counts_given_up_emails_and_waiting_tasks(client, queue, failed_email):
    send_mail("Zaproszenie", "Treść", None, ["olena@example.org"])
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "failed_emails": 1,
        "tasks_waiting": 1,
    }


class Unreachable:
    def __getattr__(self, name):
        raise OperationalError("connection refused")


def test_healthz_answers_503_without_the_database(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("Redis is away")


def test_healthz_reports_a_missing_cache_as_degraded(client, db, monkeypatch):
    monkeypatch.setattr(health, "cache", BrokenCache())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "degraded"
    assert json.loads(response.content)["cache"] == "unavailable"


def test_healthz_has_no_language_prefix_and_only_reads(client, db):
    # Never redirected to a language's address, whatever language the prober asks for.
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="uk").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_a_sending_timeout_too_close_to_the_mail_server_timeout_is_flagged(settings):
    assert sending_timeout_outlasts_the_mail_server(None) == []
    settings.EMAIL_TIMEOUT = 60
    settings.EMAIL_SENDING_TIMEOUT = 120
    assert [warning.id for warning in sending_timeout_outlasts_the_mail_server(None)] == ["mailqueue.W001"]

"""Outgoing e-mail is handed to the task queue and delivered by the worker."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail

QUEUE_BACKEND = "citysite.mail.TaskQueueEmailBackend"


@pytest.fixture
def queued_mail(settings):
    # pytest-django replaces EMAIL_BACKEND with its in-memory outbox; put the queue back in front of it.
    settings.EMAIL_BACKEND = QUEUE_BACKEND
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.mark.django_db
def test_message_survives_the_queue_intact(queued_mail):
    message = EmailMultiAlternatives(
        "Potwierdź adres", "Treść", "from@example.org", ["olena@example.org"], headers={"X-Topic": "signup"}
    )
    message.attach_alternative("<p>Treść</p>", "text/html")
    message.attach("dane.json", b'{"a": 1}', "application/json")
    message.send()

    assert len(mail.outbox) == 1
    delivered = mail.outbox[0]
    assert delivered.subject == "Potwierdź adres"
    assert delivered.to == ["olena@example.org"]
    assert delivered.extra_headers["X-Topic"] == "signup"
    assert delivered.alternatives[0][0] == "<p>Treść</p>"
    assert tuple(delivered.attachments[0][:2]) == ("dane.json", b'{"a": 1}')


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_mail_waits_for_the_worker(queued_mail):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    queued_mail.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    send_mail("Przypomnienie", "Konsultacje zamykają się za tydzień.", None, ["olena@example.org"])

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.subject for message in mail.outbox] == ["Przypomnienie"]

"""`manage.py run_worker` carries on when the database goes away; the stock `db_worker` exits."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, ProgrammingError
from django_tasks_db.models import DBTaskResultQuerySet

from citysite.mailqueue.management.commands import run_worker

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued_email(settings, transactional_db):
    """Without a test transaction around the worker: a reconnect opens a new connection, as in production."""
    settings.EMAIL_BACKEND = "citysite.mail.TaskQueueEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = DATABASE_QUEUE
    send_mail("Przypomnienie", "Treść", None, ["olena@example.org"])


@pytest.fixture
def waits(monkeypatch):
    """The pauses the worker makes before reconnecting (recorded, not slept)."""
    pauses = []
    monkeypatch.setattr(run_worker.time, "sleep", pauses.append)
    return pauses


def database_goes_away(monkeypatch, *errors):
    """The worker's next attempts to take a task fail with `errors`, one each; then the database is back."""
    take_task = DBTaskResultQuerySet.get_locked
    remaining = list(errors)

    def get_locked(queryset):
        if remaining:
            raise remaining.pop(0)
        return take_task(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)


def test_the_worker_waits_for_the_database_and_carries_on(queued_email, monkeypatch, waits):
    database_goes_away(
        monkeypatch,
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
        OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    )
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert waits == [1, 2, 4], "waits longer each time"
    assert [message.subject for message in mail.outbox] == ["Przypomnienie"]


def test_the_wait_is_capped(queued_email, monkeypatch, waits):
    database_goes_away(monkeypatch, *[OperationalError("Connection refused") for _attempt in range(5)])
    call_command("run_worker", "--batch", "--no-startup-delay", "--max-reconnect-delay", "5", verbosity=0)
    assert waits == [1, 2, 4, 5, 5]
    assert len(mail.outbox) == 1


def test_the_stock_worker_exits_on_the_same_outage(queued_email, monkeypatch):
    database_goes_away(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    with pytest.raises(OperationalError):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert mail.outbox == []


def test_errors_that_are_not_about_the_connection_still_stop_the_worker(queued_email, monkeypatch, waits):
    # A missing table will not heal by waiting: systemd restarts the worker and the log says why.
    database_goes_away(
        monkeypatch, ProgrammingError('relation "django_tasks_database_dbtaskresult" does not exist')
    )
    with pytest.raises(ProgrammingError):
        call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert waits == []


def test_inside_a_transaction_the_worker_does_not_try_to_reconnect(settings, db, monkeypatch, waits):
    # A new connection would silently leave the caller's transaction behind; better to say so.
    settings.TASKS = DATABASE_QUEUE
    database_goes_away(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    with pytest.raises(OperationalError):
        call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert waits == []

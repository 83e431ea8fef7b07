"""Delivering queued e-mail exactly once, as far as SMTP allows.

An e-mail is sent only by the task that claims its record, with one conditional UPDATE
(queued → sending) that only one task can win, however many tasks exist for it. On a delivery error the
record goes back to "queued" with an exponential backoff and a new task deferred until then, until
EMAIL_RETRY_PERIOD has passed since it was queued; then it is "failed" and staff see it in the admin.

The one duplicate that cannot be ruled out: the worker dies (or loses the database for good) after the
mail server accepted the message and before "sent" is written. The record then stays "sending", and
`manage.py retry_emails` sends it again after EMAIL_SENDING_TIMEOUT. SMTP has no way to ask the server
whether it already took a message, so the window is only kept small: "sent" is written right after the
server's answer, retried for half a minute if the database is briefly away."""

import datetime
import logging
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from citysite import mail

from .models import DeliveryStatus, OutgoingEmail

logger = logging.getLogger(__name__)

# Pauses (seconds) between attempts to record that an e-mail was sent while the database is away.
SENT_WRITE_RETRY_DELAYS = (1, 2, 4, 8, 16)


def record(message: dict) -> OutgoingEmail:
    now = timezone.now()
    return OutgoingEmail.objects.create(
        message=message, subject=message["subject"][:255], queued_at=now, next_attempt_at=now
    )


def queue(message: dict) -> OutgoingEmail:
    email = record(message)
    _enqueue(email.pk)
    return email


def deliver(email_id) -> str:
    """Claims the e-mail, sends it, records the outcome. Returns what happened, for the task's result."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        # Sent, being sent by another task, given up, or retried later by a task deferred until then.
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        connection_ = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        mail.deserialise_message(email.message, connection_).send()
    except Exception as error:  # whatever stopped delivery, the e-mail is tried again later
        return _record_failure(email, error)
    _record_sent(email)
    return "sent"


def retry_failed(email_id) -> bool:
    """Staff asked to try a failed e-mail again: a fresh retry period starts now."""
    now = timezone.now()
    with transaction.atomic():
        restarted = OutgoingEmail.objects.filter(pk=email_id, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.QUEUED, attempts=0, queued_at=now, next_attempt_at=now, failed_at=None
        )
        if restarted:
            _enqueue(email_id)
    return bool(restarted)


def sweep() -> dict:
    """Run by `manage.py retry_emails` every few minutes: takes up e-mails whose worker died, and
    forgets delivered and long-failed e-mails (they hold personal data)."""
    now = timezone.now()
    timeout = datetime.timedelta(seconds=settings.EMAIL_SENDING_TIMEOUT)
    counts = {"requeued": 0, "resumed": 0, "deleted": 0}

    for email in OutgoingEmail.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - timeout):
        with transaction.atomic():
            if OutgoingEmail.objects.filter(
                pk=email.pk, status=DeliveryStatus.SENDING, claimed_at=email.claimed_at
            ).update(status=DeliveryStatus.QUEUED, next_attempt_at=now):
                logger.warning("E-mail %s was still being sent after %s; sending it again", email.pk, timeout)
                _enqueue(email.pk)
                counts["requeued"] += 1

    # A queued e-mail long past its time has lost its task (a worker took the task and died before
    # claiming the e-mail). Without deferred tasks (the immediate backend) a retry is due at its time.
    overdue = now - timeout if mail.deliver_email.get_backend().supports_defer else now
    for email in OutgoingEmail.objects.filter(status=DeliveryStatus.QUEUED, next_attempt_at__lte=overdue):
        with transaction.atomic():
            # Moving next_attempt_at on keeps a long backlog from getting a new task at every sweep.
            if OutgoingEmail.objects.filter(
                pk=email.pk, status=DeliveryStatus.QUEUED, next_attempt_at=email.next_attempt_at
            ).update(next_attempt_at=now):
                _enqueue(email.pk)
                counts["resumed"] += 1

    kept_since = now - datetime.timedelta(days=settings.EMAIL_RECORD_RETENTION_DAYS)
    deleted, _per_model = OutgoingEmail.objects.filter(
        status=DeliveryStatus.SENT, sent_at__lt=kept_since
    ).delete()
    counts["deleted"] += deleted
    deleted, _per_model = OutgoingEmail.objects.filter(
        status=DeliveryStatus.FAILED, failed_at__lt=kept_since
    ).delete()
    counts["deleted"] += deleted
    return counts


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: the first delay after the first failed attempt, doubling, up to a maximum."""
    seconds = settings.EMAIL_RETRY_FIRST_DELAY * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_DELAY))


def _enqueue(email_id, run_after=None) -> None:
    task = mail.deliver_email
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the sweep enqueues it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(str(email_id))


def _still_ours(email):
    return OutgoingEmail.objects.filter(
        pk=email.pk, status=DeliveryStatus.SENDING, claimed_at=email.claimed_at
    )


def _record_sent(email) -> None:
    for pause in (*SENT_WRITE_RETRY_DELAYS, None):
        try:
            _still_ours(email).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), message={}, last_error=""
            )
            return
        except (OperationalError, InterfaceError):
            if pause is None or connection.in_atomic_block:
                logger.error("E-mail %s was sent but could not be recorded: it may be sent again", email.pk)
                raise
            logger.warning("Could not record that e-mail %s was sent; trying again in %s s", email.pk, pause)
            connection.close()
            time.sleep(pause)


def _record_failure(email, error: Exception) -> str:
    now = timezone.now()
    deadline = email.queued_at + datetime.timedelta(seconds=settings.EMAIL_RETRY_PERIOD)
    error_text = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        if now >= deadline:
            _still_ours(email).update(status=DeliveryStatus.FAILED, failed_at=now, last_error=error_text)
            logger.error("Gave up e-mail %s after %s attempts: %s", email.pk, email.attempts, error_text)
            return "failed"
        next_attempt_at = min(now + retry_delay(email.attempts), deadline)
        if _still_ours(email).update(
            status=DeliveryStatus.QUEUED, next_attempt_at=next_attempt_at, last_error=error_text
        ):
            _enqueue(email.pk, run_after=next_attempt_at)
    logger.warning("E-mail %s not delivered (%s); next attempt at %s", email.pk, error_text, next_attempt_at)
    return "retry scheduled"

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Gave up")


class OutgoingEmail(models.Model):
    """One e-mail on its way out. Whether it may be sent is decided here, by a conditional update of
    this row (queued → sending), not by the status of the background task: a task may be run twice
    (a re-queued duplicate, a worker killed mid-run), the claim succeeds only once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    # The serialised message (citysite.mail.serialise_message); emptied once it is sent, since it may
    # hold personal data and sign-in codes.
    message = models.JSONField(_("message"))
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # Start of the current retry period: when the e-mail was written, or when staff asked to retry it.
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("gave up at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mailqueue_status_due_idx")]

    def __str__(self):
        return self.subject

    @property
    def recipients(self) -> list[str]:
        return [*self.message.get("to", []), *self.message.get("cc", []), *self.message.get("bcc", [])]

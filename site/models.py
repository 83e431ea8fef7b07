"""Models the whole site shares. The submission keys behind "one submission, one record" live here:
see citysite.idempotency."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class SubmissionKey(models.Model):
    """The token of a form that was acted on, claimed in the same transaction as what it created. A
    second request with the same token (a double click, a resent form) cannot claim it again: the
    unique constraint refuses it, also when both requests arrive at the same moment. `target` is the
    record the first request created, if it created one, so the second can show it."""

    key = models.UUIDField()
    purpose = models.CharField(max_length=60)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["purpose", "key"], name="one_use_per_submission_key")]

    def __str__(self):
        return f"{self.purpose} {self.key}"

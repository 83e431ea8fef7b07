"""Keeping cases no longer than needed, and re-encrypting them when keys change."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AuditAction, Case, CaseAttachment, CaseEntry, CaseStatus, audit


def purge_closed_cases(now=None) -> int:
    """Deletes cases closed more than OMBUDSPERSON_RETENTION_DAYS ago; open cases are kept whatever
    their age. The audit log keeps each reference and the date of deletion."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OMBUDSPERSON_RETENTION_DAYS)
    expired = Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff)
    deleted = 0
    for case in expired.only("pk", "reference").iterator():
        with transaction.atomic():
            audit(case.reference, AuditAction.DELETED)
            Case.objects.filter(pk=case.pk).delete()
        deleted += 1
    return deleted


def rotate_all_keys() -> dict[str, int]:
    """Loads and saves every encrypted value, which writes it with the newest key (Fernet tokens carry
    a random IV, so each value is written afresh). Call inside a transaction."""
    counts = {"cases": 0, "entries": 0, "attachments": 0}
    for case in Case.objects.select_for_update().iterator():
        case.save(update_fields=["description", "contact", "referred_to"])
        audit(case.reference, AuditAction.KEYS_ROTATED)
        counts["cases"] += 1
    for entry in CaseEntry.objects.select_for_update().iterator():
        entry.save(update_fields=["text"])
        counts["entries"] += 1
    for attachment in CaseAttachment.objects.select_for_update().iterator():
        attachment.save(update_fields=["filename", "content"])
        counts["attachments"] += 1
    return counts

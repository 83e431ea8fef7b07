"""What happens to a case, as named operations; each writes the audit log.

Every operation of the ombudsperson checks the rule "ombudsperson.handle_cases" itself as well as the view
that calls it, so no other code path (a shell script, a future API) can read a case by going around the
views."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from citysite.access import may

from .models import (
    AuditAction,
    Case,
    CaseAttachment,
    CaseAuditEntry,
    CaseEntry,
    CaseStatus,
    CaseSubmission,
    EntryKind,
    OmbudspersonPage,
    ReceivedCaseCount,
    audit,
    month_start,
    new_secret_code,
)

# CaseAuditEntry.detail holds at most 200 characters.
DETAIL_MAX_LENGTH = 200


@dataclass(frozen=True)
class Upload:
    """An attachment checked by the form: its real type comes from its content, not its name."""

    filename: str
    content_type: str
    content: bytes


class NotAllowed(PermissionDenied):
    """The user is not in the Ombudsperson group (or is a superuser)."""


def _require_handler(user) -> None:
    if not may(user, "ombudsperson.handle_cases"):
        raise NotAllowed


@transaction.atomic
def file_case(
    *,
    category,
    description,
    preferred_language,
    contact="",
    contact_consent=False,
    attachment: Upload | None = None,
    submission_token=None,
    received_at=None,
):
    """Stores a new case (with its attachment, the form's token against double submission and the monthly
    count); returns it with the secret code, which is shown to the person once and kept only as a hash.
    Raises IntegrityError when a case was already filed with `submission_token`."""
    code = new_secret_code()
    case = Case(
        category=category,
        description=description,
        preferred_language=preferred_language,
        contact=contact if contact_consent else "",
        contact_consent=contact_consent and bool(contact),
    )
    if received_at is not None:
        case.created_at = received_at
    case.set_secret_code(code)
    case.save()
    if submission_token is not None:
        CaseSubmission.objects.create(token=submission_token, case=case)
    if attachment is not None:
        CaseAttachment.objects.create(
            case=case,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=len(attachment.content),
            content=attachment.content,
        )
    _count_received(case)

    audit(case.reference, AuditAction.FILED)
    return case, code


def _count_received(case) -> None:
    counter, _created = ReceivedCaseCount.objects.get_or_create(
        month=month_start(case.created_at), category=case.category
    )
    ReceivedCaseCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)


def case_for_submission(token):
    """The case a form with this token already filed, or None."""
    submission = CaseSubmission.objects.filter(token=token).select_related("case").first()
    return submission.case if submission else None


# --- the person ------------------------------------------------------------------------------------


def replies_for_person(case) -> list[CaseEntry]:
    """What the person reads on their status page: the replies, never the internal notes."""
    return list(case.entries.filter(kind=EntryKind.REPLY).order_by("created_at", "pk"))


def person_viewed(case) -> None:
    audit(case.reference, AuditAction.VIEWED_BY_PERSON)


# --- the ombudsperson ------------------------------------------------------------------------------


def _truncated(text: str) -> str:
    return text if len(text) <= DETAIL_MAX_LENGTH else text[: DETAIL_MAX_LENGTH - 1] + "…"


def record_listing(user, cases, detail: str = "") -> None:
    """One LISTED entry per case shown in a list (in one query): a listing shows part of each case."""
    _require_handler(user)
    now = timezone.now()
    CaseAuditEntry.objects.bulk_create(
        CaseAuditEntry(
            reference=case.reference, action=AuditAction.LISTED, user=user, at=now, detail=_truncated(detail)
        )
        for case in cases
    )


def read_case(user, reference: str) -> Case:
    """The case with this reference, for reading; raises Case.DoesNotExist. Writes VIEWED."""
    _require_handler(user)
    case = Case.objects.get(reference=reference)
    audit(case.reference, AuditAction.VIEWED, user=user)
    return case


def case_timeline(case) -> list[CaseEntry]:
    """Notes and replies, oldest first, with their authors (one query)."""
    return list(case.entries.select_related("author").order_by("created_at", "pk"))


def case_attachments(case) -> list[CaseAttachment]:
    """The attachments without their content (which is only loaded to download it)."""
    return list(case.attachments.defer("content").order_by("uploaded_at", "pk"))


def download_attachment(user, case, attachment_pk: int) -> CaseAttachment:
    """An attachment with its content; raises CaseAttachment.DoesNotExist. Writes ATTACHMENT_DOWNLOADED."""
    _require_handler(user)
    attachment = case.attachments.get(pk=attachment_pk)
    audit(case.reference, AuditAction.ATTACHMENT_DOWNLOADED, user=user, detail=str(attachment.pk))
    return attachment


@transaction.atomic
def change_status(user, case, status: str) -> None:
    """Moves a case to `status`; closing it starts the retention period, reopening stops it."""
    _require_handler(user)
    old = case.status
    case.status = status
    if status == CaseStatus.CLOSED:
        case.closed_at = case.closed_at or timezone.now()
    else:
        case.closed_at = None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit(case.reference, AuditAction.STATUS_CHANGED, user=user, detail=f"{old} → {status}")


@transaction.atomic
def add_note(user, case, text: str) -> CaseEntry:
    """An internal note: the ombudsperson's only, never shown to the person."""
    _require_handler(user)
    # The case's "last change", which the person sees, stays as it was: a note is not a change for them.
    entry = CaseEntry.objects.create(case=case, kind=EntryKind.NOTE, text=text, author=user)
    audit(case.reference, AuditAction.NOTE_ADDED, user=user, detail=str(entry.pk))
    return entry


def is_email_address(contact: str) -> bool:
    try:
        validate_email(contact)
    except ValidationError:
        return False
    return True


def status_page_url(language: str, request=None) -> str:
    """The full address of the status page in `language` (or in any language if that one is missing)."""
    pages = OmbudspersonPage.objects.live().public()
    page = pages.filter(locale__language_code=language).first() or pages.order_by("pk").first()
    if page is None:
        return ""
    return page.get_full_url(request) + page.reverse_subpage("status")


@transaction.atomic
def send_reply(user, case, text: str, request=None) -> CaseEntry:
    """A reply the person reads on their status page. If they agreed to be contacted by e-mail, they get
    an e-mail in their preferred language that only says a reply is waiting: the e-mail holds neither the
    reply nor anything about the case, since a mailbox may be read by others."""
    _require_handler(user)
    entry = CaseEntry.objects.create(case=case, kind=EntryKind.REPLY, text=text, author=user)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    detail = str(entry.pk)
    if case.contact_consent and is_email_address(case.contact):
        _email_reply_notice(case, request)
        entry.emailed_at = timezone.now()
        entry.save(update_fields=["emailed_at"])
        detail += " e-mailed"
    audit(case.reference, AuditAction.REPLY_SENT, user=user, detail=detail)
    return entry


def _email_reply_notice(case, request) -> None:
    # E-mail is queued as a task (citysite.mail) in this transaction, so it leaves only if the reply is saved.
    with translation.override(case.preferred_language):
        context = {"status_url": status_page_url(case.preferred_language, request)}
        subject = render_to_string("ombudsperson/email/reply_subject.txt", context).strip()
        body = render_to_string("ombudsperson/email/reply_body.txt", context)
    send_mail(subject, body, None, [case.contact])


@transaction.atomic
def record_referral(user, case, institution: str) -> None:
    """Records the institution the case was referred to (the person sees it) and sets the status."""
    _require_handler(user)
    old = case.status
    case.referred_to = institution
    case.status = CaseStatus.REFERRED
    case.closed_at = None
    case.save(update_fields=["referred_to", "status", "closed_at", "updated_at"])
    audit(case.reference, AuditAction.REFERRED, user=user, detail=f"{old} → {CaseStatus.REFERRED}")

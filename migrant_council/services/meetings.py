"""Council meetings, run by the secretariat: date, place or online link, an agenda whose items may point
to drafts, attendance of the members, minutes, and publishing the agenda and the minutes on the public
council page. Current members are e-mailed, each in their own language, when a meeting is scheduled and
when its date or place changes."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from citysite.access import may

from ..models import AgendaItem, Attendance, AttendanceStatus, Meeting, Membership
from .membership import absolute_url

SCHEDULE_FIELDS = ("starts_at", "ends_at", "place", "online_link")
NO_PLACE = _("Please give a place, a link to join online, or both.")
ENDS_BEFORE_START = _("The meeting cannot end before it starts.")
NO_MINUTES = _("Write the minutes before publishing them.")
NOT_A_MEMBER = _("Attendance can only be recorded for members whose term includes the day of the meeting.")


def _require_secretariat(user) -> None:
    if not may(user, "migrant_council.run_council"):
        raise PermissionDenied


def _validate(meeting: Meeting) -> None:
    errors = {}
    if not meeting.place.strip() and not meeting.online_link.strip():
        errors["place"] = NO_PLACE
    if meeting.ends_at and meeting.ends_at < meeting.starts_at:
        errors["ends_at"] = ENDS_BEFORE_START
    if errors:
        raise ValidationError(errors)


# --- meetings and their agendas ------------------------------------------------------------------------


@transaction.atomic
def create_meeting(user, *, title, starts_at, ends_at=None, place="", online_link="", agenda=()) -> Meeting:
    """A new meeting, its agenda (a list of {"title", "draft"} in order), and an e-mail to every current
    member."""
    _require_secretariat(user)
    meeting = Meeting(title=title, starts_at=starts_at, ends_at=ends_at, place=place, online_link=online_link)
    _validate(meeting)
    meeting.save()
    set_agenda(user, meeting, agenda)
    notify_members(meeting, "scheduled")
    return meeting


@transaction.atomic
def update_meeting(user, meeting: Meeting, *, agenda=None, **fields) -> Meeting:
    """Changes a meeting (and its agenda, when given). If its date, time, place or link changed and it
    has not happened yet, the current members are told."""
    _require_secretariat(user)
    allowed = {"title", *SCHEDULE_FIELDS}
    before = {field: getattr(meeting, field) for field in SCHEDULE_FIELDS}
    for field, value in fields.items():
        if field not in allowed:
            raise TypeError(field)
        setattr(meeting, field, value)
    _validate(meeting)
    meeting.save()
    if agenda is not None:
        set_agenda(user, meeting, agenda)
    changed = any(getattr(meeting, field) != value for field, value in before.items())
    if changed and meeting.is_upcoming:
        notify_members(meeting, "changed")
    return meeting


@transaction.atomic
def set_agenda(user, meeting: Meeting, items) -> list[AgendaItem]:
    """Makes the agenda exactly `items`, in that order: each {"title", "draft", optional "pk" of an
    existing item of this meeting to keep}. Items left out are deleted."""
    _require_secretariat(user)
    existing = {item.pk: item for item in meeting.agenda_items.all()}
    kept = []
    for position, entry in enumerate(items, start=1):
        item = existing.pop(entry.get("pk"), None) or AgendaItem(meeting=meeting)
        item.position = position
        item.title = entry["title"]
        item.draft = entry.get("draft")
        item.save()
        kept.append(item)
    AgendaItem.objects.filter(pk__in=existing).delete()
    return kept


def publish_agenda(user, meeting: Meeting, published: bool = True) -> Meeting:
    _require_secretariat(user)
    meeting.agenda_published = published
    meeting.save(update_fields=["agenda_published"])
    return meeting


def write_minutes(user, meeting: Meeting, text: str) -> Meeting:
    _require_secretariat(user)
    meeting.minutes = text.strip()
    fields = ["minutes"]
    if not meeting.minutes and meeting.minutes_published_at:
        meeting.minutes_published_at = None  # nothing left to show
        fields.append("minutes_published_at")
    meeting.save(update_fields=fields)
    return meeting


def publish_minutes(user, meeting: Meeting, published: bool = True) -> Meeting:
    _require_secretariat(user)
    if published and not meeting.minutes.strip():
        raise ValidationError(NO_MINUTES, code="no_minutes")
    meeting.minutes_published_at = (meeting.minutes_published_at or timezone.now()) if published else None
    meeting.save(update_fields=["minutes_published_at"])
    return meeting


# --- attendance -----------------------------------------------------------------------------------------


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


def attendance_rows(meeting: Meeting) -> list[tuple[Membership, str]]:
    """Every member whose term includes the day of the meeting, with their recorded attendance ("" when
    none was recorded yet)."""
    recorded = dict(meeting.attendance.values_list("membership_id", "status"))
    members = Membership.objects.current(meeting_day(meeting)).order_by("name", "pk")
    return [(membership, recorded.get(membership.pk, "")) for membership in members]


@transaction.atomic
def record_attendance(user, meeting: Meeting, statuses: dict[int, str]) -> None:
    """Records present / absent / excused per membership id; an empty status clears the record."""
    _require_secretariat(user)
    allowed = set(Membership.objects.current(meeting_day(meeting)).values_list("pk", flat=True))
    unknown = set(statuses) - allowed
    if unknown:
        raise ValidationError(NOT_A_MEMBER, code="not_a_member")
    for membership_id, status in statuses.items():
        if status:
            if status not in AttendanceStatus.values:
                raise ValidationError(_("Please choose present, absent or excused."), code="invalid_status")
            Attendance.objects.update_or_create(
                meeting=meeting, membership_id=membership_id, defaults={"status": status}
            )
        else:
            Attendance.objects.filter(meeting=meeting, membership_id=membership_id).delete()


# --- what the public sees -----------------------------------------------------------------------------


def _with_agenda(meetings):
    return meetings.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("position", "pk").only(
                "pk", "meeting_id", "position", "title"
            ),
        )
    )


def public_upcoming(now=None):
    """Meetings still to come whose agenda is published, soonest first."""
    now = now or timezone.now()
    return _with_agenda(
        Meeting.objects.filter(agenda_published=True, starts_at__gte=now).order_by("starts_at", "pk")
    )


def public_past(now=None):
    """Meetings that took place and have a published agenda or published minutes, latest first."""
    now = now or timezone.now()
    return _with_agenda(
        Meeting.objects.filter(starts_at__lt=now)
        .filter(Q(agenda_published=True) | Q(minutes_published_at__isnull=False))
        .order_by("-starts_at", "-pk")
    )


# --- e-mails ----------------------------------------------------------------------------------------


def members_space_url() -> str | None:
    """Where members read about meetings, if the members' space is installed."""
    for name in ("council_space:dashboard", "council_space:home", "council_space:index"):
        try:
            return absolute_url(reverse(name))
        except NoReverseMatch:
            continue
    return None


def meeting_message(meeting: Meeting, kind: str, recipient, agenda) -> tuple[str, str]:
    """Subject and body for one member, in their preferred language."""
    with translation.override(recipient.preferred_language):
        context = {
            "meeting": meeting,
            "agenda": agenda,
            "recipient": recipient,
            "space_url": members_space_url(),
        }
        subject = render_to_string(f"migrant_council/email/meeting_{kind}_subject.txt", context).strip()
        body = render_to_string(f"migrant_council/email/meeting_{kind}_body.txt", context)
    return subject, body


def notify_members(meeting: Meeting, kind: str) -> int:
    """E-mails every current member with an account about the meeting (`kind` "scheduled" or
    "changed"), each in their preferred language. Returns the number of e-mails sent."""
    memberships = (
        Membership.objects.current()
        .filter(user__is_active=True, user__anonymised_at__isnull=True)
        .exclude(user__email="")
        .select_related("user")
    )
    agenda = list(meeting.agenda_items.order_by("position", "pk"))
    recipients = {membership.user.pk: membership.user for membership in memberships}
    for recipient in recipients.values():
        subject, body = meeting_message(meeting, kind, recipient, agenda)
        send_mail(subject, body, None, [recipient.email])
    return len(recipients)

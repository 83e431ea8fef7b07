"""E-mails to the followers of a consultation: when it opens, a week before it closes and when the report is
published. `manage.py send_consultation_notices` runs on a schedule and enqueues the due notices; a
background task writes one e-mail per follower, in the follower's preferred language.

Each notice goes out once per consultation (all its translations together): the NoticeSent row is created
before the task is enqueued, in the same transaction, and a run that finds the row already there skips it.
A notice is only sent while it is still news: an event first noticed long after it happened (the schedule
was down, or the dates were entered after the fact) is not announced late."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .models import ConsultationPage, Follow, NoticeKind, NoticeSent

# How long after the event a notice may still go out.
OPENED_NOTICE_LATEST = datetime.timedelta(days=2)
REPORT_NOTICE_LATEST = datetime.timedelta(days=2)
# "Closing soon" goes out once the close is a week away or nearer, but not in a consultation's first day:
# a consultation shorter than a week gets its "opened" e-mail (which gives the closing date) on its own.
CLOSING_SOON_BEFORE = datetime.timedelta(days=7)
CLOSING_SOON_NOT_BEFORE_OPEN_FOR = datetime.timedelta(days=1)

SUBJECTS = {
    NoticeKind.OPENED: _("The consultation “%(title)s” is open"),
    NoticeKind.CLOSING_SOON: _("One week left: the consultation “%(title)s” closes soon"),
    NoticeKind.REPORT_PUBLISHED: _("The report of the consultation “%(title)s” is published"),
}


def due_pages(kind: str, now: datetime.datetime):
    """Live consultation pages (in any language) for which the event `kind` is due as a notice at `now`."""
    pages = ConsultationPage.objects.live().public()
    if kind == NoticeKind.OPENED:
        return pages.filter(opens_at__lte=now, opens_at__gt=now - OPENED_NOTICE_LATEST, closes_at__gt=now)
    if kind == NoticeKind.CLOSING_SOON:
        return pages.filter(
            closes_at__gt=now,
            closes_at__lte=now + CLOSING_SOON_BEFORE,
            opens_at__lte=now - CLOSING_SOON_NOT_BEFORE_OPEN_FOR,
        )
    if kind == NoticeKind.REPORT_PUBLISHED:
        return pages.filter(
            report_published_at__lte=now,
            report_published_at__gt=now - REPORT_NOTICE_LATEST,
            closes_at__lte=now,
        )
    raise ValueError(kind)


def due_notices(now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """(consultation key, kind) of every notice due and not sent yet, one per consultation whatever the
    number of its translations."""
    now = now or timezone.now()
    due = []
    for kind in NoticeKind.values:
        keys = set(due_pages(kind, now).values_list("translation_key", flat=True))
        keys -= set(
            NoticeSent.objects.filter(kind=kind, consultation_key__in=keys).values_list(
                "consultation_key", flat=True
            )
        )
        due += [(str(key), kind) for key in sorted(keys, key=str)]
    return due


def enqueue_due_notices(now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Records and enqueues every due notice; returns those enqueued by this call. Safe to run twice or
    concurrently: the unique NoticeSent row decides which run sends."""
    enqueued = []
    for key, kind in due_notices(now):
        with transaction.atomic():
            _notice, created = NoticeSent.objects.get_or_create(consultation_key=key, kind=kind)
            if created:
                send_consultation_notice.enqueue(key, kind)
                enqueued.append((key, kind))
    return enqueued


def _pages_by_language(consultation_key: str) -> tuple[dict[str, ConsultationPage], ConsultationPage | None]:
    pages = {
        page.locale.language_code: page
        for page in ConsultationPage.objects.live()
        .public()
        .filter(translation_key=consultation_key)
        .select_related("locale")
    }
    default = pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()), None)
    return pages, default


def notice_message(kind: str, page: ConsultationPage, user) -> EmailMessage:
    """The e-mail for one follower; call it with the follower's language active."""
    context = {"page": page, "user": user, "url": page.get_full_url(), "kind": kind}
    return EmailMessage(
        subject=str(SUBJECTS[kind] % {"title": page.title}),
        body=render_to_string(f"consultations/email/notice_{kind}.txt", context),
        to=[user.email],
    )


@task()
def send_consultation_notice(consultation_key: str, kind: str) -> int:
    """E-mails every follower of the consultation about the event `kind`, each in their preferred language
    and linking to the consultation in that language where it is translated. Returns the number sent."""
    pages, default = _pages_by_language(consultation_key)
    if default is None:
        return 0
    followers = (
        Follow.objects.filter(
            consultation_key=consultation_key, user__is_active=True, user__anonymised_at__isnull=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    messages = []
    for follow in followers:
        language = follow.user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            messages.append(notice_message(kind, pages.get(language, default), follow.user))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)

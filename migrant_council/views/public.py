"""The council's public page, its adopted opinions, and the form to write to the council.

Nothing private is shown here: no drafts, no e-mail addresses, no votes by person, no attendance. The
message form stores nothing of a message: each is e-mailed to the council's secretariat and forgotten.
Only the form's random submission token is kept, so that a double click sends the message once."""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from citysite import idempotency
from citysite.forms import TOO_LONG
from citysite.idempotency import TOKEN_FIELD, SubmissionTokenMixin
from citysite.participation.spam import RATE_LIMIT_MESSAGE, SpamProtectedForm, rate_limit_exceeded

from ..models import Membership, Opinion, Role
from ..services import meetings as meeting_services
from ..services.opinions import public_opinions

logger = logging.getLogger(__name__)

PHOTO_FILTER = "fill-240x240"
PAST_MEETINGS_PER_PAGE = 10
SECRETARIAT_GROUP = "Council secretariat"

MESSAGE_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 150
WRITE_RATE_GROUP = "migrant_council.write"
WRITE_RATE = "5/h"
# What the form's submission token is claimed for (citysite.idempotency).
WRITE_PURPOSE = "migrant_council.write"
SENT_SALT = "migrant_council.write.sent"
SENT_MAX_AGE = 10 * 60
NO_RECIPIENTS = _(
    "The council's secretariat cannot receive messages at the moment. Nothing was sent; please try again "
    "later. Your message is still in the form below."
)

ROLE_ORDER = Case(
    When(role=Role.CHAIR, then=Value(0)),
    When(role=Role.VICE_CHAIR, then=Value(1)),
    When(role=Role.SECRETARY, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


# --- the public page ----------------------------------------------------------------------------------


def public_members():
    """Current members, chair first, with their photo's rendition fetched in the same few queries."""
    images = get_image_model().objects.prefetch_renditions(PHOTO_FILTER)
    return (
        Membership.objects.current()
        .only("pk", "name", "organisation", "languages", "role", "term_start", "term_end", "photo")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "name", "pk")
        .prefetch_related(Prefetch("photo", queryset=images))
    )


def council_page(request, page):
    context = page.get_context(request)
    past = Paginator(meeting_services.public_past(), PAST_MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        {
            "members": list(public_members()),
            "photo_filter": PHOTO_FILTER,
            "upcoming_meetings": list(meeting_services.public_upcoming()),
            "past_meetings": past,
            "opinions": list(public_opinions()),
        }
    )
    return TemplateResponse(request, "migrant_council/council_page.html", context)


def opinion(request, page, pk):
    found = Opinion.objects.select_related("version", "vote").filter(pk=pk).first()
    if found is None:
        raise Http404
    context = page.get_context(request)
    context.update({"opinion": found, "sections": found.version.sections, "vote": found.vote})
    return TemplateResponse(request, "migrant_council/opinion.html", context)


# --- writing to the council -----------------------------------------------------------------------


def _language_choices():
    return list(settings.LANGUAGES)


class WriteToCouncilForm(SubmissionTokenMixin, SpamProtectedForm):
    spam_purpose = "migrant_council.write"

    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Only the council's secretariat sees it, to answer you. Without an e-mail address we cannot "
            "answer."
        ),
        error_messages={
            "invalid": _("Please enter an e-mail address like name@example.org, or leave the field empty.")
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your message."), "max_length": TOO_LONG},
    )
    language = forms.ChoiceField(
        label=_("Language of your message"),
        choices=_language_choices,
        help_text=_("We answer in this language whenever we can."),
        error_messages={"invalid_choice": _("Please choose one of the languages in the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"


def secretariat_recipients():
    """Active accounts of the council's secretariat that can receive e-mail."""
    return (
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True, anonymised_at__isnull=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_message_to_council(page, *, name: str, email: str, message: str, language: str) -> int:
    """E-mails the message to every member of the secretariat, each in their preferred language, with the
    sender's address (if given) to reply to. Stores nothing. Returns the number of e-mails sent."""
    language_names = dict(settings.LANGUAGES)
    sent = 0
    for recipient in secretariat_recipients():
        with translation.override(recipient.preferred_language):
            context = {
                "page": page,
                "recipient": recipient,
                "name": name,
                "email": email,
                "message": message,
                "language_name": language_names.get(language, language),
            }
            subject = render_to_string("migrant_council/email/message_subject.txt", context).strip()
            body = render_to_string("migrant_council/email/message_body.txt", context)
        EmailMessage(
            subject,
            body,
            to=[recipient.email],
            reply_to=[email] if email else None,
            headers={"Content-Language": recipient.preferred_language},
        ).send()
        sent += 1
    return sent


def _write_url(request, page) -> str:
    return page.get_url(request) + page.reverse_subpage("write_view")


def write_to_council(request, page):
    context = page.get_context(request)
    if request.method != "POST":
        token = request.GET.get("sent")
        if token:
            try:
                signing.loads(token, salt=SENT_SALT, max_age=SENT_MAX_AGE)
            except signing.BadSignature:
                pass
            else:
                return TemplateResponse(request, "migrant_council/write.html", {**context, "sent": True})
        context["form"] = WriteToCouncilForm()
        return TemplateResponse(request, "migrant_council/write.html", context)

    form = WriteToCouncilForm(request.POST)
    status = 200
    if form.is_valid():
        data = form.cleaned_data

        def send():
            # Checked once the token is claimed, so that the copies of a double submit do not count.
            if rate_limit_exceeded(request, WRITE_RATE_GROUP, WRITE_RATE):
                raise _NotSent(RATE_LIMIT_MESSAGE, 429)
            if not secretariat_recipients().exists():
                logger.error("A message to the council was not sent: the secretariat has no active member.")
                raise _NotSent(NO_RECIPIENTS, 503)
            transaction.on_commit(
                lambda: send_message_to_council(
                    page,
                    name=data["name"],
                    email=data["email"],
                    message=data["message"],
                    language=data["language"],
                )
            )

        try:
            idempotency.create_once(data[TOKEN_FIELD], WRITE_PURPOSE, send)
        except _NotSent as refusal:
            form.add_error(None, refusal.message)
            status = refusal.status
        else:
            token = signing.dumps(True, salt=SENT_SALT)
            return redirect(f"{_write_url(request, page)}?sent={token}")
    context["form"] = form
    return TemplateResponse(request, "migrant_council/write.html", context, status=status)


class _NotSent(Exception):
    """Why a valid message was not sent: the message for the form and the response's status."""

    def __init__(self, message, status: int):
        super().__init__(message)
        self.message = message
        self.status = status

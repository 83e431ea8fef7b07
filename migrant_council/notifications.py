"""E-mails to council members about the members' space: a new draft put up for discussion and a vote
opened. Each member gets the e-mail in their preferred language, with links in that language. They go
through send_mail, whose backend queues them as background tasks.

Who is told: members with a current term whose membership is linked to an active account with an
e-mail address (invited people without an account yet have no access to the space)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .comment_places import absolute_url, draft_url
from .models import Membership


def recipients():
    """The accounts of the members with a current term, one each, in a stable order."""
    memberships = (
        Membership.objects.current()
        .filter(user__isnull=False, user__is_active=True, user__anonymised_at__isnull=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    seen, users = set(), []
    for membership in memberships:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            users.append(membership.user)
    return users


def _send(template: str, user, context_in) -> None:
    """Renders and sends one e-mail with the recipient's language active; `context_in(language)` gives
    the template's context (links in that language)."""
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context_in(language), "recipient": user}
        subject = " ".join(render_to_string(f"migrant_council/email/{template}_subject.txt", context).split())
        body = render_to_string(f"migrant_council/email/{template}_body.txt", context)
    send_mail(subject, body, None, [user.email])


def notify_draft_in_discussion(draft) -> int:
    """Tells every member that a draft is up for discussion. Returns how many were told."""
    users = recipients()
    for user in users:
        _send(
            "draft_in_discussion",
            user,
            lambda language: {"draft": draft, "url": draft_url(draft.pk, language)},
        )
    return len(users)


def vote_url(vote_id: int, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("council_space:vote", args=[vote_id]))


def notify_vote_opened(vote) -> int:
    """Tells every member who may vote that a vote is open (or will open). Returns how many were told."""
    eligible = set(vote.eligible.values_list("user_id", flat=True))
    users = [user for user in recipients() if user.pk in eligible]
    for user in users:
        _send(
            "vote_opened",
            user,
            lambda language: {
                "vote": vote,
                "draft": vote.draft,
                "url": vote_url(vote.pk, language),
                "draft_url": draft_url(vote.draft_id, language),
            },
        )
    return len(users)

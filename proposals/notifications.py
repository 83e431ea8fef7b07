"""E-mails about proposals, each in the recipient's preferred language, queued through send_mail's
background backend in the same transaction as the change that caused them."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .comment_places import proposal_full_url


def _can_be_told(user) -> bool:
    return user is not None and user.is_active and not user.is_anonymised and bool(user.email)


def recipients_of(proposal) -> list:
    """The author and the followers, each once."""
    people = {}
    if proposal.author is not None:
        people[proposal.author.pk] = proposal.author
    for follow in proposal.follows.select_related("user"):
        people.setdefault(follow.user_id, follow.user)
    return [person for person in people.values() if _can_be_told(person)]


def notify_status_change(change) -> int:
    """Tells the author and the followers that the city changed the proposal's status, with its answer.
    Returns the number of e-mails sent."""
    proposal = change.proposal
    sent = 0
    for recipient in recipients_of(proposal):
        language = recipient.preferred_language
        with translation.override(language):
            context = {
                "recipient": recipient,
                "proposal": proposal,
                "change": change,
                "is_author": recipient.pk == proposal.author_id,
                "url": proposal_full_url(proposal, language),
            }
            subject = render_to_string("proposals/email/status_subject.txt", context).strip()
            body = render_to_string("proposals/email/status_body.txt", context)
        send_mail(subject, body, None, [recipient.email])
        sent += 1
    return sent

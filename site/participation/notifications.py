"""E-mails about comments, in the recipient's preferred language. They go through send_mail, whose
backend queues them as background tasks; the services call them once the reply is committed."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .registry import place_of


def _can_be_told(user) -> bool:
    return user is not None and user.is_active and not user.is_anonymised and bool(user.email)


def notify_reply(reply) -> bool:
    """Tells the author of the comment replied to, when they have an account and did not write the
    reply themselves. Anonymous commenters leave no address, so they are not told. Returns whether an
    e-mail was sent."""
    parent = reply.parent
    recipient = parent.author
    if not _can_be_told(recipient) or recipient.pk == reply.author_id:
        return False
    language = recipient.preferred_language
    with translation.override(language):
        place = place_of(reply, language)
        context = {
            "recipient": recipient,
            "reply": reply,
            "parent": parent,
            "place": place,
            "url": f"{place.url}#comment-{reply.pk}" if place else None,
        }
        subject = render_to_string("participation/email/reply_subject.txt", context).strip()
        body = render_to_string("participation/email/reply_body.txt", context)
    send_mail(subject, body, None, [recipient.email])
    return True

"""Who may act on comments: predicates shared by every module, and the rules of comments (django-rules
rules, asked through citysite.access.may)."""

import datetime

import rules
from django.conf import settings
from django.utils import timezone

is_moderator = rules.is_group_member("Moderators")
is_editor = rules.is_group_member("Editors")
is_analyst = rules.is_group_member("Consultation analysts")


@rules.predicate
def is_verified_participant(user):
    """A signed-in person with a verified e-mail address (or staff, who always are)."""
    if not user.is_authenticated or not user.is_active:
        return False
    # Asked many times while one page is rendered: the answer is kept on the user object, which lives
    # for one request.
    verified = getattr(user, "_has_verified_email", None)
    if verified is None:
        from allauth.account.models import EmailAddress

        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._has_verified_email = verified
    return verified


@rules.predicate
def is_comment_author(user, comment):
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_within_edit_window(user, comment):
    """Authors may correct a comment shortly after writing it, before others are likely to answer."""
    window = datetime.timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)
    return comment is not None and timezone.now() - comment.created_at <= window


@rules.predicate
def is_visible_comment(user, comment):
    return comment is not None and comment.hidden_at is None


# Only the author: a comment stays signed with its author's name, so staff may hide it, never rewrite it.
rules.add_rule(
    "participation.edit_comment",
    rules.is_active & is_comment_author & is_within_edit_window & is_visible_comment,
)
rules.add_rule("participation.moderate_comment", is_moderator | rules.is_superuser)
rules.add_rule("participation.reply_officially", is_analyst | is_editor | is_moderator | rules.is_superuser)
rules.add_rule("participation.reply_to_comment", is_verified_participant)
rules.add_rule("participation.write_comment", is_verified_participant)

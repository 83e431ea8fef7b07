"""What people do with comments, as named operations: each checks who may do it, runs in one
transaction, and leaves an audit trail where moderation is concerned. Every module that shows comments
(consultation sections, proposals, council drafts) goes through these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from citysite.access import may

from . import notifications
from .models import AbuseReport, Comment
from .registry import is_members_only, place_of, places_for_target

# A second identical reply this soon after the first is a double submit, not a new reply.
DUPLICATE_WINDOW = datetime.timedelta(minutes=1)

HIDE_ACTION = "participation.hide_comment"
RESTORE_ACTION = "participation.restore_comment"
DISMISS_ACTION = "participation.dismiss_reports"


MEMBERS_ONLY_NOT_REPORTABLE = gettext_lazy(
    "Comments in a members-only space cannot be reported: the site's moderators do not read them. If a "
    "comment here breaks the rules, please tell the people who run the space (for the migrant council, "
    "its secretariat)."
)


def _require(user, rule: str, comment=None) -> None:
    if not may(user, rule, comment):
        raise PermissionDenied


def _lock(comment: Comment) -> Comment:
    """The comment's current row, locked until the transaction ends, so that concurrent replies,
    hides and restores of the same comment happen one after the other."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


def _check_open_to_replies(parent: Comment, language: str, user) -> None:
    if parent.is_hidden:
        raise ValidationError(_("This comment was hidden by a moderator; it cannot be replied to."))
    if not parent.consent_to_publish:
        raise ValidationError(_("This comment is not public; it cannot be replied to."))
    place = place_of(parent, language)
    if place is None or not place.admits(user):
        raise ValidationError(_("Comments here are not published; replies are not possible."))
    if not place.accepts_comments:
        raise ValidationError(_("This discussion is closed; replies are no longer possible."))


def _create_reply(parent: Comment, author, text: str, language: str, **extra) -> tuple[Comment, bool]:
    earlier = Comment.objects.filter(
        parent=parent,
        author=author,
        text=text,
        is_official=extra.get("is_official", False),
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if earlier is not None:
        return earlier, False
    reply = Comment.objects.create(
        target_type_id=parent.target_type_id,
        target_id=parent.target_id,
        parent=parent,
        author=author,
        text=text,
        language=language,
        consent_to_publish=True,  # replies are public by nature; the form says so
        **extra,
    )
    # After commit, so a reply that rolls back (or loses a race to its double) tells nobody.
    transaction.on_commit(lambda: notifications.notify_reply(reply))
    return reply, True


@transaction.atomic
def post_comment(user, target, text: str, language: str) -> tuple[Comment, bool]:
    """A public top-level comment on a target whose place shows comments (a proposal, a council draft
    section). Returns the comment and whether it is new (a double submit returns the one made)."""
    _require(user, "participation.write_comment", target)
    place = places_for_target(target, language)
    if place is None or not place.admits(user):
        raise ValidationError(_("Comments here are not published; new comments are not possible."))
    if not place.accepts_comments:
        raise ValidationError(_("This discussion is closed; new comments are no longer possible."))
    earlier = (
        Comment.objects.for_target(target)
        .filter(
            parent=None,
            author=user,
            text=text,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .first()
    )
    if earlier is not None:
        return earlier, False
    comment = Comment.objects.create(
        target=target, author=user, text=text, language=language, consent_to_publish=True
    )
    return comment, True


@transaction.atomic
def post_reply(user, parent: Comment, text: str, language: str) -> tuple[Comment, bool]:
    """A public reply under a public comment. Returns the reply and whether it is new (a double
    submit returns the reply already made)."""
    _require(user, "participation.reply_to_comment", parent)
    parent = _lock(parent)
    _check_open_to_replies(parent, language, user)
    return _create_reply(parent, user, text, language)


@transaction.atomic
def post_official_reply(
    user, parent: Comment, text: str, official_body: str, language: str
) -> tuple[Comment, bool]:
    """The city's answer to a comment, signed by the answering body. Analysts may answer comments
    that are not published too (they read every comment); the answer is public wherever its comment
    is."""
    _require(user, "participation.reply_officially", parent)
    parent = _lock(parent)
    if parent.is_hidden:
        raise ValidationError(_("This comment was hidden by a moderator; it cannot be replied to."))
    return _create_reply(parent, user, text, language, is_official=True, official_body=official_body)


@transaction.atomic
def edit_comment(user, comment: Comment, text: str) -> Comment:
    # Checked on the locked row: a moderator may have hidden it a moment ago.
    comment = _lock(comment)
    _require(user, "participation.edit_comment", comment)
    if comment.text != text:
        comment.text = text
        comment.edited_at = timezone.now()
        comment.save(update_fields=["text", "edited_at"])
    return comment


def file_report(user, target, reason: str) -> tuple[AbuseReport, bool]:
    """Files a report of abuse on any user content. One open report per signed-in person and target:
    reporting again returns the open report. Call inside a transaction, after checking the target may
    be reported."""
    reporter = user if user.is_authenticated else None
    if reporter is not None:
        open_report = AbuseReport.objects.for_target(target).open().filter(reporter=reporter).first()
        if open_report is not None:
            return open_report, False
    return AbuseReport.objects.create(target=target, reporter=reporter, reason=reason), True


def resolve_reports(target, moderator) -> int:
    """Marks the open reports on a target as dealt with; returns how many there were."""
    return (
        AbuseReport.objects.for_target(target)
        .open()
        .update(resolved_at=timezone.now(), resolved_by=moderator)
    )


@transaction.atomic
def report_abuse(user, comment: Comment, reason: str) -> tuple[AbuseReport, bool]:
    """Anyone, signed in or not, may report a public comment. Members-only comments (a council draft's
    thread) are never reported: the site's moderators may not read them."""
    if is_members_only(comment):
        raise ValidationError(MEMBERS_ONLY_NOT_REPORTABLE)
    if comment.is_hidden:
        raise ValidationError(_("This comment has already been hidden by a moderator."))
    if not comment.consent_to_publish:
        raise ValidationError(_("This comment is not public."))
    return file_report(user, comment, reason)


def _log(comment: Comment, action: str, user, **data) -> None:
    # The title names the comment without quoting it: the audit log must not keep abusive text around.
    log(instance=comment, action=action, user=user, title=f"#{comment.pk}", data=data)


@transaction.atomic
def hide_comment(moderator, comment: Comment, reason: str) -> Comment:
    """Hides a comment with a reason shown in its place; its replies stay. Resolves its reports."""
    _require(moderator, "participation.moderate_comment", comment)
    comment = _lock(comment)
    if not comment.is_hidden:
        comment.hide(moderator, reason)
        _log(comment, HIDE_ACTION, moderator, reason=reason)
    resolve_reports(comment, moderator)
    return comment


@transaction.atomic
def restore_comment(moderator, comment: Comment) -> Comment:
    _require(moderator, "participation.moderate_comment", comment)
    comment = _lock(comment)
    if comment.is_hidden:
        reason = comment.hidden_reason
        comment.restore()
        _log(comment, RESTORE_ACTION, moderator, hidden_reason=reason)
    return comment


@transaction.atomic
def dismiss_reports(moderator, comment: Comment) -> int:
    """The reports on a comment were unfounded: resolve them and leave the comment as it is."""
    _require(moderator, "participation.moderate_comment", comment)
    resolved = resolve_reports(comment, moderator)
    if resolved:
        _log(comment, DISMISS_ACTION, moderator, reports=resolved)
    return resolved

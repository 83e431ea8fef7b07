"""What people do with proposals, as named operations. Each checks who may do it (proposals/rules.py),
runs in one transaction on the locked proposal row, and keeps the history and the audit log."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from citysite.access import may
from citysite.participation.services import file_report, resolve_reports

from . import images, notifications
from .models import (
    EVALUATION_STATUSES,
    SCORE_RANGE,
    ModerationMode,
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalFollow,
    Status,
    StatusChange,
    Support,
    city_may_change,
)
from .text import clean_text

# The same proposal sent again this soon by the same person is a double submit, not a new proposal.
DUPLICATE_WINDOW = datetime.timedelta(minutes=5)

STATUS_ACTION = "proposals.change_status"
HIDE_ACTION = "proposals.hide"
RESTORE_ACTION = "proposals.restore"
DISMISS_ACTION = "proposals.dismiss_reports"
PLACEMENT_ACTION = "proposals.official_placement"


def _require(user, rule: str, proposal=None) -> None:
    if not may(user, rule, proposal):
        raise PermissionDenied


def _lock(proposal: Proposal) -> Proposal:
    # Only the proposal's row: PostgreSQL cannot lock the nullable side of the working group's outer join.
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("working_group").get(pk=proposal.pk)
    )


def _log(proposal: Proposal, action: str, user, **data) -> None:
    log(instance=proposal, action=action, user=user, title=f"#{proposal.pk}", data=data)


@transaction.atomic
def create_proposal(user, index_page, *, title, text, area, dimensions, language, district="", image=None):
    """A new proposal in an index: published at once under post-moderation, waiting for a moderator
    under pre-moderation. The author follows it. Returns (proposal, created); a double submit returns
    the proposal already made."""
    _require(user, "proposals.write_proposal")
    if not index_page.accepting_proposals:
        raise ValidationError(_("This call for proposals is closed."))
    earlier = Proposal.objects.filter(
        index_key=index_page.translation_key,
        author=user,
        title=title,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if earlier is not None:
        return earlier, False
    proposal = Proposal.objects.create(
        index_key=index_page.translation_key,
        author=user,
        title=title,
        text=clean_text(text),
        area=area,
        district=district,
        image=image,
        language=language,
        working_group_id=index_page.working_group_id,
        consultation_id=index_page.consultation_id,
        status=Status.SUBMITTED if index_page.moderation == ModerationMode.PRE else Status.PUBLISHED,
    )
    proposal.dimensions.set(dimensions)
    images.follow_status(proposal)
    ProposalFollow.objects.create(proposal=proposal, user=user)
    return proposal, True


@transaction.atomic
def edit_proposal(user, proposal, *, title, text, area, dimensions, language, district="", image=None):
    proposal = _lock(proposal)
    # Checked on the locked row: the city may have answered a moment ago.
    _require(user, "proposals.edit_proposal", proposal)
    proposal.title = title
    proposal.text = clean_text(text)
    proposal.area = area
    proposal.district = district
    proposal.language = language
    if image is not None:
        proposal.image = image
    proposal.edited_at = timezone.now()
    proposal.save()
    proposal.dimensions.set(dimensions)
    images.follow_status(proposal)
    return proposal


@transaction.atomic
def withdraw_proposal(user, proposal) -> Proposal:
    proposal = _lock(proposal)
    _require(user, "proposals.withdraw_proposal", proposal)
    StatusChange.objects.create(
        proposal=proposal, from_status=proposal.status, to_status=Status.WITHDRAWN, changed_by=user
    )
    proposal.status = Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    images.follow_status(proposal)
    return proposal


@transaction.atomic
def set_support(user, proposal, *, wanted: bool) -> bool:
    """Gives the person's support to the proposal, or takes it back. The form says which it wants
    rather than toggling, so a double click cannot undo the first. Returns whether the person now
    supports it."""
    if not user.is_authenticated:
        raise PermissionDenied
    existing = Support.objects.filter(proposal=proposal, user=user)
    if not wanted:
        existing.delete()
        return False
    if existing.exists():
        return True
    _require(user, "proposals.support_proposal", proposal)
    try:
        # A savepoint, so a simultaneous second click that loses the race leaves the transaction usable.
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        pass
    return True


def _check_scores(impact, ease) -> None:
    # The database column takes any small number; the matrix has 1 to 5.
    if impact not in SCORE_RANGE or ease not in SCORE_RANGE:
        raise ValidationError(_("Impact and ease are scores from 1 to 5."))


@transaction.atomic
def place(user, proposal, *, impact: int, ease: int) -> Placement:
    """A resident's own placement on the matrix; placing again replaces it."""
    _require(user, "proposals.place_proposal", proposal)
    _check_scores(impact, ease)
    placement, _created = Placement.objects.update_or_create(
        proposal=proposal, user=user, defaults={"impact": impact, "ease": ease, "placed_at": timezone.now()}
    )
    return placement


@transaction.atomic
def set_official_placement(user, proposal, *, impact: int, ease: int, placed_by: str) -> Proposal:
    proposal = _lock(proposal)
    _require(user, "proposals.set_official_placement", proposal)
    _check_scores(impact, ease)
    proposal.official_impact = impact
    proposal.official_ease = ease
    proposal.official_placement_by = placed_by
    proposal.official_placement_at = timezone.now()
    proposal.save(
        update_fields=["official_impact", "official_ease", "official_placement_by", "official_placement_at"]
    )
    _log(proposal, PLACEMENT_ACTION, user, impact=impact, ease=ease, placed_by=placed_by)
    return proposal


def supports_needed(proposal, index_page) -> int:
    """How many more supports the proposal needs before the city may evaluate it."""
    return max(0, index_page.support_threshold - proposal.supports.count())


@transaction.atomic
def change_status(user, proposal, index_page, *, to_status, answer: str, answering_body: str) -> StatusChange:
    """The city's answer: a new status with a public text, the body that gives it, and the date. Kept as
    history; the author and the followers are told by e-mail."""
    proposal = _lock(proposal)
    _require(user, "proposals.answer_proposal", proposal)
    if not city_may_change(proposal.status, to_status):
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": proposal.get_status_display(),
                "new": dict(Status.choices).get(to_status, to_status),
            }
        )
    if proposal.status == Status.PUBLISHED and to_status in EVALUATION_STATUSES:
        missing = supports_needed(proposal, index_page)
        if missing:
            raise ValidationError(
                _("This proposal needs %(count)d more supports before it can be evaluated.")
                % {"count": missing}
            )
    if to_status != Status.PUBLISHED and not answer.strip():
        raise ValidationError(_("Please write the public answer that explains the decision."))
    change = StatusChange.objects.create(
        proposal=proposal,
        from_status=proposal.status,
        to_status=to_status,
        answer=answer.strip(),
        answering_body=answering_body.strip(),
        changed_by=user,
    )
    proposal.status = to_status
    proposal.save(update_fields=["status"])
    images.follow_status(proposal)
    _log(proposal, STATUS_ACTION, user, from_status=change.from_status, to_status=to_status)
    notifications.notify_status_change(change)
    return change


@transaction.atomic
def add_progress_update(user, proposal, *, percent: int, text: str, published_on=None) -> ProgressUpdate:
    proposal = _lock(proposal)
    _require(user, "proposals.answer_proposal", proposal)
    if not proposal.takes_progress_updates:
        raise ValidationError(_("Progress is reported on accepted proposals until they are implemented."))
    if percent not in range(0, 101):
        raise ValidationError(_("Progress is a percentage from 0 to 100."))
    return ProgressUpdate.objects.create(
        proposal=proposal,
        percent=percent,
        text=text.strip(),
        published_on=published_on or timezone.localdate(),
        author=user,
    )


@transaction.atomic
def hide_proposal(moderator, proposal, reason: str) -> Proposal:
    """Hides a proposal: the reason is shown in its place, its comments stay. Resolves its reports."""
    proposal = _lock(proposal)
    _require(moderator, "proposals.moderate_proposal", proposal)
    if not proposal.is_hidden:
        StatusChange.objects.create(
            proposal=proposal,
            from_status=proposal.status,
            to_status=Status.HIDDEN,
            answer=reason,
            changed_by=moderator,
        )
        proposal.status = Status.HIDDEN
        proposal.hidden_reason = reason
        proposal.save(update_fields=["status", "hidden_reason"])
        images.follow_status(proposal)
        _log(proposal, HIDE_ACTION, moderator, reason=reason)
    resolve_reports(proposal, moderator)
    return proposal


@transaction.atomic
def restore_proposal(moderator, proposal) -> Proposal:
    proposal = _lock(proposal)
    _require(moderator, "proposals.moderate_proposal", proposal)
    if proposal.is_hidden:
        previous = proposal.status_before_hiding()
        StatusChange.objects.create(
            proposal=proposal, from_status=Status.HIDDEN, to_status=previous, changed_by=moderator
        )
        reason = proposal.hidden_reason
        proposal.status = previous
        proposal.hidden_reason = ""
        proposal.save(update_fields=["status", "hidden_reason"])
        images.follow_status(proposal)
        _log(proposal, RESTORE_ACTION, moderator, hidden_reason=reason)
    return proposal


@transaction.atomic
def report_proposal(user, proposal, reason: str):
    if not may(user, "proposals.report_proposal", proposal) or proposal.is_hidden:
        raise ValidationError(_("This proposal cannot be reported."))
    return file_report(user, proposal, reason)


@transaction.atomic
def dismiss_reports(moderator, proposal) -> int:
    _require(moderator, "proposals.moderate_proposal", proposal)
    resolved = resolve_reports(proposal, moderator)
    if resolved:
        _log(proposal, DISMISS_ACTION, moderator, reports=resolved)
    return resolved


@transaction.atomic
def toggle_follow(user, proposal) -> bool:
    _require(user, "proposals.follow_proposal", proposal)
    follow, created = ProposalFollow.objects.get_or_create(proposal=proposal, user=user)
    if not created:
        follow.delete()
    return created

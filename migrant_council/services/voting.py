"""Votes of the council on a draft opinion, as named operations.

- open_vote: the secretariat opens a vote on the current version of a draft in discussion, for a set
  window. The council's voting rules (quorum, majority) and who may vote (the members with a current
  term at that moment) are copied into the vote, so later changes of rules or memberships never change
  it. The draft goes "in vote"; members are told by e-mail.
- cast_ballot: one ballot per eligible member, inside the window, and final: a ballot cannot be changed
  or withdrawn (the unique constraint on (vote, membership) holds even against concurrent requests).
  A member whose term ended or who was removed during the vote can no longer vote in it.
- record_result: after the window closes the result is counted once, stored and never recomputed, by
  the `close_council_votes` command on a schedule (and by an action on the draft, which must see its
  settled status). An adopted result makes the draft "adopted"; a rejected one, or one without a
  quorum, puts the draft back "in discussion", so the council can revise it and vote again.
- read_settled / settled_draft: pages only read. A vote that has closed but is not recorded yet is
  counted in memory as the command will record it (no ballot can arrive after the window), and its
  draft shows the status the result gives it; nothing is written on a GET.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from citysite.access import may

from .. import notifications
from ..models import (
    Ballot,
    Choice,
    CouncilDraft,
    DraftStatus,
    Membership,
    Vote,
    VoteResult,
    VotingRules,
    tally,
)


@transaction.atomic
def open_vote(user, draft: CouncilDraft, question: str, opens_at, closes_at) -> Vote:
    if not may(user, "migrant_council.run_council"):
        raise PermissionDenied
    if closes_at <= opens_at:
        raise ValidationError(_("The vote must close after it opens."), code="window")
    if closes_at <= timezone.now():
        raise ValidationError(_("The vote must close in the future."), code="window")
    draft = CouncilDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status != DraftStatus.IN_DISCUSSION:
        raise ValidationError(
            _("Only a draft in discussion can be put to a vote; this one is %(status)s.")
            % {"status": draft.get_status_display()},
            code="not_in_discussion",
        )
    version = draft.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("The draft has no text to vote on yet."), code="no_version")

    rules = VotingRules.current()
    # One seat per person: should anyone hold two current memberships, the latest term counts.
    seats = {}
    for membership in Membership.objects.current().order_by("term_start", "pk"):
        seats[membership.user_id or f"invited-{membership.pk}"] = membership
    vote = Vote.objects.create(
        draft=draft,
        version=version,
        question=question.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        quorum_percent=rules.quorum_percent,
        majority=rules.majority,
        eligible_count=len(seats),
        created_by=user,
    )
    vote.eligible.set(seats.values())
    draft.status, draft.updated_at = DraftStatus.IN_VOTE, timezone.now()
    draft.save(update_fields=["status", "updated_at"])
    notifications.notify_vote_opened(vote)
    return vote


def eligible_membership(vote: Vote, user) -> Membership | None:
    """The seat through which `user` may vote in `vote`: one of the vote's eligible memberships that is
    still current (a member removed during the vote loses the vote too)."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        Membership.objects.current()
        .filter(user=user, pk__in=vote.eligible.values("pk"))
        .order_by("-term_start", "-pk")
        .first()
    )


def ballot_of(vote: Vote, user) -> Ballot | None:
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(vote=vote, membership__user=user).first()


@transaction.atomic
def cast_ballot(user, vote: Vote, choice: str) -> Ballot:
    """Records `user`'s vote. Refusals are ValidationErrors with a code: "invalid_choice",
    "not_eligible", "not_open", "closed" or "already_voted"."""
    if choice not in Choice.values:
        raise ValidationError(_("Please choose for, against or abstain."), code="invalid_choice")
    # The vote's row is locked while the ballot is written, so the count (which takes the same lock)
    # sees either no ballot or a ballot cast inside the window.
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    membership = eligible_membership(vote, user)
    if membership is None:
        raise ValidationError(
            _(
                "You cannot vote in this vote: only the members of the council with a current term when "
                "it opened can."
            ),
            code="not_eligible",
        )
    now = timezone.now()
    if now < vote.opens_at:
        raise ValidationError(_("This vote has not opened yet."), code="not_open")
    if vote.has_closed(now):
        raise ValidationError(_("This vote has closed."), code="closed")
    try:
        with transaction.atomic():
            return Ballot.objects.create(vote=vote, membership=membership, choice=choice, cast_at=now)
    except IntegrityError:
        raise ValidationError(
            _("You have already voted; a vote cannot be changed."), code="already_voted"
        ) from None


def _count_ballots(vote: Vote) -> None:
    """Sets the vote's counts and result from its ballots, in memory."""
    totals = vote.ballots.values("choice").annotate(total=Count("pk"))
    _set_counts(vote, {row["choice"]: row["total"] for row in totals})


def _set_counts(vote: Vote, counts: dict) -> None:
    vote.votes_for = counts.get(Choice.FOR, 0)
    vote.votes_against = counts.get(Choice.AGAINST, 0)
    vote.votes_abstain = counts.get(Choice.ABSTAIN, 0)
    vote.result = tally(
        votes_for=vote.votes_for,
        against=vote.votes_against,
        abstain=vote.votes_abstain,
        eligible=vote.eligible_count,
        quorum_percent=vote.quorum_percent,
        majority=vote.majority,
    )


def _status_after(result: str) -> str:
    return DraftStatus.ADOPTED if result == VoteResult.ADOPTED else DraftStatus.IN_DISCUSSION


def record_result(vote: Vote, now=None) -> Vote:
    """Counts a closed vote once and stores the result; a vote already counted is returned as it is,
    and a vote still open is returned uncounted."""
    if vote.counted_at is not None or not vote.has_closed(now):
        return vote
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.counted_at is not None:
            return vote
        _count_ballots(vote)
        vote.counted_at = timezone.now()
        vote.save(update_fields=["votes_for", "votes_against", "votes_abstain", "result", "counted_at"])
        draft = CouncilDraft.objects.select_for_update().get(pk=vote.draft_id)
        if draft.status == DraftStatus.IN_VOTE:
            draft.status = _status_after(vote.result)
            draft.updated_at = vote.counted_at
            draft.save(update_fields=["status", "updated_at"])
    return vote


def read_settled(votes, now=None):
    """Votes as a page shows them: those closed but not recorded yet are counted in memory, as of
    their closing, in one query for all of them, and never saved (the `close_council_votes` command
    records the same count). Takes one vote or several; gives back what it was given."""
    many = isinstance(votes, list | tuple)
    due = [vote for vote in (votes if many else [votes]) if vote.counted_at is None and vote.has_closed(now)]
    if due:
        totals = {}
        for row in (
            Ballot.objects.filter(vote__in=due).values("vote_id", "choice").annotate(total=Count("pk"))
        ):
            totals.setdefault(row["vote_id"], {})[row["choice"]] = row["total"]
        for vote in due:
            _set_counts(vote, totals.get(vote.pk, {}))
            vote.counted_at = vote.closes_at
    return votes


def settled_draft(draft: CouncilDraft, votes, now=None) -> CouncilDraft:
    """The draft as a page shows it: "in vote" while its vote is open, and after it closes the status
    the result gives it, recorded or not. `votes` are the draft's votes, newest first, as read_settled
    left them; nothing is saved."""
    if draft.status == DraftStatus.IN_VOTE and votes and votes[0].has_closed(now):
        draft.status = _status_after(votes[0].result)
    return draft


def record_due_results(*, draft: CouncilDraft | None = None, now=None) -> int:
    """Counts every vote whose window has closed and that is not counted yet (of one draft, or all).
    Returns how many were counted. One query when there are none."""
    due = Vote.objects.filter(counted_at__isnull=True, closes_at__lte=now or timezone.now())
    if draft is not None:
        due = due.filter(draft=draft)
    counted = 0
    for vote in due:
        if record_result(vote, now=now).counted_at is not None:
            counted += 1
    return counted

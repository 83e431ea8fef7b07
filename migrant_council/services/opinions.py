"""Publishing an adopted opinion on the public council page, in one step.

Only a draft whose status is "adopted" and whose latest vote was counted as adopted can be published. The
opinion's text is the version that was voted on. Publishing twice (a double click, two secretaries at
once) gives the one opinion published first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citysite.access import may

from ..models import CouncilDraft, DraftStatus, Opinion, Vote, VoteResult

NOT_ADOPTED = _("Only a draft the council adopted in a vote can be published as an opinion.")


def latest_vote(draft: CouncilDraft) -> Vote | None:
    return draft.votes.order_by("-closes_at", "-opens_at", "-pk").first()


def can_publish(draft: CouncilDraft, vote: Vote | None = None) -> bool:
    vote = vote if vote is not None else latest_vote(draft)
    return draft.status == DraftStatus.ADOPTED and vote is not None and vote.result == VoteResult.ADOPTED


def publishable_drafts():
    """Adopted drafts that have no published opinion yet, each with its latest vote as `latest_vote_id`."""
    latest = Vote.objects.filter(draft=OuterRef("pk")).order_by("-closes_at", "-opens_at", "-pk")
    return (
        CouncilDraft.objects.filter(status=DraftStatus.ADOPTED)
        .exclude(Exists(Opinion.objects.filter(draft=OuterRef("pk"))))
        .annotate(
            latest_vote_result=latest.values("result")[:1],
            latest_vote_counted_at=latest.values("counted_at")[:1],
        )
        .order_by("-updated_at", "-pk")
    )


def publish_opinion(user, draft: CouncilDraft) -> tuple[Opinion, bool]:
    """Publishes the adopted `draft` as an opinion. Returns (opinion, created): a second call gives the
    opinion already published and creates nothing."""
    if not may(user, "migrant_council.run_council"):
        raise PermissionDenied
    existing = Opinion.objects.filter(draft=draft).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            draft = CouncilDraft.objects.select_for_update().get(pk=draft.pk)
            existing = Opinion.objects.filter(draft=draft).first()
            if existing is not None:
                return existing, False
            vote = latest_vote(draft)
            if not can_publish(draft, vote):
                raise ValidationError(NOT_ADOPTED, code="not_adopted")
            opinion = Opinion.objects.create(
                draft=draft,
                version=vote.version,
                vote=vote,
                title=draft.title,
                summary=draft.summary,
                adopted_on=timezone.localdate(vote.counted_at or vote.closes_at),
                published_by=user,
            )
    except IntegrityError:
        # Another request published it between our check and our insert.
        return Opinion.objects.get(draft_id=draft.pk), False
    return opinion, True


def public_opinions():
    return Opinion.objects.only("pk", "title", "summary", "adopted_on", "published_at").order_by(
        "-adopted_on", "-pk"
    )

"""The space's first page: the next meeting; for members, the drafts and votes waiting for them; for
the secretariat, the open votes and the drafts in preparation."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.utils import timezone

from citysite.participation.models import Comment

from ..models import (
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    DraftStatus,
    Meeting,
    Membership,
    Vote,
)
from .space import render, space_view


def _drafts_waiting_for(user):
    """Drafts in discussion on which `user` has not commented since their latest version."""
    latest_version_at = Subquery(
        CouncilDraftVersion.objects.filter(draft=OuterRef("pk")).order_by("-number").values("created_at")[:1]
    )
    commented_since = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(CouncilDraftSection),
        target_id__in=CouncilDraftSection.objects.filter(draft=OuterRef(OuterRef("pk"))).values("pk"),
        author=user,
        created_at__gte=OuterRef("latest_version_at"),
    )
    return (
        CouncilDraft.objects.filter(status=DraftStatus.IN_DISCUSSION)
        .annotate(latest_version_at=latest_version_at, latest_version=Max("versions__number"))
        .annotate(commented=Exists(commented_since))
        .filter(commented=False)
        .order_by("-latest_version_at", "-pk")
    )


def _votes_open_to(user, now):
    my_seats = Membership.objects.current().filter(user=user).values("pk")
    return (
        Vote.objects.filter(opens_at__lte=now, closes_at__gt=now, eligible__in=my_seats)
        .exclude(ballots__membership__user=user)
        .select_related("draft")
        .distinct()
        .order_by("closes_at", "pk")
    )


def _open_votes(now):
    return (
        Vote.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("draft")
        .annotate(cast=Count("ballots"))
        .order_by("closes_at", "pk")
    )


@space_view()
def dashboard(request):
    now = timezone.now()
    access = request.council
    context = {
        "next_meeting": Meeting.objects.filter(starts_at__gte=now).order_by("starts_at", "pk").first(),
    }
    if access.take_part:
        context["waiting_drafts"] = list(_drafts_waiting_for(request.user))
        context["my_open_votes"] = list(_votes_open_to(request.user, now))
    if access.run:
        context["open_votes"] = list(_open_votes(now))
        context["drafts_in_preparation"] = list(
            CouncilDraft.objects.filter(status=DraftStatus.DRAFT).order_by("-updated_at", "-pk")
        )
    return render(request, "dashboard.html", context, current="council_space:dashboard")

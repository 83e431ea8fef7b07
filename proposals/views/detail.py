"""A proposal's page: the proposal, its matrix placements, supports, history, progress and discussion,
and a small form for each action this person may take (each posts to actions.py)."""

from django.template.response import TemplateResponse

from citysite.access import may
from citysite.participation.threads import threads_by_target

from ..forms import (
    AnswerForm,
    CommentForm,
    HideProposalForm,
    OfficialPlacementForm,
    PlacementForm,
    ProgressForm,
    ReportProposalForm,
)
from ..models import (
    CITY_TRANSITIONS,
    QUADRANT_MEANINGS,
    Placement,
    Proposal,
    ProposalFollow,
    Status,
    Support,
    crowd_medians,
    quadrant_of,
)
from .actions import action_urls
from .common import detail_url, is_verified, page_context, visible_proposal


def _quadrant(index_page, impact, ease) -> dict | None:
    quadrant = quadrant_of(impact, ease, index_page.matrix_high_from)
    if quadrant is None:
        return None
    return {
        "code": quadrant.value,
        "label": index_page.quadrant_label(quadrant),
        "meaning": QUADRANT_MEANINGS[quadrant],
    }


def _abilities(user, proposal) -> dict:
    """What this person may do with the proposal, asked once for the whole page."""
    answer = may(user, "proposals.answer_proposal", proposal)
    return {
        "verified": is_verified(user),
        "support": may(user, "proposals.support_proposal", proposal),
        "place": may(user, "proposals.place_proposal", proposal),
        "edit": may(user, "proposals.edit_proposal", proposal),
        "withdraw": may(user, "proposals.withdraw_proposal", proposal),
        "follow": may(user, "proposals.follow_proposal", proposal),
        "report": may(user, "proposals.report_proposal", proposal) and not proposal.is_hidden,
        "official_placement": may(user, "proposals.set_official_placement", proposal),
        "answer": answer and bool(CITY_TRANSITIONS.get(proposal.status)),
        "progress": answer and proposal.takes_progress_updates,
        "moderate": may(user, "proposals.moderate_proposal", proposal),
        "comment": proposal.accepts_comments and may(user, "participation.write_comment"),
        "comments_open": proposal.accepts_comments,
    }


def _page_forms(index_page, proposal, own_placement) -> dict:
    """The forms the page shows, empty or with the person's earlier values (a form sent with errors is
    shown on the action page, not here)."""
    placed_by = proposal.official_placement_by or (
        proposal.working_group.title if proposal.working_group else ""
    )
    official_initial = {"placed_by": placed_by}
    if proposal.official_impact is not None:
        official_initial.update({"impact": proposal.official_impact, "ease": proposal.official_ease})
    return {
        "placement_form": PlacementForm(
            initial={"impact": own_placement[0], "ease": own_placement[1]} if own_placement else None
        ),
        "official_form": OfficialPlacementForm(initial=official_initial),
        "answer_form": AnswerForm(allowed_statuses=CITY_TRANSITIONS.get(proposal.status, ())),
        "progress_form": ProgressForm(),
        "hide_form": HideProposalForm(),
        "report_form": ReportProposalForm(),
        "comment_form": CommentForm(),
    }


def detail(request, index_page, pk):
    queryset = (
        Proposal.objects.with_counts()
        .select_related("author", "image", "working_group", "consultation")
        .prefetch_related("dimensions")
    )
    proposal = visible_proposal(request, index_page, pk, queryset)
    user = request.user

    placements = list(Placement.objects.filter(proposal=proposal).values_list("user_id", "impact", "ease"))
    own_placement = next(((impact, ease) for who, impact, ease in placements if who == user.pk), None)
    medians = crowd_medians((impact, ease) for _who, impact, ease in placements)
    crowd = None
    if medians:
        crowd = {
            "impact": medians[0],
            "ease": medians[1],
            "count": len(placements),
            "quadrant": _quadrant(index_page, *medians),
        }
    official = None
    if proposal.official_impact is not None and proposal.official_ease is not None:
        official = {
            "impact": proposal.official_impact,
            "ease": proposal.official_ease,
            "quadrant": _quadrant(index_page, proposal.official_impact, proposal.official_ease),
            "placed_by": proposal.official_placement_by,
            "placed_at": proposal.official_placement_at,
        }

    threshold = index_page.support_threshold
    context = page_context(
        request,
        index_page,
        proposal=proposal,
        can=_abilities(user, proposal),
        supports=proposal.support_count,
        supported=user.is_authenticated and Support.objects.filter(proposal=proposal, user=user).exists(),
        following=user.is_authenticated
        and ProposalFollow.objects.filter(proposal=proposal, user=user).exists(),
        threshold=threshold if threshold and proposal.status == Status.PUBLISHED else 0,
        supports_needed=max(0, threshold - proposal.support_count),
        supports_towards=min(threshold, proposal.support_count),
        detail_url=detail_url(index_page, proposal.pk),
        urls=action_urls(index_page, proposal.pk),
        list_url=index_page.url,
        official=official,
        crowd=crowd,
        own_placement=own_placement,
        history=list(proposal.status_changes.all()),
        progress_updates=list(proposal.progress_updates.all()),
        threads=threads_by_target(Proposal, [proposal.pk]).get(proposal.pk, []),
        **_page_forms(index_page, proposal, own_placement),
    )
    return TemplateResponse(request, "proposals/detail.html", context)

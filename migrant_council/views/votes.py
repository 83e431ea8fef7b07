"""The space's votes: the list, a vote's page (the ballot while it is open, the result once it has
closed), casting a ballot, and the secretariat opening a vote on a draft. A closed vote shows its
result before the `close_council_votes` command records it; these pages never write it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import BallotForm, VoteForm
from ..models import Ballot, DraftStatus, Majority, Membership, Vote, VotingRules, quorum_needed
from ..services import voting
from .drafts import draft_for_action, draft_for_reading
from .space import PER_PAGE, draft_url, form_action, render, space_view

MAJORITY_EXPLAINED = {
    Majority.SIMPLE: gettext_lazy(
        "Adopted when more members vote for than against; abstentions do not count."
    ),
    Majority.ABSOLUTE: gettext_lazy(
        "Adopted when more than half of the votes cast are for; abstentions count among the votes cast."
    ),
    Majority.TWO_THIRDS: gettext_lazy(
        "Adopted when at least two thirds of the votes cast are for; abstentions count among the votes cast."
    ),
}


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def vote_create(request, pk):
    draft = draft_for_action(pk) if request.method == "POST" else draft_for_reading(pk)[0]
    version = draft.versions.order_by("-number").first()
    if draft.status != DraftStatus.IN_DISCUSSION or version is None:
        messages.error(request, _("Only a draft in discussion can be put to a vote."))
        return redirect(draft_url(draft))
    initial = {
        "question": _("Does the council adopt “%(title)s” (version %(number)d) as its opinion?")
        % {"title": draft.title, "number": version.number}
    }
    form = VoteForm(request.POST or None, initial=initial)

    def open_vote():
        data = form.cleaned_data
        vote = voting.open_vote(request.user, draft, data["question"], data["opens_at"], data["closes_at"])
        messages.success(request, _("The vote is open. Members are told by e-mail."))
        return redirect("council_space:vote", pk=vote.pk)

    def show(status):
        context = {
            "draft": draft,
            "version": version,
            "form": form,
            "rules": VotingRules.current(),
            "majority_explained": MAJORITY_EXPLAINED,
            "eligible_count": Membership.objects.current().count(),
        }
        return render(request, "vote_form.html", context, current="council_space:votes", status=status)

    return form_action(request, [form], open_vote, show)


@space_view()
def vote_list(request):
    queryset = (
        Vote.objects.select_related("draft").annotate(cast=Count("ballots")).order_by("-opens_at", "-pk")
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    now = timezone.now()
    voting.read_settled(page.object_list, now)
    if request.council.take_part:
        mine = dict(
            Ballot.objects.filter(vote__in=list(page), membership__user=request.user).values_list(
                "vote_id", "choice"
            )
        )
        for vote in page:
            vote.my_choice = mine.get(vote.pk)
    return render(request, "vote_list.html", {"votes": page, "now": now}, current="council_space:votes")


def _roll_call(vote) -> dict:
    ballots = {ballot.membership_id: ballot for ballot in vote.ballots.all()}
    return {
        "roll": [
            {"membership": membership, "ballot": ballots.get(membership.pk)}
            for membership in vote.eligible.order_by("name", "pk")
        ],
        "not_voted": max(vote.eligible_count - vote.votes_for - vote.votes_against - vote.votes_abstain, 0),
    }


def _vote_page(request, pk, *, form=None, status=200):
    now = timezone.now()
    vote = voting.read_settled(get_object_or_404(Vote.objects.select_related("draft", "version"), pk=pk), now)
    access = request.council
    my_ballot = voting.ballot_of(vote, request.user) if access.take_part else None
    eligible = voting.eligible_membership(vote, request.user) if access.take_part else None
    can_vote = eligible is not None and my_ballot is None and vote.is_open(now)
    context = {
        "vote": vote,
        "draft": vote.draft,
        "my_ballot": my_ballot,
        "is_eligible": eligible is not None,
        "can_vote": can_vote,
        "form": form if form is not None else (BallotForm() if can_vote else None),
        "is_open": vote.is_open(now),
        "has_closed": vote.has_closed(now),
        "not_yet_open": now < vote.opens_at,
        "quorum_needed": quorum_needed(vote.eligible_count, vote.quorum_percent),
        "majority_explained": MAJORITY_EXPLAINED.get(vote.majority, ""),
    }
    if vote.counted_at:
        context.update(_roll_call(vote))
    else:
        context["cast_count"] = vote.ballots.count()
    return render(request, "vote_detail.html", context, current="council_space:votes", status=status)


@space_view()
def vote_detail(request, pk):
    return _vote_page(request, pk)


@space_view("take_part")
@require_POST
def ballot(request, pk):
    vote = get_object_or_404(Vote, pk=pk)
    form = BallotForm(request.POST)
    if not form.is_valid():
        return _vote_page(request, pk, form=form, status=400)
    try:
        voting.cast_ballot(request.user, vote, form.cleaned_data["choice"])
    except ValidationError as error:
        if error.code == "already_voted":
            messages.info(request, _("You have already voted; your vote is recorded and cannot be changed."))
            return redirect("council_space:vote", pk=vote.pk)
        form.add_error(None, error)
        return _vote_page(request, pk, form=form, status=400)
    messages.success(request, _("Thank you. Your vote is recorded."))
    return redirect("council_space:vote", pk=vote.pk)

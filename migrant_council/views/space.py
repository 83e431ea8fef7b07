"""The members' space of the migrant council: dashboard, drafts with sections, versions and comments,
and votes. Every view is for the council only (rules.py: current members and the secretariat); the
secretariat runs the drafts and votes, members comment and vote. Views are thin: the rules of drafts
and votes are in drafts.py and voting.py."""

from functools import cached_property, wraps

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Exists, Max, OuterRef, Prefetch, Subquery, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from citysite import idempotency
from citysite.access import may
from citysite.idempotency import TOKEN_FIELD
from citysite.participation import services as comment_services
from citysite.participation.models import Comment
from citysite.participation.threads import threads_by_target

from . import drafts, voting
from . import meetings as meeting_services
from .models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    DraftStatus,
    Majority,
    Meeting,
    Membership,
    Vote,
    VotingRules,
    quorum_needed,
)
from .space_forms import (
    BallotForm,
    DraftDetailsForm,
    SectionCommentForm,
    SectionFormSet,
    StatusForm,
    VoteForm,
    section_initial,
)

PER_PAGE = 20
COMMENT_RATE = "20/10m"
# What a section comment form's submission token is claimed for (citysite.idempotency).
COMMENT_PURPOSE = "migrant_council.section_comment"
TOO_MANY = gettext_lazy("You have sent a lot in a short time. Please wait a few minutes and try again.")

# The links of the members' space, in order: (URL name, label, rule). A link whose URL is not defined
# (yet) is left out, so screens added to space_urls.py later appear here by their name alone.
SPACE_LINKS = [
    ("council_space:dashboard", gettext_lazy("Dashboard"), "enter_space"),
    ("council_space:drafts", gettext_lazy("Drafts"), "enter_space"),
    ("council_space:votes", gettext_lazy("Votes"), "enter_space"),
    ("council_space:meetings", gettext_lazy("Meetings"), "enter_space"),
    ("council_secretariat:home", gettext_lazy("Secretariat"), "run_council"),
]

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


class SpaceAccess:
    """What the person may do in the space, asked of the rules once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def enter(self) -> bool:
        return may(self.user, "migrant_council.enter_space")

    @cached_property
    def take_part(self) -> bool:
        return may(self.user, "migrant_council.take_part")

    @cached_property
    def run(self) -> bool:
        return may(self.user, "migrant_council.run_council")

    def allows(self, rule: str) -> bool:
        return getattr(self, {"enter_space": "enter", "take_part": "take_part", "run_council": "run"}[rule])


REFUSALS = {
    "enter_space": gettext_lazy(
        "The members' space is for the members of the migrant council with a current term and for the "
        "council secretariat."
    ),
    "take_part": gettext_lazy("Only members of the council with a current term can do this."),
    "run_council": gettext_lazy("Only the council secretariat can do this."),
}


def _refused(request, rule):
    response = TemplateResponse(
        request, "migrant_council/space/forbidden.html", {"refusal": REFUSALS[rule]}, status=403
    )
    add_never_cache_headers(response)
    return response


def space_view(rule="enter_space"):
    """Lets in only who may enter the space (and, for `rule`, do that). A visitor is sent to sign in;
    everyone else gets a page saying the space is not for them, and nothing of its content. Members
    without two-factor authentication set it up first whenever staff must use it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = SpaceAccess(request.user)
            request.council = access
            if not access.enter:
                return _refused(request, "enter_space")
            if settings.STAFF_MFA_REQUIRED and not is_mfa_enabled(request.user):
                return redirect("account_mfa_required")
            if not access.allows(rule):
                return _refused(request, rule)
            response = view(request, *args, **kwargs)
            # Drafts are for the council only: never kept by a browser or a shared cache.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response

        return wrapped

    return decorator


def _nav(request, current):
    links = []
    for name, label, rule in SPACE_LINKS:
        if not request.council.allows(rule):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "current": name == current})
    return links


def _render(request, template, context, *, current=None, status=200):
    context = {"access": request.council, "space_nav": _nav(request, current), **context}
    return TemplateResponse(request, f"migrant_council/space/{template}", context, status=status)


def _draft_url(draft, anchor=""):
    return reverse("council_space:draft", args=[draft.pk]) + (f"#{anchor}" if anchor else "")


def _my_memberships(user):
    return Membership.objects.current().filter(user=user).values("pk")


def _vote_rules(vote) -> dict:
    return {
        "quorum_needed": quorum_needed(vote.eligible_count, vote.quorum_percent),
        "majority_explained": MAJORITY_EXPLAINED.get(vote.majority, ""),
    }


# --- Dashboard ----------------------------------------------------------------------------------------


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
    return (
        Vote.objects.filter(opens_at__lte=now, closes_at__gt=now, eligible__in=_my_memberships(user))
        .exclude(ballots__membership__user=user)
        .select_related("draft")
        .distinct()
        .order_by("closes_at", "pk")
    )


@space_view()
def dashboard(request):
    voting.record_due_results()
    now = timezone.now()
    access = request.council
    context = {
        "next_meeting": Meeting.objects.filter(starts_at__gte=now).order_by("starts_at", "pk").first(),
    }
    if access.take_part:
        context["waiting_drafts"] = list(_drafts_waiting_for(request.user))
        context["my_open_votes"] = list(_votes_open_to(request.user, now))
    if access.run:
        context["open_votes"] = list(
            Vote.objects.filter(opens_at__lte=now, closes_at__gt=now)
            .select_related("draft")
            .annotate(cast=Count("ballots"))
            .order_by("closes_at", "pk")
        )
        context["drafts_in_preparation"] = list(
            CouncilDraft.objects.filter(status=DraftStatus.DRAFT).order_by("-updated_at", "-pk")
        )
    return _render(request, "dashboard.html", context, current="council_space:dashboard")


# --- Drafts -------------------------------------------------------------------------------------------


@space_view()
def draft_list(request):
    voting.record_due_results()
    status = request.GET.get("status", "")
    queryset = CouncilDraft.objects.annotate(version_count=Count("versions")).order_by("-updated_at", "-pk")
    if status in DraftStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    filters = [{"value": "", "label": _("All"), "current": status == ""}] + [
        {"value": value, "label": label, "current": status == value} for value, label in DraftStatus.choices
    ]
    return _render(
        request,
        "draft_list.html",
        {
            "drafts": page,
            "filters": filters,
            "status": status,
            "query_string": f"status={status}" if status else "",
        },
        current="council_space:drafts",
    )


def _count(comments) -> int:
    return sum(1 + _count(comment.thread_replies) for comment in comments)


def _draft_page(request, draft, *, failed_form=None, failed_section=None, status=200):
    """The draft's page: its current version, section by section with each section's comments, what
    changed since the version before, its versions, and its votes."""
    access = request.council
    votes = list(draft.votes.select_related("version").order_by("-opens_at", "-pk"))
    now = timezone.now()
    if any(vote.counted_at is None and vote.has_closed(now) for vote in votes):
        # A vote has closed since anyone looked: its result is recorded now, and settles the status.
        voting.record_due_results(draft=draft)
        draft.refresh_from_db(fields=["status", "updated_at"])
        votes = list(draft.votes.select_related("version").order_by("-opens_at", "-pk"))
    versions = list(draft.versions.defer("sections").order_by("number"))
    full = {
        version.number: version
        for version in draft.versions.filter(number__gte=versions[-1].number - 1 if versions else 0)
    }
    current = full.get(versions[-1].number) if versions else None
    previous = full.get(current.number - 1) if current else None
    changes = drafts.compare(current, previous) if current else drafts.VersionChanges(sections=[])

    rows = list(draft.sections.all())
    threads = threads_by_target(CouncilDraftSection, [row.pk for row in rows])
    rows_by_key = {str(row.key): row for row in rows}
    can_comment = access.take_part and draft.status in drafts.COMMENTABLE_STATUSES
    for section in changes.sections:
        row = rows_by_key.get(section.key)
        section.pk = row.pk if row else None
        section.comments = threads.get(section.pk, [])
        section.comment_count = _count(section.comments)
        if row and (can_comment or failed_section == row.pk):
            section.form = (
                failed_form
                if failed_section == row.pk
                else SectionCommentForm(prefix=SectionCommentForm.prefix_for(row.pk))
            )
    shown = {section.key for section in changes.sections}
    former_sections = [
        {
            "heading": row.heading,
            "pk": row.pk,
            "comments": threads[row.pk],
            "comment_count": _count(threads[row.pk]),
        }
        for row in rows
        if str(row.key) not in shown and threads.get(row.pk)
    ]

    if access.take_part and votes:
        mine = dict(
            Ballot.objects.filter(vote__in=votes, membership__user=request.user).values_list(
                "vote_id", "choice"
            )
        )
        for vote in votes:
            vote.my_choice = mine.get(vote.pk)
    pending = any(vote.counted_at is None for vote in votes)
    statuses = drafts.manual_statuses(draft, vote_pending=pending) if access.run else []
    context = {
        "draft": draft,
        "version": current,
        "previous": previous,
        "versions": versions,
        "changes": changes,
        "former_sections": former_sections,
        "votes": votes,
        "can_comment": can_comment,
        "can_edit": access.run and draft.status in drafts.EDITABLE_STATUSES,
        "can_open_vote": access.run and draft.status == DraftStatus.IN_DISCUSSION and current is not None,
        "status_form": StatusForm(statuses=statuses) if statuses else None,
        "now": now,
    }
    return _render(request, "draft_detail.html", context, current="council_space:drafts", status=status)


@space_view()
def draft_detail(request, pk):
    return _draft_page(request, get_object_or_404(CouncilDraft, pk=pk))


@space_view()
def draft_version(request, pk, number):
    """A version of the draft as it was, with what changed since the one before."""
    draft = get_object_or_404(CouncilDraft, pk=pk)
    found = {version.number: version for version in draft.versions.filter(number__in=[number, number - 1])}
    version = found.get(number)
    if version is None:
        raise Http404
    previous = found.get(number - 1)
    numbers = list(draft.versions.order_by("number").values_list("number", flat=True))
    context = {
        "draft": draft,
        "version": version,
        "previous": previous,
        "numbers": numbers,
        "is_current": number == numbers[-1],
        "changes": drafts.compare(version, previous),
    }
    return _render(request, "draft_version.html", context, current="council_space:drafts")


def _draft_form_page(request, draft, details_form, formset, status=200):
    return _render(
        request,
        "draft_form.html",
        {"draft": draft, "details_form": details_form, "formset": formset},
        current="council_space:drafts",
        status=status,
    )


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def draft_create(request):
    details_form = DraftDetailsForm(request.POST or None, new=True)
    formset = SectionFormSet(request.POST or None, prefix="sections")
    if request.method == "POST":
        if details_form.is_valid() and formset.is_valid():
            try:
                draft = drafts.create_draft(
                    request.user,
                    title=details_form.cleaned_data["title"],
                    summary=details_form.cleaned_data["summary"],
                    sections=formset.sections(),
                )
            except ValidationError as error:
                details_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The draft is saved as version 1. Members are told when you open it for discussion."),
                )
                return redirect(_draft_url(draft))
        return _draft_form_page(request, None, details_form, formset, status=400)
    return _draft_form_page(request, None, details_form, formset)


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk):
    draft = get_object_or_404(CouncilDraft, pk=pk)
    if draft.status not in drafts.EDITABLE_STATUSES:
        messages.error(
            request,
            _("The text of a draft that is %(status)s cannot be changed.")
            % {"status": draft.get_status_display()},
        )
        return redirect(_draft_url(draft))
    latest = draft.versions.order_by("-number").first()
    details_form = DraftDetailsForm(
        request.POST or None, initial={"title": draft.title, "summary": draft.summary}
    )
    formset = SectionFormSet(request.POST or None, prefix="sections", initial=section_initial(latest))
    if request.method == "POST":
        if details_form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    drafts.update_details(
                        request.user,
                        draft,
                        title=details_form.cleaned_data["title"],
                        summary=details_form.cleaned_data["summary"],
                    )
                    version, created = drafts.save_version(
                        request.user, draft, formset.sections(), details_form.cleaned_data["change_note"]
                    )
            except ValidationError as error:
                details_form.add_error(None, error)
            else:
                if created:
                    messages.success(
                        request, _("Version %(number)d of the draft is saved.") % {"number": version.number}
                    )
                else:
                    messages.info(request, _("The text did not change, so no new version was made."))
                return redirect(_draft_url(draft))
        return _draft_form_page(request, draft, details_form, formset, status=400)
    return _draft_form_page(request, draft, details_form, formset)


@space_view("run_council")
@require_POST
def draft_status(request, pk):
    draft = get_object_or_404(CouncilDraft, pk=pk)
    form = StatusForm(request.POST, statuses=DraftStatus.values)
    if not form.is_valid():
        messages.error(request, _("Please choose the new status."))
        return redirect(_draft_url(draft, "status-heading"))
    try:
        draft = drafts.change_status(request.user, draft, form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is now %(status)s.") % {"status": draft.get_status_display()})
    return redirect(_draft_url(draft))


@space_view("take_part")
@require_POST
def section_comment(request, pk):
    """A member's new comment on a section; replies go through the shared comment views."""
    section = get_object_or_404(CouncilDraftSection.objects.select_related("draft"), pk=pk)
    draft = section.draft
    form = SectionCommentForm(request.POST, prefix=SectionCommentForm.prefix_for(section.pk))
    if draft.status not in drafts.COMMENTABLE_STATUSES:
        form.is_valid()
        form.add_error(None, _("Comments are closed: the draft is not in discussion."))
        return _draft_page(request, draft, failed_form=form, failed_section=section.pk, status=400)
    if form.is_valid():
        if is_ratelimited(
            request, group="migrant_council.comment", key="user", rate=COMMENT_RATE, increment=True
        ):
            form.add_error(None, TOO_MANY)
            return _draft_page(request, draft, failed_form=form, failed_section=section.pk, status=429)
        try:
            comment = idempotency.create_once(
                form.cleaned_data[TOKEN_FIELD],
                COMMENT_PURPOSE,
                lambda: comment_services.post_comment(
                    request.user, section, form.cleaned_data["text"], get_language()
                )[0],
            ).record
        except PermissionDenied:
            form.add_error(None, _("Please confirm your e-mail address first; then you can comment."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your comment is added to the discussion."))
            # A comment deleted before its double arrived: back to the section's discussion.
            anchor = f"comment-{comment.pk}" if comment else drafts.section_anchor(section.key)
            return redirect(_draft_url(draft, anchor))
    return _draft_page(request, draft, failed_form=form, failed_section=section.pk, status=400)


# --- Votes --------------------------------------------------------------------------------------------


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def vote_create(request, pk):
    draft = get_object_or_404(CouncilDraft, pk=pk)
    version = draft.versions.order_by("-number").first()
    if draft.status != DraftStatus.IN_DISCUSSION or version is None:
        messages.error(request, _("Only a draft in discussion can be put to a vote."))
        return redirect(_draft_url(draft))
    initial = {
        "question": _("Does the council adopt “%(title)s” (version %(number)d) as its opinion?")
        % {"title": draft.title, "number": version.number}
    }
    form = VoteForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                vote = voting.open_vote(
                    request.user,
                    draft,
                    form.cleaned_data["question"],
                    form.cleaned_data["opens_at"],
                    form.cleaned_data["closes_at"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The vote is open. Members are told by e-mail."))
                return redirect("council_space:vote", pk=vote.pk)
    return _render(
        request,
        "vote_form.html",
        {
            "draft": draft,
            "version": version,
            "form": form,
            "rules": VotingRules.current(),
            "majority_explained": MAJORITY_EXPLAINED,
            "eligible_count": Membership.objects.current().count(),
        },
        current="council_space:votes",
        status=status,
    )


@space_view()
def vote_list(request):
    voting.record_due_results()
    queryset = (
        Vote.objects.select_related("draft").annotate(cast=Count("ballots")).order_by("-opens_at", "-pk")
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    if request.council.take_part:
        mine = dict(
            Ballot.objects.filter(vote__in=list(page), membership__user=request.user).values_list(
                "vote_id", "choice"
            )
        )
        for vote in page:
            vote.my_choice = mine.get(vote.pk)
    return _render(
        request, "vote_list.html", {"votes": page, "now": timezone.now()}, current="council_space:votes"
    )


def _vote_page(request, vote, *, form=None, status=200):
    vote = voting.record_result(vote)
    now = timezone.now()
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
        **_vote_rules(vote),
    }
    if vote.counted_at:
        ballots = {ballot.membership_id: ballot for ballot in vote.ballots.all()}
        context["roll"] = [
            {"membership": membership, "ballot": ballots.get(membership.pk)}
            for membership in vote.eligible.order_by("name", "pk")
        ]
        context["not_voted"] = max(
            vote.eligible_count - vote.votes_for - vote.votes_against - vote.votes_abstain, 0
        )
    else:
        context["cast_count"] = vote.ballots.count()
    return _render(request, "vote_detail.html", context, current="council_space:votes", status=status)


@space_view()
def vote_detail(request, pk):
    return _vote_page(request, get_object_or_404(Vote.objects.select_related("draft", "version"), pk=pk))


@space_view("take_part")
@require_POST
def ballot(request, pk):
    vote = get_object_or_404(Vote.objects.select_related("draft", "version"), pk=pk)
    form = BallotForm(request.POST)
    if not form.is_valid():
        return _vote_page(request, vote, form=form, status=400)
    try:
        voting.cast_ballot(request.user, vote, form.cleaned_data["choice"])
    except ValidationError as error:
        if error.code == "already_voted":
            messages.info(request, _("You have already voted; your vote is recorded and cannot be changed."))
            return redirect("council_space:vote", pk=vote.pk)
        form.add_error(None, error)
        return _vote_page(request, vote, form=form, status=400)
    messages.success(request, _("Thank you. Your vote is recorded."))
    return redirect("council_space:vote", pk=vote.pk)


# --- Meetings -----------------------------------------------------------------------------------------


@space_view()
def meetings(request):
    """Upcoming meetings, soonest first, and past ones, latest first (in pages): date, place or link,
    whether the agenda is published, and the state of the minutes."""
    now = timezone.now()
    listed = Meeting.objects.annotate(
        item_count=Count("agenda_items"),
        has_minutes=Case(When(minutes="", then=Value(False)), default=Value(True)),
    ).defer("minutes")
    upcoming = list(listed.filter(starts_at__gte=now).order_by("starts_at", "pk"))
    past = Paginator(listed.filter(starts_at__lt=now).order_by("-starts_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    parts = [
        {
            "id": "upcoming",
            "heading": _("Upcoming meetings"),
            "meetings": upcoming,
            "upcoming": True,
            "empty": _("No meeting is planned yet."),
        },
        {
            "id": "past",
            "heading": _("Past meetings"),
            "meetings": past,
            "paginated": True,
            "empty": _("No meeting has taken place yet."),
        },
    ]
    return _render(request, "meeting_list.html", {"parts": parts}, current="council_space:meetings")


@space_view()
def meeting_detail(request, pk):
    """A meeting: when and where, its agenda with links to the drafts it discusses, who attended (for
    the council and the secretariat only, like everything here) and the minutes."""
    meeting = get_object_or_404(
        Meeting.objects.prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("draft")
                .only("pk", "meeting_id", "position", "title", "draft__id", "draft__title", "draft__status")
                .order_by("position", "pk"),
            )
        ),
        pk=pk,
    )
    rows = meeting_services.attendance_rows(meeting)
    recorded = [status for _membership, status in rows if status]
    counts = {status: recorded.count(status) for status in AttendanceStatus.values}
    attendance = [
        {
            "membership": membership,
            "status": status,
            "label": AttendanceStatus(status).label if status else "",
            "is_me": membership.user_id is not None and membership.user_id == request.user.pk,
        }
        for membership, status in rows
    ]
    context = {
        "meeting": meeting,
        "agenda": list(meeting.agenda_items.all()),
        "attendance": attendance,
        "attendance_recorded": bool(recorded),
        "attendance_counts": [
            {"status": status, "label": label, "count": counts[status]}
            for status, label in AttendanceStatus.choices
        ],
        "is_upcoming": meeting.is_upcoming,
    }
    return _render(request, "meeting_detail.html", context, current="council_space:meetings")

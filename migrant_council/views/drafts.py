"""The space's drafts: the list, a draft's page (its current version section by section with each
section's discussion, what changed, its versions and votes), earlier versions, and the secretariat's
writing, editing and status changes. Pages show a closed vote's result and the status it gives the
draft without writing anything; an action on a draft records due results first (services/voting.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from citysite.participation.threads import threads_by_target

from ..forms import DraftDetailsForm, SectionCommentForm, SectionFormSet, StatusForm, section_initial
from ..models import Ballot, CouncilDraft, CouncilDraftSection, DraftStatus, Vote
from ..services import drafts, voting
from .space import PER_PAGE, draft_url, form_action, render, space_view


def draft_for_reading(pk, now=None):
    """The draft and its votes (newest first) as pages show them: a closed vote counted, the draft in
    the status its result gives it, nothing saved."""
    draft = get_object_or_404(CouncilDraft, pk=pk)
    votes = voting.read_settled(list(draft.votes.select_related("version").order_by("-opens_at", "-pk")), now)
    return voting.settled_draft(draft, votes, now), votes


def draft_for_action(pk):
    """The draft an action works on, with the results of its closed votes recorded first, so the action
    sees the status the page showed."""
    draft = get_object_or_404(CouncilDraft, pk=pk)
    if voting.record_due_results(draft=draft):
        draft.refresh_from_db()
    return draft


@space_view()
def draft_list(request):
    status = request.GET.get("status", "")
    queryset = CouncilDraft.objects.annotate(version_count=Count("versions")).order_by("-updated_at", "-pk")
    if status in DraftStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    _show_settled_statuses(page)
    filters = [{"value": "", "label": _("All"), "current": status == ""}] + [
        {"value": value, "label": label, "current": status == value} for value, label in DraftStatus.choices
    ]
    return render(
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


def _show_settled_statuses(drafts_shown):
    """Drafts "in vote" whose vote has closed show the status its result gives them."""
    in_vote = [draft for draft in drafts_shown if draft.status == DraftStatus.IN_VOTE]
    if not in_vote:
        return
    latest = {}
    for vote in Vote.objects.filter(draft__in=in_vote).order_by("draft_id", "-opens_at", "-pk"):
        latest.setdefault(vote.draft_id, vote)
    for draft in in_vote:
        vote = latest.get(draft.pk)
        if vote is not None:
            voting.settled_draft(draft, voting.read_settled([vote]))


# --- A draft's page, piece by piece ---------------------------------------------------------------------


def _comment_count(comments) -> int:
    return sum(1 + _comment_count(comment.thread_replies) for comment in comments)


def _current_versions(draft):
    """All versions (without their text), and the current and previous ones with it."""
    versions = list(draft.versions.defer("sections").order_by("number"))
    if not versions:
        return versions, None, None
    full = {version.number: version for version in draft.versions.filter(number__gte=versions[-1].number - 1)}
    current = full.get(versions[-1].number)
    return versions, current, full.get(current.number - 1)


def _attach_discussions(changes, rows, threads, comment_form_for):
    """Each section shown gets its row's id, comments, their count and (when the person may comment) a
    comment form."""
    rows_by_key = {str(row.key): row for row in rows}
    for section in changes.sections:
        row = rows_by_key.get(section.key)
        section.pk = row.pk if row else None
        section.comments = threads.get(section.pk, [])
        section.comment_count = _comment_count(section.comments)
        section.form = comment_form_for(row) if row else None


def _former_sections(changes, rows, threads):
    """Sections no longer in the current version whose discussion stays readable."""
    shown = {section.key for section in changes.sections}
    return [
        {
            "heading": row.heading,
            "pk": row.pk,
            "comments": threads[row.pk],
            "comment_count": _comment_count(threads[row.pk]),
        }
        for row in rows
        if str(row.key) not in shown and threads.get(row.pk)
    ]


def _mark_my_choices(votes, user):
    mine = dict(Ballot.objects.filter(vote__in=votes, membership__user=user).values_list("vote_id", "choice"))
    for vote in votes:
        vote.my_choice = mine.get(vote.pk)


def _secretariat_controls(access, draft, current, votes):
    if not access.run:
        return {"can_edit": False, "can_open_vote": False, "status_form": None}
    pending = any(vote.counted_at is None for vote in votes)
    statuses = drafts.manual_statuses(draft, vote_pending=pending)
    return {
        "can_edit": draft.status in drafts.EDITABLE_STATUSES,
        "can_open_vote": draft.status == DraftStatus.IN_DISCUSSION and current is not None,
        "status_form": StatusForm(statuses=statuses) if statuses else None,
    }


def draft_page(request, pk, *, failed_form=None, failed_section=None, status=200):
    """The draft's page; after a refused comment, `failed_form` is shown again under its section."""
    access = request.council
    now = timezone.now()
    draft, votes = draft_for_reading(pk, now)
    versions, current, previous = _current_versions(draft)
    changes = drafts.compare(current, previous) if current else drafts.VersionChanges(sections=[])
    rows = list(draft.sections.all())
    threads = threads_by_target(CouncilDraftSection, [row.pk for row in rows])
    can_comment = access.take_part and draft.status in drafts.COMMENTABLE_STATUSES

    def comment_form_for(row):
        if row.pk == failed_section:
            return failed_form
        return SectionCommentForm(prefix=SectionCommentForm.prefix_for(row.pk)) if can_comment else None

    _attach_discussions(changes, rows, threads, comment_form_for)
    if access.take_part and votes:
        _mark_my_choices(votes, request.user)
    context = {
        "draft": draft,
        "version": current,
        "previous": previous,
        "versions": versions,
        "changes": changes,
        "former_sections": _former_sections(changes, rows, threads),
        "votes": votes,
        "can_comment": can_comment,
        "now": now,
        **_secretariat_controls(access, draft, current, votes),
    }
    return render(request, "draft_detail.html", context, current="council_space:drafts", status=status)


@space_view()
def draft_detail(request, pk):
    return draft_page(request, pk)


@space_view()
def draft_version(request, pk, number):
    """A version of the draft as it was, with what changed since the one before."""
    draft, _votes = draft_for_reading(pk)
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
    return render(request, "draft_version.html", context, current="council_space:drafts")


# --- The secretariat's actions on drafts -------------------------------------------------------------


def _draft_form(request, draft, details_form, formset):
    def show(status):
        context = {"draft": draft, "details_form": details_form, "formset": formset}
        return render(request, "draft_form.html", context, current="council_space:drafts", status=status)

    return show


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def draft_create(request):
    details_form = DraftDetailsForm(request.POST or None, new=True)
    formset = SectionFormSet(request.POST or None, prefix="sections")

    def create():
        draft = drafts.create_draft(
            request.user,
            title=details_form.cleaned_data["title"],
            summary=details_form.cleaned_data["summary"],
            sections=formset.sections(),
        )
        messages.success(
            request, _("The draft is saved as version 1. Members are told when you open it for discussion.")
        )
        return redirect(draft_url(draft))

    return form_action(
        request, [details_form, formset], create, _draft_form(request, None, details_form, formset)
    )


@space_view("run_council")
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk):
    draft = draft_for_action(pk) if request.method == "POST" else draft_for_reading(pk)[0]
    if draft.status not in drafts.EDITABLE_STATUSES:
        messages.error(
            request,
            _("The text of a draft that is %(status)s cannot be changed.")
            % {"status": draft.get_status_display()},
        )
        return redirect(draft_url(draft))
    latest = draft.versions.order_by("-number").first()
    details_form = DraftDetailsForm(
        request.POST or None, initial={"title": draft.title, "summary": draft.summary}
    )
    formset = SectionFormSet(request.POST or None, prefix="sections", initial=section_initial(latest))

    def save():
        data = details_form.cleaned_data
        with transaction.atomic():
            drafts.update_details(request.user, draft, title=data["title"], summary=data["summary"])
            version, created = drafts.save_version(
                request.user, draft, formset.sections(), data["change_note"]
            )
        if created:
            messages.success(
                request, _("Version %(number)d of the draft is saved.") % {"number": version.number}
            )
        else:
            messages.info(request, _("The text did not change, so no new version was made."))
        return redirect(draft_url(draft))

    return form_action(
        request, [details_form, formset], save, _draft_form(request, draft, details_form, formset)
    )


@space_view("run_council")
@require_POST
def draft_status(request, pk):
    draft = draft_for_action(pk)
    form = StatusForm(request.POST, statuses=DraftStatus.values)
    if not form.is_valid():
        messages.error(request, _("Please choose the new status."))
        return redirect(draft_url(draft, "status-heading"))
    try:
        draft = drafts.change_status(request.user, draft, form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is now %(status)s.") % {"status": draft.get_status_display()})
    return redirect(draft_url(draft))

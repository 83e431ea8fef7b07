"""The secretariat's screens in the Wagtail admin (viewsets.py puts them under /admin/council/):
membership, meetings (agenda, attendance, minutes, publishing), adopted opinions to publish, and the
council's voting rules. For the "Council secretariat" group only (the rule
"migrant_council.run_council"): everyone else gets 403 — superusers included — or is sent to sign in.
The work itself is done by the services (membership changes only through services/membership.py);
each change is written to Wagtail's audit log with who made it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Locale

from citysite.access import rule_required

from ..models import AgendaItem, CouncilDraft, CouncilPage, Meeting, Membership, Opinion, VotingRules
from ..services import meetings as meeting_services
from ..services import membership as membership_services
from ..services import opinions as opinion_services
from .forms import (
    AgendaFormSet,
    AttendanceForm,
    EditSeatForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    VotingRulesForm,
)

# The actions of the audit log (their wording is registered in wagtail_hooks.py).
INVITE_MEMBER = "migrant_council.invite_member"
CHANGE_SEAT = "migrant_council.change_seat"
REMOVE_MEMBER = "migrant_council.remove_member"
SCHEDULE_MEETING = "migrant_council.schedule_meeting"
CHANGE_MEETING = "migrant_council.change_meeting"
RECORD_ATTENDANCE = "migrant_council.record_attendance"
WRITE_MINUTES = "migrant_council.write_minutes"
PUBLISH_AGENDA = "migrant_council.publish_agenda"
WITHDRAW_AGENDA = "migrant_council.withdraw_agenda"
PUBLISH_MINUTES = "migrant_council.publish_minutes"
WITHDRAW_MINUTES = "migrant_council.withdraw_minutes"
PUBLISH_OPINION = "migrant_council.publish_opinion"
CHANGE_VOTING_RULES = "migrant_council.change_voting_rules"


def secretariat_only(view):
    return never_cache(rule_required("migrant_council.run_council")(view))


SECTIONS = {"member": "members", "invite": "members", "meeting": "meetings", "opinion": "opinions"}


def _render(request, template, context=None, status=200):
    section = next((name for prefix, name in SECTIONS.items() if template.startswith(prefix)), None)
    context = {"section": section, **(context or {})}
    return TemplateResponse(request, f"migrant_council/admin/{template}", context, status=status)


def public_council_page():
    """The council page in the current language, or in any language."""
    pages = CouncilPage.objects.live().public()
    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        active = None
    return (active and pages.filter(locale=active).first()) or pages.first()


@secretariat_only
def home(request):
    today = timezone.localdate()
    context = {
        "current_count": Membership.objects.current().count(),
        "pending_count": Membership.objects.filter(
            user__isnull=True, removed_at__isnull=True, term_end__gte=today
        ).count(),
        "next_meetings": list(
            Meeting.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")[:3]
        ),
        "publishable_count": opinion_services.publishable_drafts().count(),
        "rules": VotingRules.current(),
    }
    return _render(request, "home.html", context)


# --- membership -------------------------------------------------------------------------------------

MEMBER_LISTS = {
    "current": membership_services.current_memberships,
    "upcoming": membership_services.upcoming_memberships,
    "past": membership_services.past_memberships,
}


@secretariat_only
def members(request):
    show = request.GET.get("show", "current")
    if show not in MEMBER_LISTS:
        show = "current"
    seats = MEMBER_LISTS[show]()
    if show != "past":
        seats = seats.order_by("name", "pk")
    return _render(
        request, "members.html", {"show": show, "seats": list(seats), "today": timezone.localdate()}
    )


def _seat_fields(form):
    data = form.cleaned_data
    return {
        "name": data["name"],
        "organisation": data["organisation"],
        "languages": data["languages"],
        "role": data["role"],
        "term_start": data["term_start"],
        "term_end": data["term_end"],
    }


@secretariat_only
def invite(request):
    form = InviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.get("photo")
        try:
            seat = membership_services.invite(
                request.user,
                email=data["email"],
                photo=membership_services.store_photo(request.user, photo, data["name"]) if photo else None,
                language=data["invitation_language"],
                **_seat_fields(form),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            log(seat, INVITE_MEMBER, user=request.user, data={"name": seat.name})
            if seat.user_id:
                messages.success(
                    request,
                    _("%(name)s has a seat on the council; their account was linked at once.")
                    % {"name": seat.name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s was invited by e-mail. Their seat is linked when they confirm the address.")
                    % {"name": seat.name},
                )
            return redirect("council_admin:members")
    return _render(request, "invite.html", {"form": form})


@secretariat_only
def member_edit(request, pk):
    seat = get_object_or_404(Membership.objects.select_related("user", "photo"), pk=pk)
    initial = {
        "name": seat.name,
        "organisation": seat.organisation,
        "languages": seat.languages,
        "role": seat.role,
        "term_start": seat.term_start,
        "term_end": seat.term_end,
    }
    form = EditSeatForm(
        request.POST or None, request.FILES or None, initial=initial, has_photo=bool(seat.photo_id)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {"name": data["name"], "organisation": data["organisation"], "languages": data["languages"]}
        if data.get("photo"):
            details["photo"] = membership_services.store_photo(request.user, data["photo"], data["name"])
        elif data.get("remove_photo"):
            details["photo"] = None
        membership_services.update_details(request.user, seat, **details)
        if data["role"] != seat.role:
            membership_services.change_role(request.user, seat, data["role"])
        if (data["term_start"], data["term_end"]) != (seat.term_start, seat.term_end):
            membership_services.change_term(request.user, seat, data["term_start"], data["term_end"])
        log(seat, CHANGE_SEAT, user=request.user, data={"name": seat.name})
        messages.success(request, _("The seat of %(name)s was saved.") % {"name": seat.name})
        return redirect("council_admin:members")
    return _render(request, "member_edit.html", {"form": form, "seat": seat})


@secretariat_only
def member_remove(request, pk):
    seat = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        membership_services.remove(request.user, seat)
        log(seat, REMOVE_MEMBER, user=request.user, data={"name": seat.name})
        messages.success(
            request,
            _("%(name)s was removed from the council and has no access any more.") % {"name": seat.name},
        )
        return redirect("council_admin:members")
    return _render(request, "member_remove.html", {"seat": seat})


# --- meetings ---------------------------------------------------------------------------------------


@secretariat_only
def meetings(request):
    now = timezone.now()
    listed = Meeting.objects.annotate(item_count=Count("agenda_items")).order_by("-starts_at", "-pk")
    return _render(
        request,
        "meetings.html",
        {
            "upcoming": list(listed.filter(starts_at__gte=now).order_by("starts_at", "pk")),
            "past": list(listed.filter(starts_at__lt=now)[:50]),
        },
    )


def _meeting_fields(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "place": data["place"].strip(),
        "online_link": data["online_link"],
    }


def _agenda_initial(meeting):
    return [
        {"item_id": item.pk, "position": item.position, "title": item.title, "draft": item.draft_id}
        for item in meeting.agenda_items.order_by("position", "pk")
    ]


@secretariat_only
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    agenda = AgendaFormSet(request.POST or None, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        try:
            meeting = meeting_services.create_meeting(
                request.user, agenda=agenda.agenda(), **_meeting_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(meeting, SCHEDULE_MEETING, user=request.user, data={"title": meeting.title})
            messages.success(
                request, _("The meeting was scheduled and the current members were told by e-mail.")
            )
            return redirect("council_admin:meeting_detail", pk=meeting.pk)
    return _render(request, "meeting_form.html", {"form": form, "agenda": agenda})


@secretariat_only
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    initial = {
        field: getattr(meeting, field) for field in ("title", "starts_at", "ends_at", "place", "online_link")
    }
    form = MeetingForm(request.POST or None, initial=initial)
    agenda = AgendaFormSet(request.POST or None, prefix="agenda", initial=_agenda_initial(meeting))
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        try:
            meeting_services.update_meeting(
                request.user, meeting, agenda=agenda.agenda(), **_meeting_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(meeting, CHANGE_MEETING, user=request.user, data={"title": meeting.title})
            messages.success(request, _("The meeting was saved."))
            return redirect("council_admin:meeting_detail", pk=meeting.pk)
    return _render(request, "meeting_form.html", {"form": form, "agenda": agenda, "meeting": meeting})


@secretariat_only
def meeting_detail(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.prefetch_related(
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.select_related("draft").order_by("position", "pk")
            )
        ),
        pk=pk,
    )
    rows = meeting_services.attendance_rows(meeting)
    return _render(
        request,
        "meeting_detail.html",
        {"meeting": meeting, "attendance": rows, "council_page": public_council_page()},
    )


@secretariat_only
def meeting_attendance(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AttendanceForm(request.POST or None, rows=meeting_services.attendance_rows(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.record_attendance(request.user, meeting, form.statuses())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(meeting, RECORD_ATTENDANCE, user=request.user, data={"title": meeting.title})
            messages.success(request, _("The attendance was saved."))
            return redirect("council_admin:meeting_detail", pk=meeting.pk)
    return _render(request, "meeting_attendance.html", {"form": form, "meeting": meeting})


@secretariat_only
def meeting_minutes(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        meeting_services.write_minutes(request.user, meeting, form.cleaned_data["minutes"])
        log(meeting, WRITE_MINUTES, user=request.user, data={"title": meeting.title})
        if meeting.minutes_published_at:
            messages.success(request, _("The minutes were saved; the public page shows the new text."))
        else:
            messages.success(
                request, _("The minutes were saved. They are not public until you publish them.")
            )
        return redirect("council_admin:meeting_detail", pk=meeting.pk)
    return _render(request, "meeting_minutes.html", {"form": form, "meeting": meeting})


@secretariat_only
@require_POST
def meeting_publish(request, pk):
    """Publishes or withdraws the agenda or the minutes (fields `part` and `publish`)."""
    meeting = get_object_or_404(Meeting, pk=pk)
    part = request.POST.get("part")
    publish = request.POST.get("publish") == "1"
    if part == "agenda":
        meeting_services.publish_agenda(request.user, meeting, publish)
        log(
            meeting,
            PUBLISH_AGENDA if publish else WITHDRAW_AGENDA,
            user=request.user,
            data={"title": meeting.title},
        )
        text = (
            _("The agenda is now on the public council page.")
            if publish
            else _("The agenda was taken off the public page.")
        )
        messages.success(request, text)
    elif part == "minutes":
        try:
            meeting_services.publish_minutes(request.user, meeting, publish)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            action = PUBLISH_MINUTES if publish else WITHDRAW_MINUTES
            log(meeting, action, user=request.user, data={"title": meeting.title})
            text = (
                _("The minutes are now on the public council page.")
                if publish
                else _("The minutes were taken off the public page.")
            )
            messages.success(request, text)
    else:
        messages.error(request, _("Nothing was changed: choose the agenda or the minutes."))
    return redirect("council_admin:meeting_detail", pk=meeting.pk)


# --- opinions ---------------------------------------------------------------------------------------


@secretariat_only
def opinions(request):
    return _render(
        request,
        "opinions.html",
        {
            "drafts": list(opinion_services.publishable_drafts()),
            "published": list(Opinion.objects.order_by("-published_at", "-pk")[:50]),
            "council_page": public_council_page(),
        },
    )


@secretariat_only
@require_POST
def opinion_publish(request, pk):
    draft = get_object_or_404(CouncilDraft, pk=pk)
    try:
        opinion, created = opinion_services.publish_opinion(request.user, draft)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if created:
            log(opinion, PUBLISH_OPINION, user=request.user, data={"title": draft.title})
            messages.success(
                request, _("“%(title)s” is published on the public council page.") % {"title": draft.title}
            )
        else:
            messages.info(request, _("“%(title)s” was already published.") % {"title": draft.title})
    return redirect("council_admin:opinions")


# --- voting rules -----------------------------------------------------------------------------------


@secretariat_only
def voting_rules(request):
    current = VotingRules.current()
    form = VotingRulesForm(
        request.POST or None,
        instance=VotingRules(quorum_percent=current.quorum_percent, majority=current.majority),
    )
    if request.method == "POST" and form.is_valid():
        rules = form.save(commit=False)
        rules.updated_at = timezone.now()
        rules.save()
        log(
            rules,
            CHANGE_VOTING_RULES,
            user=request.user,
            data={"quorum_percent": rules.quorum_percent, "majority": rules.majority},
        )
        messages.success(request, _("The voting rules were saved. Votes opened from now on use them."))
        return redirect("council_admin:home")
    return _render(request, "voting_rules.html", {"form": form, "current": current})

"""The space's meetings: upcoming and past ones, and a meeting with its agenda, attendance and minutes."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AgendaItem, AttendanceStatus, Meeting
from ..services import meetings as meeting_services
from .space import PER_PAGE, render, space_view


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
    return render(request, "meeting_list.html", {"parts": parts}, current="council_space:meetings")


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
    return render(request, "meeting_detail.html", context, current="council_space:meetings")

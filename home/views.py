from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from citysite.pagination import paginate

from .calendar import events_to_ical
from .models import EventPage

MAX_QUERY_LENGTH = 200


def search(request):
    """Site-wide search over the live, public pages in the current language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(query), per_page=20)
    return render(request, "home/search.html", {"query": query, "results": results})


def events_calendar(request):
    """The public calendar of integration events (iCalendar), in the current language."""
    events = EventPage.upcoming().filter(locale=Locale.get_active())
    body = events_to_ical(events, request, calendar_name=_("Integration events in Lublin"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response

"""iCalendar export of events: the public calendar of integration events."""

from icalendar import Calendar, Event


def events_to_ical(events, request, calendar_name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Otwarte Miasto//Integration events//PL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    host = request.get_host()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@{host}")
        event.add("summary", page.title)
        event.add("dtstart", page.start)
        event.add("dtend", page.end)
        event.add("dtstamp", page.last_published_at or page.start)
        event.add("location", ", ".join(part for part in (page.location, page.address) if part))
        event.add("description", page.summary)
        event.add("url", page.get_full_url(request))
        calendar.add_component(event)
    return calendar.to_ical()

import datetime

from defusedxml.ElementTree import fromstring
from django.utils import timezone
from icalendar import Calendar

from home import factories


def test_icalendar_feed_parses_and_holds_only_upcoming_events(client, home_page):
    events = factories.EventIndexPageFactory(parent=home_page)
    now = timezone.now()
    soon = factories.EventPageFactory(
        parent=events, title="Café Dialog", start=now + datetime.timedelta(days=3), location="Biblioteka"
    )
    later = factories.EventPageFactory(
        parent=events, title="Dzień Różnorodności", start=now + datetime.timedelta(days=20)
    )
    factories.EventPageFactory(
        parent=events,
        title="Minione",
        start=now - datetime.timedelta(days=10),
        end=now - datetime.timedelta(days=10, hours=-2),
    )

    response = client.get("/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["summary"]) for entry in entries] == ["Café Dialog", "Dzień Różnorodności"]
    first = entries[0]
    assert (
        first.decoded("dtstart") == soon.start.replace(microsecond=0)
        or first.decoded("dtstart") == soon.start
    )
    assert "Biblioteka" in str(first["location"])
    assert str(first["url"]).endswith(soon.get_url())
    assert str(entries[1]["uid"]) != str(first["uid"])
    assert later.title in response.content.decode()


def test_event_index_links_to_the_calendar(client, home_page):
    events = factories.EventIndexPageFactory(parent=home_page)
    html = client.get(events.get_url()).content.decode()
    assert 'href="/calendar.ics"' in html


def test_icalendar_feed_is_per_language(client, home_page, locales):
    events = factories.EventIndexPageFactory(parent=home_page)
    event = factories.EventPageFactory(parent=events, title="Spotkanie")
    event_en = event.copy_for_translation(locales["en"], copy_parents=True)
    event_en.title = "Meeting"
    event_en.save_revision().publish()

    english = Calendar.from_ical(client.get("/en/calendar.ics").content)
    assert [str(entry["summary"]) for entry in english.walk("VEVENT")] == ["Meeting"]


def _sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in fromstring(response.content).findall("sm:url/sm:loc", namespace)}


def test_sitemap_lists_every_public_page_in_every_language(client, translated_home, locales):
    news_index = factories.NewsIndexPageFactory(parent=translated_home["pl"])
    news = factories.NewsPageFactory(parent=news_index)
    news_en = news.copy_for_translation(locales["en"], copy_parents=True)
    news_en.save_revision().publish()
    draft = factories.StandardPageFactory(parent=translated_home["pl"], title="Szkic")
    draft.unpublish()

    locations = _sitemap_locations(client)

    expected = [translated_home[code] for code in ("pl", "en", "uk", "ru")] + [news_index, news, news_en]
    for page in expected:
        assert page.get_full_url() in locations
    assert draft.get_full_url() not in locations
    assert len(locations) == len(expected) + 1  # plus the English copy of the news index


def test_sitemap_leaves_out_private_pages(client, home_page):
    from wagtail.models import PageViewRestriction

    private = factories.StandardPageFactory(parent=home_page, title="Tylko dla rady")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert private.get_full_url() not in _sitemap_locations(client)

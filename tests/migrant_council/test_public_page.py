"""The public council page: mandate, current members, published agendas and minutes, adopted opinions and
the way to write to the council — and nothing private: no drafts, no e-mail addresses, no votes or
attendance by person. Its query count does not grow with the council's records."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext, override
from PIL import Image as PILImage
from wagtail.images import get_image_model

from migrant_council.models import (
    Attendance,
    AttendanceStatus,
    Ballot,
    Choice,
    Role,
)

from .conftest import adopt, make_draft, make_meeting, make_member, make_membership, make_opinion, text_of

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 30  # the site chrome (menu, languages, page tree) takes about 18


def make_photo(name="photo.png", size=(300, 300)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=name, file=SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
    )


# --- what the page shows ------------------------------------------------------------------------------


def test_page_shows_mandate_current_members_and_the_way_to_write(client, council_page, member):
    make_membership(
        None,
        name="Oksana Kovalenko",
        invited_email="oksana@example.org",
        organisation="Fundacja Nasz Wybór",
        languages="ukraiński, polski",
        role=Role.VICE_CHAIR,
    )
    page = text_of(client.get(council_page.url))

    assert "Rada doradza prezydentowi miasta" in page
    assert "Halyna" in page and "Oksana Kovalenko" in page
    assert "Fundacja Nasz Wybór" in page and "ukraiński, polski" in page
    # Chair first, then the vice-chair.
    assert page.index("Halyna") < page.index("Oksana Kovalenko")
    assert council_page.url + "write/" in page
    assert "Napisz do nas w dowolnym z czterech języków." in page
    assert page.count("<h1") == 1


def test_members_whose_term_ended_was_removed_or_has_not_started_are_not_listed(
    client, council_page, member, expired_member, removed_member
):
    make_membership(None, name="Przyszły Członek", days_served=-10, days_left=300)
    page = text_of(client.get(council_page.url))
    assert "Halyna" in page
    for name in ("Piotr", "Amina", "Przyszły Członek"):
        assert name not in page


def test_member_photo_is_a_rendition_with_the_members_name_as_text_alternative(client, council_page):
    make_membership(None, name="Ali Hassan", photo=make_photo())
    page = text_of(client.get(council_page.url))
    assert 'alt="Ali Hassan"' in page
    assert "fill-240x240" in page  # a rendition, not the uploaded original
    assert "original_images" not in page


def test_upcoming_meeting_shows_its_published_agenda_only(client, council_page):
    make_meeting(
        title="Czerwcowe posiedzenie", agenda=("Budżet obywatelski", "Sprawy różne"), agenda_published=True
    )
    make_meeting(title="Tajne planowanie", agenda=("Nie do publikacji",), days=10)
    page = text_of(client.get(council_page.url))
    assert "Czerwcowe posiedzenie" in page
    assert page.index("Budżet obywatelski") < page.index("Sprawy różne")
    assert "Tajne planowanie" not in page and "Nie do publikacji" not in page


def test_online_link_of_a_meeting_stays_with_the_members(client, council_page):
    make_meeting(
        title="Zdalne posiedzenie", agenda_published=True, online_link="https://meet.example.org/tajny-pokoj"
    )
    page = text_of(client.get(council_page.url))
    assert "Zdalne posiedzenie" in page
    assert "tajny-pokoj" not in page


def test_past_meeting_shows_published_minutes_only(client, council_page):
    make_meeting(
        days=-20,
        title="Marcowe posiedzenie",
        agenda_published=True,
        minutes="Rada omówiła projekt polityki.",
        minutes_published_at=timezone.now() - datetime.timedelta(days=15),
    )
    make_meeting(
        days=-10, title="Kwietniowe posiedzenie", agenda_published=True, minutes="Jeszcze nie do publikacji."
    )
    page = text_of(client.get(council_page.url))
    assert "Marcowe posiedzenie" in page and "Rada omówiła projekt polityki." in page
    assert "Kwietniowe posiedzenie" in page
    assert "Jeszcze nie do publikacji." not in page


def test_adopted_opinion_links_to_its_text_and_adoption_date(client, council_page, secretariat):
    opinion = make_opinion("Opinia o mieszkaniach", secretariat)
    page = text_of(client.get(council_page.url))
    url = f"{council_page.url}opinions/{opinion.pk}/"
    assert url in page
    assert opinion.adopted_on.isoformat() in page

    detail = client.get(url)
    assert detail.status_code == 200
    body = text_of(detail)
    assert "Opinia o mieszkaniach" in body and "Tekst opinii." in body and "Wnioski" in body
    with override("pl"):
        totals = gettext("%(votes_for)s for, %(against)s against, %(abstain)s abstaining") % {
            "votes_for": 4,
            "against": 1,
            "abstain": 0,
        }
    assert totals in body


def test_unknown_opinion_is_not_found(client, council_page):
    assert client.get(f"{council_page.url}opinions/999/").status_code == 404


def test_page_shows_nothing_private(client, council_page, member, draft, secretariat):
    """Drafts, e-mail addresses, votes by person and attendance by person never appear in public."""
    seat = member.council_memberships.get()
    meeting = make_meeting(
        days=-3,
        title="Posiedzenie z obecnością",
        agenda=("Projekt opinii",),
        draft=draft,
        agenda_published=True,
        minutes="Protokół.",
        minutes_published_at=timezone.now(),
    )
    Attendance.objects.create(meeting=meeting, membership=seat, status=AttendanceStatus.EXCUSED)
    vote = adopt(make_draft("Przyjęta opinia"))
    Ballot.objects.create(vote=vote, membership=seat, choice=Choice.AGAINST)

    page = text_of(client.get(council_page.url))
    assert "Halyna" in page
    assert draft.title not in page  # the draft named in the agenda stays private
    assert member.email not in page and seat.invited_email not in page
    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Przyjęta opinia" not in page  # adopted but not published
    for private in ("excused", "usprawiedliw", "against", "przeciw"):
        assert private not in page.lower()


def test_page_is_translatable_and_served_in_each_language(client, council_page, translated_home, member):
    ukrainian = council_page.copy_for_translation(translated_home["uk"].locale)
    ukrainian.title = "Рада мігрантів"
    ukrainian.save_revision().publish()
    response = client.get(ukrainian.url)
    assert response.status_code == 200
    page = text_of(response)
    assert "Рада мігрантів" in page and "Halyna" in page
    assert 'lang="uk"' in page


# --- queries ------------------------------------------------------------------------------------------


def _queries_for(client, url):
    client.get(url)  # warm per-process caches and create renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_council_records(count, secretariat):
    for index in range(count):
        make_membership(
            None, name=f"Członek {index}", invited_email=f"c{index}@example.org", photo=make_photo()
        )
        make_meeting(title=f"Przyszłe {index}", days=index + 1, agenda=("A", "B"), agenda_published=True)
        make_meeting(
            title=f"Minione {index}",
            days=-(index + 1),
            agenda=("A", "B"),
            agenda_published=True,
            minutes="Protokół.",
            minutes_published_at=timezone.now(),
        )
        make_opinion(f"Opinia {index}", secretariat)


def test_query_count_does_not_grow_with_members_meetings_and_opinions(
    client, council_page, secretariat, django_assert_max_num_queries
):
    _add_council_records(3, secretariat)
    few = _queries_for(client, council_page.url)
    _add_council_records(27, secretariat)
    many = _queries_for(client, council_page.url)
    assert many == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(council_page.url)


def test_opinion_page_query_count_is_constant(
    client, council_page, secretariat, django_assert_max_num_queries
):
    opinion = make_opinion("Opinia", secretariat)
    url = f"{council_page.url}opinions/{opinion.pk}/"
    few = _queries_for(client, url)
    for index in range(30):
        make_opinion(f"Inna {index}", secretariat)
    assert _queries_for(client, url) == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(url)


def test_an_expired_member_is_not_on_the_page_even_with_a_fresh_account(client, council_page):
    make_member("Zofia", days_left=-5, days_served=300)
    assert "Zofia" not in text_of(client.get(council_page.url))

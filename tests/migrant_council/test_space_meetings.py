"""The members' view of the council's meetings: the list (upcoming and past, with date, place or link and
whether the agenda is published) and a meeting's page (agenda items linked to the drafts they discuss,
attendance per member, minutes). For current members and the secretariat only, like the whole space."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from migrant_council.models import AgendaItem, Attendance, AttendanceStatus, Meeting

from .conftest import ENTER_SPACE, ROLES, make_membership

pytestmark = pytest.mark.django_db

MINUTES = "Rada omówiła projekt opinii i przyjęła harmonogram prac."
ONLINE = "https://meet.example.org/rada-tajne"


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"council_space:{name}", args=args)


def _login_redirect(response):
    with translation.override("en"):
        login = reverse("account_login")
    return response.status_code == 302 and response["Location"].startswith(f"{login}?next=")


def make_meeting(days, title="Posiedzenie rady", *, agenda=(), draft=None, **fields):
    """A meeting `days` from now (negative: in the past) at 17:00, with agenda items in order; every item
    discusses `draft` when given."""
    starts_at = (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    fields.setdefault("place", "Ratusz, sala 12")
    meeting = Meeting.objects.create(
        title=title, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **fields
    )
    for position, item in enumerate(agenda, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=item, draft=draft)
    return meeting


@pytest.fixture
def past_meeting(draft, member, other_members, expired_member):
    """Held five days ago, before `expired_member`'s term ended (yesterday): agenda (one item on the
    draft), attendance of some members, minutes not yet published."""
    meeting = make_meeting(
        -5,
        "Posiedzenie marcowe",
        agenda=("Otwarcie",),
        online_link=ONLINE,
        agenda_published=True,
        minutes=MINUTES,
    )
    AgendaItem.objects.create(meeting=meeting, position=2, title="Opinia o polityce", draft=draft)
    seats = {user: user.council_memberships.get() for user in (member, *other_members, expired_member)}
    for user, status in (
        (member, AttendanceStatus.PRESENT),
        (other_members[0], AttendanceStatus.ABSENT),
        (expired_member, AttendanceStatus.EXCUSED),
    ):
        Attendance.objects.create(meeting=meeting, membership=seats[user], status=status)
    return meeting


@pytest.fixture
def upcoming_meeting():
    return make_meeting(10, "Posiedzenie kwietniowe", agenda=("Budżet obywatelski",))


# --- who gets in ---------------------------------------------------------------------------------------

SECRETS = (MINUTES, ONLINE, "Posiedzenie marcowe", "Posiedzenie kwietniowe", "Opinia o polityce")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["meetings", "meeting"])
def test_who_sees_the_meetings(client, as_role, role, view, past_meeting, upcoming_meeting):
    url = _url(view) if view == "meetings" else _url(view, past_meeting.pk)
    as_role(role)

    response = client.get(url)

    content = response.content.decode()
    if role == "visitor":
        assert _login_redirect(response)
    elif role in ENTER_SPACE:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "Posiedzenie marcowe" in content
        if view == "meeting":
            assert MINUTES in content and ONLINE in content
    else:
        assert response.status_code == 403
        assert not any(secret in content for secret in SECRETS)


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ENTER_SPACE | {"visitor"}])
def test_no_one_outside_can_tell_whether_a_meeting_exists(client, as_role, role, past_meeting):
    as_role(role)

    existing = client.get(_url("meeting", past_meeting.pk))
    missing = client.get(_url("meeting", past_meeting.pk + 1000))

    assert existing.status_code == missing.status_code == 403
    assert "Posiedzenie marcowe" not in existing.content.decode()


def test_a_member_who_was_removed_loses_access_at_once(client, member, past_meeting):
    client.force_login(member)
    assert client.get(_url("meeting", past_meeting.pk)).status_code == 200

    member.council_memberships.update(removed_at=timezone.now())

    assert client.get(_url("meeting", past_meeting.pk)).status_code == 403


def test_a_member_without_two_factor_is_sent_to_set_it_up(client, settings, member, past_meeting):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(member)

    response = client.get(_url("meeting", past_meeting.pk))

    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"] == reverse("account_mfa_required")


def test_an_unknown_meeting_is_not_found_for_members(client, member):
    client.force_login(member)
    assert client.get(_url("meeting", 999_999)).status_code == 404


def test_the_space_links_to_the_meetings(client, member):
    client.force_login(member)

    content = client.get(_url("dashboard")).content.decode()
    assert f'href="{_url("meetings")}"' in content

    content = client.get(_url("meetings")).content.decode()
    assert f'<a href="{_url("meetings")}" aria-current="page">' in content


# --- the list ----------------------------------------------------------------------------------------


def test_the_list_shows_upcoming_then_past_meetings(client, member):
    later = make_meeting(20, "Za trzy tygodnie", place="", online_link="https://meet.example.org/a")
    sooner = make_meeting(3, "Za trzy dni", agenda=("A", "B"), agenda_published=True)
    recent = make_meeting(-2, "Przedwczoraj", minutes="Protokół", minutes_published_at=timezone.now())
    older = make_meeting(-30, "Miesiąc temu", minutes="Szkic protokołu")
    oldest = make_meeting(-60, "Dwa miesiące temu")
    client.force_login(member)

    content = client.get(_url("meetings")).content.decode()

    titles = [meeting.title for meeting in (sooner, later, recent, older, oldest)]
    positions = [content.index(title) for title in titles]
    assert positions == sorted(positions)
    assert content.index("Upcoming meetings") < positions[0] < content.index("Past meetings") < positions[2]
    assert 'href="https://meet.example.org/a"' in content
    assert "Ratusz, sala 12" in content
    rows = {title: content[content.index(title) :].split("</tr>")[0] for title in titles}
    assert "2 items, published" in rows["Za trzy dni"]
    assert "0 items, not published" in rows["Za trzy tygodnie"]
    assert "Minutes" not in content[: content.index("Past meetings")]
    assert "<td>published</td>" in rows["Przedwczoraj"]
    assert "written, not published" in rows["Miesiąc temu"]
    assert "not written yet" in rows["Dwa miesiące temu"]
    for meeting in (sooner, later, recent, older, oldest):
        assert f'href="{_url("meeting", meeting.pk)}"' in content


def test_the_list_says_when_there_are_no_meetings(client, secretariat):
    client.force_login(secretariat)

    content = client.get(_url("meetings")).content.decode()

    assert "No meeting is planned yet." in content
    assert "No meeting has taken place yet." in content
    assert "<table" not in content


def test_past_meetings_come_in_pages(client, member):
    for index in range(25):
        make_meeting(-(index + 1), f"Spotkanie {index:02d}")
    client.force_login(member)

    first = client.get(_url("meetings")).content.decode()
    second = client.get(_url("meetings") + "?page=2").content.decode()

    assert "Spotkanie 00" in first and "Spotkanie 19" in first and "Spotkanie 20" not in first
    assert "Spotkanie 20" in second and "Spotkanie 24" in second and "Spotkanie 00" not in second
    assert "Page 1 of 2" in first


# --- a meeting -----------------------------------------------------------------------------------------


def test_a_meeting_shows_its_agenda_with_links_to_the_drafts(client, member, past_meeting, draft):
    client.force_login(member)

    content = client.get(_url("meeting", past_meeting.pk)).content.decode()

    assert content.count("<h1>") == 1
    assert content.index("Otwarcie") < content.index("Opinia o polityce")
    assert f'<a href="{_url("draft", draft.pk)}">{draft.title}</a>' in content
    assert "The agenda is published on the public council page." in content


def test_attendance_of_every_member_of_the_day(client, member, other_members, expired_member, past_meeting):
    client.force_login(member)

    content = client.get(_url("meeting", past_meeting.pk)).content.decode()

    table = content[content.index('id="attendance-heading"') : content.index('id="minutes-heading"')]

    def row(name):
        return table[table.index(f"{name}") :].split("</tr>")[0]

    assert "<td>present</td>" in row("Halyna")
    assert ">you<" in row("Halyna")
    assert "<td>absent</td>" in row("Ihor")
    assert "<td>excused</td>" in row("Piotr")  # a member on the day of the meeting, whose term ended since
    assert "<td>not recorded</td>" in row("Maria")
    assert "Present: 1" in table and "Absent: 1" in table and "Excused: 1" in table
    assert "Seen by the council and the secretariat only." in table


def test_members_read_minutes_not_yet_published(client, member, past_meeting):
    client.force_login(member)

    content = client.get(_url("meeting", past_meeting.pk)).content.decode()

    assert MINUTES in content
    assert "Not published yet: only the council sees them." in content

    past_meeting.minutes_published_at = timezone.now()
    past_meeting.save()
    content = client.get(_url("meeting", past_meeting.pk)).content.decode()
    assert "Published on the public council page on" in content


def test_an_upcoming_meeting_has_no_attendance_or_minutes_yet(client, member, upcoming_meeting):
    client.force_login(member)

    content = client.get(_url("meeting", upcoming_meeting.pk)).content.decode()

    assert "Upcoming meeting" in content
    assert "The secretariat records who attended after the meeting." in content
    assert "The minutes are written after the meeting." in content
    assert "The agenda is not published: only the council sees it." in content
    assert "<td>not recorded</td>" not in content


def test_only_the_secretariat_is_offered_to_manage_the_meeting(client, member, secretariat, past_meeting):
    manage = reverse("council_admin:meeting_detail", args=[past_meeting.pk])

    client.force_login(member)
    assert manage not in client.get(_url("meeting", past_meeting.pk)).content.decode()

    client.force_login(secretariat)
    assert manage in client.get(_url("meeting", past_meeting.pk)).content.decode()


# --- queries -------------------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_meetings(count, draft, start=0):
    """`count` past meetings and `count` upcoming ones, each with agenda items on the draft."""
    for index in range(start, start + count):
        make_meeting(-(index + 1), f"Przeszłe {index}", agenda=("A", "B"), draft=draft, minutes="P")
        make_meeting(index + 1, f"Przyszłe {index}", agenda=("C",), draft=draft, online_link=ONLINE)


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_the_list_runs_the_same_queries_for_3_or_30_meetings(
    client, request, role, draft, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    url = _url("meetings")
    _add_meetings(3, draft)
    few = _queries(client, url)

    _add_meetings(27, draft, start=3)

    assert _queries(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_a_meeting_runs_the_same_queries_for_5_or_50_members(
    client, request, role, draft, django_assert_max_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    meeting = make_meeting(-1, agenda=("A", "B", "C"), draft=draft, minutes=MINUTES)
    url = _url("meeting", meeting.pk)

    def add_members(count, start):
        for index in range(start, start + count):
            seat = make_membership(UserFactory(display_name=f"M{index}"), name=f"Osoba {index}")
            Attendance.objects.create(meeting=meeting, membership=seat, status=AttendanceStatus.PRESENT)

    add_members(5, 0)
    few = _queries(client, url)

    add_members(45, 5)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=4 + index, title=f"X{index}", draft=draft) for index in range(20)
    )

    content = client.get(url).content.decode()
    assert "Osoba 49" in content and "X19" in content
    assert _queries(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)

"""Meetings run by the secretariat: date, place or link, agenda items linked to drafts (in order),
attendance of the members, minutes, publishing the agenda and the minutes, and e-mails to the current
members in each one's language."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override

from migrant_council.models import AgendaItem, Attendance, AttendanceStatus, Meeting
from migrant_council.services import meetings

from .conftest import make_meeting, make_member, make_membership, text_of

pytestmark = pytest.mark.django_db


def soon(days=7, hour=17):
    return (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def schedule(secretariat, **fields):
    values = {"title": "Posiedzenie rady", "starts_at": soon(), "place": "Ratusz, sala 12"}
    values.update(fields)
    return meetings.create_meeting(secretariat, **values)


def month_in(language, moment):
    with override(language):
        return date_format(timezone.localtime(moment), "j E Y")


# --- e-mails ------------------------------------------------------------------------------------------


def test_scheduling_emails_every_current_member_in_their_language(
    secretariat, member, expired_member, removed_member
):
    ukrainian = make_member("Oleh", preferred_language="uk")
    russian = make_member("Irina", preferred_language="ru")
    make_membership(None, invited_email="notyet@example.org")  # invited, no account yet
    meeting = schedule(secretariat, agenda=[{"title": "Budżet 2027"}, {"title": "Sprawy różne"}])

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {member.email, ukrainian.email, russian.email}
    for user, language in ((member, "pl"), (ukrainian, "uk"), (russian, "ru")):
        message = by_address[user.email]
        assert month_in(language, meeting.starts_at) in message.subject
        assert month_in(language, meeting.starts_at) in message.body
        assert "Ratusz, sala 12" in message.body
        assert message.body.index("Budżet 2027") < message.body.index("Sprawy różne")
    assert month_in("uk", meeting.starts_at) != month_in("pl", meeting.starts_at)


def test_the_email_gives_the_online_link_and_the_members_space(secretariat, member):
    schedule(secretariat, place="", online_link="https://meet.example.org/rada")
    body = mail.outbox[0].body
    assert "https://meet.example.org/rada" in body
    with override(member.preferred_language):
        assert reverse("council_space:dashboard") in body


def test_changing_the_time_of_a_coming_meeting_tells_the_members(secretariat, member):
    meeting = schedule(secretariat)
    mail.outbox.clear()
    meetings.update_meeting(secretariat, meeting, starts_at=soon(days=8))
    assert len(mail.outbox) == 1
    with override("pl"):
        assert gettext(
            "the date, time or place of a council meeting has changed. This is the meeting now:"
        ) in (mail.outbox[0].body)


def test_changing_only_the_title_or_a_past_meeting_tells_nobody(secretariat, member):
    meeting = schedule(secretariat)
    mail.outbox.clear()
    meetings.update_meeting(secretariat, meeting, title="Nowy tytuł")
    past = make_meeting(days=-3)
    meetings.update_meeting(secretariat, past, place="Inna sala")
    assert mail.outbox == []


# --- validation, agenda ------------------------------------------------------------------------------


def test_a_meeting_needs_a_place_or_a_link(secretariat):
    with pytest.raises(ValidationError) as refused:
        schedule(secretariat, place="  ", online_link="")
    assert "place" in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_end_before_it_starts(secretariat):
    with pytest.raises(ValidationError) as refused:
        schedule(secretariat, ends_at=soon(hour=15))
    assert "ends_at" in refused.value.message_dict


def test_agenda_keeps_the_order_given_and_links_drafts(secretariat, draft):
    meeting = schedule(secretariat, agenda=[{"title": "A"}, {"title": "B", "draft": draft}])
    first, second = meeting.agenda_items.order_by("position")
    assert (first.title, second.title, second.draft) == ("A", "B", draft)

    kept = meetings.set_agenda(
        secretariat, meeting, [{"pk": second.pk, "title": "B", "draft": draft}, {"title": "C"}]
    )
    assert [item.title for item in meeting.agenda_items.order_by("position")] == ["B", "C"]
    assert kept[0].pk == second.pk  # kept, not recreated
    assert not AgendaItem.objects.filter(pk=first.pk).exists()


# --- attendance ---------------------------------------------------------------------------------------


def test_attendance_is_recorded_for_members_whose_term_includes_the_meeting_day(
    secretariat, member, expired_member, removed_member
):
    meeting = make_meeting(days=0)  # today: the expired term ended yesterday
    rows = meetings.attendance_rows(meeting)
    assert [membership.user for membership, _status in rows] == [member]
    # At a meeting during his term, the member whose term has since ended is listed.
    earlier = [row[0].user for row in meetings.attendance_rows(make_meeting(days=-2))]
    assert earlier == [member, expired_member]

    seat = member.council_memberships.get()
    meetings.record_attendance(secretariat, meeting, {seat.pk: AttendanceStatus.EXCUSED})
    assert Attendance.objects.get().status == AttendanceStatus.EXCUSED
    meetings.record_attendance(secretariat, meeting, {seat.pk: AttendanceStatus.PRESENT})
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT  # changed, not doubled
    meetings.record_attendance(secretariat, meeting, {seat.pk: ""})
    assert not Attendance.objects.exists()

    with pytest.raises(ValidationError):
        meetings.record_attendance(
            secretariat, meeting, {removed_member.council_memberships.get().pk: AttendanceStatus.PRESENT}
        )
    with pytest.raises(ValidationError):
        meetings.record_attendance(secretariat, meeting, {seat.pk: "asleep"})


def test_attendance_form_has_a_radio_group_per_member(client, secretariat, member, other_members):
    meeting = make_meeting(days=-1)
    client.force_login(secretariat)
    url = reverse("council_admin:meeting_attendance", args=[meeting.pk])
    page = text_of(client.get(url))
    assert page.count("<fieldset") == 4
    assert "<legend>Halyna" in page
    seats = {user.display_name: user.council_memberships.get() for user in [member, *other_members]}
    data = {f"member_{seats['Halyna'].pk}": "present", f"member_{seats['Maria'].pk}": "excused"}
    assert client.post(url, data).status_code == 302
    assert dict(Attendance.objects.values_list("membership__name", "status")) == {
        "Halyna": "present",
        "Maria": "excused",
    }
    response = client.post(url, {f"member_{seats['Halyna'].pk}": "asleep"})
    with override("pl"):
        assert gettext("Please choose present, absent or excused.") in text_of(response)


# --- minutes and publishing ----------------------------------------------------------------------------


def test_minutes_are_public_only_once_published(client, council_page, secretariat):
    meeting = make_meeting(days=-5, title="Majowe posiedzenie", agenda_published=True)
    client.force_login(secretariat)
    client.post(
        reverse("council_admin:meeting_minutes", args=[meeting.pk]), {"minutes": "Rada przyjęła plan."}
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "Rada przyjęła plan." and meeting.minutes_published_at is None
    assert "Rada przyjęła plan." not in text_of(client.get(council_page.url))

    publish = reverse("council_admin:meeting_publish", args=[meeting.pk])
    client.post(publish, {"part": "minutes", "publish": "1"})
    assert "Rada przyjęła plan." in text_of(client.get(council_page.url))

    client.post(publish, {"part": "minutes", "publish": "0"})
    assert "Rada przyjęła plan." not in text_of(client.get(council_page.url))


def test_empty_minutes_cannot_be_published(client, secretariat):
    meeting = make_meeting(days=-5)
    with pytest.raises(ValidationError):
        meetings.publish_minutes(secretariat, meeting)
    client.force_login(secretariat)
    response = client.post(
        reverse("council_admin:meeting_publish", args=[meeting.pk]),
        {"part": "minutes", "publish": "1"},
        follow=True,
    )
    with override("pl"):
        assert gettext("Write the minutes before publishing them.") in text_of(response)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_minutes_too_long_are_refused_with_a_message(client, secretariat):
    meeting = make_meeting(days=-5)
    client.force_login(secretariat)
    response = client.post(
        reverse("council_admin:meeting_minutes", args=[meeting.pk]), {"minutes": "x" * 20_001}
    )
    assert response.status_code == 200
    with override("pl"):
        expected = gettext("Please keep it to %(limit_value)d characters (it has %(show_value)d).") % {
            "limit_value": 20_000,
            "show_value": 20_001,
        }
    assert expected in text_of(response)
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_publishing_the_agenda_puts_it_on_the_public_page(client, council_page, secretariat):
    meeting = make_meeting(title="Lipcowe posiedzenie", agenda=("Mieszkania komunalne",))
    client.force_login(secretariat)
    assert "Mieszkania komunalne" not in text_of(client.get(council_page.url))
    client.post(
        reverse("council_admin:meeting_publish", args=[meeting.pk]), {"part": "agenda", "publish": "1"}
    )
    assert "Mieszkania komunalne" in text_of(client.get(council_page.url))


# --- the meeting form -----------------------------------------------------------------------------------


def meeting_form_data(**overrides):
    data = {
        "title": "Wrześniowe posiedzenie",
        "starts_at": soon().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
        "place": "Ratusz",
        "online_link": "",
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "50",
        "agenda-0-title": "Drugi punkt",
        "agenda-0-position": "2",
        "agenda-1-title": "Pierwszy punkt",
        "agenda-1-position": "1",
    }
    data.update(overrides)
    return data


def test_scheduling_through_the_form_orders_the_agenda_by_number(client, secretariat, member, draft):
    client.force_login(secretariat)
    response = client.post(
        reverse("council_admin:meeting_create"), meeting_form_data(**{"agenda-0-draft": str(draft.pk)})
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    items = list(meeting.agenda_items.order_by("position"))
    assert [item.title for item in items] == ["Pierwszy punkt", "Drugi punkt"]
    assert items[1].draft == draft
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Please give the meeting a title."),
        ({"starts_at": ""}, "Please give the date and time the meeting starts."),
        ({"starts_at": "jutro"}, "Please enter a date and time like 2026-09-30 17:00."),
        ({"place": "", "online_link": ""}, "Please give a place, a link to join online, or both."),
        (
            {"online_link": "not a link"},
            "Please enter a full web address, like https://meet.example.org/council.",
        ),
        ({"ends_at": "2000-01-01T10:00"}, "The meeting cannot end before it starts."),
        # A row with only its number filled in asks for the item.
        ({"agenda-0-title": ""}, "Please describe the agenda item, or leave the whole row empty."),
        ({"agenda-2-draft": "999999"}, "Please choose one of the drafts in the list."),
        ({"agenda-0-position": "0"}, "Please enter a number from 1 to 999."),
    ],
)
def test_meeting_form_explains_each_invalid_input(client, secretariat, overrides, message):
    client.force_login(secretariat)
    response = client.post(reverse("council_admin:meeting_create"), meeting_form_data(**overrides))
    assert response.status_code == 200
    with override("pl"):
        assert gettext(message) in text_of(response)
    assert not Meeting.objects.exists()
    assert mail.outbox == []


def test_editing_the_agenda_deletes_and_reorders_items(client, secretariat):
    meeting = make_meeting(agenda=("A", "B", "C"))
    a, b, c = meeting.agenda_items.order_by("position")
    client.force_login(secretariat)
    url = reverse("council_admin:meeting_edit", args=[meeting.pk])
    assert 'value="B"' in text_of(client.get(url))
    data = meeting_form_data(
        title=meeting.title,
        **{
            "agenda-TOTAL_FORMS": "6",
            "agenda-INITIAL_FORMS": "3",
            "agenda-0-item_id": a.pk,
            "agenda-0-title": "A",
            "agenda-0-position": "3",
            "agenda-1-item_id": b.pk,
            "agenda-1-title": "B",
            "agenda-1-position": "2",
            "agenda-1-DELETE": "on",
            "agenda-2-item_id": c.pk,
            "agenda-2-title": "C",
            "agenda-2-position": "1",
        },
    )
    assert client.post(url, data).status_code == 302
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == ["C", "A"]


# --- query counts ----------------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _add_meetings(count, draft):
    for index in range(count):
        make_meeting(days=index + 1, title=f"P{index}", agenda=("A", "B"), draft=draft)
        make_meeting(days=-(index + 1), title=f"M{index}", agenda=("A",))


def test_meeting_list_query_count_is_constant(client, secretariat, draft, django_assert_max_num_queries):
    client.force_login(secretariat)
    url = reverse("council_admin:meetings")
    _add_meetings(3, draft)
    few = _queries(client, url)
    _add_meetings(27, draft)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)


def test_meeting_detail_query_count_is_constant(client, secretariat, draft, django_assert_max_num_queries):
    client.force_login(secretariat)
    meeting = make_meeting(days=-1, agenda=("A",) * 3, draft=draft)
    url = reverse("council_admin:meeting_detail", args=[meeting.pk])
    for index in range(3):
        make_member(f"M{index}")
    few = _queries(client, url)
    for index in range(27):
        make_member(f"N{index}")
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=4 + index, title=f"X{index}", draft=draft) for index in range(27)
    )
    assert _queries(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)

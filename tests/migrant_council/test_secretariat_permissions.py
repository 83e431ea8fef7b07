"""Who gets into each page built here. The secretariat's pages are for the "Council secretariat" group
only: council members (current, expired, removed), editors, moderators, analysts, the ombudsperson,
residents and superusers get 403, visitors are sent to log in. The public council pages are for
everyone."""

import pytest
from django.urls import reverse

from citysite.accounts.factories import UserFactory
from migrant_council import secretariat_appointments
from migrant_council.models import AgendaItem, Meeting, Membership, Opinion, VotingRules

from .conftest import ROLES, make_membership
from .test_public_page import adopt, council_page_fixture, default_language, make_meeting, make_opinion  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

ALLOWED = {"secretariat"}

PAGES = [
    ("home", None),
    ("members", None),
    ("invite", None),
    ("member_edit", "seat"),
    ("member_remove", "seat"),
    ("meetings", None),
    ("meeting_create", None),
    ("meeting_detail", "meeting"),
    ("meeting_edit", "meeting"),
    ("meeting_attendance", "meeting"),
    ("meeting_minutes", "meeting"),
    ("opinions", None),
    ("voting_rules", None),
]


@pytest.fixture
def records(db, draft):
    seat = make_membership(None, name="Zaproszona", invited_email="invited@example.org")
    meeting = make_meeting(days=3, agenda=("Punkt",), draft=draft)
    return {"seat": seat, "meeting": meeting}


def url_of(name, arg, records):
    args = [records[arg].pk] if arg else []
    return reverse(f"council_secretariat:{name}", args=args)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_secretariat_pages(client, as_role, records, role, name, arg):
    user = as_role(role)
    url = url_of(name, arg, records)
    response = client.get(url)
    if role in ALLOWED:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    elif user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


def _post_actions(records, draft):
    meeting, seat = records["meeting"], records["seat"]
    return [
        (reverse("council_secretariat:invite"), {"name": "X", "email": "x@example.org"}),
        (reverse("council_secretariat:member_edit", args=[seat.pk]), {"name": "Zmienione"}),
        (reverse("council_secretariat:member_remove", args=[seat.pk]), {}),
        (reverse("council_secretariat:meeting_create"), {"title": "X"}),
        (reverse("council_secretariat:meeting_edit", args=[meeting.pk]), {"title": "Zmienione"}),
        (reverse("council_secretariat:meeting_attendance", args=[meeting.pk]), {}),
        (reverse("council_secretariat:meeting_minutes", args=[meeting.pk]), {"minutes": "Zmienione"}),
        (
            reverse("council_secretariat:meeting_publish", args=[meeting.pk]),
            {"part": "agenda", "publish": "1"},
        ),
        (reverse("council_secretariat:opinion_publish", args=[draft.pk]), {}),
        (reverse("council_secretariat:voting_rules"), {"quorum_percent": "10", "majority": "simple"}),
    ]


def _state():
    return (
        list(Membership.objects.values_list("pk", "name", "removed_at")),
        list(Meeting.objects.values_list("pk", "title", "minutes", "agenda_published")),
        AgendaItem.objects.count(),
        Opinion.objects.count(),
        VotingRules.objects.count(),
    )


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ALLOWED])
def test_nobody_else_can_change_anything(client, as_role, records, draft, role):
    adopt(draft)
    user = as_role(role)
    before = _state()
    for url, data in _post_actions(records, draft):
        response = client.post(url, data)
        assert response.status_code == (302 if user is None else 403), url
    assert _state() == before


def test_the_secretariat_can_post_every_action(client, secretariat, records, draft):
    adopt(draft)
    client.force_login(secretariat)
    for url, data in _post_actions(records, draft):
        assert client.post(url, data).status_code in {200, 302}, url
    assert Opinion.objects.count() == 1
    assert Meeting.objects.get(pk=records["meeting"].pk).agenda_published


@pytest.mark.parametrize("role", ROLES)
def test_public_council_pages_are_open_to_everyone(client, as_role, council_page, secretariat, role):
    opinion = make_opinion("Opinia publiczna", secretariat)
    as_role(role)
    for url in (council_page.url, council_page.url + "write/", f"{council_page.url}opinions/{opinion.pk}/"):
        assert client.get(url).status_code == 200, url


def test_superuser_in_the_secretariat_group_gets_in_by_the_group(client):
    user = UserFactory(is_superuser=True, is_staff=True, groups=["Council secretariat"])
    client.force_login(user)
    assert client.get(reverse("council_secretariat:home")).status_code == 200


def test_an_inactive_secretary_is_refused(client, secretariat):
    client.force_login(secretariat)
    secretariat.is_active = False
    secretariat.save()
    response = client.get(reverse("council_secretariat:home"))
    assert response.status_code == 302  # an inactive account is signed out: off to log in
    assert response["Location"].startswith(reverse("account_login"))


def test_pages_answer_in_every_language(client, secretariat, records):
    client.force_login(secretariat)
    for prefix in ("", "/en", "/uk", "/ru"):
        response = client.get(f"{prefix}/council/secretariat/meetings/")
        assert response.status_code == 200
        assert f'lang="{prefix.strip("/") or "pl"}"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "path"), [("secretariat", "council_secretariat:home"), ("member", "council_space:dashboard")]
)
def test_council_staff_without_two_factor_are_sent_to_set_it_up(client, settings, request, role, path):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(path))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_mfa_required")


def test_removed_member_of_the_secretariat_group_loses_the_pages_at_once(client, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("council_secretariat:home")).status_code == 200
    secretariat_appointments.dismiss(secretariat, by=UserFactory(), reason="Left the city")
    assert client.get(reverse("council_secretariat:home")).status_code == 403


def test_secretary_sees_private_records_the_public_does_not(client, secretariat, records, council_page):
    meeting = records["meeting"]
    meeting.online_link = "https://meet.example.org/tajne"
    meeting.agenda_published = True
    meeting.minutes = "Roboczy protokół"
    meeting.save()
    client.force_login(secretariat)
    detail = client.get(reverse("council_secretariat:meeting_detail", args=[meeting.pk])).content.decode()
    assert "https://meet.example.org/tajne" in detail and "Roboczy protokół" in detail
    client.logout()
    public = client.get(council_page.url).content.decode()
    assert "tajne" not in public and "Roboczy protokół" not in public
    assert "Punkt" in public  # the published agenda of the coming meeting shows

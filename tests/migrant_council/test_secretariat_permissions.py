"""Who gets into each page built here. The secretariat's screens in the Wagtail admin are for the
"Council secretariat" group only: editors, moderators, analysts, the ombudsperson and superusers are
sent back to the admin's dashboard; council members (current, expired, removed) and residents, who
have no way into the admin, and visitors are sent to log in. The former addresses under
/council/secretariat/ lead to the same screens. The public council pages are for everyone."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from citysite.accounts.factories import UserFactory
from migrant_council.models import AgendaItem, Meeting, Membership, Opinion, VotingRules
from migrant_council.services import secretariat_appointments

from .conftest import ROLES, adopt, make_meeting, make_membership, make_opinion

pytestmark = pytest.mark.django_db

ALLOWED = {"secretariat"}
# Roles that may use the Wagtail admin at all (the others are sent to log in before any rule is asked).
ADMIN_USERS = {"editor", "moderator", "analyst", "ombudsperson", "superuser"}

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
    return reverse(f"council_admin:{name}", args=args)


def assert_kept_out(response, role):
    if role in ADMIN_USERS:
        # Wagtail answers a refusal inside the admin by sending the person to its dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def assert_no_way_into_the_secretariat(client):
    """Out of the group, out of the admin: sent to log in, and the screens show nothing."""
    response = client.get(reverse("council_admin:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_secretariat_pages(client, as_role, records, role, name, arg):
    as_role(role)
    url = url_of(name, arg, records)
    assert url.startswith("/admin/council/")
    response = client.get(url)
    if role in ALLOWED:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    else:
        assert_kept_out(response, role)


@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_the_former_addresses_lead_to_the_admin_screens(client, secretariat, records, name, arg):
    client.force_login(secretariat)
    admin_url = url_of(name, arg, records)
    former = admin_url.replace("/admin/council/", "/council/secretariat/", 1)
    for prefix in ("", "/en", "/uk"):
        response = client.get(f"{prefix}{former}?show=past")
        assert response.status_code == 301
        assert response["Location"] == f"{admin_url}?show=past"


def _post_actions(records, draft):
    meeting, seat = records["meeting"], records["seat"]
    return [
        (reverse("council_admin:invite"), {"name": "X", "email": "x@example.org"}),
        (reverse("council_admin:member_edit", args=[seat.pk]), {"name": "Zmienione"}),
        (reverse("council_admin:member_remove", args=[seat.pk]), {}),
        (reverse("council_admin:meeting_create"), {"title": "X"}),
        (reverse("council_admin:meeting_edit", args=[meeting.pk]), {"title": "Zmienione"}),
        (reverse("council_admin:meeting_attendance", args=[meeting.pk]), {}),
        (reverse("council_admin:meeting_minutes", args=[meeting.pk]), {"minutes": "Zmienione"}),
        (
            reverse("council_admin:meeting_publish", args=[meeting.pk]),
            {"part": "agenda", "publish": "1"},
        ),
        (reverse("council_admin:opinion_publish", args=[draft.pk]), {}),
        (reverse("council_admin:voting_rules"), {"quorum_percent": "10", "majority": "simple"}),
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
    as_role(role)
    before = _state()
    for url, data in _post_actions(records, draft):
        assert_kept_out(client.post(url, data), role)
    assert _state() == before
    assert not ModelLogEntry.objects.filter(action__startswith="migrant_council.").exists()


def test_the_secretariat_can_post_every_action(client, secretariat, records, draft):
    adopt(draft)
    client.force_login(secretariat)
    for url, data in _post_actions(records, draft):
        assert client.post(url, data).status_code in {200, 302}, url
    assert Opinion.objects.count() == 1
    assert Meeting.objects.get(pk=records["meeting"].pk).agenda_published
    # Each change is in Wagtail's audit log, by the secretary.
    logged = set(ModelLogEntry.objects.filter(user=secretariat).values_list("action", flat=True))
    assert {
        "migrant_council.remove_member",
        "migrant_council.write_minutes",
        "migrant_council.publish_agenda",
        "migrant_council.publish_opinion",
        "migrant_council.change_voting_rules",
    } <= logged


def test_the_audit_log_names_the_change_in_words(client, secretariat, records):
    client.force_login(secretariat)
    client.post(reverse("council_admin:member_remove", args=[records["seat"].pk]))
    entry = ModelLogEntry.objects.get(action="migrant_council.remove_member")
    assert entry.object_id == str(records["seat"].pk) and entry.data == {"name": "Zaproszona"}
    with translation.override("en"):
        assert entry.message == "Removed from the council"


@pytest.mark.parametrize("role", [role for role in ROLES if role != "visitor"])
def test_only_the_secretariat_sees_the_council_in_the_admin_menu(request, role):
    menu_request = RequestFactory().get("/admin/")
    menu_request.user = request.getfixturevalue(role)
    names = {item.name for item in admin_menu.menu_items_for_request(menu_request)}
    assert ("council-secretariat" in names) == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_public_council_pages_are_open_to_everyone(client, as_role, council_page, secretariat, role):
    opinion = make_opinion("Opinia publiczna", secretariat)
    as_role(role)
    for url in (council_page.url, council_page.url + "write/", f"{council_page.url}opinions/{opinion.pk}/"):
        assert client.get(url).status_code == 200, url


def test_superuser_in_the_secretariat_group_gets_in_by_the_group(client):
    user = UserFactory(is_superuser=True, is_staff=True, groups=["Council secretariat"])
    client.force_login(user)
    assert client.get(reverse("council_admin:home")).status_code == 200


def test_an_inactive_secretary_is_refused(client, secretariat):
    client.force_login(secretariat)
    secretariat.is_active = False
    secretariat.save()
    response = client.get(reverse("council_admin:home"))
    assert response.status_code == 302  # an inactive account is signed out: off to log in
    assert response["Location"].startswith(reverse("account_login"))


def test_pages_answer_in_the_secretary_s_admin_language(client, secretariat, records):
    client.force_login(secretariat)
    for language in ("pl", "en", "uk", "ru"):
        profile = UserProfile.get_for_user(secretariat)
        profile.preferred_language = language
        profile.save()
        response = client.get(reverse("council_admin:meetings"))
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "path"), [("secretariat", "council_admin:home"), ("member", "council_space:dashboard")]
)
def test_council_staff_without_two_factor_are_sent_to_set_it_up(client, settings, request, role, path):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(path))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_mfa_required")


def test_removed_member_of_the_secretariat_group_loses_the_pages_at_once(client, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("council_admin:home")).status_code == 200
    secretariat_appointments.dismiss(secretariat, by=UserFactory(), reason="Left the city")
    assert_no_way_into_the_secretariat(client)


def test_secretary_sees_private_records_the_public_does_not(client, secretariat, records, council_page):
    meeting = records["meeting"]
    meeting.online_link = "https://meet.example.org/tajne"
    meeting.agenda_published = True
    meeting.minutes = "Roboczy protokół"
    meeting.save()
    client.force_login(secretariat)
    detail = client.get(reverse("council_admin:meeting_detail", args=[meeting.pk])).content.decode()
    assert "https://meet.example.org/tajne" in detail and "Roboczy protokół" in detail
    client.logout()
    public = client.get(council_page.url).content.decode()
    assert "tajne" not in public and "Roboczy protokół" not in public
    assert "Punkt" in public  # the published agenda of the coming meeting shows

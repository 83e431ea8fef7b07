"""The council's groups are protected (citysite.accounts.protected_groups): "Council members" follows the
seats the secretariat gives by invitation (membership.py), "Council secretariat" changes only through
`manage.py appoint_council_secretariat` / `dismiss_council_secretariat`. The Wagtail user editor offers
neither, and cannot put anyone in them — not even a superuser putting themselves in."""

import datetime
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from citysite.accounts.factories import UserFactory
from citysite.accounts.protected_groups import JOINED_ACTION, LEFT_ACTION, ProtectedGroupChange
from migrant_council.services import membership

from .test_secretariat_permissions import assert_no_way_into_the_secretariat

pytestmark = pytest.mark.django_db

COUNCIL_GROUPS = ["Council members", "Council secretariat"]
REASON = "Hired as the council's secretary"


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def user_form_data(user, groups):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": "Jan",
        "last_name": "Nowak",
        "is_active": "on",
        "groups": [group.pk for group in groups],
    }


@contextmanager
def refused():
    """The guard raises inside Django's own transaction: like a request, the test rolls back to here."""
    with pytest.raises(ProtectedGroupChange), transaction.atomic():
        yield


# --- the Wagtail user editor --------------------------------------------------------------------------------


@pytest.mark.parametrize("group_name", COUNCIL_GROUPS)
def test_the_user_editor_offers_neither_council_group(client, superuser, resident, group_name):
    client.force_login(superuser)

    response = client.get(reverse("wagtailusers_users:edit", args=[resident.pk]))

    assert not response.context["form"].fields["groups"].queryset.filter(name=group_name).exists()


@pytest.mark.parametrize("group_name", COUNCIL_GROUPS)
def test_a_superuser_cannot_add_someone_to_a_council_group(client, superuser, resident, group_name):
    client.force_login(superuser)
    group = Group.objects.get(name=group_name)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[resident.pk]), user_form_data(resident, [group])
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert group_names(resident) == set()


def test_a_superuser_cannot_put_a_second_account_of_their_own_into_the_secretariat(client, superuser, draft):
    second = UserFactory(email="second.account@example.org")
    client.force_login(superuser)
    secretariat = Group.objects.get(name="Council secretariat")

    client.post(reverse("wagtailusers_users:edit", args=[second.pk]), user_form_data(second, [secretariat]))

    assert group_names(second) == set()
    client.force_login(second)
    assert client.get(reverse("council_space:dashboard")).status_code == 403
    assert_no_way_into_the_secretariat(client)


def test_editing_a_member_in_the_user_editor_keeps_their_council_groups(
    client, superuser, member, secretariat
):
    client.force_login(superuser)
    editors = Group.objects.get(name="Editors")

    for user, kept in ((member, "Council members"), (secretariat, "Council secretariat")):
        response = client.post(
            reverse("wagtailusers_users:edit", args=[user.pk]), user_form_data(user, [editors])
        )
        assert response.status_code == 302
        assert group_names(user) == {kept, "Editors"}


@pytest.mark.parametrize("group_name", COUNCIL_GROUPS)
def test_code_outside_the_services_cannot_change_a_council_group(resident, member, secretariat, group_name):
    group = Group.objects.get(name=group_name)
    with refused():
        resident.groups.add(group)
    with refused():
        group.user_set.clear()

    assert group_names(resident) == set()
    assert group.user_set.count() == 1


# --- the invitation still gives the group ---------------------------------------------------------


def test_an_invitation_and_a_removal_change_the_members_group(secretariat, resident):
    today = timezone.localdate()

    seat = membership.invite(
        secretariat,
        "Olena",
        resident.email,
        term_start=today,
        term_end=today + datetime.timedelta(days=365),
    )
    assert group_names(resident) == {"Council members"}

    membership.remove(secretariat, seat)
    assert group_names(resident) == set()


# --- the secretariat's own procedure ------------------------------------------------------------


@pytest.fixture
def appointer(db):
    return UserFactory(email="mayor.office@example.org")


def appoint(email, by="mayor.office@example.org", reason=REASON):
    call_command("appoint_council_secretariat", email, by=by, reason=reason, stdout=None)


def test_appointing_to_the_secretariat_is_logged_with_its_author(client, appointer, resident, draft):
    appoint(resident.email)

    assert group_names(resident) == {"Council secretariat"}
    entry = ModelLogEntry.objects.get(action=JOINED_ACTION, object_id=str(resident.pk))
    assert entry.user_id == appointer.pk
    assert entry.data == {"group": "Council secretariat", "reason": REASON}
    client.force_login(resident)
    assert client.get(reverse("council_admin:home")).status_code == 200


def test_dismissing_from_the_secretariat_ends_access(client, appointer, secretariat, draft):
    call_command(
        "dismiss_council_secretariat",
        secretariat.email,
        by=appointer.email,
        reason="Left the city",
        stdout=None,
    )

    assert group_names(secretariat) == set()
    assert ModelLogEntry.objects.filter(action=LEFT_ACTION, object_id=str(secretariat.pk)).exists()
    client.force_login(secretariat)
    assert_no_way_into_the_secretariat(client)


@pytest.mark.parametrize(
    ("who", "by", "reason", "message"),
    [
        ("superuser", "mayor.office@example.org", REASON, "administrator"),
        ("resident", "mayor.office@example.org", "", "reason"),
        ("resident", "resident", REASON, "themselves"),
        ("resident", "unknown@example.org", REASON, "unknown@example.org"),
    ],
)
def test_refused_secretariat_appointments_say_why(request, appointer, who, by, reason, message):
    user = request.getfixturevalue(who)
    by = user.email if by == who else by

    with translation.override("en"), pytest.raises(CommandError, match=message):
        appoint(user.email, by=by, reason=reason)

    assert "Council secretariat" not in group_names(user)
    assert not ModelLogEntry.objects.filter(action=JOINED_ACTION).exists()

"""Who reads the cases: membership of the Ombudsperson group changes only through the audited appointment
(ombudsperson/appointments.py, `manage.py appoint_ombudsperson` / `dismiss_ombudsperson`), never through
the Wagtail user editor or a plain `user.groups.add`; reading cases needs two-factor authentication and an
account without administrator rights."""

from contextlib import contextmanager

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from citysite.access import may
from citysite.accounts.factories import UserFactory
from citysite.accounts.protected_groups import JOINED_ACTION, ProtectedGroupChange
from ombudsperson import appointments
from ombudsperson.models import AuditAction, CaseAuditEntry

pytestmark = pytest.mark.django_db

REASON = "Nominated by the city council, resolution 12/2025"


@pytest.fixture
def group():
    return Group.objects.get(name="Ombudsperson")


@pytest.fixture
def appointer():
    """The person who makes the change: an ordinary account, named in the audit log."""
    return UserFactory(email="director@example.org")


@pytest.fixture
def candidate():
    return UserFactory(email="candidate@example.org", preferred_language="uk")


@contextmanager
def refused():
    """The guard raises inside Django's own transaction: like a request, the test rolls back to here."""
    with pytest.raises(ProtectedGroupChange), transaction.atomic():
        yield


def may_handle_cases(user) -> bool:
    return may(user, "ombudsperson.handle_cases")


def in_group(user) -> bool:
    return user.groups.filter(name="Ombudsperson").exists()


def with_two_factor(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def inbox_status(client, user) -> int:
    client.force_login(user)
    return client.get(reverse("ombudsperson_handling:inbox")).status_code


# --- the Wagtail user editor ---------------------------------------------------------------------------


def user_form_data(user, groups):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": "Anna",
        "last_name": "Kowalska",
        "is_active": "on",
        "groups": [group.pk for group in groups],
    }


def test_the_user_editor_does_not_offer_the_group(client, superuser, candidate, group):
    client.force_login(superuser)

    response = client.get(reverse("wagtailusers_users:edit", args=[candidate.pk]))

    assert response.status_code == 200
    offered = response.context["form"].fields["groups"].queryset
    assert group not in offered
    assert offered.filter(name="Editors").exists()


def test_a_superuser_cannot_add_someone_through_the_user_editor(client, superuser, candidate, group):
    client.force_login(superuser)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[candidate.pk]), user_form_data(candidate, [group])
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not in_group(candidate)
    assert not CaseAuditEntry.objects.exists()


def test_a_superuser_cannot_create_an_account_in_the_group(client, superuser, group):
    client.force_login(superuser)
    data = user_form_data(UserFactory.build(username="second", email="second@example.org"), [group])

    response = client.post(reverse("wagtailusers_users:add"), data)

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not Group.objects.get(name="Ombudsperson").user_set.filter(username="second").exists()


def test_editing_an_ombudsperson_in_the_user_editor_keeps_them_in_the_group(client, superuser, ombudsperson):
    client.force_login(superuser)
    editors = Group.objects.get(name="Editors")

    response = client.post(
        reverse("wagtailusers_users:edit", args=[ombudsperson.pk]), user_form_data(ombudsperson, [editors])
    )

    assert response.status_code == 302
    assert set(ombudsperson.groups.values_list("name", flat=True)) == {"Ombudsperson", "Editors"}


# --- every other way in fails closed -----------------------------------------------------------------------


def test_adding_from_code_is_refused(candidate, group):
    with refused():
        candidate.groups.add(group)
    with refused():
        group.user_set.add(candidate)
    with refused():
        candidate.groups.set([group])
    assert not in_group(candidate)


def test_removing_from_code_is_refused(ombudsperson, group):
    with refused():
        ombudsperson.groups.remove(group)
    with refused():
        ombudsperson.groups.clear()
    with refused():
        group.user_set.clear()
    with refused():
        ombudsperson.delete()
    assert in_group(ombudsperson)


def test_the_group_cannot_be_renamed_or_deleted(group, ombudsperson):
    group.name = "Readers"
    with refused():
        group.save()
    with refused():
        Group.objects.get(name="Ombudsperson").delete()
    assert in_group(ombudsperson)


def test_other_groups_change_freely(candidate):
    candidate.groups.add(Group.objects.get(name="Editors"))
    candidate.groups.clear()
    assert not candidate.groups.exists()


# --- appointment -----------------------------------------------------------------------------------------


def test_appointing_through_the_command_audits_and_tells_every_ombudsperson(
    appointer, candidate, ombudsperson
):
    other = UserFactory(groups=["Ombudsperson"], email="second.ombudsperson@example.org")
    mail.outbox.clear()

    call_command(
        "appoint_ombudsperson", "candidate@example.org", by="director@example.org", reason=REASON, stdout=None
    )

    assert in_group(candidate)
    entry = CaseAuditEntry.objects.get(action=AuditAction.OMBUDSPERSON_APPOINTED)
    assert entry.user == appointer
    assert entry.detail == f"candidate@example.org: {REASON}"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([ombudsperson.email, other.email, candidate.email])
    body = mail.outbox[0].body
    assert "candidate@example.org" in body and "director@example.org" in body and REASON in body
    history = ModelLogEntry.objects.get(action=JOINED_ACTION, object_id=str(candidate.pk))
    assert (history.user_id, history.data) == (appointer.pk, {"group": "Ombudsperson", "reason": REASON})


def test_dismissing_audits_and_tells_the_dismissed_one_too(appointer, ombudsperson):
    colleague = UserFactory(groups=["Ombudsperson"])
    mail.outbox.clear()

    call_command(
        "dismiss_ombudsperson", ombudsperson.email, by=appointer.email, reason="End of term", stdout=None
    )

    assert not in_group(ombudsperson)
    entry = CaseAuditEntry.objects.get(action=AuditAction.OMBUDSPERSON_DISMISSED)
    assert (entry.user, entry.detail) == (appointer, f"{ombudsperson.email}: End of term")
    assert sorted(message.to[0] for message in mail.outbox) == sorted([ombudsperson.email, colleague.email])


def test_the_appointment_is_listed_in_the_audit_log_screen(client, appointer, candidate, ombudsperson):
    appointments.appoint(candidate, by=appointer, reason=REASON)
    client.force_login(ombudsperson)

    response = client.get(reverse("ombudsperson_handling:audit_log"), {"action": "ombudsperson_appointed"})

    assert response.status_code == 200
    assert f"candidate@example.org: {REASON}" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "arguments", "message"),
    [
        (
            "appoint_ombudsperson",
            ["nobody@example.org", "director@example.org", REASON],
            "nobody@example.org",
        ),
        (
            "appoint_ombudsperson",
            ["candidate@example.org", "nobody@example.org", REASON],
            "nobody@example.org",
        ),
        ("appoint_ombudsperson", ["candidate@example.org", "director@example.org", "  "], "reason"),
        ("appoint_ombudsperson", ["director@example.org", "director@example.org", REASON], "themselves"),
        (
            "dismiss_ombudsperson",
            ["candidate@example.org", "director@example.org", REASON],
            "not an ombudsperson",
        ),
    ],
)
def test_refused_changes_say_why_and_change_nothing(appointer, candidate, change, arguments, message):
    email, by, reason = arguments

    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command(change, email, by=by, reason=reason, stdout=None)

    assert not in_group(candidate) and not in_group(appointer)
    assert not CaseAuditEntry.objects.exists()
    assert not mail.outbox


def test_appointing_an_ombudsperson_twice_is_refused(appointer, ombudsperson):
    with translation.override("en"), pytest.raises(CommandError, match="already an ombudsperson"):
        call_command(
            "appoint_ombudsperson", ombudsperson.email, by=appointer.email, reason=REASON, stdout=None
        )


def test_a_superuser_cannot_be_appointed(appointer, superuser):
    with translation.override("en"), pytest.raises(CommandError, match="administrator"):
        call_command("appoint_ombudsperson", superuser.email, by=appointer.email, reason=REASON, stdout=None)
    assert not in_group(superuser)
    assert not CaseAuditEntry.objects.exists()


# --- what an appointee may read --------------------------------------------------------------------------


def test_an_appointee_without_two_factor_reads_no_case(client, appointer, candidate):
    appointments.appoint(candidate, by=appointer, reason=REASON)

    assert not may_handle_cases(candidate)
    assert inbox_status(client, candidate) == 403


def test_an_appointee_with_two_factor_reads_cases(client, appointer, candidate):
    appointments.appoint(with_two_factor(candidate), by=appointer, reason=REASON)

    assert may_handle_cases(candidate)
    assert inbox_status(client, candidate) == 200


def test_an_ombudsperson_who_removes_two_factor_loses_access(client, ombudsperson):
    assert inbox_status(client, ombudsperson) == 200
    Authenticator.objects.filter(user=ombudsperson).delete()
    assert inbox_status(client, ombudsperson) == 403


def test_an_ombudsperson_made_superuser_loses_access_at_once(client, superuser, ombudsperson):
    assert inbox_status(client, ombudsperson) == 200
    client.force_login(superuser)
    data = user_form_data(ombudsperson, []) | {"is_superuser": "on"}
    response = client.post(reverse("wagtailusers_users:edit", args=[ombudsperson.pk]), data)
    assert response.status_code == 302

    ombudsperson.refresh_from_db()
    assert ombudsperson.is_superuser and in_group(ombudsperson)
    assert not may_handle_cases(ombudsperson)
    assert inbox_status(client, ombudsperson) == 403


def test_a_superuser_in_the_group_with_two_factor_is_still_refused(client):
    user = with_two_factor(UserFactory(groups=["Ombudsperson"], is_superuser=True, is_staff=True))

    assert inbox_status(client, user) == 403

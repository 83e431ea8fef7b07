"""Membership run by the secretariat: invitations by e-mail (linked at once, or when the invited person
confirms the address), roles, terms and removal. A member whose term ended, or who was removed, loses
access at once."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, override
from PIL import Image as PILImage

from citysite.access import may
from citysite.accounts.factories import UserFactory
from migrant_council.admin.forms import EditSeatForm, InviteForm
from migrant_council.models import Membership, Role
from migrant_council.services import membership
from migrant_council.signals import connect_signals, disconnect_signals

from .conftest import make_member, make_membership, text_of

pytestmark = pytest.mark.django_db

MEMBERS_GROUP = "Council members"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def in_group(user):
    return user.groups.filter(name=MEMBERS_GROUP).exists()


def invite(secretariat, email="nowa@example.org", **fields):
    values = {
        "name": "Nadia",
        "email": email,
        "role": Role.MEMBER,
        "term_start": days(-1),
        "term_end": days(365),
        "organisation": "Stowarzyszenie Homo Faber",
        "languages": "ukraiński, polski",
        "photo": None,
    }
    values.update(fields)
    return membership.invite(secretariat, **values)


@pytest.fixture
def signals_connected():
    connect_signals()
    yield
    disconnect_signals()


def space_url():
    return reverse("council_space:dashboard")


# --- invitations --------------------------------------------------------------------------------------


def test_an_account_with_the_address_verified_is_linked_at_once(secretariat):
    person = UserFactory(email="olena@example.org")
    seat = invite(secretariat, email="Olena@Example.org")
    assert seat.user == person
    assert in_group(person)
    assert may(person, "migrant_council.enter_space") and may(person, "migrant_council.take_part")
    assert mail.outbox == []  # no invitation needed


def test_an_unknown_address_gets_an_invitation_in_the_current_language(secretariat):
    with translation.override("uk"):
        seat = invite(secretariat, email="new@example.org")
    assert seat.user is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "/uk/account/signup/" in message.body  # the sign-up link in the person's language
    with override("uk"):
        assert gettext("[Otwarte Miasto] You are invited to the migrant council") == message.subject


def test_an_unverified_account_is_not_linked_before_confirmation(secretariat):
    person = UserFactory(email="unverified@example.org", verified=False)
    seat = invite(secretariat, email="unverified@example.org")
    assert seat.user is None
    assert not may(person, "migrant_council.enter_space")
    assert len(mail.outbox) == 1


def test_linking_when_the_invited_person_confirms_the_address(secretariat):
    seat = invite(secretariat, email="later@example.org")
    person = UserFactory(email="later@example.org", verified=False)
    address = EmailAddress.objects.get(user=person)
    assert membership.link_invitations(address) == []  # not confirmed yet

    address.verified = True
    address.save()
    assert membership.link_invitations(address) == [seat]
    seat.refresh_from_db()
    assert seat.user == person
    assert in_group(person)
    assert may(person, "migrant_council.enter_space")


def test_confirming_the_address_through_allauth_links_the_seat(
    client, home_page, secretariat, signals_connected
):
    seat = invite(secretariat, email="signup@example.org")
    person = UserFactory(email="signup@example.org", verified=False)
    address = EmailAddress.objects.get(user=person)
    key = EmailConfirmationHMAC(address).key
    client.force_login(person)

    response = client.post(reverse("account_confirm_email", args=[key]))

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.user == person
    assert may(person, "migrant_council.enter_space")


def test_without_the_receiver_confirming_links_nothing(client, home_page, secretariat):
    disconnect_signals()  # as if ready() had not connected it
    seat = invite(secretariat, email="signup@example.org")
    person = UserFactory(email="signup@example.org", verified=False)
    address = EmailAddress.objects.get(user=person)
    client.force_login(person)
    client.post(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))
    seat.refresh_from_db()
    assert seat.user is None


def test_a_removed_invitation_is_never_linked(secretariat):
    seat = invite(secretariat, email="gone@example.org")
    membership.remove(secretariat, seat)
    person = UserFactory(email="gone@example.org")
    assert membership.link_invitations(EmailAddress.objects.get(user=person)) == []
    assert not may(person, "migrant_council.enter_space")


def test_the_same_address_cannot_hold_two_open_seats(secretariat, member):
    with pytest.raises(ValidationError) as refused:
        invite(secretariat, email=member.email.upper())
    assert refused.value.code == "already_invited"
    assert Membership.objects.count() == 1


def test_a_former_member_can_be_invited_again(secretariat, expired_member):
    seat = invite(secretariat, email=expired_member.email)
    assert seat.user == expired_member
    assert may(expired_member, "migrant_council.enter_space")


@pytest.mark.parametrize("role", ["member", "editor", "superuser", "resident"])
def test_only_the_secretariat_may_change_membership(request, role, expired_member):
    user = request.getfixturevalue(role)
    seat = expired_member.council_memberships.get()
    seats_before = Membership.objects.count()
    with pytest.raises(PermissionDenied):
        invite(user, email="x@example.org")
    with pytest.raises(PermissionDenied):
        membership.remove(user, seat)
    with pytest.raises(PermissionDenied):
        membership.change_term(user, seat, days(-10), days(10))
    with pytest.raises(PermissionDenied):
        membership.change_role(user, seat, Role.CHAIR)
    assert Membership.objects.count() == seats_before
    seat.refresh_from_db()
    assert seat.removed_at is None and seat.role == Role.MEMBER


# --- losing access ----------------------------------------------------------------------------------


def test_removed_member_loses_access_at_once(client, secretariat, member):
    client.force_login(member)
    assert client.get(space_url()).status_code == 200
    seat = member.council_memberships.get()

    membership.remove(secretariat, seat)

    assert not may(member, "migrant_council.enter_space") and not may(member, "migrant_council.take_part")
    assert client.get(space_url()).status_code == 403  # the very next request
    assert not in_group(member)
    seat.refresh_from_db()
    assert seat.removed_at is not None


def test_member_whose_term_ended_loses_access_at_once(client, secretariat, member):
    client.force_login(member)
    seat = member.council_memberships.get()
    membership.change_term(secretariat, seat, seat.term_start, days(-1))
    assert not may(member, "migrant_council.enter_space")
    assert client.get(space_url()).status_code == 403
    assert not in_group(member)


def test_term_ending_today_still_gives_access_today(secretariat, member):
    seat = member.council_memberships.get()
    membership.change_term(secretariat, seat, seat.term_start, days(0))
    assert may(member, "migrant_council.enter_space")


def test_a_term_ending_on_its_own_ends_access_without_anyone_acting(member):
    seat = member.council_memberships.get()
    Membership.objects.filter(pk=seat.pk).update(term_end=days(-1))
    assert not may(member, "migrant_council.enter_space")


def test_expired_and_removed_members_have_no_access(expired_member, removed_member):
    for user in (expired_member, removed_member):
        assert not may(user, "migrant_council.enter_space") and not may(user, "migrant_council.take_part")


def test_removal_keeps_the_group_while_another_seat_is_open(secretariat, member):
    old_seat = member.council_memberships.get()
    make_membership(member, days_served=-30, days_left=400)  # a next term, starting in a month
    membership.remove(secretariat, old_seat)
    assert in_group(member)
    assert not may(member, "migrant_council.enter_space")  # the next term has not started


def test_removing_twice_keeps_the_first_removal_time(secretariat, removed_member):
    seat = removed_member.council_memberships.get()
    first = seat.removed_at
    membership.remove(secretariat, seat)
    seat.refresh_from_db()
    assert seat.removed_at == first


# --- roles, terms, lists ------------------------------------------------------------------------------


def test_change_role(secretariat, member):
    seat = member.council_memberships.get()
    membership.change_role(secretariat, seat, Role.SECRETARY)
    seat.refresh_from_db()
    assert seat.role == Role.SECRETARY
    with pytest.raises(ValidationError):
        membership.change_role(secretariat, seat, "emperor")


def test_change_term_refuses_an_end_before_the_start(secretariat, member):
    seat = member.council_memberships.get()
    with pytest.raises(ValidationError):
        membership.change_term(secretariat, seat, days(10), days(5))


def test_lists_of_current_upcoming_and_past_members(member, expired_member, removed_member):
    future = make_membership(
        None, name="Przyszła", invited_email="future@example.org", days_served=-5, days_left=100
    )
    assert [seat.user for seat in membership.current_memberships()] == [member]
    assert list(membership.upcoming_memberships()) == [future]
    assert {seat.user for seat in membership.past_memberships()} == {expired_member, removed_member}


# --- forms -----------------------------------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "name": "Nadia",
        "email": "nadia@example.org",
        "organisation": "",
        "languages": "",
        "role": Role.MEMBER,
        "term_start": days(0).isoformat(),
        "term_end": days(365).isoformat(),
        "invitation_language": "en",
    }
    data.update(overrides)
    return data


def png_upload(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 64), (10, 120, 10)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_invite_form_accepts_a_complete_invitation(db):
    assert InviteForm(form_data()).is_valid()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please give the name shown on the public page."),
        ("email", "", "Please give the e-mail address to invite."),
        ("email", "not-an-address", "Please enter an e-mail address like name@example.org."),
        ("role", "", "Please choose a role."),
        ("role", "emperor", "Please choose one of the roles."),
        ("term_start", "", "Please give the first day of the term."),
        ("term_end", "31.12.2030", "Please enter a date like 2026-09-30."),
        ("invitation_language", "de", "Please choose one of the languages in the list."),
        ("name", "x" * 151, "Please keep it to %(limit_value)d characters (it has %(show_value)d)."),
    ],
)
def test_invite_form_explains_each_invalid_input(db, field, value, message):
    form = InviteForm(form_data(**{field: value}))
    assert not form.is_valid()
    with override("pl"):
        expected = (
            gettext(message) % {"limit_value": 150, "show_value": 151} if "%" in message else gettext(message)
        )
        assert expected in [str(error) for error in form.errors[field]]


def test_invite_form_refuses_an_end_before_the_start(db):
    form = InviteForm(form_data(term_start=days(10).isoformat(), term_end=days(1).isoformat()))
    assert not form.is_valid()
    assert str(membership.TERM_ORDER) in form.errors["term_end"]


def test_invite_form_refuses_an_address_with_an_open_seat(member):
    form = InviteForm(form_data(email=member.email))
    assert not form.is_valid()
    assert str(membership.ALREADY_INVITED) in form.errors["email"]


def test_invite_form_refuses_a_file_that_is_not_an_image(db):
    upload = SimpleUploadedFile("photo.png", b"not an image at all", content_type="image/png")
    form = InviteForm(form_data(), {"photo": upload})
    assert not form.is_valid()
    assert "photo" in form.errors


def test_edit_form_offers_removing_the_photo_only_when_there_is_one(db):
    assert "remove_photo" not in EditSeatForm()
    assert "remove_photo" in EditSeatForm(has_photo=True).fields


# --- the secretariat's membership pages --------------------------------------------------------------


def test_secretariat_invites_through_the_form_with_a_photo(client, secretariat):
    client.force_login(secretariat)
    data = form_data(email="maryam@example.org", name="Maryam", photo=png_upload())
    response = client.post(reverse("council_admin:invite"), data)
    assert response.status_code == 302
    seat = Membership.objects.get(invited_email="maryam@example.org")
    assert seat.name == "Maryam" and seat.user is None
    assert seat.photo is not None and seat.photo.description == "Maryam"
    assert len(mail.outbox) == 1 and "/en/account/signup/" in mail.outbox[0].body


def test_invalid_invitation_shows_the_errors_and_keeps_the_input(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("council_admin:invite"), form_data(email="bad", name="Zachowane Imię"))
    page = text_of(response)
    assert response.status_code == 200
    assert 'role="alert"' in page and 'value="Zachowane Imię"' in page
    assert "id_email_error" in page and 'aria-describedby="id_email_helptext id_email_error"' in page
    assert not Membership.objects.exists()


def test_secretariat_changes_role_and_term(client, secretariat, member):
    seat = member.council_memberships.get()
    client.force_login(secretariat)
    data = {
        "name": seat.name,
        "organisation": "Nowa organizacja",
        "languages": "polski",
        "role": Role.VICE_CHAIR,
        "term_start": seat.term_start.isoformat(),
        "term_end": days(-1).isoformat(),
    }
    response = client.post(reverse("council_admin:member_edit", args=[seat.pk]), data)
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (
        seat.role == Role.VICE_CHAIR and seat.organisation == "Nowa organizacja" and seat.term_end == days(-1)
    )
    assert not may(member, "migrant_council.enter_space")


def test_secretariat_removes_a_member_after_confirming(client, secretariat, member):
    seat = member.council_memberships.get()
    client.force_login(secretariat)
    url = reverse("council_admin:member_remove", args=[seat.pk])
    assert client.get(url).status_code == 200
    seat.refresh_from_db()
    assert seat.removed_at is None  # asking is not removing
    assert client.post(url).status_code == 302
    seat.refresh_from_db()
    assert seat.removed_at is not None
    assert not may(member, "migrant_council.enter_space")


def test_member_list_shows_current_and_past_members(client, secretariat, member, expired_member):
    client.force_login(secretariat)
    current = text_of(client.get(reverse("council_admin:members")))
    assert "Halyna" in current and "Piotr" not in current
    past = text_of(client.get(reverse("council_admin:members") + "?show=past"))
    assert "Piotr" in past and "Halyna" not in past


def test_member_list_query_count_is_constant(client, secretariat, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat)
    url = reverse("council_admin:members")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    for index in range(3):
        make_member(f"M{index}")
    few = count()
    for index in range(30):
        make_member(f"N{index}")
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(url)

"""My data: downloading everything about oneself, and deleting (anonymising) the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import translation

from citysite.accounts.factories import DEFAULT_PASSWORD, UserFactory
from citysite.accounts.models import User

from .helpers import is_logged_in_as, logged_in_user_id, url

pytestmark = pytest.mark.django_db

CONFIRM_ERROR = "Tick the box to confirm that you want to delete your account."


def download(client):
    response = client.get(url("account_my_data_download"))
    assert response.status_code == 200
    return response, json.loads(response.content.decode("utf-8"))


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["account_my_data", "account_my_data_download"])
def test_anonymous_visitor_is_sent_to_login(client, home_page, name):
    response = client.get(url(name))

    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login") + "?next=")
    assert b"email" not in response.content


def test_my_data_page_offers_download_and_deletion(client, home_page, resident):
    client.force_login(resident)

    response = client.get(url("account_my_data", "en"))

    assert response.status_code == 200
    content = response.content.decode()
    assert url("account_my_data_download", "en") in content
    assert f'action="{url("account_delete", "en")}"' in content
    assert 'name="confirm"' in content


# --- download -----------------------------------------------------------------------------------


def test_download_is_a_json_attachment_with_the_account(client, home_page):
    user = UserFactory(display_name="Mykola", preferred_language="uk", groups=["Editors"])
    EmailAddress.objects.create(user=user, email="second@example.org", verified=False, primary=False)
    client.force_login(user)

    response, data = download(client)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="otwarte-miasto-my-data-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    account = data["account"]
    assert account["id"] == user.pk
    assert account["display_name"] == "Mykola"
    assert account["preferred_language"] == "uk"
    assert account["groups"] == ["Editors"]
    assert account["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True},
        {"email": "second@example.org", "verified": False, "primary": False},
    ]
    assert account["two_factor_methods"] == []
    assert "exported_at" in data


def test_download_keeps_non_latin_text_readable(client, home_page):
    user = UserFactory(display_name="Олена")
    client.force_login(user)
    response, data = download(client)
    assert "Олена" in response.content.decode("utf-8")
    assert data["account"]["display_name"] == "Олена"


def test_download_lists_two_factor_methods_but_not_secrets(client, home_page, editor):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    client.force_login(editor)

    response, data = download(client)

    assert data["account"]["two_factor_methods"] == ["totp"]
    assert secret not in response.content.decode()


def test_one_user_never_sees_another_users_data(client, home_page, resident):
    other = UserFactory(
        display_name="Somebody Else", email="someone.else@example.org", groups=["Ombudsperson"]
    )
    client.force_login(resident)

    response, data = download(client)

    content = response.content.decode()
    assert data["account"]["id"] == resident.pk
    assert "someone.else@example.org" not in content
    assert "Somebody Else" not in content
    assert "Ombudsperson" not in content
    assert [a["email"] for a in data["account"]["email_addresses"]] == [resident.email]

    # ...and a query string does not select somebody else either.
    response = client.get(url("account_my_data_download"), {"user": other.pk, "id": other.pk})
    assert "someone.else@example.org" not in response.content.decode()


# --- deletion -----------------------------------------------------------------------------------


def test_delete_anonymises_the_account_and_logs_out_everywhere(client, home_page, resident):
    resident_id = resident.pk
    other_device = Client()
    other_device.force_login(resident)
    client.force_login(resident)
    assert is_logged_in_as(other_device, resident)

    response = client.post(url("account_delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(pk=resident_id)  # the row stays, so contributions keep pointing at it
    assert user.anonymised_at is not None
    assert user.is_anonymised
    assert user.email == ""
    assert user.display_name == ""
    assert user.first_name == "" and user.last_name == ""
    assert "olena" not in user.username.lower()
    assert not user.is_active
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user_id=resident_id).exists()
    with translation.override("en"):
        assert user.public_name == "former participant"
        assert str(user) == "former participant"
    with translation.override("pl"):
        assert user.public_name != ""
        assert user.public_name != "Olena"

    # This browser and every other session of the account are logged out.
    assert logged_in_user_id(client) is None
    assert not is_logged_in_as(client, user)
    assert not is_logged_in_as(other_device, user)
    response = other_device.get(url("account_my_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))


def test_deleted_account_cannot_log_in_again(client, home_page, resident):
    email = resident.email
    client.force_login(resident)
    client.post(url("account_delete"), {"confirm": "on"})

    fresh = Client()
    fresh.post(url("account_login"), {"login": email, "password": DEFAULT_PASSWORD})
    assert logged_in_user_id(fresh) is None


def test_the_address_can_sign_up_again_after_deletion(client, home_page, resident):
    email = resident.email
    client.force_login(resident)
    client.post(url("account_delete"), {"confirm": "on"})

    fresh = Client()
    response = fresh.post(
        url("account_signup"),
        {"email": email, "password1": "lublin-river-lantern-42", "password2": "lublin-river-lantern-42"},
    )
    assert response.status_code == 302
    assert User.objects.filter(email=email, anonymised_at__isnull=True).count() == 1


def test_delete_removes_staff_rights_and_two_factor(client, home_page, editor):
    TOTP.activate(editor, generate_totp_secret())
    editor_id = editor.pk
    client.force_login(editor)

    client.post(url("account_delete"), {"confirm": "on"})

    user = User.objects.get(pk=editor_id)
    assert not user.groups.exists()
    assert not user.is_staff and not user.is_superuser
    assert not Authenticator.objects.filter(user_id=editor_id).exists()


def test_delete_touches_only_the_current_user(client, home_page, resident):
    other = UserFactory(display_name="Stays")
    client.force_login(resident)

    client.post(url("account_delete"), {"confirm": "on"})

    other.refresh_from_db()
    assert other.anonymised_at is None
    assert other.display_name == "Stays"
    assert EmailAddress.objects.filter(user=other).exists()


@pytest.mark.parametrize("data", [{}, {"confirm": ""}], ids=["missing", "empty"])
def test_delete_without_the_confirm_box_deletes_nothing(client, home_page, resident, data):
    client.force_login(resident)

    response = client.post(url("account_delete", "en"), data)

    assert response.status_code == 400
    assert CONFIRM_ERROR in response.content.decode()
    resident.refresh_from_db()
    assert resident.anonymised_at is None
    assert resident.display_name == "Olena"
    assert resident.is_active
    assert resident.has_usable_password()
    assert EmailAddress.objects.filter(user=resident).exists()
    assert is_logged_in_as(client, resident)


def test_get_on_delete_is_not_allowed(client, home_page, resident):
    client.force_login(resident)

    response = client.get(url("account_delete"))

    assert response.status_code == 405
    resident.refresh_from_db()
    assert resident.anonymised_at is None


def test_anonymous_delete_deletes_nothing(client, home_page, resident):
    response = client.post(url("account_delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))
    resident.refresh_from_db()
    assert resident.anonymised_at is None

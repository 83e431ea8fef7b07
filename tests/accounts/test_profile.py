"""The profile page: display name and preferred language."""

import pytest

from citysite.accounts.models import User

from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["pl", "en"])
def test_anonymous_visitor_is_sent_to_login(client, home_page, language):
    response = client.get(url("account_profile", language))

    assert response.status_code == 302
    assert response["Location"] == f"{url('account_login', language)}?next={url('account_profile', language)}"


def test_anonymous_post_changes_nothing(client, home_page, resident):
    response = client.post(url("account_profile"), {"display_name": "Hacker", "preferred_language": "en"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "Olena"
    assert resident.preferred_language == "pl"


def test_profile_shows_the_current_values(client, home_page, resident):
    client.force_login(resident)

    response = client.get(url("account_profile", "en"))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"display_name", "preferred_language"}
    assert [code for code, _label in form.fields["preferred_language"].choices] == ["pl", "en", "uk", "ru"]
    content = response.content.decode()
    assert 'value="Olena"' in content
    assert 'name="preferred_language" value="pl"' in content
    assert resident.email in content


@pytest.mark.parametrize(
    ("language", "landing"), [("en", "/en/"), ("uk", "/uk/"), ("ru", "/ru/"), ("pl", "/")]
)
def test_resident_changes_display_name_and_language(client, home_page, resident, language, landing):
    client.force_login(resident)

    response = client.post(
        url("account_profile"), {"display_name": "Olena K.", "preferred_language": language}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{landing}account/profile/"
    resident.refresh_from_db()
    assert resident.display_name == "Olena K."
    assert resident.preferred_language == language

    response = client.get(response["Location"])
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_saving_from_another_language_redirects_to_the_new_one(client, home_page, resident):
    client.force_login(resident)
    response = client.post(
        url("account_profile", "uk"), {"display_name": "Olena", "preferred_language": "en"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("account_profile", "en")


def test_display_name_can_be_emptied(client, home_page, resident):
    client.force_login(resident)
    client.post(url("account_profile"), {"display_name": "", "preferred_language": "pl"})
    resident.refresh_from_db()
    assert resident.display_name == ""
    assert resident.public_name  # shown as "anonymous" in the active language


@pytest.mark.parametrize("bad", ["xx", "de", ""])
def test_invalid_language_shows_an_error_and_saves_nothing(client, home_page, resident, bad):
    client.force_login(resident)

    response = client.post(
        url("account_profile", "en"), {"display_name": "Changed", "preferred_language": bad}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["preferred_language"]
    assert errors
    content = response.content.decode()
    assert any(message in content for message in ["Select a valid choice.", "This field is required."])
    resident.refresh_from_db()
    assert resident.display_name == "Olena"
    assert resident.preferred_language == "pl"


def test_too_long_display_name_shows_an_error(client, home_page, resident):
    client.force_login(resident)

    response = client.post(
        url("account_profile", "en"), {"display_name": "x" * 81, "preferred_language": "en"}
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 80 characters (it has 81)." in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == "Olena"


def test_profile_cannot_change_other_fields(client, home_page, resident):
    client.force_login(resident)
    client.post(
        url("account_profile"),
        {
            "display_name": "Olena",
            "preferred_language": "pl",
            "email": "taken-over@example.org",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    resident.refresh_from_db()
    assert resident.email != "taken-over@example.org"
    assert not resident.is_staff
    assert not resident.is_superuser


def test_one_user_cannot_edit_another(client, home_page, resident):
    other = User.objects.create_user(username="other", email="other@example.org", display_name="Other")
    client.force_login(resident)
    client.post(url("account_profile"), {"display_name": "Mine", "preferred_language": "en"})
    other.refresh_from_db()
    assert other.display_name == "Other"
    assert other.preferred_language == "pl"

"""Sign-up by e-mail, e-mail verification, login by password and by code, password reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from citysite.accounts.factories import DEFAULT_PASSWORD, UserFactory
from citysite.accounts.models import User

from .helpers import (
    NEW_PASSWORD,
    is_logged_in_as,
    link_from_mail,
    logged_in_user_id,
    login_code_from_mail,
    only_mail_to,
    url,
)

pytestmark = pytest.mark.django_db

# Words that would mean a form asks about citizenship, nationality, PESEL or residence (EN, PL, UK, RU).
FORBIDDEN_WORDS = re.compile(
    r"citizen|nationalit|pesel|residen|passport|visa|obywatel|narodowo|zamieszka|meldun|paszport"
    r"|громадян|гражданств|національн|национальн|паспорт|прожива",
    re.IGNORECASE,
)


def signup_data(email="nowa@example.org", **extra):
    return {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **extra}


def signup_form_html(content: str) -> str:
    forms = re.findall(r"<form\b.*?</form>", content, flags=re.DOTALL)
    matching = [form for form in forms if 'name="password1"' in form]
    assert len(matching) == 1, "expected exactly one sign-up form on the page"
    return matching[0]


# --- sign-up ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["pl", "en", "uk", "ru"])
def test_signup_form_asks_nothing_about_citizenship_or_residence(client, home_page, language):
    response = client.get(url("account_signup", language))
    assert response.status_code == 200

    form = response.context["form"]
    assert set(form.fields) <= {"email", "password1", "password2", "display_name"}
    assert {"email", "password1", "password2", "display_name"} <= set(form.fields)
    assert not form.fields["display_name"].required
    for name, field in form.fields.items():
        described = f"{name} {field.label} {field.help_text}"
        assert not FORBIDDEN_WORDS.search(described), described

    html = signup_form_html(response.content.decode())
    input_names = set(re.findall(r'\bname="([^"]+)"', html)) - {"csrfmiddlewaretoken"}
    assert input_names == {"email", "password1", "password2", "display_name"}
    labels = " ".join(re.findall(r"<label\b[^>]*>(.*?)</label>", html, flags=re.DOTALL))
    assert labels.strip()
    assert not FORBIDDEN_WORDS.search(labels), labels
    assert not FORBIDDEN_WORDS.search(html), html


def test_forbidden_words_pattern_catches_such_fields():
    """The check above would notice a field about citizenship or residence in any of the languages."""
    for label in ["Citizenship", "PESEL", "Place of residence", "Obywatelstwo", "Громадянство"]:
        assert FORBIDDEN_WORDS.search(label)


def test_signup_creates_user_with_unverified_address_and_sends_verification(client, home_page):
    response = client.post(url("account_signup"), signup_data(display_name="  Nowa  "))

    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    user = User.objects.get(email="nowa@example.org")
    assert user.display_name == "Nowa"
    assert user.preferred_language == "pl"
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.email == "nowa@example.org"
    assert address.primary
    assert not address.verified
    message = only_mail_to("nowa@example.org")
    assert message.subject.startswith("[Otwarte Miasto] ")
    assert "/account/confirm-email/" in message.body
    # Mandatory verification: nobody is logged in yet.
    assert logged_in_user_id(client) is None


def test_display_name_is_optional(client, home_page):
    response = client.post(url("account_signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="nowa@example.org")
    assert user.display_name == ""


def test_signup_in_ukrainian_sets_language_and_sends_ukrainian_mail(client, home_page):
    response = client.post("/uk/account/signup/", signup_data("olena@example.org"))
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent", "uk")

    user = User.objects.get(email="olena@example.org")
    assert user.preferred_language == "uk"
    message = only_mail_to("olena@example.org")
    # allauth's Ukrainian translation of "Please Confirm Your Email Address" and "Hello from ...".
    assert "Підтвердіть" in message.subject
    assert "Привіт від" in message.body
    assert "Please Confirm" not in message.subject
    assert "/uk/account/confirm-email/" in message.body


def test_signup_in_english_sends_english_mail(client, home_page):
    client.post("/en/account/signup/", signup_data("john@example.org"))
    user = User.objects.get(email="john@example.org")
    assert user.preferred_language == "en"
    message = only_mail_to("john@example.org")
    assert message.subject == "[Otwarte Miasto] Please Confirm Your Email Address"


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"password2": "lublin-river-lantern-43"},
            "password2",
            "You must type the same password each time.",
        ),
        (
            {"password1": "short1x", "password2": "short1x"},
            "password1",
            "This password is too short. It must contain at least 10 characters.",
        ),
        (
            {"password1": "1234567890123", "password2": "1234567890123"},
            "password1",
            "This password is entirely numeric.",
        ),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
    ],
    ids=["mismatched-passwords", "too-short", "numeric", "invalid-email", "missing-email"],
)
def test_invalid_signup_shows_the_error_and_creates_nothing(client, home_page, data, field, error):
    response = client.post("/en/account/signup/", {**signup_data(), **data})

    assert response.status_code == 200
    assert error in response.context["form"].errors[field]
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_signup_with_a_taken_address_does_not_reveal_the_account(client, home_page, resident):
    """allauth's enumeration protection (ACCOUNT_PREVENT_ENUMERATION, on by default): signing up with
    an address that already has an account looks like a normal sign-up to whoever submits it, creates
    nothing, and tells the owner of the address by e-mail instead."""
    response = client.post("/en/account/signup/", signup_data(resident.email.upper()))

    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent", "en")
    assert User.objects.count() == 1
    assert EmailAddress.objects.filter(email__iexact=resident.email).count() == 1
    message = only_mail_to(resident.email)
    # In the owner's language (Polish), not in the language of the page the stranger used.
    assert message.subject == "[Otwarte Miasto] Konto już istnieje"
    assert logged_in_user_id(client) is None


def test_signup_with_a_taken_address_shows_an_error_without_enumeration_protection(
    client, home_page, resident, settings
):
    settings.ACCOUNT_PREVENT_ENUMERATION = False
    response = client.post("/en/account/signup/", signup_data(resident.email))

    assert response.status_code == 200
    assert "A user is already registered with this email address." in response.context["form"].errors["email"]
    assert User.objects.count() == 1


# --- e-mail verification ------------------------------------------------------------------------


def test_unverified_user_cannot_log_in(client, home_page, unverified_user):
    response = client.post(
        url("account_login"), {"login": unverified_user.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    assert logged_in_user_id(client) is None
    # A fresh verification link is sent.
    assert "/account/confirm-email/" in only_mail_to(unverified_user.email).body


def test_following_the_link_verifies_and_logs_in(client, home_page):
    client.post(url("account_signup"), signup_data())
    user = User.objects.get(email="nowa@example.org")
    confirm_url = link_from_mail(only_mail_to("nowa@example.org"), "/account/confirm-email/")

    # Opening the link only shows a confirmation button (ACCOUNT_CONFIRM_EMAIL_ON_GET is off).
    assert client.get(confirm_url).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified
    assert logged_in_user_id(client) is None

    response = client.post(confirm_url)

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert logged_in_user_id(client) == user.pk


def test_unverified_user_logs_in_after_verifying(client, home_page, unverified_user):
    client.post(url("account_login"), {"login": unverified_user.email, "password": DEFAULT_PASSWORD})
    confirm_url = link_from_mail(only_mail_to(unverified_user.email), "/account/confirm-email/")

    client.post(confirm_url)

    assert EmailAddress.objects.get(user=unverified_user).verified
    assert is_logged_in_as(client, unverified_user)


def test_a_made_up_key_verifies_nothing(client, home_page, unverified_user):
    response = client.post(url("account_confirm_email", key="made-up-key"))
    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(user=unverified_user).verified
    assert logged_in_user_id(client) is None


# --- login by e-mail and password ---------------------------------------------------------------


def test_login_by_email_and_password(client, home_page, resident):
    response = client.post(url("account_login"), {"login": resident.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert is_logged_in_as(client, resident)


def test_login_with_a_wrong_password_fails(client, home_page, resident):
    response = client.post("/en/account/login/", {"login": resident.email, "password": "wrong-password-123"})

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize(
    ("language", "landing"), [("pl", "/"), ("en", "/en/"), ("uk", "/uk/"), ("ru", "/ru/")]
)
def test_after_login_the_site_continues_in_the_preferred_language(client, home_page, language, landing):
    user = UserFactory(preferred_language=language)

    response = client.post(url("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == landing


@pytest.mark.parametrize(
    ("login_language", "preferred", "landing"),
    [("uk", "ru", "/ru/"), ("en", "en", "/en/"), ("ru", "uk", "/uk/")],
)
def test_login_in_another_language_still_lands_in_the_preferred_one(
    client, home_page, login_language, preferred, landing
):
    user = UserFactory(preferred_language=preferred)
    response = client.post(
        url("account_login", login_language), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == landing


# --- login by code ------------------------------------------------------------------------------


def test_login_by_code(client, home_page, resident):
    response = client.post(url("account_request_login_code"), {"email": resident.email})
    assert response.status_code == 302
    assert response["Location"] == url("account_confirm_login_code")
    assert logged_in_user_id(client) is None

    code = login_code_from_mail(only_mail_to(resident.email))
    response = client.post(url("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert is_logged_in_as(client, resident)


def test_login_by_code_with_a_wrong_code_fails(client, home_page, resident):
    client.post(url("account_request_login_code"), {"email": resident.email})
    code = login_code_from_mail(only_mail_to(resident.email))
    wrong = "AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB"

    response = client.post("/en/account/login/code/confirm/", {"code": wrong})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert logged_in_user_id(client) is None


def test_login_by_code_verifies_an_unverified_address(client, home_page, unverified_user):
    """Entering the code proves the person reads the mailbox, so the address counts as verified."""
    client.post(url("account_request_login_code"), {"email": unverified_user.email})
    code = login_code_from_mail(only_mail_to(unverified_user.email))

    client.post(url("account_confirm_login_code"), {"code": code})

    assert is_logged_in_as(client, unverified_user)
    assert EmailAddress.objects.get(user=unverified_user).verified


def test_login_code_for_an_unknown_address_logs_nobody_in(client, home_page, resident):
    response = client.post(url("account_request_login_code"), {"email": "nobody@example.org"})
    # Enumeration protection: the answer looks the same as for a known address.
    assert response.status_code == 302
    assert response["Location"] == url("account_confirm_login_code")
    assert all(resident.email not in m.to for m in mail.outbox)
    response = client.post(url("account_confirm_login_code"), {"code": "AAAA-AAAA"})
    assert logged_in_user_id(client) is None


def test_login_code_mail_is_in_the_recipients_language(client, home_page):
    user = UserFactory(preferred_language="uk")
    client.post(url("account_request_login_code"), {"email": user.email})
    assert "Код Для Входу" in only_mail_to(user.email).subject


# --- password reset -----------------------------------------------------------------------------


def test_password_reset(client, home_page, resident):
    response = client.post(url("account_reset_password"), {"email": resident.email})
    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_done")

    reset_url = link_from_mail(only_mail_to(resident.email), "/account/password/reset/key/")
    response = client.get(reset_url)
    # allauth moves the key out of the URL into the session, then shows the form.
    if response.status_code == 302:
        reset_url = response["Location"]
        response = client.get(reset_url)
    assert response.status_code == 200
    assert "password1" in response.context["form"].fields

    response = client.post(reset_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_from_key_done")

    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)

    fresh = client.__class__()
    response = fresh.post(url("account_login"), {"login": resident.email, "password": DEFAULT_PASSWORD})
    assert logged_in_user_id(fresh) is None
    response = fresh.post(url("account_login"), {"login": resident.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert is_logged_in_as(fresh, resident)


def test_password_reset_link_works_once(client, home_page, resident):
    client.post(url("account_reset_password"), {"email": resident.email})
    reset_url = link_from_mail(only_mail_to(resident.email), "/account/password/reset/key/")
    response = client.get(reset_url)
    form_url = response["Location"] if response.status_code == 302 else reset_url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    other = client.__class__()
    response = other.get(reset_url, follow=True)
    assert response.context["token_fail"]
    other.post(
        response.wsgi_request.path,
        {"password1": "another-pass-phrase-77", "password2": "another-pass-phrase-77"},
    )
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)


def test_password_reset_mail_is_in_the_recipients_language(client, home_page):
    user = UserFactory(preferred_language="uk")
    client.post(url("account_reset_password"), {"email": user.email})
    assert "Лист Для Відновлення Пароля" in only_mail_to(user.email).subject


def test_password_reset_for_an_unknown_address_reveals_nothing(client, home_page, resident):
    response = client.post(url("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_done")
    resident.refresh_from_db()
    assert resident.check_password(DEFAULT_PASSWORD)
    assert all(resident.email not in m.to for m in mail.outbox)

"""Two-factor authentication: staff must set it up (STAFF_MFA_REQUIRED), and then use it at login."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.core import mail

from citysite.accounts.factories import DEFAULT_PASSWORD

from .helpers import is_logged_in_as, logged_in_user_id, login_code_from_mail, totp_code, url

pytestmark = pytest.mark.django_db

STAFF = ["editor", "moderator", "analyst", "council_member", "secretariat", "ombudsperson", "superuser"]
# Staff whose group lets them into the Wagtail admin (council members have no admin access).
ADMIN_STAFF = ["editor", "moderator", "analyst", "secretariat", "ombudsperson", "superuser"]


def without_two_factor(user):
    """The ombudsperson fixture comes with two-factor authentication (reading cases needs it): every staff
    user here starts without."""
    Authenticator.objects.filter(user=user).delete()
    return user


@pytest.fixture(params=STAFF)
def staff_user(request):
    return without_two_factor(request.getfixturevalue(request.param))


@pytest.fixture(params=ADMIN_STAFF)
def admin_staff_user(request):
    return without_two_factor(request.getfixturevalue(request.param))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def reauthenticate(client, response, language="pl"):
    """The MFA setup pages ask for the password again first; give it and follow on."""
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_reauthenticate", language))
    response = client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def password_login(client, user):
    """Log in through allauth's form, as a person would (this also records the authentication, which
    the MFA setup pages check before they let anyone add an authenticator)."""
    return client.post(url("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})


# --- staff without MFA are sent to set it up ----------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/admin/", "/en/", "/admin/pages/"])
def test_staff_without_mfa_are_sent_to_set_it_up(client, home_page, mfa_required, staff_user, path):
    client.force_login(staff_user)

    response = client.get(path)

    assert response.status_code == 302
    expected = url("account_mfa_required", "en" if path.startswith("/en/") else "pl")
    assert response["Location"] == expected


def test_staff_without_mfa_cannot_reach_other_account_pages(client, home_page, mfa_required, editor):
    client.force_login(editor)
    for name in ["account_profile", "account_my_data", "account_email", "account_change_password"]:
        response = client.get(url(name))
        assert response.status_code == 302, name
        assert response["Location"] == url("account_mfa_required"), name


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_setup_pages_and_logout_stay_reachable(client, home_page, mfa_required, staff_user, language):
    client.force_login(staff_user)

    assert client.get(url("account_mfa_required", language)).status_code == 200
    assert client.get(url("mfa_index", language)).status_code == 200
    # Adding an authenticator first asks for the password again (force_login records no
    # authentication); that page is reachable too, not bounced back to the "required" page.
    response = client.get(url("mfa_activate_totp", language), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(url("account_reauthenticate", language))
    assert client.get(url("account_logout", language)).status_code == 200

    response = client.post(url("account_logout", language))
    assert response.status_code == 302
    assert logged_in_user_id(client) is None


def test_mfa_required_page_explains_and_links_to_setup(client, home_page, mfa_required, editor):
    client.force_login(editor)
    response = client.get(url("account_mfa_required", "en"))
    content = response.content.decode()
    assert "Two-factor authentication required" in content
    assert url("mfa_activate_totp", "en") in content
    assert url("account_logout", "en") in content


def test_staff_with_totp_get_through(client, home_page, mfa_required, staff_user):
    with_totp(staff_user)
    client.force_login(staff_user)

    assert client.get("/").status_code == 200
    assert client.get(url("account_profile")).status_code == 200
    admin = client.get("/admin/")
    assert admin.status_code != 302 or admin["Location"] != url("account_mfa_required")


def test_admin_staff_with_totp_reach_the_admin(client, home_page, mfa_required, admin_staff_user):
    with_totp(admin_staff_user)
    client.force_login(admin_staff_user)
    assert client.get("/admin/").status_code == 200


def test_editor_sets_up_totp_and_then_gets_through(client, home_page, mfa_required, editor):
    response = password_login(client, editor)
    assert response.status_code == 302
    assert is_logged_in_as(client, editor) is False  # the profile is blocked until MFA is set up
    assert logged_in_user_id(client) == editor.pk
    assert client.get("/admin/")["Location"] == url("account_mfa_required")

    response = reauthenticate(client, client.get(url("mfa_activate_totp")))
    assert response.status_code == 200
    assert response.wsgi_request.path == url("mfa_activate_totp")
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(url("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == url("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(url("mfa_view_recovery_codes")).status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_activate_totp(client, home_page, mfa_required, editor):
    password_login(client, editor)
    reauthenticate(client, client.get(url("mfa_activate_totp", "en")), "en")
    secret = client.session[SECRET_SESSION_KEY]
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(url("mfa_activate_totp", "en"), {"code": wrong})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Authenticator.objects.filter(user=editor).exists()
    assert client.get("/")["Location"] == url("account_mfa_required")


def test_residents_are_never_sent_to_set_up_mfa(client, home_page, mfa_required, resident):
    client.force_login(resident)
    assert client.get("/").status_code == 200
    assert client.get(url("account_profile")).status_code == 200
    assert client.get(url("account_mfa_required")).status_code == 200  # the page itself is harmless
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"] != url("account_mfa_required")


def test_anonymous_visitors_are_not_sent_to_set_up_mfa(client, home_page, mfa_required):
    assert client.get("/").status_code == 200


def test_nobody_is_sent_to_set_up_mfa_when_the_setting_is_off(client, home_page, settings, staff_user):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff_user)

    assert client.get("/").status_code == 200
    assert client.get(url("account_profile")).status_code == 200
    admin = client.get("/admin/")
    assert admin.status_code != 302 or admin["Location"] != url("account_mfa_required")


# --- staff with TOTP must enter a code at login -------------------------------------------------


def test_login_of_a_user_with_totp_asks_for_the_code(client, home_page, editor):
    secret = with_totp(editor)

    response = password_login(client, editor)

    assert response.status_code == 302
    assert response["Location"] == url("mfa_authenticate")
    assert logged_in_user_id(client) is None
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith(url("account_login"))

    response = client.post(url("mfa_authenticate"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert logged_in_user_id(client) == editor.pk
    assert client.get("/admin/").status_code == 200


def test_login_with_a_wrong_totp_code_fails(client, home_page, editor):
    secret = with_totp(editor)
    password_login(client, editor)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(url("mfa_authenticate", "en"), {"code": wrong})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert logged_in_user_id(client) is None


def test_login_without_the_code_step_does_not_log_in(client, home_page, editor):
    """Skipping the code step (going elsewhere, or submitting it empty) leaves the person logged out."""
    with_totp(editor)
    password_login(client, editor)

    assert client.post(url("mfa_authenticate"), {"code": ""}).status_code == 200
    assert logged_in_user_id(client) is None
    assert client.get(url("account_profile"))["Location"].startswith(url("account_login"))
    assert logged_in_user_id(client) is None


def test_login_by_code_of_a_user_with_totp_also_asks_for_the_totp_code(client, home_page, editor):
    with_totp(editor)
    client.post(url("account_request_login_code"), {"email": editor.email})
    code = login_code_from_mail(mail.outbox[-1])

    response = client.post(url("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert response["Location"] == url("mfa_authenticate")
    assert logged_in_user_id(client) is None


def test_staff_with_mfa_required_logging_in_without_totp_land_on_the_setup_page(
    client, home_page, mfa_required, moderator
):
    response = password_login(client, moderator)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == url("account_mfa_required")

import pytest

from citysite.accounts.factories import DEFAULT_PASSWORD


def test_wagtail_login_form_is_replaced_by_the_allauth_login(client, editor, home_page):
    response = client.post("/admin/login/", {"username": editor.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response.url == "/account/login/"
    assert "_auth_user_id" not in client.session


def test_admin_redirects_anonymous_visitors_to_the_allauth_login(client, home_page):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/?next=")


def test_admin_login_redirect_keeps_the_next_address(client, home_page):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.url == "/account/login/?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("login_path", ["/admin/login/", "/_util/login/", "/en/_util/login/"])
def test_a_next_address_on_another_site_is_kept_but_never_followed(client, home_page, resident, login_path):
    response = client.get(login_path, {"next": "https://evil.example/"})
    assert response.status_code == 302
    allauth_login = response["Location"]
    assert allauth_login.endswith("/account/login/?next=https%3A%2F%2Fevil.example%2F")

    response = client.post(allauth_login, {"login": resident.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert "_auth_user_id" in client.session

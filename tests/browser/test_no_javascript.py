"""The site works with JavaScript switched off: pages render, and signing up (a plain form post) works
from the first page to the verified, logged-in account."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from citysite.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "bez.js@example.org"
PASSWORD = "Bez-JavaScriptu-2024"
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm-email/[^\s/]+/")


def test_javascript_is_really_off(nojs_page):
    nojs_page.set_content("<title>static</title><script>document.title = 'scripted'</script>")
    assert nojs_page.title() == "static"


def test_home_page_without_javascript(nojs_page, home_page):
    response = nojs_page.goto("/")
    assert response.status == 200
    expect(nojs_page.locator("html")).to_have_attribute("lang", "pl")
    expect(nojs_page.locator("main h1")).to_have_text(home_page.title)
    expect(nojs_page.locator("nav.language-switcher a")).to_have_count(4)
    expect(nojs_page.locator("nav.account-links a[href$='/account/signup/']")).to_be_visible()


def test_sign_up_without_javascript(nojs_page, home_page):
    page = nojs_page
    page.goto("/")
    page.locator("nav.account-links a[href$='/account/signup/']").click()
    page.wait_for_url("**/account/signup/")
    expect(page.locator("main form[action$='/account/signup/']")).to_be_visible()

    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "Marta")
    with page.expect_navigation():
        page.locator("main form[action$='/account/signup/'] button[type=submit]").click()
    assert urlsplit(page.url).path == "/account/confirm-email/", page.url

    user = User.objects.get(email=EMAIL)
    assert user.display_name == "Marta"
    assert len(mail.outbox) == 1
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)

    page.goto(link)
    with page.expect_navigation():
        page.locator("main form[action*='/account/confirm-email/'] button[type=submit]").click()
    assert user.emailaddress_set.get().verified

    # Confirming in the browser that signed up logs the new account in.
    account_links = page.locator("nav.account-links")
    expect(account_links.locator("a[href$='/account/profile/']")).to_have_text("Marta")
    expect(account_links.locator("a[href$='/account/logout/']")).to_be_visible()

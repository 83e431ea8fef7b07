"""A resident signs up, verifies the e-mail address, logs out and back in: all in Ukrainian."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from citysite.accounts.models import User

EMAIL = "oksana.ukr@example.org"
PASSWORD = "Kalyna-u-Lublini-2024"
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm-email/[^\s/]+/")

pytestmark = pytest.mark.django_db(transaction=True)


def expect_ukrainian(page):
    # The page has loaded by now (navigations are awaited), so no need to wait for the attribute.
    assert page.locator("html").get_attribute("lang") == "uk", f"not in Ukrainian: {page.url}"
    assert urlsplit(page.url).path.startswith("/uk/"), f"left the Ukrainian site: {page.url}"


def expect_logged_in_as(page, name):
    links = page.locator("nav.account-links")
    expect(links.locator("a[href$='/account/profile/']")).to_have_text(name)
    expect(links.locator("a[href$='/account/logout/']")).to_be_visible()
    expect(links.locator("a[href$='/account/login/']")).to_have_count(0)


def expect_logged_out(page):
    links = page.locator("nav.account-links")
    expect(links.locator("a[href$='/account/login/']")).to_be_visible()
    expect(links.locator("a[href$='/account/logout/']")).to_have_count(0)


def submit(page, action):
    """Clicks the submit button of the form in <main> whose action contains `action`, and waits for the
    response page."""
    with page.expect_navigation():
        page.locator(f"main form[action*='{action}'] button[type=submit]").click()


def confirmation_link(outbox):
    assert len(outbox) == 1, [message.subject for message in outbox]
    match = CONFIRM_LINK.search(outbox[0].body)
    assert match, f"no confirmation link in the e-mail:\n{outbox[0].body}"
    return match.group(0)


def sign_up_in_ukrainian(page):
    """From the Polish home page: switch to Ukrainian, sign up; returns the link from the e-mail."""
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")

    page.locator("nav.language-switcher").get_by_role("link", name="Українська").click()
    page.wait_for_url("**/uk/")
    expect_ukrainian(page)

    page.locator("nav.account-links a[href$='/account/signup/']").click()
    page.wait_for_url("**/uk/account/signup/")
    expect_ukrainian(page)
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "Оксана")
    submit(page, "/account/signup/")
    page.wait_for_url("**/uk/account/confirm-email/")
    expect_ukrainian(page)

    user = User.objects.get(email=EMAIL)
    assert user.display_name == "Оксана"
    assert user.preferred_language == "uk"
    assert not user.emailaddress_set.get().verified

    link = confirmation_link(mail.outbox)
    assert urlsplit(link).path.startswith("/uk/account/confirm-email/"), link
    assert re.search("[а-яіїєґ]", mail.outbox[0].subject, re.IGNORECASE), "the e-mail is not in Ukrainian"
    return link


def confirm(page, link):
    page.goto(link)
    expect_ukrainian(page)
    # The form's key differs from the e-mail's (allauth signs it afresh, with a new timestamp).
    submit(page, "/account/confirm-email/")
    assert User.objects.get(email=EMAIL).emailaddress_set.get().verified


def test_sign_up_verify_log_out_and_log_in_in_ukrainian(page, translated_home):
    confirm(page, sign_up_in_ukrainian(page))
    # Confirming logs the new account in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION), still in Ukrainian.
    expect_ukrainian(page)
    expect_logged_in_as(page, "Оксана")

    page.locator("nav.account-links a[href$='/account/logout/']").click()
    page.wait_for_url("**/uk/account/logout/")
    expect_ukrainian(page)
    submit(page, "/account/logout/")
    expect_ukrainian(page)
    expect_logged_out(page)

    page.locator("nav.account-links a[href$='/account/login/']").click()
    page.wait_for_url("**/uk/account/login/")
    expect_ukrainian(page)
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    submit(page, "/account/login/")

    # Logged in, and still in Ukrainian (the login lands in the preferred language, set at sign-up).
    assert urlsplit(page.url).path == "/uk/", page.url
    expect_ukrainian(page)
    expect_logged_in_as(page, "Оксана")
    account_links = page.locator("nav.account-links")
    expect(account_links.locator("a[href='/uk/account/profile/']")).to_have_text("Оксана")
    expect(account_links.locator("a[href='/uk/account/logout/']")).to_be_visible()

"""Cases are limited per internet address and per browser (issue 15.6): an NGO's office or a library files
many cases from one address, one browser only a few. Rate limits are on (counted in the cache, emptied
before each test)."""

import pytest
from django.test import Client

from citysite.participation import spam
from citysite.participation.submission_limits import BROWSER_COOKIE, BROWSER_LIMIT_MESSAGE
from ombudsperson.models import Case

from .helpers import DESCRIPTION, form_data, page_url

pytestmark = pytest.mark.django_db

NGO_OFFICE = "198.51.100.20"


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True


def send(client, page, address=NGO_OFFICE):
    return client.post(page_url(page), form_data(), REMOTE_ADDR=address)


def test_one_browser_files_five_cases_an_hour_by_default(client, ombudsperson_page):
    for _ in range(5):
        assert send(client, ombudsperson_page).status_code == 302

    response = send(client, ombudsperson_page)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [str(BROWSER_LIMIT_MESSAGE)]
    assert DESCRIPTION in response.content.decode()
    assert Case.objects.count() == 5
    # The next person at the same office, in another browser, files theirs.
    assert send(Client(), ombudsperson_page).status_code == 302


def test_the_browser_allowance_is_a_setting(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_BROWSER_RATE = "2/h"
    for _ in range(2):
        assert send(client, ombudsperson_page).status_code == 302
    assert send(client, ombudsperson_page).status_code == 429


def test_browsers_on_one_address_share_its_allowance(ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_RATE = "3/h"
    for _ in range(3):
        assert send(Client(), ombudsperson_page).status_code == 302

    response = send(Client(), ombudsperson_page)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [str(spam.RATE_LIMIT_MESSAGE)]
    assert Case.objects.count() == 3
    assert send(Client(), ombudsperson_page, address="203.0.113.9").status_code == 302


def test_by_default_thirty_cases_an_hour_come_from_one_address(ombudsperson_page):
    for _ in range(30):
        assert send(Client(), ombudsperson_page).status_code == 302
    assert send(Client(), ombudsperson_page).status_code == 429


def test_the_refusal_also_sets_the_cookie_so_the_browser_stays_counted(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_BROWSER_RATE = "1/h"
    assert BROWSER_COOKIE in send(client, ombudsperson_page).cookies
    refused = send(client, ombudsperson_page)
    assert refused.status_code == 429
    assert BROWSER_COOKIE in refused.cookies


def test_a_case_with_mistakes_is_not_counted(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_BROWSER_RATE = "1/h"
    response = client.post(page_url(ombudsperson_page), form_data(description=""), REMOTE_ADDR=NGO_OFFICE)
    assert response.status_code == 200
    assert BROWSER_COOKIE not in response.cookies
    assert send(client, ombudsperson_page).status_code == 302

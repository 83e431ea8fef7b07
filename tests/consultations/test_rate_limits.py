"""Anonymous answers are limited per consultation, per internet address and per browser (issue 15.6): a
library's Wi-Fi or a mobile network's shared address lets many people answer, one browser only a few;
participation codes, signed-in people and staff entering paper answers are not held back.

Rate limits are on in these tests (django-ratelimit counts in the cache, emptied before each test)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from wagtail.coreutils import safe_snake_case

from citysite.participation import submission_limits
from citysite.participation.submission_limits import (
    BROWSER_COOKIE,
    BROWSER_COOKIE_SALT,
    BROWSER_LIMIT_MESSAGE,
)
from consultations.models import Answer, ConsultationPage, ParticipationCode, ParticipationCodeBatch
from consultations.services.answering import ADDRESS_LIMIT_MESSAGE

from ..i18n import polish
from .helpers import answer_url, form_data, make_consultation, text_of

pytestmark = pytest.mark.django_db

LIBRARY = "198.51.100.7"


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True


def consultation_with(home_page, *, per_address=60, per_browser=5):
    return make_consultation(
        home_page, anonymous_answers_per_address=per_address, anonymous_answers_per_browser=per_browser
    )


def send(client, page, address=LIBRARY, **overrides):
    return client.post(answer_url(page), form_data(**overrides), REMOTE_ADDR=address)


def new_code(page):
    batch = ParticipationCodeBatch.objects.create(
        consultation_key=page.translation_key, organisation="Homo Faber"
    )
    return ParticipationCode.objects.create(batch=batch).code


def browser_id_in(cookie_value):
    """The id a signed browser cookie holds, read as the site reads it (None if forged)."""
    request = RequestFactory().get("/")
    request.COOKIES[BROWSER_COOKIE] = cookie_value
    return request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT)


# --- per browser ---------------------------------------------------------------------------------------


def test_one_browser_is_held_back_after_its_allowance_and_keeps_what_was_typed(client, home_page):
    page = consultation_with(home_page, per_browser=3)
    for _ in range(3):
        assert send(client, page).status_code == 302

    response = send(client, page, district="Czuby", self_description_consent="on")

    assert response.status_code == 429
    assert str(BROWSER_LIMIT_MESSAGE) in text_of(response)
    assert 'role="alert"' in text_of(response)
    assert 'value="Czuby"' in text_of(response)
    assert Answer.objects.count() == 3
    # The next person at the same library, in another browser, answers.
    assert send(Client(), page).status_code == 302


def test_a_browser_without_the_cookie_is_counted_as_new_so_the_address_stays_the_backstop(home_page):
    page = consultation_with(home_page, per_address=3, per_browser=1)
    for _ in range(3):
        assert send(Client(), page).status_code == 302

    response = send(Client(), page)

    assert response.status_code == 429
    assert str(ADDRESS_LIMIT_MESSAGE) in text_of(response)


def test_the_browser_cookie_is_signed_http_only_and_lasts_an_hour(client, home_page):
    page = consultation_with(home_page)
    response = send(client, page)

    cookie = response.cookies[BROWSER_COOKIE]
    assert browser_id_in(cookie.value)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == submission_limits.BROWSER_COOKIE_SECONDS


def test_a_forged_browser_cookie_is_not_believed(home_page):
    page = consultation_with(home_page, per_browser=1)
    first = Client()
    assert send(first, page).status_code == 302
    browser = browser_id_in(first.cookies[BROWSER_COOKIE].value)
    # Someone who copies the id without its signature cannot use up that browser's allowance, nor
    # choose the key they are counted under: they get an id of their own.
    forger = Client()
    forger.cookies[BROWSER_COOKIE] = browser
    response = send(forger, page)
    assert response.status_code == 302
    assert browser_id_in(response.cookies[BROWSER_COOKIE].value) not in (None, browser)
    assert send(first, page).status_code == 429


def test_a_form_with_mistakes_sets_no_cookie_and_counts_nothing(client, home_page):
    page = consultation_with(home_page, per_browser=1)
    response = send(client, page, consent=None)
    assert response.status_code == 200
    assert BROWSER_COOKIE not in response.cookies
    assert send(client, page).status_code == 302


# --- per address ---------------------------------------------------------------------------------------


def test_many_browsers_on_one_address_share_its_allowance(home_page):
    page = consultation_with(home_page, per_address=4)
    for _ in range(4):
        assert send(Client(), page).status_code == 302

    response = send(Client(), page, district="Czuby", self_description_consent="on")

    assert response.status_code == 429
    assert str(ADDRESS_LIMIT_MESSAGE) in text_of(response)
    assert 'value="Czuby"' in text_of(response)
    assert Answer.objects.count() == 4
    # Another address is not held back.
    assert send(Client(), page, address="203.0.113.9").status_code == 302


def test_by_default_sixty_people_on_one_address_answer_in_an_hour(home_page):
    page = make_consultation(home_page)
    assert (page.anonymous_answers_per_address, page.anonymous_answers_per_browser) == (60, 5)
    for _ in range(60):
        assert send(Client(), page).status_code == 302
    assert send(Client(), page).status_code == 429


def test_a_browser_held_back_does_not_use_up_its_neighbours_allowance(client, home_page):
    page = consultation_with(home_page, per_address=3, per_browser=1)
    assert send(client, page).status_code == 302
    for _ in range(5):
        assert send(client, page).status_code == 429
    assert send(Client(), page).status_code == 302
    assert send(Client(), page).status_code == 302


def test_each_consultation_counts_on_its_own(client, home_page):
    first = consultation_with(home_page, per_browser=1)
    second = consultation_with(home_page, per_browser=1)
    assert send(client, first).status_code == 302
    assert send(client, first).status_code == 429
    assert send(client, second).status_code == 302


def test_the_address_comes_from_the_header_the_proxy_sets(home_page, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    page = consultation_with(home_page, per_address=1)

    def through_the_proxy(client_address):
        # Every request reaches the site from the proxy's own address; the proxy names the client.
        return Client().post(
            answer_url(page), form_data(), REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP=client_address
        )

    assert through_the_proxy(LIBRARY).status_code == 302
    assert through_the_proxy(LIBRARY).status_code == 429
    assert through_the_proxy("203.0.113.9").status_code == 302


# --- not counted ---------------------------------------------------------------------------------------


def test_participation_codes_pass_both_limits(client, home_page):
    page = consultation_with(home_page, per_address=1, per_browser=1)
    assert send(Client(), page).status_code == 302
    assert send(Client(), page).status_code == 429
    # A workshop on the same network, everyone on one tablet: each code lets its holder answer.
    for _ in range(4):
        assert send(client, page, participation_code=new_code(page)).status_code == 302
    assert Answer.objects.filter(participation_code__isnull=False).count() == 4


def test_signed_in_people_on_a_used_up_address_still_answer(client, home_page, resident):
    page = consultation_with(home_page, per_address=1, per_browser=1)
    assert send(client, page).status_code == 302
    assert send(client, page).status_code == 429
    client.force_login(resident)
    assert send(client, page).status_code == 302
    assert Answer.objects.filter(respondent=resident).exists()


# --- set by editors ------------------------------------------------------------------------------------


def test_editors_find_the_limits_in_the_pages_settings(client, home_page, editor):
    page = consultation_with(home_page, per_address=120, per_browser=8)
    client.force_login(editor)

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    settings_tab = html[html.index(f'id="tab-{safe_snake_case(polish("Settings"))}"') :]
    assert 'name="anonymous_answers_per_address"' in settings_tab
    assert 'value="120"' in settings_tab
    assert 'name="anonymous_answers_per_browser"' in settings_tab


@pytest.mark.parametrize("field", ["anonymous_answers_per_address", "anonymous_answers_per_browser"])
def test_a_limit_below_one_is_refused_with_a_message(home_page, field):
    page = ConsultationPage.objects.get(pk=make_consultation(home_page).pk)
    setattr(page, field, 0)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert refused.value.message_dict[field] == [
        polish("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": 1}
    ]

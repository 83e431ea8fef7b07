"""Writing to the council: no account needed, never a question about citizenship; the message is e-mailed
to each active member of the secretariat in their language once the request commits, and nothing of it
is stored. A honeypot, a minimum fill time and a rate limit keep bots out without getting in a person's
way."""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext, override

from citysite.accounts.factories import UserFactory
from citysite.models import SubmissionKey
from citysite.participation import spam
from migrant_council.views.public import NO_RECIPIENTS, WRITE_RATE, WriteToCouncilForm

from .conftest import text_of

pytestmark = pytest.mark.django_db

PURPOSE = "migrant_council.write"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def secretaries(db):
    return [
        UserFactory(display_name="Anna", groups=["Council secretariat"], preferred_language="pl"),
        UserFactory(display_name="Taras", groups=["Council secretariat"], preferred_language="uk"),
    ]


def write_url(page):
    return page.url + "write/"


def form_data(**overrides):
    data = {
        "name": "Mariam",
        "email": "mariam@example.org",
        "message": "Chciałabym zaprosić radę na spotkanie w naszym stowarzyszeniu.",
        "language": "pl",
        "website": "",
        "form_started": spam.started_token(PURPOSE, time.time() - 30),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_form_needs_no_account_and_asks_nothing_about_citizenship(client, council_page):
    response = client.get(write_url(council_page))
    assert response.status_code == 200
    page = text_of(response).lower()
    for field in ("name", "email", "message", "language"):
        assert f'name="{field}"' in page
    form = page.split("<form", 1)[1].split("</form>", 1)[0]
    assert form.count("<label") == 5  # name, e-mail, message, language and the hidden honeypot
    for forbidden in ("citizenship", "obywatel", "nationality", "pesel", "residence"):
        assert forbidden not in form
    assert "Napisz do nas w dowolnym z czterech języków." in text_of(response)


def test_form_tells_that_without_an_address_there_is_no_answer(client, council_page):
    with override("pl"):
        note = str(WriteToCouncilForm.base_fields["email"].help_text)
    page = text_of(client.get(write_url(council_page)))
    assert escape(note) in page
    assert 'aria-describedby="id_email_helptext"' in page


def test_form_offers_the_current_language_first_chosen(client, council_page, translated_home):
    russian = council_page.copy_for_translation(translated_home["ru"].locale)
    russian.save_revision().publish()
    page = text_of(client.get(write_url(russian)))
    assert re.search(r'<option value="ru" selected>', page)


def test_message_is_emailed_to_each_secretary_in_their_language(
    client, council_page, secretaries, django_capture_on_commit_callbacks
):
    UserFactory(groups=["Council secretariat"], is_active=False, email="inactive@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url(council_page), form_data(language="uk"))

    assert response.status_code == 302
    assert response["Location"].startswith(write_url(council_page) + "?sent=")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {secretary.email for secretary in secretaries}
    for secretary in secretaries:
        message = by_address[secretary.email]
        assert message.extra_headers["Content-Language"] == secretary.preferred_language
        with override(secretary.preferred_language):
            assert message.subject == gettext("[Otwarte Miasto] A message to the migrant council")
        assert message.reply_to == ["mariam@example.org"]
        assert "Chciałabym zaprosić radę" in message.body
        assert "Mariam" in message.body and "Українська" in message.body


def test_success_page_after_sending(client, council_page, secretaries):
    response = client.post(write_url(council_page), form_data(), follow=True)
    assert response.status_code == 200
    with override("pl"):
        assert gettext("Your message was sent") in text_of(response)
    assert 'name="message"' not in text_of(response)


def test_a_forged_success_link_shows_the_form(client, council_page):
    page = text_of(client.get(write_url(council_page) + "?sent=forged"))
    assert 'name="message"' in page


def test_nothing_of_the_message_is_stored(
    client, council_page, secretaries, django_capture_on_commit_callbacks
):
    with (
        CaptureQueriesContext(connection) as context,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(write_url(council_page), form_data())
    writes = [
        query["sql"] for query in context.captured_queries if query["sql"].split()[0] in {"INSERT", "UPDATE"}
    ]
    # The immediate task backend in the tests records nothing either; only the e-mails leave. The one row
    # written is the form's random token, so that a double click sends the message once.
    assert [sql for sql in writes if "django_tasks" not in sql and "citysite_submissionkey" not in sql] == []
    kept = SubmissionKey.objects.values_list("purpose", "object_id")
    assert list(kept) == [("migrant_council.write", None)]
    assert len(mail.outbox) == 2


def test_without_an_address_the_secretariat_is_told_not_to_reply(
    client, council_page, secretaries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(council_page), form_data(name="", email=""))
    message = mail.outbox[0]
    assert message.reply_to == []
    with override("pl"):
        assert gettext("(not given: this person cannot be answered)") in message.body


def test_a_signed_in_person_can_write_too(
    client, council_page, secretaries, resident, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(write_url(council_page), form_data()).status_code == 302
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"message": ""}, "Please write your message."),
        ({"message": "   "}, "Please write your message."),
        (
            {"email": "mariam@"},
            "Please enter an e-mail address like name@example.org, or leave the field empty.",
        ),
        ({"language": "de"}, "Please choose one of the languages in the list."),
    ],
)
def test_invalid_input_is_explained_and_kept(client, council_page, secretaries, overrides, field_message):
    response = client.post(write_url(council_page), form_data(**overrides))
    assert response.status_code == 200
    page = text_of(response)
    with override("pl"):
        assert escape(gettext(field_message)) in page
    assert 'role="alert"' in page
    assert 'value="Mariam"' in page  # nothing typed is lost
    assert mail.outbox == []


def test_too_long_message_is_refused_with_its_length(client, council_page, secretaries):
    response = client.post(write_url(council_page), form_data(message="x" * 5001))
    with override("pl"):
        expected = gettext("Please keep it to %(limit_value)d characters (it has %(show_value)d).") % {
            "limit_value": 5000,
            "show_value": 5001,
        }
    assert expected in text_of(response)
    assert mail.outbox == []


def test_honeypot_stops_a_bot_and_keeps_the_text(client, council_page, secretaries):
    response = client.post(write_url(council_page), form_data(website="http://spam.example"))
    assert escape(str(spam.HONEYPOT_MESSAGE)) in text_of(response)
    assert "Chciałabym zaprosić radę" in text_of(response)
    assert mail.outbox == []
    markup = re.search(r'<div class="hp-field"[^>]*>.*?</div>', text_of(response), re.S).group(0)
    assert 'aria-hidden="true"' in markup and 'tabindex="-1"' in markup


def test_a_form_sent_too_fast_is_refused(client, council_page, secretaries):
    response = client.post(write_url(council_page), form_data(form_started=spam.started_token(PURPOSE)))
    assert escape(str(spam.TOO_FAST_MESSAGE)) in text_of(response)
    assert mail.outbox == []


def test_a_slow_person_always_gets_through(client, council_page, secretaries):
    started = spam.started_token(PURPOSE, time.time() - 3 * 24 * 60 * 60)
    assert client.post(write_url(council_page), form_data(form_started=started)).status_code == 302


def test_rate_limit_per_address(client, council_page, secretaries):
    allowed = int(WRITE_RATE.split("/")[0])
    for _attempt in range(allowed):
        assert client.post(write_url(council_page), form_data()).status_code == 302
    mail.outbox.clear()
    response = client.post(write_url(council_page), form_data())
    assert response.status_code == 429
    assert escape(str(spam.RATE_LIMIT_MESSAGE)) in text_of(response)
    assert "Chciałabym zaprosić radę" in text_of(response)
    assert mail.outbox == []
    # Another address is not affected.
    other = client.post(write_url(council_page), form_data(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_mistakes_do_not_count_against_the_rate_limit(client, council_page, secretaries):
    allowed = int(WRITE_RATE.split("/")[0])
    for _attempt in range(allowed + 2):
        client.post(write_url(council_page), form_data(message=""))
    assert client.post(write_url(council_page), form_data()).status_code == 302


def test_without_an_active_secretary_nothing_is_pretended(client, council_page):
    response = client.post(write_url(council_page), form_data())
    assert response.status_code == 503
    assert escape(str(NO_RECIPIENTS)) in text_of(response)
    assert mail.outbox == []

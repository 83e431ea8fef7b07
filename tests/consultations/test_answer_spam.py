"""Spam protection on the answer form: a honeypot, a minimum fill time and rate limits (per address and
per browser, test_rate_limits.py) stop a bot, while a person who is slow, uses a screen reader or only
the keyboard always gets through."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from citysite.participation import spam
from consultations.forms import AnswerForm
from consultations.models import Answer

from .helpers import answer_url, form_data, make_consultation, text_of

PURPOSE = "consultations.answer"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


def honeypot_markup(page: str) -> str:
    return re.search(r'<div class="hp-field"[^>]*>.*?</div>', page, re.S).group(0)


# Honeypot


def test_filled_honeypot_is_refused_with_a_message_and_input_kept(client, consultation):
    response = client.post(
        answer_url(consultation), form_data(website="http://spam.example", district="Czuby")
    )
    assert response.status_code == 200
    assert not Answer.objects.exists()
    page = text_of(response)
    assert str(spam.HONEYPOT_MESSAGE) in page
    assert 'role="alert"' in page
    # Nothing typed is lost, and the honeypot comes back empty so a person can simply send again.
    assert 'value="Czuby"' in page
    assert 'value=""' in honeypot_markup(page)


def test_honeypot_is_hidden_from_sight_screen_readers_and_the_keyboard(client, consultation):
    markup = honeypot_markup(text_of(client.get(answer_url(consultation))))
    assert 'aria-hidden="true"' in markup
    assert 'tabindex="-1"' in markup
    assert 'autocomplete="off"' in markup
    assert str(spam.HONEYPOT_FIELD) in markup
    # Labelled, in case someone meets it with styles switched off.
    assert re.search(r"<label for=\"id_website\">[^<]+</label>", markup)
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    rule = re.search(r"\.hp-field\s*\{([^}]*)\}", css).group(1)
    assert "left: -10000px" in rule and "overflow: hidden" in rule


def test_honeypot_is_not_in_the_forms_field_loop(consultation):
    form = AnswerForm(page=consultation, user=AnonymousUser())
    names = {field.name for field in form.visible_fields()}
    assert spam.HONEYPOT_FIELD not in names and spam.STARTED_FIELD not in names


# Minimum fill time


def test_impossibly_fast_submission_is_refused(client, consultation):
    data = form_data(form_started=spam.started_token(PURPOSE))
    response = client.post(answer_url(consultation), data)
    assert not Answer.objects.exists()
    assert str(spam.TOO_FAST_MESSAGE) in text_of(response)
    # The form keeps its original start time, so sending it again a moment later works.
    assert f'value="{data["form_started"]}"' in text_of(response)


def test_resending_after_a_too_fast_refusal_works(client, consultation):
    data = form_data(form_started=spam.started_token(PURPOSE, time.time() - 1))
    client.post(answer_url(consultation), data)
    assert not Answer.objects.exists()
    data["form_started"] = spam.started_token(PURPOSE, time.time() - 4)  # the same form, 3 seconds later
    assert client.post(answer_url(consultation), data).status_code == 302
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("seconds_ago", [3.5, 60 * 60, 3 * 24 * 60 * 60])
def test_slow_submission_passes(client, consultation, seconds_ago):
    """Someone reading the draft with a screen reader may take hours: never too slow."""
    data = form_data(form_started=spam.started_token(PURPOSE, time.time() - seconds_ago))
    assert client.post(answer_url(consultation), data).status_code == 302
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("token", ["", "forged", None])
def test_missing_or_forged_start_time_is_refused_and_replaced(client, consultation, token):
    response = client.post(answer_url(consultation), form_data(form_started=token))
    assert not Answer.objects.exists()
    assert str(spam.TOO_FAST_MESSAGE) in text_of(response)
    rendered = re.search(r'name="form_started" value="([^"]+)"', text_of(response)).group(1)
    assert spam.started_at(rendered, PURPOSE) is not None


def test_start_time_of_another_form_is_not_accepted():
    token = spam.started_token("proposals.create", time.time() - 60)
    assert spam.started_at(token, PURPOSE) is None
    assert spam.started_at(spam.started_token(PURPOSE, 1000.0), PURPOSE) == 1000.0


def test_minimum_fill_time_is_configurable(client, consultation, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    assert (
        client.post(answer_url(consultation), form_data(form_started=spam.started_token(PURPOSE))).status_code
        == 302
    )


# Rate limit


def test_staff_entering_paper_answers_are_not_rate_limited(client, consultation, editor):
    client.force_login(editor)
    for _ in range(12):
        assert client.post(answer_url(consultation), form_data(entry_channel="paper")).status_code == 302
    assert Answer.objects.filter(entered_by=editor).count() == 12


def test_forms_sent_back_with_mistakes_do_not_count_towards_the_limit(client, consultation):
    for _ in range(12):
        client.post(answer_url(consultation), form_data(consent=None))
    assert client.post(answer_url(consultation), form_data()).status_code == 302


def test_double_submits_do_not_count_towards_the_limit(client, consultation):
    data = form_data()
    for _ in range(12):
        client.post(answer_url(consultation), data)
    assert Answer.objects.count() == 1
    assert client.post(answer_url(consultation), form_data()).status_code == 302

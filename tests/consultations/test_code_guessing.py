"""Guessing participation codes: codes that do not work are counted per internet address and per
consultation. Once either count is used up, every code is refused with one translated message and
status 429, the right code too, so the answer never tells whether a code exists."""

import pytest

from consultations.models import Answer
from consultations.services.answering import CODE_TOO_MANY_ATTEMPTS, CODE_UNKNOWN, CODE_USED
from tests.i18n import polish

from .helpers import answer_url, form_data, make_consultation, new_code, text_of

WRONG = "ZZZZZZZZZZ"


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


@pytest.fixture
def limits(settings):
    """The limits switched on, small enough to reach."""
    settings.RATELIMIT_ENABLE = True

    def set_limits(per_address="100/h", per_consultation="100/h"):
        settings.PARTICIPATION_CODE_ATTEMPTS_RATE = per_address
        settings.PARTICIPATION_CODE_CONSULTATION_ATTEMPTS_RATE = per_consultation

    return set_limits


def send_code(client, page, code, address="127.0.0.1"):
    return client.post(answer_url(page), form_data(participation_code=code), REMOTE_ADDR=address)


def code_error(response):
    return response.context["form"].errors.get("participation_code")


def assert_refused_for_too_many(response):
    assert response.status_code == 429
    assert code_error(response) == [str(CODE_TOO_MANY_ATTEMPTS)]
    assert polish(str(CODE_TOO_MANY_ATTEMPTS)) in text_of(response)


def test_an_address_that_used_up_its_wrong_codes_is_refused_even_the_right_one(client, consultation, limits):
    limits(per_address="3/h")
    code = new_code(consultation)
    for _attempt in range(3):
        response = send_code(client, consultation, WRONG)
        assert response.status_code == 200
        assert code_error(response) == [str(CODE_UNKNOWN)]

    right = send_code(client, consultation, code.code)
    wrong = send_code(client, consultation, WRONG)

    assert_refused_for_too_many(right)
    assert_refused_for_too_many(wrong)
    assert not Answer.objects.exists()
    code.refresh_from_db()
    assert code.used_at is None  # still there for its holder, once the hour is over


def test_another_address_still_answers_with_its_code(client, consultation, limits):
    limits(per_address="2/h")
    code = new_code(consultation)
    for _attempt in range(2):
        send_code(client, consultation, WRONG, address="10.0.0.1")
    assert_refused_for_too_many(send_code(client, consultation, WRONG, address="10.0.0.1"))

    response = send_code(client, consultation, code.code, address="10.0.0.2")
    assert response.status_code == 302
    assert Answer.objects.get().participation_code == code


def test_guessing_from_many_addresses_uses_up_the_consultations_count(
    client, consultation, home_page, limits
):
    limits(per_consultation="3/h")
    code = new_code(consultation)
    other = make_consultation(home_page, title="Inna konsultacja")
    other_code = new_code(other)
    for number in range(3):
        assert code_error(send_code(client, consultation, WRONG, address=f"10.0.1.{number}")) == [
            str(CODE_UNKNOWN)
        ]

    assert_refused_for_too_many(send_code(client, consultation, code.code, address="10.0.2.1"))
    assert not Answer.objects.exists()
    # The count belongs to that consultation: codes of another one still work.
    assert send_code(client, other, other_code.code, address="10.0.2.1").status_code == 302
    assert Answer.objects.get().participation_code == other_code


def test_only_codes_that_do_not_work_count(client, consultation, limits):
    limits(per_address="2/h")
    first, second = new_code(consultation), new_code(consultation)
    assert send_code(client, consultation, first.code).status_code == 302
    # The code just used no longer works: it counts, as a code from another consultation would.
    assert code_error(send_code(client, consultation, first.code)) == [str(CODE_USED)]
    # One wrong code so far, so the right one is looked up and accepted (the first right one did not count).
    assert send_code(client, consultation, second.code).status_code == 302
    assert code_error(send_code(client, consultation, WRONG)) == [str(CODE_UNKNOWN)]
    assert_refused_for_too_many(send_code(client, consultation, WRONG))
    assert Answer.objects.count() == 2


def test_answers_without_a_code_are_not_held_back_by_wrong_codes(client, consultation, limits):
    limits(per_address="1/h")
    send_code(client, consultation, WRONG)
    assert_refused_for_too_many(send_code(client, consultation, WRONG))

    response = client.post(answer_url(consultation), form_data())
    assert response.status_code == 302
    assert Answer.objects.get().participation_code is None

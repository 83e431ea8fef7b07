"""Participation codes on the answer form: a code handed out at a workshop lets one person answer
once, even without an e-mail address; the answer records the organisation, never who got the code."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone

from citysite.participation.models import Comment
from consultations import forms as consultation_forms
from consultations.models import Answer, AnswerPolicy, ParticipationCode
from consultations.services.answering import (
    CODE_OTHER_CONSULTATION,
    CODE_UNKNOWN,
    CODE_USED,
    AnswerInput,
    CodeUnavailable,
    save_answer,
)

from .helpers import EDUCATION, answer_url, form_data, make_consultation, new_code, text_of


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


def test_a_code_lets_a_person_answer_once(client, consultation):
    code = new_code(consultation, organisation="Homo Faber")
    response = client.post(
        answer_url(consultation),
        form_data(participation_code=code.code, **{f"comment_{EDUCATION}": "Kursy wieczorowe."}),
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.participation_code == code
    assert answer.organisation == "Homo Faber"
    assert (answer.respondent, answer.email) == (None, "")
    code.refresh_from_db()
    assert code.used_at is not None

    response = client.post(answer_url(consultation), form_data(participation_code=code.code))
    assert response.status_code == 200
    assert Answer.objects.count() == 1
    error = response.context["form"].errors["participation_code"][0]
    assert error in text_of(response)
    assert error == str(CODE_USED)
    assert 'href="#id_participation_code"' in text_of(response)


@pytest.mark.parametrize(
    ("kind", "message"), [("unknown", CODE_UNKNOWN), ("other consultation", CODE_OTHER_CONSULTATION)]
)
def test_a_wrong_code_is_refused_and_nothing_saved(client, consultation, home_page, kind, message):
    if kind == "unknown":
        text = "ZZZZZZZZZZ"
    else:
        text = new_code(make_consultation(home_page, title="Inna konsultacja")).code
    response = client.post(
        answer_url(consultation),
        form_data(participation_code=text, **{f"comment_{EDUCATION}": "Tekst."}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["participation_code"] == [str(message)]
    assert not Answer.objects.exists()
    assert not ParticipationCode.objects.filter(used_at__isnull=False).exists()


def test_codes_are_read_as_written_on_paper(client, consultation):
    code = new_code(consultation, code="ABCD2345XY")
    client.post(answer_url(consultation), form_data(participation_code=" abcd-2345 xy "))
    assert Answer.objects.get().participation_code == code


def test_a_code_in_the_link_fills_the_field(client, consultation):
    code = new_code(consultation)
    response = client.get(answer_url(consultation) + f"?code={code.code.lower()}")
    assert response.context["form"]["participation_code"].value() == code.code
    assert f'value="{code.code}"' in text_of(response)


def test_signed_in_people_are_not_asked_for_a_code(client, consultation, resident):
    client.force_login(resident)
    response = client.get(answer_url(consultation) + "?code=ABCD2345XY")
    assert "participation_code" not in response.context["form"].fields


def test_where_an_account_is_required_a_code_stands_in_for_one(client, home_page):
    page = make_consultation(home_page, answer_policy=AnswerPolicy.ACCOUNT_REQUIRED)
    code = new_code(page)

    response = client.get(answer_url(page) + f"?code={code.code}")
    assert response.status_code == 200
    assert response.context["form"].fields["participation_code"].required

    assert client.post(answer_url(page), form_data(participation_code=code.code)).status_code == 302
    assert Answer.objects.get().participation_code == code

    # Without a code the visitor is sent to sign in; with a used one they are told so.
    assert client.post(answer_url(page), form_data()).status_code == 302
    response = client.post(answer_url(page), form_data(participation_code=code.code))
    assert response.context["form"].errors["participation_code"]
    assert Answer.objects.count() == 1


def test_code_holders_on_one_workshop_network_are_not_rate_limited(client, consultation):
    codes = [new_code(consultation) for _ in range(12)]
    for code in codes:
        assert (
            client.post(answer_url(consultation), form_data(participation_code=code.code)).status_code == 302
        )
    assert Answer.objects.filter(participation_code__isnull=False).count() == 12


def test_a_code_used_by_someone_else_meanwhile_saves_nothing(consultation):
    """Two people sending the same code at once: the conditional update lets only one through."""
    code = new_code(consultation)
    data = AnswerInput(responses={}, comments={EDUCATION: "Tekst."}, participation_code=code)
    save_answer(consultation, AnonymousUser(), data, submission_token=uuid.uuid4(), language="pl")
    with pytest.raises(CodeUnavailable):
        save_answer(consultation, AnonymousUser(), data, submission_token=uuid.uuid4(), language="pl")
    assert Answer.objects.count() == 1
    assert Answer.objects.get().comments.count() == 1


def test_the_race_is_reported_on_the_form(client, consultation, monkeypatch):
    code = new_code(consultation)
    check_code = consultation_forms.find_code

    def check_then_someone_else_uses_it(page, text):
        found = check_code(page, text)
        ParticipationCode.objects.filter(pk=code.pk).update(used_at=timezone.now())
        return found

    monkeypatch.setattr(consultation_forms, "find_code", check_then_someone_else_uses_it)
    response = client.post(
        answer_url(consultation),
        form_data(participation_code=code.code, **{f"comment_{EDUCATION}": "Tekst."}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["participation_code"] == [str(CODE_USED)]
    assert not Answer.objects.exists()
    assert not Comment.objects.exists()

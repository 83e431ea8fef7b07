"""Answering a consultation: who may answer and when, one form with section comments and the
questionnaire, editing until the close, offline answers entered by staff, the receipt and its e-mail."""

import datetime
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citysite.accounts.factories import UserFactory
from citysite.participation.models import Comment
from consultations.models import Answer, AnswerPolicy, Channel, ConsultationPage, DraftSection
from consultations.services import answering
from consultations.services.answering import AnswerInput, save_answer

from .helpers import (
    EDUCATION,
    LEISURE,
    LONG,
    MULTIPLE,
    SCALE,
    SHORT,
    SINGLE,
    answer_url,
    form_data,
    make_consultation,
    text_of,
)

ROLES = ["visitor", "resident", "editor", "moderator", "analyst", "council_member", "ombudsperson"]
STAFF_WHO_ENTER_OFFLINE_ANSWERS = {"editor", "analyst"}


def set_status(page, status):
    """Moves a consultation's dates so that it is upcoming, open or closed now."""
    now = timezone.now()
    opens, closes = {
        "upcoming": (now + datetime.timedelta(days=1), now + datetime.timedelta(days=10)),
        "open": (now - datetime.timedelta(days=1), now + datetime.timedelta(days=10)),
        "closed": (now - datetime.timedelta(days=10), now - datetime.timedelta(minutes=1)),
    }[status]
    ConsultationPage.objects.filter(pk=page.pk).update(opens_at=opens, closes_at=closes)


def person(request, role):
    """The signed-in user for a role fixture name (None for a visitor)."""
    return None if role == "visitor" else request.getfixturevalue(role)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: start every test with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


@pytest.fixture
def account_required(home_page):
    return make_consultation(home_page, answer_policy=AnswerPolicy.ACCOUNT_REQUIRED)


# Who may answer, and when


def test_visitor_answers_anonymously_where_allowed(client, consultation):
    response = client.get(answer_url(consultation))
    assert response.status_code == 200
    assert "form" in response.context

    response = client.post(
        answer_url(consultation),
        form_data(
            **{
                f"comment_{EDUCATION}": "Więcej lekcji polskiego dla dorosłych.",
                f"question_{SHORT}": "szkoły",
                f"question_{MULTIPLE}": ["0", "2"],
                "consent_to_publish": "on",
            }
        ),
    )

    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}answer/received/{answer.receipt_token}/"
    assert answer.respondent is None
    assert answer.consultation_key == consultation.translation_key
    assert answer.page_id == consultation.pk
    assert (answer.language, answer.channel) == ("pl", Channel.ONLINE)
    # Choices are stored as option positions, so answers in every language count together.
    assert answer.responses == {SHORT: "szkoły", SINGLE: 1, MULTIPLE: [0, 2], SCALE: 4}
    comment = answer.comments.get()
    assert comment.text == "Więcej lekcji polskiego dla dorosłych."
    assert comment.author is None
    assert (comment.language, comment.consent_to_publish) == ("pl", True)
    assert comment.target == DraftSection.objects.get(section_id=EDUCATION)


def test_account_required_sends_a_visitor_to_sign_in(client, account_required):
    url = answer_url(account_required)
    for response in (client.get(url), client.post(url, form_data())):
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/account/login/"
        assert parse_qs(location.query)["next"] == [url]
    assert not Answer.objects.exists()


def test_account_required_lets_a_signed_in_person_answer(client, account_required, resident):
    client.force_login(resident)
    assert client.get(answer_url(account_required)).status_code == 200
    client.post(answer_url(account_required), form_data())
    assert Answer.objects.get().respondent == resident


@pytest.mark.parametrize("status", ["upcoming", "closed"])
def test_consultation_not_open_refuses_answers(client, consultation, resident, status):
    set_status(consultation, status)
    for user in (None, resident):
        if user:
            client.force_login(user)
        response = client.get(answer_url(consultation))
        assert response.status_code == 200
        assert response.context["refusal"].reason == status
        assert "form" not in response.context
        assert response.context["refusal"].message in text_of(response)
        assert 'name="consent"' not in text_of(response)

        response = client.post(answer_url(consultation), form_data())
        assert response.status_code == 403
        assert response.context["refusal"].message in text_of(response)
    assert not Answer.objects.exists()
    assert not Comment.objects.exists()


def test_unverified_person_is_asked_to_confirm_their_address(client, consultation, unverified_user):
    client.force_login(unverified_user)
    response = client.get(answer_url(consultation))
    assert response.context["refusal"].reason == "unverified"
    assert 'href="/account/email/"' in text_of(response)
    response = client.post(answer_url(consultation), form_data())
    assert response.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_answer_and_only_staff_see_the_offline_fieldset(client, consultation, request, role):
    user = person(request, role)
    if user:
        client.force_login(user)
    response = client.get(answer_url(consultation))
    assert response.status_code == 200
    staff = role in STAFF_WHO_ENTER_OFFLINE_ANSWERS
    assert ('name="entry_channel"' in text_of(response)) is staff
    # Anonymous people may give a participation code and an address for the receipt.
    assert ('name="participation_code"' in text_of(response)) is (user is None)

    response = client.post(answer_url(consultation), form_data())
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.respondent == user
    assert answer.entered_by is None


def test_double_submit_creates_one_answer(client, consultation):
    data = form_data(**{f"comment_{LEISURE}": "Dłużej otwarte biblioteki."})
    first = client.post(answer_url(consultation), data)
    second = client.post(answer_url(consultation), data)
    assert Answer.objects.count() == 1
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_double_submit_of_a_first_answer_when_signed_in(client, consultation, resident):
    client.force_login(resident)
    data = form_data()
    client.post(answer_url(consultation), data)
    client.post(answer_url(consultation), data)
    assert Answer.objects.count() == 1


def test_a_parallel_save_of_the_same_submission_is_caught(consultation, resident):
    data = AnswerInput(responses={SINGLE: 0}, comments={})
    token = uuid.uuid4()
    save_answer(consultation, resident, data, submission_token=token, language="pl")
    with pytest.raises(IntegrityError):
        save_answer(consultation, AnonymousUser(), data, submission_token=token, language="pl")
    assert Answer.objects.count() == 1


def test_a_parallel_double_submit_shows_the_first_answers_receipt(client, consultation, monkeypatch):
    data = form_data()
    first = client.post(answer_url(consultation), data)
    check = answering.answer_for_submission
    calls = []

    def miss_the_first_check(page, token):
        # The second request checks before the first one has saved.
        calls.append(token)
        return None if len(calls) == 1 else check(page, token)

    monkeypatch.setattr(answering, "answer_for_submission", miss_the_first_check)
    second = client.post(answer_url(consultation), data)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Answer.objects.count() == 1


# Editing until the close


def test_signed_in_person_changes_their_answer_until_the_close(client, consultation, resident):
    client.force_login(resident)
    client.post(
        answer_url(consultation),
        form_data(
            **{
                f"comment_{EDUCATION}": "Pierwsza wersja.",
                f"comment_{LEISURE}": "Do usunięcia.",
                "consent_to_publish": "on",
            }
        ),
    )
    answer = Answer.objects.get()
    education = answer.comments.get(text="Pierwsza wersja.")

    response = client.get(answer_url(consultation))
    form = response.context["form"]
    assert response.context["existing"] == answer
    assert form[f"comment_{EDUCATION}"].value() == "Pierwsza wersja."
    assert form[f"question_{SCALE}"].value() == 4
    assert "Pierwsza wersja." in text_of(response)

    response = client.post(
        answer_url(consultation),
        form_data(
            **{f"comment_{EDUCATION}": "Druga wersja.", f"comment_{LEISURE}": "", f"question_{SCALE}": "2"}
        ),
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert Answer.objects.count() == 1
    assert answer.responses[SCALE] == 2
    assert answer.consent_to_publish is False
    education.refresh_from_db()
    assert (education.text, education.consent_to_publish) == ("Druga wersja.", False)
    assert education.edited_at is not None
    assert list(answer.comments.all()) == [education]
    assert not Comment.objects.filter(text="Do usunięcia.").exists()

    set_status(consultation, "closed")
    response = client.post(answer_url(consultation), form_data(**{f"comment_{EDUCATION}": "Po terminie."}))
    assert response.status_code == 403
    education.refresh_from_db()
    assert education.text == "Druga wersja."
    assert client.get(answer_url(consultation)).context["refusal"].reason == "closed"


def test_a_comment_with_replies_cannot_be_withdrawn(client, consultation, resident, analyst):
    client.force_login(resident)
    client.post(answer_url(consultation), form_data(**{f"comment_{EDUCATION}": "Proszę o kursy."}))
    comment = Comment.objects.get()
    Comment.objects.create(
        target_type=comment.target_type,
        target_id=comment.target_id,
        parent=comment,
        author=analyst,
        text="Dziękujemy.",
        language="pl",
        is_official=True,
    )
    response = client.post(answer_url(consultation), form_data(**{f"comment_{EDUCATION}": ""}))
    assert response.status_code == 200
    assert f"comment_{EDUCATION}" in response.context["form"].errors
    assert Comment.objects.count() == 2


def test_anonymous_answers_cannot_be_changed(client, consultation):
    client.post(answer_url(consultation), form_data(**{f"comment_{EDUCATION}": "Anonimowy komentarz."}))
    response = client.get(answer_url(consultation))
    assert response.context["existing"] is None
    assert "Anonimowy komentarz." not in text_of(response)
    client.post(answer_url(consultation), form_data())
    assert Answer.objects.count() == 2


def test_comments_are_counted_per_section_on_the_consultation_page(client, consultation, resident):
    client.post(
        answer_url(consultation), form_data(**{f"comment_{EDUCATION}": "Raz.", "consent_to_publish": "on"})
    )
    client.post(
        answer_url(consultation),
        form_data(
            **{f"comment_{EDUCATION}": "Dwa.", f"comment_{LEISURE}": "Trzy.", "consent_to_publish": "on"}
        ),
    )
    client.force_login(resident)
    client.post(answer_url(consultation), form_data(**{f"comment_{LEISURE}": "Cztery."}))

    response = client.get(consultation.url)
    counts = {section["id"]: section["comment_count"] for section in response.context["sections"]}
    assert counts == {EDUCATION: 2, LEISURE: 2}
    assert response.context["answer_count"] == 3


def test_a_missing_section_record_is_created_for_a_comment(client, consultation):
    DraftSection.objects.all().delete()
    client.post(answer_url(consultation), form_data(**{f"comment_{LEISURE}": "Sobotnie zajęcia."}))
    record = DraftSection.objects.get()
    assert (record.section_id, record.heading, record.position) == (LEISURE, "Czas wolny", 1)
    assert Comment.objects.get().target_id == record.pk


def test_answers_in_ukrainian_are_stored_as_ukrainian(client, consultation, translated_home, locales):
    index = consultation.get_parent().specific
    index.copy_for_translation(locales["uk"]).save_revision().publish()
    translated = consultation.copy_for_translation(locales["uk"])
    translated.title = "Політика інтеграції"
    translated.save_revision().publish()
    translated = ConsultationPage.objects.get(pk=translated.pk)
    assert translated.url.startswith("/uk/")

    response = client.get(answer_url(translated))
    assert response.status_code == 200
    client.post(answer_url(translated), form_data(**{f"comment_{EDUCATION}": "Більше уроків польської."}))

    answer = Answer.objects.get()
    assert answer.language == "uk"
    assert answer.page_id == translated.pk
    assert answer.consultation_key == consultation.translation_key
    comment = answer.comments.get()
    assert comment.language == "uk"
    assert comment.target == DraftSection.objects.get(
        consultation_key=consultation.translation_key, section_id=EDUCATION
    )


# The form: validation, accessibility, what it never asks


def test_missing_required_question_gets_a_message(client, consultation):
    response = client.post(answer_url(consultation), form_data(**{f"question_{SINGLE}": None}))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"question_{SINGLE}"] == [
        str(form.fields[f"question_{SINGLE}"].error_messages["required"])
    ]
    page = text_of(response)
    assert 'class="error-summary" role="alert"' in page
    # The summary links to the first radio button of the group; the group names its error.
    assert f'href="#id_question_{SINGLE}_0"' in page
    assert f'aria-describedby="id_question_{SINGLE}_error"' in page
    assert not Answer.objects.exists()


def test_missing_consent_gets_a_message(client, consultation):
    response = client.post(answer_url(consultation), form_data(consent=None))
    assert "consent" in response.context["form"].errors
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        (f"comment_{EDUCATION}", 4000),
        (f"question_{SHORT}", 300),
        (f"question_{LONG}", 4000),
        ("district", 100),
    ],
)
def test_too_long_text_gets_a_message(client, consultation, field, limit):
    data = form_data(**{field: "a" * (limit + 1), "self_description_consent": "on"})
    response = client.post(answer_url(consultation), data)
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    assert str(limit) in errors[0] and str(limit + 1) in errors[0]
    assert errors[0] in text_of(response)
    assert f'maxlength="{limit}"' in text_of(client.get(answer_url(consultation)))
    assert not Answer.objects.exists()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [(SINGLE, "7"), (SCALE, "9"), (MULTIPLE, ["1", "5"]), (SCALE, "x")]
)
def test_invalid_choice_gets_a_message(client, consultation, field, value):
    response = client.post(answer_url(consultation), form_data(**{f"question_{field}": value}))
    assert response.context["form"].errors[f"question_{field}"]
    assert not Answer.objects.exists()


def test_self_description_is_stored_only_with_its_consent(client, consultation):
    about = {"connection": ["lives", "works"], "district": "Czuby", "age_band": "30_44", "migration": "yes"}
    client.post(answer_url(consultation), form_data(**about))
    assert Answer.objects.get().self_description == {}

    client.post(answer_url(consultation), form_data(**about, self_description_consent="on"))
    assert Answer.objects.latest("pk").self_description == about


def test_self_description_is_not_asked_when_the_consultation_does_not(client, home_page):
    page = make_consultation(home_page, ask_self_description=False)
    response = client.get(answer_url(page))
    assert 'name="age_band"' not in text_of(response)
    client.post(answer_url(page), form_data(age_band="30_44", self_description_consent="on"))
    assert Answer.objects.get().self_description == {}


def test_publish_consent_is_offered_only_where_comments_are_published(client, home_page):
    page = make_consultation(home_page, publish_comments=False)
    assert 'name="consent_to_publish"' not in text_of(client.get(answer_url(page)))
    client.post(answer_url(page), form_data(**{f"comment_{EDUCATION}": "Tekst.", "consent_to_publish": "on"}))
    assert Answer.objects.get().consent_to_publish is False
    assert Comment.objects.get().consent_to_publish is False


FORBIDDEN = re.compile(r"citizen|nationalit|pesel|passport|residen|obywatel|narodowo|paszport|pobyt", re.I)


@pytest.mark.parametrize("role", ["visitor", "analyst"])
def test_no_field_asks_for_citizenship_nationality_or_documents(client, consultation, request, role):
    user = person(request, role)
    if user:
        client.force_login(user)
    response = client.get(answer_url(consultation))
    page = text_of(response)
    form = re.search(r"<form.*?</form>", page, re.S).group(0)
    names = set(re.findall(r'name="([^"]+)"', form))
    labels = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", form, re.S)
    assert labels and names
    for text in [*names, *labels]:
        assert not FORBIDDEN.search(text), text
    # The self-description asks exactly these optional things (DESIGN rule 1).
    assert {"connection", "district", "age_band", "migration", "self_description_consent"} <= names
    assert not any(
        response.context["form"].fields[name].required for name in ("connection", "district", "age_band")
    )


def test_form_is_accessible_without_javascript(client, consultation):
    page = text_of(client.get(answer_url(consultation)))
    assert "<script" not in page.split("<main", 1)[1]
    # Every section's text is readable inside the form while commenting.
    assert page.count('<details class="answer-section__text">') == 2
    assert "Miasto wspiera szkoły w nauce języka polskiego." in page
    # Choice groups are fieldsets with a legend.
    for block_id in (SINGLE, MULTIPLE, SCALE):
        assert re.search(rf'<fieldset id="id_question_{block_id}"[^>]*>\s*<legend>', page)
    assert '<fieldset class="group"' in page
    assert "1 – źle" in page and "5 – dobrze" in page
    # A text field is described by its help text, which states its limit.
    assert f'aria-describedby="id_comment_{EDUCATION}_helptext"' in page


# Staff entering answers gathered offline


def test_staff_enter_offline_answers_on_a_persons_behalf(client, consultation, analyst):
    client.force_login(analyst)
    own = form_data(**{f"comment_{EDUCATION}": "Moje zdanie."})
    client.post(answer_url(consultation), own)

    response = client.get(answer_url(consultation) + "?offline=1")
    assert response.context["existing"] is None
    assert response.context["form"]["entry_channel"].value() == Channel.WORKSHOP

    for channel in (Channel.PAPER, Channel.PHONE):
        response = client.post(
            answer_url(consultation),
            form_data(
                entry_channel=channel, email="osoba@example.org", **{f"comment_{LEISURE}": "Z ankiety."}
            ),
        )
        assert response.status_code == 302
    entered = Answer.objects.filter(entered_by=analyst).order_by("pk")
    assert [answer.channel for answer in entered] == [Channel.PAPER, Channel.PHONE]
    assert all(answer.respondent is None for answer in entered)
    assert entered[0].email == "osoba@example.org"
    assert all(comment.author is None for answer in entered for comment in answer.comments.all())
    own_answer = Answer.objects.get(respondent=analyst)
    assert (own_answer.channel, own_answer.entered_by) == (Channel.ONLINE, None)
    assert own_answer.comments.get().text == "Moje zdanie."


def test_people_without_the_permission_cannot_enter_offline_answers(client, consultation, moderator):
    client.force_login(moderator)
    client.post(answer_url(consultation), form_data(entry_channel=Channel.PAPER))
    answer = Answer.objects.get()
    assert (answer.respondent, answer.entered_by, answer.channel) == (moderator, None, Channel.ONLINE)


def test_offline_entry_is_refused_when_closed(client, consultation, editor):
    set_status(consultation, "closed")
    client.force_login(editor)
    response = client.post(answer_url(consultation), form_data(entry_channel=Channel.WORKSHOP))
    assert response.status_code == 403
    assert not Answer.objects.exists()


# The receipt


def test_receipt_thanks_and_shows_nothing_personal(client, consultation):
    client.post(
        answer_url(consultation),
        form_data(email="olena@example.org", **{f"comment_{EDUCATION}": "Tajny tekst."}),
    )
    answer = Answer.objects.get()
    response = client.get(f"{consultation.url}answer/received/{answer.receipt_token}/")
    assert response.status_code == 200
    page = text_of(response)
    assert "olena@example.org" not in page
    assert "Tajny tekst." not in page
    assert response.context["comment_count"] == 1
    assert response.context["can_change"] is False


def test_receipt_offers_a_signed_in_person_to_change_their_answer(client, consultation, resident):
    client.force_login(resident)
    response = client.post(answer_url(consultation), form_data())
    receipt = client.get(response["Location"])
    assert receipt.context["can_change"] is True
    assert f'href="{answer_url(consultation)}"' in text_of(receipt)
    client.logout()
    assert client.get(response["Location"]).context["can_change"] is False


def test_receipt_only_for_an_answer_of_this_consultation(client, consultation, home_page):
    other = make_consultation(home_page, title="Inna")
    client.post(answer_url(other), form_data())
    token = Answer.objects.get().receipt_token
    assert client.get(f"{consultation.url}answer/received/{token}/").status_code == 404
    assert client.get(f"{consultation.url}answer/received/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"{other.url}answer/received/{token}/").status_code == 200


def test_receipt_email_goes_to_an_anonymous_person_who_gave_an_address(client, consultation):
    client.post(answer_url(consultation), form_data(email="olena@example.org"))
    answer = Answer.objects.get()
    message = mail.outbox[-1]
    assert message.to == ["olena@example.org"]
    assert "Polityka integracji" in message.subject
    assert f"http://localhost{consultation.url}answer/received/{answer.receipt_token}/" in message.body
    assert "answer/\n" not in message.body  # no change link: anonymous answers cannot be changed


def test_no_receipt_email_without_an_address(client, consultation):
    client.post(answer_url(consultation), form_data())
    assert mail.outbox == []


def test_receipt_email_in_the_persons_preferred_language(client, consultation, translated_home, locales):
    index = consultation.get_parent().specific
    index.copy_for_translation(locales["uk"]).save_revision().publish()
    translated = consultation.copy_for_translation(locales["uk"])
    translated.title = "Політика інтеграції"
    translated.save_revision().publish()
    olena = UserFactory(email="olena@example.org", preferred_language="uk")
    client.force_login(olena)

    client.post(answer_url(consultation), form_data())  # answered on the Polish page

    answer = Answer.objects.get()
    assert answer.language == "pl"
    message = mail.outbox[-1]
    assert message.to == ["olena@example.org"]
    assert "Політика інтеграції" in message.subject
    assert "http://localhost/uk/" in message.body
    assert "answer/received/" in message.body
    # A signed-in person may change their answer: the e-mail links to the form.
    assert re.search(r"http://localhost/uk/\S+/answer/\s", message.body)


# Query budget


def test_answer_form_runs_the_same_queries_with_10_and_1000_answers(client, consultation, resident):
    client.force_login(resident)
    client.post(answer_url(consultation), form_data(**{f"comment_{EDUCATION}": "Mój komentarz."}))
    section = DraftSection.objects.get(section_id=EDUCATION)
    target_type = ContentType.objects.get_for_model(DraftSection)

    def add_answers(count):
        answers = Answer.objects.bulk_create(
            Answer(
                consultation_key=consultation.translation_key,
                page=consultation,
                language="pl",
                responses={SINGLE: 0},
            )
            for _ in range(count)
        )
        comments = Comment.objects.bulk_create(
            Comment(target_type=target_type, target_id=section.pk, text="x", language="pl")
            for _ in range(count)
        )
        Answer.comments.through.objects.bulk_create(
            Answer.comments.through(answer_id=answer.pk, comment_id=comment.pk)
            for answer, comment in zip(answers, comments, strict=True)
        )

    def queries():
        client.get(answer_url(consultation))
        with CaptureQueriesContext(connection) as context:
            response = client.get(answer_url(consultation))
        assert response.status_code == 200
        return len(context.captured_queries)

    add_answers(10)
    few = queries()
    add_answers(990)
    assert queries() == few
    client.logout()
    anonymous = queries()
    add_answers(1000)
    assert queries() == anonymous

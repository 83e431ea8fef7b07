"""An answer or a batch of participation codes once saved always reaches its receipt (issue 15.5): whatever
fails after the commit (the receipt e-mail, an on_commit callback, the cache) is logged, and the person
lands on the receipt of the one record stored.

These tests commit for real (transactional database), so on_commit callbacks run as in production."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import Answer, ParticipationCode, ParticipationCodeBatch
from consultations.services import answering

from ..after_commit import CacheDown, cache_down_after_commit, failing_callback_after_commit
from ..test_idempotent_creates import migration_data  # noqa: F401 (autouse: groups the flush removed)
from .helpers import answer_url, form_data, make_consultation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


def receipt_url(page, answer):
    return page.url + page.reverse_subpage("receipt", kwargs={"token": answer.receipt_token})


def assert_lands_on_the_receipt_of_the_one_answer(client, page, response):
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert response["Location"] == receipt_url(page, answer)
    assert client.get(response["Location"]).status_code == 200


def test_a_receipt_e_mail_that_cannot_be_queued_does_not_cost_the_receipt(
    client, consultation, monkeypatch, caplog
):
    def mail_queue_down(*args, **kwargs):
        raise CacheDown("the e-mail queue is not answering")

    monkeypatch.setattr(answering, "send_mail", mail_queue_down)
    with caplog.at_level(logging.ERROR, logger="citysite.receipts"):
        response = client.post(answer_url(consultation), form_data(email="osoba@example.org"))

    assert_lands_on_the_receipt_of_the_one_answer(client, consultation, response)
    assert "The receipt e-mail of a consultation answer failed after the commit" in caplog.text
    assert mail.outbox == []


def test_a_failing_callback_after_the_commit_still_leads_to_the_receipt(client, consultation, caplog):
    with failing_callback_after_commit(Answer), caplog.at_level(logging.ERROR, logger="citysite.receipts"):
        response = client.post(answer_url(consultation), form_data(email="osoba@example.org"))

    assert_lands_on_the_receipt_of_the_one_answer(client, consultation, response)
    assert "A consultation answer was saved, but something after the commit failed" in caplog.text
    # The receipt e-mail is a side effect of its own: the failing callback does not stop it.
    assert [message.to for message in mail.outbox] == [["osoba@example.org"]]


def test_the_cache_going_down_after_the_commit_still_leads_to_the_receipt(client, consultation, monkeypatch):
    with cache_down_after_commit(Answer, monkeypatch):
        response = client.post(answer_url(consultation), form_data())
    monkeypatch.undo()

    assert_lands_on_the_receipt_of_the_one_answer(client, consultation, response)


def test_a_failure_before_the_commit_saves_nothing(client, consultation, monkeypatch):
    def comments_fail(*args, **kwargs):
        raise CacheDown("the comments could not be saved")

    monkeypatch.setattr(answering, "_save_comments", comments_fail)
    client.raise_request_exception = False

    assert client.post(answer_url(consultation), form_data()).status_code == 500
    assert not Answer.objects.exists()


# --- participation code batches ------------------------------------------------------------------------


def test_a_batch_of_codes_reaches_its_printable_page_whatever_fails_after_the_commit(
    client, consultation, editor, monkeypatch
):
    client.force_login(editor)
    data = {
        "consultation": str(consultation.translation_key),
        "organisation": "Fundacja Homo Faber",
        "count": "5",
        "submission_token": "",
    }
    with failing_callback_after_commit(ParticipationCodeBatch):
        response = client.post(reverse("consultations_admin:code_batch_new"), data)

    batch = ParticipationCodeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations_admin:code_batch", args=[batch.pk])
    assert ParticipationCode.objects.filter(batch=batch).count() == 5
    printable = client.get(response["Location"]).content.decode()
    # Each slip shows its code in two groups of five, as it is read aloud.
    assert all(f"{code[:5]} {code[5:]}" in printable for code in batch.codes.values_list("code", flat=True))

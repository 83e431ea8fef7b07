"""A case once saved always reaches its receipt (issue 15.5): the reference and secret code are made before
the commit, and whatever fails after it (an on_commit callback, the cache, the page around the receipt)
is logged while the person still gets the reference and code of the one case stored.

These tests commit for real (transactional database), so on_commit callbacks run as in production."""

import logging
import re

import pytest

from ombudsperson.models import Case, OmbudspersonPage

from ..after_commit import CacheDown, cache_down_after_commit, failing_callback_after_commit
from .helpers import form_data, page_url

pytestmark = pytest.mark.django_db(transaction=True)

CODES_RE = re.compile(r'class="case-code">([^<]+)<')


def shown_codes(response):
    assert response.status_code == 200
    return CODES_RE.findall(response.content.decode())


def assert_the_receipt_opens_the_one_case(reference, code):
    case = Case.objects.get()
    assert case.reference == reference
    assert Case.find(reference, code) == case


def test_a_failing_callback_after_the_commit_still_leads_to_the_receipt(client, ombudsperson_page, caplog):
    with failing_callback_after_commit(Case), caplog.at_level(logging.ERROR, logger="citysite.receipts"):
        response = client.post(page_url(ombudsperson_page), form_data())

    assert response.status_code == 302
    assert response["Location"] == page_url(ombudsperson_page, "received")
    assert "An ombudsperson case was saved, but something after the commit failed" in caplog.text
    reference, code = shown_codes(client.get(response["Location"]))
    assert_the_receipt_opens_the_one_case(reference, code)


def test_the_cache_going_down_after_the_commit_still_shows_the_reference_and_code(
    client, ombudsperson_page, monkeypatch
):
    with cache_down_after_commit(Case, monkeypatch):
        response = client.post(page_url(ombudsperson_page), form_data())
        receipt = client.get(page_url(ombudsperson_page, "received"))

    assert response.status_code == 302
    reference, code = shown_codes(receipt)
    assert_the_receipt_opens_the_one_case(reference, code)


def test_when_the_page_around_the_receipt_fails_a_plain_receipt_shows_the_codes(
    client, ombudsperson_page, monkeypatch, caplog
):
    assert client.post(page_url(ombudsperson_page), form_data()).status_code == 302

    def broken_context(self, request, *args, **kwargs):
        raise CacheDown("the menus could not be read")

    monkeypatch.setattr(OmbudspersonPage, "get_context", broken_context)
    with caplog.at_level(logging.ERROR, logger="ombudsperson.views.public"):
        receipt = client.get(page_url(ombudsperson_page, "received"))

    assert "plain receipt" in caplog.text
    html = receipt.content.decode()
    assert '<html lang="pl">' in html
    assert html.count("<h1") == 1
    reference, code = shown_codes(receipt)
    assert_the_receipt_opens_the_one_case(reference, code)
    # Shown once, as always: the next visit has nothing to show, and says so on the normal page.
    monkeypatch.undo()
    assert shown_codes(client.get(page_url(ombudsperson_page, "received"))) == []


def test_a_failure_before_the_commit_saves_nothing_and_shows_no_receipt(
    client, ombudsperson_page, monkeypatch
):
    def audit_fails(*args, **kwargs):
        raise CacheDown("the audit log could not be written")

    monkeypatch.setattr("ombudsperson.services.audit", audit_fails)
    client.raise_request_exception = False

    response = client.post(page_url(ombudsperson_page), form_data())

    assert response.status_code == 500
    assert not Case.objects.exists()
    assert shown_codes(client.get(page_url(ombudsperson_page, "received"))) == []

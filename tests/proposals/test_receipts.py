"""A proposal once saved always leads its author to it (issue 15.5): whatever fails after the commit (an
on_commit callback, the cache) is logged, and the author lands on the one proposal stored with the
"Thank you" message.

These tests commit for real (transactional database), so on_commit callbacks run as in production."""

import logging

import pytest

from proposals.models import Proposal

from ..after_commit import cache_down_after_commit, failing_callback_after_commit
from ..i18n import polish
from ..test_idempotent_creates import migration_data  # noqa: F401 (autouse: dimensions the flush removed)
from .helpers import create_url, form_data

pytestmark = pytest.mark.django_db(transaction=True)

THANKS = "Thank you. Your proposal is published."


def assert_lands_on_the_one_proposal(client, index, response):
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert response["Location"] == index.url + index.reverse_subpage("detail_view", args=(proposal.pk,))
    return proposal


def test_a_failing_callback_after_the_commit_still_leads_to_the_proposal(
    client, resident, proposal_index, caplog
):
    client.force_login(resident)
    with failing_callback_after_commit(Proposal), caplog.at_level(logging.ERROR, logger="citysite.receipts"):
        response = client.post(create_url(proposal_index), form_data())

    assert_lands_on_the_one_proposal(client, proposal_index, response)
    assert "A proposal was saved, but something after the commit failed" in caplog.text
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert polish(THANKS) in [str(message) for message in page.context["messages"]]


def test_the_cache_going_down_after_the_commit_still_leads_to_the_proposal(
    client, resident, proposal_index, monkeypatch
):
    client.force_login(resident)
    with cache_down_after_commit(Proposal, monkeypatch):
        response = client.post(create_url(proposal_index), form_data())
    monkeypatch.undo()

    assert_lands_on_the_one_proposal(client, proposal_index, response)

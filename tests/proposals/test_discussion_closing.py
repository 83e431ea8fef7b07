"""A proposal's discussion stays open while it is public, answered or not; hiding or withdrawing it
keeps the thread readable but closes it to new comments and replies."""

import re

import pytest
from django.core.exceptions import ValidationError

from citysite.participation import services as comments
from proposals import services
from proposals.models import Status

from ..i18n import polish

pytestmark = pytest.mark.django_db

CLOSED = polish("This discussion is closed; new comments are no longer possible.")
CLOSED_TO_REPLIES = polish("This discussion is closed; replies are no longer possible.")


@pytest.mark.parametrize(
    "status", [Status.PUBLISHED, Status.UNDER_EVALUATION, Status.ACCEPTED, Status.REJECTED]
)
def test_public_proposals_take_comments_and_replies(proposal, resident, status):
    proposal.status = status
    proposal.save()
    comment, created = comments.post_comment(resident, proposal, "Popieram, to pilne.", "pl")
    assert created
    reply, created = comments.post_reply(resident, comment, "Dodam jeszcze jedno.", "pl")
    assert created and reply.parent == comment


def test_a_hidden_proposal_takes_no_new_comments_but_keeps_its_thread(proposal, resident, moderator, client):
    comment, _created = comments.post_comment(resident, proposal, "Pierwszy komentarz.", "pl")
    services.hide_proposal(moderator, proposal, "Treść obraźliwa.")
    proposal.refresh_from_db()

    with pytest.raises(ValidationError, match=re.escape(CLOSED)):
        comments.post_comment(resident, proposal, "Jeszcze jeden.", "pl")
    with pytest.raises(ValidationError, match=re.escape(CLOSED_TO_REPLIES)):
        comments.post_reply(resident, comment, "Odpowiedź.", "pl")
    assert proposal.comments.count() == 1


def test_a_withdrawn_proposal_takes_no_new_comments(proposal, author, resident):
    comment, _created = comments.post_comment(resident, proposal, "Szkoda, że wycofane.", "pl")
    services.withdraw_proposal(author, proposal)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match=re.escape(CLOSED)):
        comments.post_comment(resident, proposal, "Nowy komentarz.", "pl")
    with pytest.raises(ValidationError, match=re.escape(CLOSED_TO_REPLIES)):
        comments.post_reply(resident, comment, "Odpowiedź.", "pl")

"""Who gets into every proposals view and action, and what each visit does to the database: visitor,
unverified user, resident, the author, moderator, editor and superuser. 302 with a database effect is a
done action (back to the proposal); 302 to the sign-in page, 403 (a refusal page) and 404 leave the
database as it was."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from citysite.participation.models import AbuseReport, Comment
from proposals.factories import ProposalFactory
from proposals.models import Placement, ProgressUpdate, Proposal, ProposalFollow, Status, Support
from proposals.services import hide_proposal
from tests.i18n import polish

from .helpers import action_url, create_url, detail_url, form_data, similar_url

ROLES = ["visitor", "unverified_user", "resident", "author", "moderator", "editor", "superuser"]
LOGIN = "login"  # a redirect to the sign-in page
DONE = 302


@pytest.fixture
def person(client, request):
    """Signs the client in as the role and returns the user (None for a visitor)."""

    def sign_in(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return sign_in


def next_of(response) -> str:
    return parse_qs(urlsplit(response["Location"]).query)["next"][0]


def status_of(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


# What a valid submission of each action sends, the status the proposal must have first, and how to
# see that the action happened.
ACTIONS = {
    "edit": {
        "data": lambda: form_data(title="Nowy tytuł propozycji"),
        "happened": lambda proposal, user: (
            Proposal.objects.get(pk=proposal.pk).title == "Nowy tytuł propozycji"
        ),
    },
    "withdraw": {
        "data": dict,
        "happened": lambda proposal, user: Proposal.objects.get(pk=proposal.pk).status == Status.WITHDRAWN,
    },
    "support": {
        "data": dict,
        "happened": lambda proposal, user: Support.objects.filter(proposal=proposal).exists(),
    },
    "place": {
        "data": lambda: {"impact": "4", "ease": "2"},
        "happened": lambda proposal, user: Placement.objects.filter(proposal=proposal).exists(),
    },
    "official-placement": {
        "data": lambda: {"impact": "5", "ease": "2", "placed_by": "Zespół ds. edukacji"},
        "happened": lambda proposal, user: Proposal.objects.get(pk=proposal.pk).official_impact == 5,
    },
    "answer": {
        "data": lambda: {"to_status": "rejected", "answer": "Poza zakresem.", "answering_body": "Wydział"},
        "happened": lambda proposal, user: Proposal.objects.get(pk=proposal.pk).status == Status.REJECTED,
    },
    "progress": {
        "status": Status.ACCEPTED,
        "data": lambda: {"percent": "40", "text": "Ruszył nabór.", "published_on": ""},
        "happened": lambda proposal, user: ProgressUpdate.objects.filter(proposal=proposal).exists(),
    },
    "hide": {
        "data": lambda: {"reason": "Spam"},
        "happened": lambda proposal, user: Proposal.objects.get(pk=proposal.pk).status == Status.HIDDEN,
    },
    "restore": {
        "status": Status.HIDDEN,
        "data": dict,
        "happened": lambda proposal, user: Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED,
    },
    "report": {
        "data": lambda: {"reason": "Obraźliwe słowa."},
        "happened": lambda proposal, user: AbuseReport.objects.for_target(proposal).exists(),
    },
    "follow": {
        "data": dict,
        "happened": lambda proposal, user: ProposalFollow.objects.filter(proposal=proposal).exists(),
    },
    "comment": {
        "data": lambda: {"text": "Dobry pomysł, popieram."},
        "happened": lambda proposal, user: Comment.objects.for_target(proposal).exists(),
    },
}

# The outcome of a valid POST, per action and role.
POST_OUTCOMES = {
    "edit": dict.fromkeys(ROLES, 403) | {"visitor": LOGIN, "author": DONE},
    "withdraw": dict.fromkeys(ROLES, 403) | {"visitor": LOGIN, "author": DONE},
    "support": dict.fromkeys(ROLES, DONE) | {"visitor": LOGIN, "unverified_user": 403, "author": 403},
    "place": dict.fromkeys(ROLES, DONE) | {"visitor": LOGIN, "unverified_user": 403},
    "official-placement": dict.fromkeys(ROLES, 403)
    | {"visitor": LOGIN, "moderator": DONE, "superuser": DONE},
    "answer": dict.fromkeys(ROLES, DONE)
    | {"visitor": LOGIN, "unverified_user": 403, "resident": 403, "author": 403},
    "progress": dict.fromkeys(ROLES, DONE)
    | {"visitor": LOGIN, "unverified_user": 403, "resident": 403, "author": 403},
    "hide": dict.fromkeys(ROLES, 403) | {"visitor": LOGIN, "moderator": DONE, "superuser": DONE},
    "restore": dict.fromkeys(ROLES, 403) | {"visitor": LOGIN, "moderator": DONE, "superuser": DONE},
    "report": dict.fromkeys(ROLES, DONE),
    "follow": dict.fromkeys(ROLES, DONE) | {"visitor": LOGIN},
    "comment": dict.fromkeys(ROLES, DONE) | {"visitor": LOGIN, "unverified_user": 403},
}
POST_ONLY = {"support", "restore", "follow"}
MATRIX = [(action, role) for action in ACTIONS for role in ROLES]


@pytest.fixture
def target(proposal_index, author, moderator):
    def make(action):
        status = ACTIONS[action].get("status", Status.PUBLISHED)
        proposal = ProposalFactory(
            index=proposal_index,
            author=author,
            title="Baza tłumaczy środowiskowych",
            status=Status.PUBLISHED if status == Status.HIDDEN else status,
        )
        if status == Status.HIDDEN:
            hide_proposal(moderator, proposal, "Do sprawdzenia")
        return proposal

    return make


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_posting_each_action(client, person, target, proposal_index, action, role):
    proposal = target(action)
    user = person(role)
    response = client.post(action_url(proposal_index, proposal, action), ACTIONS[action]["data"]())
    expected = POST_OUTCOMES[action][role]
    assert status_of(response) == expected
    assert ACTIONS[action]["happened"](proposal, user) == (expected == DONE)
    if expected == DONE:
        assert response["Location"].startswith(detail_url(proposal_index, proposal))
    if expected == LOGIN:
        # Back to the proposal after signing in.
        assert next_of(response).startswith(detail_url(proposal_index, proposal))
    if expected == 403:
        assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_opening_each_action(client, person, target, proposal_index, action, role):
    proposal = target(action)
    person(role)
    url = action_url(proposal_index, proposal, action)
    response = client.get(url)
    if action in POST_ONLY:
        assert response.status_code == 405
    else:
        expected = POST_OUTCOMES[action][role]
        assert status_of(response) == (200 if expected == DONE else expected)
        if expected == LOGIN:
            # Back to the form after signing in.
            assert next_of(response) == url
    assert not ACTIONS[action]["happened"](proposal, None)


@pytest.mark.parametrize("role", ROLES)
def test_the_proposal_page(client, person, proposal_index, proposal, role):
    person(role)
    assert client.get(detail_url(proposal_index, proposal)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_similar_suggestions_are_public(client, person, proposal_index, proposal, role):
    person(role)
    response = client.get(similar_url(proposal_index), {"title": "Baza tłumaczy"})
    assert response.status_code == 200
    assert proposal.title in response.content.decode()


CREATE_OUTCOMES = dict.fromkeys(ROLES, DONE) | {"visitor": LOGIN, "unverified_user": 403}


@pytest.mark.parametrize("role", ROLES)
def test_writing_a_proposal(client, person, proposal_index, role):
    user = person(role)
    expected = CREATE_OUTCOMES[role]
    response = client.get(create_url(proposal_index))
    assert status_of(response) == (200 if expected == DONE else expected)
    if expected == 403:
        assert polish("Please confirm your e-mail address first; then you can write a proposal.") in (
            response.content.decode()
        )
        assert reverse("account_email") in response.content.decode()
    response = client.post(create_url(proposal_index), form_data())
    assert status_of(response) == expected
    assert Proposal.objects.exists() == (expected == DONE)
    if expected == DONE:
        assert Proposal.objects.get().author == user


def test_visitor_is_sent_to_sign_in_and_back_to_the_form(client, proposal_index):
    response = client.get(create_url(proposal_index))
    assert status_of(response) == LOGIN
    assert next_of(response) == create_url(proposal_index)


# Proposals that some people may not see


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["report", "support", "comment", "edit", "answer", "hide"])
def test_actions_on_a_proposal_awaiting_moderation(client, person, proposal_index, author, role, action):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.SUBMITTED)
    person(role)
    response = client.post(action_url(proposal_index, proposal, action), ACTIONS[action]["data"]())
    if role in {"visitor", "unverified_user", "resident"}:
        assert response.status_code == 404
    else:
        assert response.status_code != 404
    if role == "author" and action == "edit":
        assert status_of(response) == DONE


@pytest.mark.parametrize("role", ROLES)
def test_unknown_action_is_not_found(client, person, proposal_index, proposal, role):
    person(role)
    assert client.get(action_url(proposal_index, proposal, "delete")).status_code == 404
    assert client.post(action_url(proposal_index, proposal, "delete")).status_code == 404


def test_other_methods_are_not_allowed(client, proposal_index, proposal, moderator):
    client.force_login(moderator)
    assert client.put(action_url(proposal_index, proposal, "hide")).status_code == 405
    assert client.delete(action_url(proposal_index, proposal, "report")).status_code == 405
    assert client.put(create_url(proposal_index)).status_code == 405
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED

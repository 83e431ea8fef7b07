"""Shared fixtures for the proposals tests: an index page (post- and pre-moderated), an author and a
published proposal of theirs."""

import pytest

from citysite.accounts.factories import UserFactory
from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from proposals.models import ModerationMode


@pytest.fixture
def proposal_index(home_page):
    """A post-moderated proposals index under the Polish home page, without a support threshold."""
    return ProposalIndexPageFactory(parent=home_page, slug="propozycje")


@pytest.fixture
def pre_moderated_index(home_page):
    """A pre-moderated proposals index: new proposals wait for a moderator."""
    return ProposalIndexPageFactory(
        parent=home_page,
        slug="propozycje-moderowane",
        title="Propozycje moderowane",
        moderation=ModerationMode.PRE,
    )


@pytest.fixture
def author(db):
    return UserFactory(display_name="Mariam")


@pytest.fixture
def proposal(proposal_index, author):
    """A published proposal by `author` in `proposal_index`."""
    return ProposalFactory(index=proposal_index, author=author, title="Baza tłumaczy środowiskowych")

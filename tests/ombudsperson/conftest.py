"""Fixtures for the ombudsperson's pages: the public page, cases, and every role of the permission matrix
(plain helpers are in helpers.py)."""

import pytest

from citysite.accounts.factories import UserFactory
from migrant_council.factories import CouncilMemberFactory
from ombudsperson.factories import CaseFactory, OmbudspersonPageFactory


@pytest.fixture
def ombudsperson_page(home_page):
    return OmbudspersonPageFactory(parent=home_page)


@pytest.fixture
def translated_pages(ombudsperson_page, translated_home, locales):
    """The ombudsperson page in every language, under each translated home page."""
    pages = {"pl": ombudsperson_page}
    for code in ("en", "uk", "ru"):
        translation = ombudsperson_page.copy_for_translation(locales[code])
        translation.save_revision().publish()
        pages[code] = translation
    return pages


@pytest.fixture
def filed_case():
    """A case with an e-mail contact, and its code."""
    case = CaseFactory(
        category="housing", preferred_language="uk", contact="oksana@example.org", contact_consent=True
    )
    return case, case.secret_code


def _council_member(*, term_end_in_days=300, removed=False):
    return CouncilMemberFactory(
        display_name="Member", seat__days_served=400, seat__days_left=term_end_in_days, seat__removed=removed
    )


@pytest.fixture
def council_member_with_term(db):
    return _council_member()


@pytest.fixture
def council_member_expired(db):
    return _council_member(term_end_in_days=-1)


@pytest.fixture
def council_member_removed(db):
    return _council_member(removed=True)


@pytest.fixture
def superuser_in_the_group(db):
    return UserFactory(groups=["Ombudsperson"], is_superuser=True, is_staff=True)


# Everyone who is logged in and must be refused case handling, and how to get them.
REFUSED_ROLES = [
    "resident",
    "editor",
    "moderator",
    "analyst",
    "council_member_with_term",
    "council_member_expired",
    "council_member_removed",
    "secretariat",
    "superuser",
    "superuser_in_the_group",
]


@pytest.fixture(params=REFUSED_ROLES)
def refused_user(request):
    return request.getfixturevalue(request.param)

"""Fixtures for the ombudsperson's pages: the public page, cases, and every role of the permission matrix."""

import io
import time

import pytest
from PIL import Image

from citysite.accounts.factories import UserFactory
from citysite.participation.spam import started_token
from migrant_council.factories import CouncilMemberFactory
from ombudsperson.factories import DESCRIPTION, CaseFactory, OmbudspersonPageFactory


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


def page_url(page, route=""):
    return page.url + (page.reverse_subpage(route) if route else "")


def form_data(**overrides):
    """A valid case form, shown a minute ago."""
    data = {
        "category": "work",
        "description": DESCRIPTION,
        "preferred_language": "pl",
        "contact": "",
        "submission_token": "",
        "website": "",
        "form_started": started_token("ombudsperson_case", at=time.time() - 60),
    }
    data.update(overrides)
    return data


def png_bytes(size=(4, 4)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "red").save(output, "PNG")
    return output.getvalue()


def jpeg_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(output, "JPEG")
    return output.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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

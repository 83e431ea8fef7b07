"""Proposals in a real browser: a resident signs up, starts a proposal and is shown a similar one while
typing the title, publishes anyway, supports another proposal, replies to a comment on it and finds
their proposal on the matrix. axe-core finds no WCAG 2.1 A/AA violation on the list, a proposal, the
form with errors, the matrix and the tracker."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from citysite.accounts.factories import UserFactory
from citysite.participation.models import Comment, Dimension, DimensionCode
from proposals.factories import ProgressUpdateFactory, ProposalFactory, ProposalIndexPageFactory
from proposals.models import Placement, Proposal, ProposalArea, Status, StatusChange, Support

from ..i18n import polish

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "nadia.proposals@example.org"
PASSWORD = "Lubelskie-tandemy-2026"
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm-email/[^\s/]+/")
EXISTING_TITLE = "Baza tłumaczy środowiskowych przy urzędzie"
NEW_TITLE = "Baza tłumaczy środowiskowych w dzielnicach"


@pytest.fixture(autouse=True)
def migration_data(home_page):
    """Groups and dimensions come from data migrations, which the live server's flush removes."""
    for module, function in [
        ("citysite.accounts.migrations.0002_staff_groups", "create_groups"),
        ("citysite.participation.migrations.0002_dimensions", "create_dimensions"),
    ]:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def dimension(code):
    return Dimension.objects.get(code=code)


@pytest.fixture
def index(home_page):
    return ProposalIndexPageFactory(parent=home_page, title="Propozycje mieszkańców", support_threshold=3)


@pytest.fixture
def existing(index):
    """A published proposal with a comment, placed officially; an accepted one with progress."""
    author = UserFactory(display_name="Iryna")
    translators = ProposalFactory(
        index=index,
        author=author,
        title=EXISTING_TITLE,
        text="<p>Lista osób, które pomogą w urzędzie w tłumaczeniu na ukraiński i rosyjski.</p>",
        area=ProposalArea.PUBLIC_INSTITUTIONS,
        official_impact=5,
        official_ease=4,
        official_placement_by="Zespół ds. Edukacji KDO",
        dimensions=[dimension(DimensionCode.SOCIETAL)],
    )
    Comment.objects.create(
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=translators.pk,
        author=UserFactory(display_name="Marek"),
        text="Świetny pomysł, sam mogę tłumaczyć z białoruskiego.",
        language="pl",
        consent_to_publish=True,
    )
    tandems = ProposalFactory(
        index=index,
        title="Tandemy językowe w bibliotekach",
        area=ProposalArea.CULTURE,
        status=Status.IN_PROGRESS,
        official_impact=3,
        official_ease=5,
        dimensions=[dimension(DimensionCode.CULTURAL)],
    )
    for to_status in (Status.ACCEPTED, Status.IN_PROGRESS):
        StatusChange.objects.create(
            proposal=tandems,
            from_status=Status.PUBLISHED if to_status == Status.ACCEPTED else Status.ACCEPTED,
            to_status=to_status,
            answer="Miejska Biblioteka Publiczna poprowadzi tandemy od marca.",
            answering_body="Wydział Kultury UM Lublin",
            changed_at=timezone.now() - datetime.timedelta(days=10),
        )
    ProgressUpdateFactory(proposal=tandems, percent=40, text="Pierwsze trzy biblioteki ruszyły.")
    Placement.objects.create(proposal=translators, user=UserFactory(), impact=4, ease=3)
    return translators


def sign_up(page):
    page.goto("/account/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "Nadia")
    with page.expect_navigation():
        page.locator("main form[action*='/account/signup/'] button[type=submit]").click()
    link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
    page.goto(link)
    with page.expect_navigation():
        page.locator("main form[action*='/account/confirm-email/'] button[type=submit]").click()


def test_resident_proposes_supports_replies_and_finds_it_on_the_matrix(page, index, existing):
    sign_up(page)

    page.goto(index.url)
    page.get_by_role("link", name=polish("Write a proposal")).click()
    page.wait_for_url(f"**{index.url}new/")

    # While the title is typed, the similar proposal appears in the live region.
    page.locator("input[name=title]").press_sequentially(NEW_TITLE, delay=10)
    suggestions = page.locator("#similar-proposals")
    expect(suggestions.get_by_role("link", name=EXISTING_TITLE)).to_be_visible()

    page.fill("textarea[name=text]", "Dyżury tłumaczy w radach dzielnic, raz w tygodniu.")
    page.locator("input[name=area][value=public_institutions]").check()
    page.locator("input[name=dimensions]").first.check()
    page.locator("input[name=language][value=pl]").check()
    with page.expect_navigation():
        page.locator("main form.proposal-form button[type=submit]:not([name=check])").click()

    mine = Proposal.objects.get(title=NEW_TITLE)
    assert mine.author.email == EMAIL and mine.status == Status.PUBLISHED
    expect(page.locator("h1")).to_have_text(NEW_TITLE)

    # The resident places their own proposal on the matrix.
    page.locator("#matrix input[name=impact][value='4']").check()
    page.locator("#matrix input[name=ease][value='5']").check()
    with page.expect_navigation():
        page.locator("#matrix form button[type=submit]").first.click()
    assert Placement.objects.filter(proposal=mine, impact=4, ease=5).exists()

    # Supports another proposal and replies to a comment under it.
    page.goto(index.url)
    page.get_by_role("link", name=EXISTING_TITLE).click()
    with page.expect_navigation():
        page.get_by_role("button", name=polish("Support this proposal")).click()
    assert Support.objects.filter(proposal=existing, user=mine.author).exists()
    expect(page.locator("#support-heading + p")).to_contain_text("1")

    comment = Comment.objects.get(target_id=existing.pk, parent=None)
    thread = page.locator(f"#comment-{comment.pk}")
    thread.locator("summary").filter(has_text=polish("Reply")).first.click()
    thread.locator(f"#reply-{comment.pk}").fill("Ja też chętnie pomogę, po ukraińsku.")
    with page.expect_navigation():
        thread.get_by_role("button", name=polish("Publish reply")).click()
    reply = Comment.objects.get(parent=comment)
    assert reply.author == mine.author
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Ja też chętnie pomogę")

    # The matrix shows the new proposal (the residents' placement layer) and the table lists it.
    page.goto(f"{index.url}matrix/?layer=both")
    expect(page.locator(f"svg.matrix a[aria-label*='{NEW_TITLE}']")).to_have_count(1)
    expect(page.locator(f"svg.matrix a[aria-label*='{EXISTING_TITLE}']")).to_have_count(2)
    expect(page.locator("table").get_by_role("link", name=NEW_TITLE)).to_be_visible()


def test_proposal_screens_are_accessible(
    page, logged_in_page, index, existing, assert_accessible, assert_aria_references_resolve
):
    for path in ("", "matrix/", "matrix/?layer=both", "tracker/", "?sort=supported&area=public_institutions"):
        page.goto(f"{index.url}{path}")
        assert_accessible(page)
        assert_aria_references_resolve(page)

    page.goto(f"{index.url}{existing.pk}/")
    assert_accessible(page)

    resident = logged_in_page(UserFactory(display_name="Oksana"))
    resident.goto(f"{index.url}{existing.pk}/")
    assert_accessible(resident)
    assert_aria_references_resolve(resident)

    resident.goto(f"{index.url}new/")
    with resident.expect_navigation():
        resident.locator("main form.proposal-form button[type=submit]:not([name=check])").click()
    expect(resident.locator(".error-summary, [role=alert]").first).to_be_visible()
    assert_accessible(resident)
    assert_aria_references_resolve(resident)

    moderator = logged_in_page(UserFactory(groups=["Moderators"]))
    moderator.goto(f"{index.url}{existing.pk}/")
    assert_accessible(moderator)

"""The migrant council in a real browser: a council member opens the members' dashboard, comments on a
section of a draft in discussion, finds the comment in the section's thread, and votes "for" in the
open vote, which is recorded. axe-core finds no WCAG 2.1 A/AA violation on the public council page (with
members, meetings and an adopted opinion), the members' dashboard, a draft with comments, the vote page
and the secretariat's home."""

import datetime
import importlib
import io
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Collection

from citysite.accounts.factories import UserFactory
from citysite.participation import services as comment_services
from citysite.participation.models import Comment
from migrant_council.models import (
    AgendaItem,
    Ballot,
    Choice,
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    CouncilPage,
    DraftStatus,
    Majority,
    Meeting,
    Membership,
    Opinion,
    Role,
    Vote,
    VoteResult,
)
from migrant_council.services import voting

from ..i18n import polish

pytestmark = pytest.mark.django_db(transaction=True)

COUNCIL_GROUP = "Council members"
MEMBER_COMMENT = "Proponuję dopisać asystentów międzykulturowych także w żłobkach."
OTHER_COMMENT = "Brakuje terminów: od kiedy szkoły mają to robić?"
REPLY = "Zgadzam się, potrzebna jest data."
DISCUSSED_V1 = [
    ("Edukacja", "Szkoły przyjmują dzieci migrantów."),
    ("Mieszkania", "Miasto pomaga znaleźć mieszkanie."),
]
DISCUSSED_V2 = [
    ("Edukacja", "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki."),
    ("Mieszkania", "Miasto pomaga znaleźć mieszkanie."),
]


def url(name, *args) -> str:
    """A URL of the default language (unprefixed), whatever language the test thread has active."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


@pytest.fixture(autouse=True)
def migration_data(home_page):
    """The staff groups come from a data migration, which the live server's flush removes."""
    importlib.import_module("citysite.accounts.migrations.0002_staff_groups").create_groups(django_apps, None)


@pytest.fixture(autouse=True)
def no_rate_limits_left():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed_in(new_context, live_server):
    """A page signed in as `user`, with a session of its own (a new test client logs in each time, so
    two people in one test do not end each other's session)."""

    def make(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return context.new_page()

    return make


def open_page(page, address, status=200):
    response = page.goto(address)
    assert response.status == status, f"{address} answered {response.status}"
    return page


def open_all_details(page):
    """Opens every <details> in <main> (reply forms, word-by-word changes, minutes), so that axe checks
    what they fold away too."""
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => { d.open = true; })")


# --- the council's records ---------------------------------------------------------------------------


def make_photo(name="halyna.png"):
    # Wagtail's root collection comes from a data migration, which the live server's flush removes.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 300), (30, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=name,
        file=SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png"),
        collection=collection,
    )


def make_member(display_name, *, role=Role.MEMBER, **fields):
    """An account in the "Council members" group with a current, linked membership."""
    user = UserFactory(display_name=display_name, groups=[COUNCIL_GROUP])
    today = timezone.localdate()
    Membership.objects.create(
        user=user,
        invited_email=user.email,
        name=display_name,
        role=role,
        term_start=today - datetime.timedelta(days=100),
        term_end=today + datetime.timedelta(days=265),
        **fields,
    )
    return user


def make_draft(title, versions, *, status=DraftStatus.IN_DISCUSSION, author=None, summary=""):
    """A draft whose versions are `versions` (each a list of (heading, text), oldest first, the sections
    in the same order in each); `draft.section_rows` are its sections."""
    now = timezone.now()
    draft = CouncilDraft.objects.create(
        title=title,
        summary=summary,
        status=status,
        created_by=author,
        created_at=now - datetime.timedelta(days=10),
        updated_at=now - datetime.timedelta(days=2),
    )
    rows = [
        CouncilDraftSection.objects.create(draft=draft, position=position, heading=heading)
        for position, (heading, _text) in enumerate(versions[-1])
    ]
    for number, texts in enumerate(versions, start=1):
        CouncilDraftVersion.objects.create(
            draft=draft,
            number=number,
            sections=[
                {"key": str(row.key), "heading": heading, "text": text}
                for row, (heading, text) in zip(rows, texts, strict=True)
            ],
            change_note="" if number == 1 else "Dodano przedszkola.",
            created_by=author,
            created_at=now - datetime.timedelta(days=10 - 4 * number),
        )
    draft.section_rows = rows
    return draft


@pytest.fixture
def member(db):
    """The member who comments and votes: the chair, with a photo on the public page."""
    return make_member(
        "Halyna Kovalenko",
        role=Role.CHAIR,
        organisation="Fundacja Nasz Wybór",
        languages="ukraiński, rosyjski, polski",
        photo=make_photo(),
    )


@pytest.fixture
def other_members(db):
    return [
        make_member(
            "Ihor Petrenko", role=Role.VICE_CHAIR, organisation="Dom Ukraiński", languages="ukraiński"
        ),
        make_member("Maria Gonzalez", languages="hiszpański, angielski"),
        make_member("Tetiana Bondar", role=Role.SECRETARY),
    ]


@pytest.fixture
def discussed(secretariat, other_members):
    """A draft in discussion, in two versions, with a comment on its first section and a reply to it."""
    draft = make_draft(
        "Opinia o polityce integracji",
        [DISCUSSED_V1, DISCUSSED_V2],
        author=secretariat,
        summary="Opinia rady o projekcie polityki integracji Lublina.",
    )
    first = draft.section_rows[0]
    comment, _created = comment_services.post_comment(other_members[0], first, OTHER_COMMENT, "pl")
    comment_services.post_reply(other_members[1], comment, REPLY, "pl")
    draft.comment = comment
    return draft


@pytest.fixture
def open_vote(secretariat, member, other_members):
    """An open vote on another draft, opened by the secretariat: the four members may vote."""
    draft = make_draft(
        "Opinia o mieszkaniach komunalnych",
        [[("Wnioski", "Rada prosi o mieszkania chronione dla rodzin migrantów.")]],
        author=secretariat,
    )
    opens_at = timezone.now() - datetime.timedelta(minutes=5)
    return voting.open_vote(
        secretariat,
        draft,
        "Czy rada przyjmuje opinię o mieszkaniach komunalnych?",
        opens_at,
        opens_at + datetime.timedelta(days=7),
    )


@pytest.fixture
def adopted(secretariat, member, other_members):
    """An opinion the council adopted in a counted vote and the secretariat published."""
    draft = make_draft(
        "Opinia o tłumaczach w urzędach",
        [[("Wnioski", "Urząd zatrudnia tłumaczy ukraińskiego i rosyjskiego."), ("Termin", "Od 2026 roku.")]],
        status=DraftStatus.ADOPTED,
        author=secretariat,
        summary="Rada popiera tłumaczy w urzędach.",
    )
    closes = timezone.now() - datetime.timedelta(days=3)
    vote = Vote.objects.create(
        draft=draft,
        version=draft.versions.get(),
        question="Czy rada przyjmuje opinię o tłumaczach?",
        opens_at=closes - datetime.timedelta(days=7),
        closes_at=closes,
        quorum_percent=50,
        majority=Majority.SIMPLE,
        eligible_count=4,
        result=VoteResult.ADOPTED,
        votes_for=3,
        votes_against=0,
        votes_abstain=1,
        counted_at=closes,
    )
    memberships = list(Membership.objects.order_by("pk"))
    vote.eligible.set(memberships)
    for membership, choice in zip(
        memberships, [Choice.FOR, Choice.FOR, Choice.FOR, Choice.ABSTAIN], strict=True
    ):
        Ballot.objects.create(vote=vote, membership=membership, choice=choice, cast_at=closes)
    return Opinion.objects.create(
        draft=draft,
        version=vote.version,
        vote=vote,
        title=draft.title,
        summary=draft.summary,
        adopted_on=timezone.localdate(closes),
        published_by=secretariat,
    )


@pytest.fixture
def meetings(discussed):
    """A meeting to come (agenda published, place and link) and a past one with published minutes."""
    now = timezone.now()
    upcoming = Meeting.objects.create(
        title="Posiedzenie rady — maj",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=2),
        place="Ratusz, sala 12",
        online_link="https://meet.example.org/rada-maj",
        agenda_published=True,
    )
    for position, title in enumerate(["Otwarcie", "Opinia o polityce integracji"], start=1):
        AgendaItem.objects.create(
            meeting=upcoming, position=position, title=title, draft=discussed if position == 2 else None
        )
    past = Meeting.objects.create(
        title="Posiedzenie rady — marzec",
        starts_at=now - datetime.timedelta(days=40),
        place="Centrum Kultury",
        agenda_published=True,
        minutes="Rada omówiła projekt polityki integracji.\n\nKolejne posiedzenie w maju.",
        minutes_published_at=now - datetime.timedelta(days=35),
    )
    AgendaItem.objects.create(meeting=past, position=1, title="Polityka integracji")
    return upcoming, past


@pytest.fixture
def council_page(home_page):
    page = CouncilPage(
        title="Rada Migrantów i Migrantek",
        slug="rada",
        mandate=[("paragraph", "<p>Rada doradza prezydentowi miasta w sprawach migrantów.</p>")],
        contact_intro="Napisz do nas w dowolnym z czterech języków.",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


# 1. A member comments on a draft section and votes


def test_member_comments_on_a_section_and_votes(signed_in, member, discussed, open_vote):
    page = signed_in(member)
    dashboard_url = url("council_space:dashboard")
    draft_url = url("council_space:draft", discussed.pk)
    vote_url = url("council_space:vote", open_vote.pk)
    open_page(page, dashboard_url)
    expect(page.locator("main h1")).to_have_text(polish("Members' space of the migrant council"))
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    my_votes = page.locator("section[aria-labelledby=my-votes-heading]")
    expect(waiting.locator(f"a[href='{draft_url}']")).to_have_text(discussed.title)
    expect(my_votes.locator(f"a[href='{vote_url}']")).to_have_text(open_vote.question)

    # The draft, version 2, with the comment already made on its first section.
    with page.expect_navigation():
        waiting.locator(f"a[href='{draft_url}']").click()
    assert urlsplit(page.url).path == draft_url
    expect(page.locator("main h1")).to_have_text(discussed.title)
    first = discussed.section_rows[0]
    section = page.locator(f"#section-{first.key}")
    expect(section.locator("h3")).to_have_text("Edukacja")
    expect(section.locator(".draft-section__text")).to_contain_text("Szkoły i przedszkola")
    expect(section.locator(f"#comment-{discussed.comment.pk}")).to_contain_text(OTHER_COMMENT)

    comment_url = url("council_space:section_comment", first.pk)
    form = section.locator(f"form[action='{comment_url}']")
    form.locator(f"textarea[name='section-{first.pk}-text']").fill(MEMBER_COMMENT)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    comment = Comment.objects.get(author=member)
    assert comment.text == MEMBER_COMMENT
    assert comment.target_type == ContentType.objects.get_for_model(CouncilDraftSection)
    assert comment.target_id == first.pk and comment.parent is None
    assert urlsplit(page.url).path == draft_url
    expect(page.locator("main")).to_contain_text(
        polish("Thank you. Your comment is added to the discussion.")
    )
    mine = page.locator(f"#section-{first.key} .comment-thread #comment-{comment.pk}")
    expect(mine).to_contain_text(MEMBER_COMMENT)
    expect(mine.locator(".comment__meta")).to_contain_text(member.display_name)
    # Only on the section commented on.
    expect(page.locator(f"#section-{discussed.section_rows[1].key} #comment-{comment.pk}")).to_have_count(0)

    # The dashboard no longer waits for this member's comments; the vote is still open to them.
    open_page(page, dashboard_url)
    expect(waiting.locator(f"a[href='{draft_url}']")).to_have_count(0)
    with page.expect_navigation():
        my_votes.locator(f"a[href='{vote_url}']").click()
    assert urlsplit(page.url).path == vote_url
    expect(page.locator("main h1")).to_have_text(open_vote.question)

    ballot_url = url("council_space:ballot", open_vote.pk)
    page.locator(f"form[action='{ballot_url}'] input[name=choice][value=for]").check()
    with page.expect_navigation():
        page.locator(f"form[action='{ballot_url}'] button[type=submit]").click()

    ballot = Ballot.objects.get(vote=open_vote)
    assert ballot.membership == Membership.objects.get(user=member)
    assert ballot.choice == Choice.FOR
    assert urlsplit(page.url).path == vote_url
    expect(page.locator("main")).to_contain_text(polish("Thank you. Your vote is recorded."))
    expect(page.locator(f"form[action='{ballot_url}']")).to_have_count(0)
    with translation.override("pl"):
        recorded = translation.gettext("You voted “%(choice)s” on %(date)s.") % {
            "choice": Choice.FOR.label,
            "date": date_filter(timezone.localtime(ballot.cast_at), "j E Y, H:i"),
        }
    expect(page.locator("section[aria-labelledby=my-vote-heading]")).to_contain_text(recorded)

    # The vote is no longer waiting on the dashboard, and the result is not counted before it closes.
    open_page(page, dashboard_url)
    expect(my_votes.locator(f"a[href='{vote_url}']")).to_have_count(0)
    expect(my_votes).to_contain_text(polish("No vote is waiting for your ballot."))
    open_vote.refresh_from_db()
    assert open_vote.counted_at is None and open_vote.result == ""


# 2. axe-core


def test_public_council_page_is_accessible(
    page,
    council_page,
    member,
    other_members,
    meetings,
    adopted,
    assert_accessible,
    assert_aria_references_resolve,
):
    open_page(page, council_page.url)
    expect(page.locator("main h1")).to_have_text(council_page.title)
    expect(page.locator("main .council-members > li")).to_have_count(4)
    expect(page.locator("main .council-members img")).to_have_count(1)
    expect(page.locator("main .council-meetings .card")).to_have_count(2)
    expect(page.locator("main")).to_contain_text(adopted.title)
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # The adopted opinion's own page.
    with page.expect_navigation():
        page.locator(f"main a[href='{council_page.url}opinions/{adopted.pk}/']").click()
    expect(page.locator("main")).to_contain_text("Urząd zatrudnia tłumaczy")
    assert_accessible(page)


# Each text of a member card, and the card's right edge; a text that runs past it is painted over by the
# next card (axe-core then cannot tell its contrast: "overlapped by another element").
CARD_OVERFLOW_JS = """() => [...document.querySelectorAll('.council-members > li')].flatMap(card => {
    const edge = card.getBoundingClientRect().right;
    return [...card.querySelectorAll('dt, dd')]
        .filter(text => text.getBoundingClientRect().right > edge + 0.5)
        .map(text => `${card.querySelector('h3').textContent}: ${text.tagName} "${text.textContent.trim()}"`);
})"""


@pytest.mark.parametrize("width", [1280, 800, 360])
def test_member_cards_keep_their_text_inside(page, council_page, member, other_members, width):
    """The names of the facts (role, organisation, languages, term) and the facts fit in the card."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, council_page.url)
    expect(page.locator("main .council-members > li")).to_have_count(4)
    overflowing = page.evaluate(CARD_OVERFLOW_JS)
    assert not overflowing, f"Text runs out of its member card at {width}px: " + "; ".join(overflowing)


def test_members_dashboard_is_accessible(
    signed_in, member, discussed, open_vote, meetings, assert_accessible, assert_aria_references_resolve
):
    page = signed_in(member)
    open_page(page, url("council_space:dashboard"))
    expect(page.locator("section[aria-labelledby=waiting-heading] .card")).to_have_count(1)
    expect(page.locator("section[aria-labelledby=my-votes-heading] .card")).to_have_count(1)
    expect(page.locator("section[aria-labelledby=meeting-heading]")).to_contain_text(meetings[0].title)
    assert_accessible(page)
    assert_aria_references_resolve(page)


def test_draft_with_comments_is_accessible(
    signed_in, member, discussed, assert_accessible, assert_aria_references_resolve
):
    page = signed_in(member)
    draft_url = url("council_space:draft", discussed.pk)
    open_page(page, draft_url)
    expect(page.locator("main .comment")).to_have_count(2)
    expect(page.locator("main .diff-details")).to_have_count(1)
    expect(page.locator("main form.section-comment-form")).to_have_count(2)
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # A comment of blanks only (the browser's own check lets it through): the draft with the form's
    # error.
    first = discussed.section_rows[0]
    page.locator(f"textarea[name='section-{first.pk}-text']").fill("   ")
    with page.expect_navigation():
        page.locator(
            f"form[action='{url('council_space:section_comment', first.pk)}'] button[type=submit]"
        ).click()
    expect(page.locator(f"#section-{first.key} .errorlist").first).to_be_visible()
    assert not Comment.objects.filter(author=member).exists()
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # Version 2 with every change since version 1.
    open_page(page, url("council_space:draft_version", discussed.pk, 2))
    open_all_details(page)
    assert_accessible(page)


def test_vote_page_is_accessible(
    signed_in, member, open_vote, adopted, assert_accessible, assert_aria_references_resolve
):
    page = signed_in(member)
    vote_url = url("council_space:vote", open_vote.pk)
    ballot_url = url("council_space:ballot", open_vote.pk)
    open_page(page, vote_url)
    expect(page.locator(f"form[action='{ballot_url}'] input[name=choice]")).to_have_count(3)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # Sent without a choice: the form with its error.
    with page.expect_navigation():
        page.locator(f"form[action='{ballot_url}'] button[type=submit]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    assert not Ballot.objects.filter(vote=open_vote).exists()
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # After voting.
    page.locator(f"form[action='{ballot_url}'] input[name=choice][value=against]").check()
    with page.expect_navigation():
        page.locator(f"form[action='{ballot_url}'] button[type=submit]").click()
    assert Ballot.objects.get(vote=open_vote).choice == Choice.AGAINST
    assert_accessible(page)

    # A closed vote with its result and how each member voted.
    open_page(page, url("council_space:vote", adopted.vote.pk))
    expect(page.locator("main .vote-result")).to_be_visible()
    expect(page.locator("main table")).to_have_count(2)
    assert_accessible(page)


def test_secretariat_pages_are_accessible(
    signed_in,
    secretariat,
    member,
    discussed,
    open_vote,
    meetings,
    assert_accessible,
    assert_aria_references_resolve,
):
    page = signed_in(secretariat)
    open_page(page, url("council_admin:home"))
    expect(page.locator("main h1")).to_have_text(polish("Council secretariat"))
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # The secretariat's dashboard and a draft with the status form.
    open_page(page, url("council_space:dashboard"))
    expect(page.locator("section[aria-labelledby=secretariat-heading]")).to_be_visible()
    assert_accessible(page)
    open_page(page, url("council_space:draft", discussed.pk))
    expect(page.locator(f"form[action='{url('council_space:draft_status', discussed.pk)}']")).to_have_count(1)
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)

"""The demo of the migrant council and the ombudsperson (`manage.py load_demo`): a council page in four
languages; members from the demo accounts, more members (some only invited) and one whose term ended; a
past meeting with its agenda, attendance and minutes and an upcoming one with its agenda; an adopted and
published opinion on the integration-policy draft; a draft in discussion with comments on its sections; an
open vote; an ombudsperson page in four languages and cases in several languages and statuses, one of which
a visitor can open with the reference and code printed.
(tests/demo/conftest.py loads it once; tests/demo/test_rerunning.py runs it again.)"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Locale

from citysite.participation.models import Comment
from home.models import HomePage
from migrant_council import demo
from migrant_council.models import (
    Attendance,
    AttendanceStatus,
    Ballot,
    CouncilDraft,
    CouncilDraftSection,
    CouncilPage,
    DraftStatus,
    Meeting,
    Membership,
    Opinion,
    Role,
    VoteResult,
)
from ombudsperson.models import Case, CaseEntry, CaseStatus, EntryKind, OmbudspersonPage

DOMAIN = "demo.otwartemiasto.pl"
CASE_LINE = re.compile(r"reference (RM-[A-Z0-9-]+), secret code ([A-Z0-9-]+);")


@pytest.fixture
def loaded(demo_home, demo_output):
    """What the demo load printed."""
    return demo_output


def _user(name):
    return get_user_model().objects.get(email=f"{name}@{DOMAIN}")


def _draft(spec):
    return CouncilDraft.objects.get(title=spec["title"])


def _comments_on(draft):
    return Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(CouncilDraftSection),
        target_id__in=draft.sections.values("pk"),
    )


def _space(name, *args):
    with translation.override("en"):
        return reverse(f"council_space:{name}", args=args)


# --- the council ---------------------------------------------------------------------------------------


def test_the_council_page_in_four_languages(loaded, client):
    polish = CouncilPage.objects.get(locale__language_code="pl")
    assert polish.title == "Rada Migrantów i Migrantek"
    assert polish.get_parent().specific_class is HomePage
    assert "radę migrantów przy urzędzie miasta" in str(polish.mandate)
    assert polish.contact_intro
    for code in ("en", "uk", "ru"):
        page = polish.get_translation(Locale.objects.get(language_code=code))
        assert page.live
        assert page.title != polish.title
        assert str(page.mandate) != str(polish.mandate)
        assert page.contact_intro != polish.contact_intro
        assert client.get(page.url).status_code == 200


def test_members_from_the_demo_accounts_and_more(loaded, demo_password, client):
    current = Membership.objects.current()
    assert set(current.values_list("role", flat=True)) == set(Role.values)
    assert current.filter(user=_user("council")).exists()
    assert current.filter(user=_user("secretariat")).exists()
    invited = current.filter(user__isnull=True)
    assert invited.count() >= 2
    assert all(seat.organisation and seat.languages for seat in current)
    expired = Membership.objects.exclude(pk__in=current.values("pk")).get()
    assert expired.term_end < timezone.localdate() and expired.removed_at is None

    # The members with an account made by the demo are in the council's group and can log in.
    for email in demo.MEMBER_ACCOUNTS:
        user = get_user_model().objects.get(email=email)
        assert current.filter(user=user).exists()
        assert user.groups.filter(name="Council members").exists()
        assert client.login(email=email, password=demo_password)
        client.logout()
    # The secretariat account keeps exactly its own group (load_demo's accounts test relies on it).
    assert list(_user("secretariat").groups.values_list("name", flat=True)) == ["Council secretariat"]


def test_a_past_and_an_upcoming_meeting(loaded):
    now = timezone.now()
    past = Meeting.objects.get(title=demo.PAST_MEETING["title"])
    assert past.starts_at < now
    assert past.agenda_published and past.minutes and past.minutes_published_at
    statuses = set(Attendance.objects.filter(meeting=past).values_list("status", flat=True))
    assert statuses == set(AttendanceStatus.values)
    assert past.agenda_items.filter(draft=_draft(demo.INTEGRATION)).exists()

    upcoming = Meeting.objects.get(title=demo.UPCOMING_MEETING["title"])
    assert upcoming.starts_at > now and upcoming.agenda_published
    assert upcoming.agenda_items.count() == len(demo.UPCOMING_MEETING["agenda"])
    assert not upcoming.attendance.exists() and not upcoming.minutes


def test_an_adopted_opinion_on_the_integration_policy_draft(loaded, client):
    draft = _draft(demo.INTEGRATION)
    assert draft.status == DraftStatus.ADOPTED
    assert draft.versions.count() == 2
    vote = draft.votes.get()
    assert vote.result == VoteResult.ADOPTED and vote.counted_at and vote.has_closed()
    assert vote.votes_for + vote.votes_against + vote.votes_abstain == vote.ballots.count() == 5
    opinion = Opinion.objects.get(draft=draft)
    assert opinion.version == draft.versions.get(number=2) and opinion.vote == vote

    page = CouncilPage.objects.get(locale__language_code="pl")
    content = client.get(page.url).content.decode()
    assert opinion.title in content
    assert demo.UPCOMING_MEETING["title"] in content and demo.PAST_MEETING["title"] in content
    members = content[content.index('id="members-heading"') : content.index('id="upcoming-heading"')]
    assert "Oksana Petrenko" in members and "Andrii Kovalchuk" not in members  # current members only
    opinion_page = client.get(page.url + page.reverse_subpage("opinion_view", args=[opinion.pk]))
    assert opinion_page.status_code == 200
    assert "bezpłatne kursy języka polskiego dla rodziców" in opinion_page.content.decode()


def test_a_draft_in_discussion_with_comments_on_its_sections(loaded, client):
    draft = _draft(demo.INFO_POINT)
    assert draft.status == DraftStatus.IN_DISCUSSION
    assert list(draft.versions.values_list("number", flat=True)) == [1, 2]
    comments = _comments_on(draft)
    assert comments.filter(parent__isnull=True).count() >= 4
    assert comments.filter(parent__isnull=False).exists()
    assert set(comments.values_list("language", flat=True)) >= {"pl", "en", "uk", "ru"}
    assert comments.values("target_id").distinct().count() >= 3

    client.force_login(_user("council"))
    content = client.get(_space("draft", draft.pk)).content.decode()
    assert all(escape(comment.text) in content for comment in comments)
    dashboard = client.get(_space("dashboard")).content.decode()
    assert draft.title in dashboard  # version 2 came after Kwame's comment: waiting for him


def test_an_open_vote_in_which_some_members_voted(loaded, client):
    draft = _draft(demo.ASSISTANTS)
    assert draft.status == DraftStatus.IN_VOTE
    vote = draft.votes.get()
    assert vote.is_open() and not vote.counted_at
    assert 0 < vote.ballots.count() < vote.eligible_count == Membership.objects.current().count()

    client.force_login(_user("council"))
    response = client.post(_space("ballot", vote.pk), {"choice": "for"})
    assert response.status_code == 302
    assert Ballot.objects.filter(vote=vote, membership__user=_user("council")).exists()


def test_members_see_the_meetings_and_the_chair_can_log_in(loaded, demo_password, client):
    assert "Council member (chair)" in loaded
    assert client.login(email=demo.SEATS[0].email, password=demo_password)
    content = client.get(_space("meetings")).content.decode()
    assert demo.PAST_MEETING["title"] in content and demo.UPCOMING_MEETING["title"] in content


# --- the ombudsperson ----------------------------------------------------------------------------------


def test_the_ombudsperson_page_in_four_languages(loaded, client):
    pages = OmbudspersonPage.objects.filter(live=True)
    assert set(pages.values_list("locale__language_code", flat=True)) == {"pl", "en", "uk", "ru"}
    assert len(set(pages.values_list("title", flat=True))) == 4
    polish = pages.get(locale__language_code="pl")
    assert polish.role_explanation and polish.process_explanation and polish.retention_explanation
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200
        assert escape(page.intro) in response.content.decode()


def test_cases_in_several_languages_and_statuses(loaded):
    cases = Case.objects.all()
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(cases.values_list("preferred_language", flat=True)) == {"pl", "uk", "ru", "en"}
    in_progress = cases.get(status=CaseStatus.IN_PROGRESS)
    assert set(in_progress.entries.values_list("kind", flat=True)) == {EntryKind.NOTE, EntryKind.REPLY}
    assert cases.get(status=CaseStatus.REFERRED).referred_to
    closed = cases.get(status=CaseStatus.CLOSED)
    assert timezone.now() - closed.closed_at < timezone.timedelta(days=30)
    assert not CaseEntry.objects.filter(emailed_at__isnull=False).exists()  # no e-mail left the demo


def test_the_printed_case_opens_on_the_status_page(loaded, client):
    match = CASE_LINE.search(loaded)
    assert match, loaded
    reference, code = match.groups()
    case = Case.find(reference, code)
    assert case is not None and case.status == CaseStatus.IN_PROGRESS
    page = OmbudspersonPage.objects.get(locale__language_code="pl")
    status_url = page.url + page.reverse_subpage("status")

    response = client.post(status_url, {"reference": reference, "code": code}, follow=True)

    reply = case.entries.get(kind=EntryKind.REPLY)
    assert response.status_code == 200
    assert escape(reply.text) in response.content.decode()
    note = case.entries.get(kind=EntryKind.NOTE)
    assert escape(note.text) not in response.content.decode()
    # Only that case's code is printed.
    assert len(CASE_LINE.findall(loaded)) == 1

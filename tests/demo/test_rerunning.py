"""Running `manage.py load_demo` on a site that has the demo (loaded once by tests/demo/conftest.py) adds
nothing, restores what was edited, and prints a new login; at verbosity 0 it prints nothing."""

import re
from collections import Counter
from io import StringIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from citysite.participation.models import AbuseReport, Comment, TaggedRecord
from consultations import demo as consultations_demo
from consultations.models import Answer, DraftSection, DraftVersion, ParticipationCode, ParticipationCodeBatch
from home.management.commands.load_demo import DEMO_ACCOUNTS, DEMO_DOMAIN
from home.models import WorkingGroupPage
from migrant_council import demo as council_demo
from migrant_council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    Meeting,
    Membership,
    Opinion,
    Vote,
)
from ombudsperson.models import Case, CaseEntry
from proposals import demo as proposals_demo
from proposals.models import (
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalFollow,
    StatusChange,
    Support,
    WorkingGroupMember,
)

COUNTED = [
    EmailAddress,
    Revision,
    DraftVersion,
    DraftSection,
    Answer,
    ParticipationCode,
    ParticipationCodeBatch,
    TaggedRecord,
    Comment,
    AbuseReport,
    Proposal,
    StatusChange,
    Support,
    Placement,
    ProgressUpdate,
    ProposalFollow,
    WorkingGroupMember,
    Membership,
    Meeting,
    AgendaItem,
    Attendance,
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    Vote,
    Ballot,
    Opinion,
    Case,
    CaseEntry,
    get_user_model(),
]
CASE_LINE = re.compile(r"reference (RM-[A-Z0-9-]+), secret code ([A-Z0-9-]+);")


def census():
    """What exists: pages per type and language, and the rows of every model the demo fills."""
    pages = Counter(
        Page.objects.values_list("content_type__app_label", "content_type__model", "locale__language_code")
    )
    return {
        "pages": pages,
        "used_codes": ParticipationCode.objects.filter(used_at__isnull=False).count(),
        **{model.__name__: model.objects.count() for model in COUNTED},
    }


def pages_of(app_label, model, first):
    return sum(
        count for (app, name, _language), count in first["pages"].items() if (app, name) == (app_label, model)
    )


def test_running_again_adds_nothing_and_prints_new_logins(demo_home, monkeypatch, client):
    first = census()
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = StringIO()

    call_command("load_demo", verbosity=1, stdout=output)

    assert census() == first
    assert first["pages"][("home", "homepage", "pl")] == 1
    # The role accounts, plus the residents and the working-group member who write the demo proposals,
    # plus the council members who have accounts besides the demo council and secretariat accounts.
    people = len(DEMO_ACCOUNTS) + len(proposals_demo.RESIDENTS) + 1 + len(council_demo.MEMBER_ACCOUNTS)
    assert first["User"] == first["EmailAddress"] == people
    assert pages_of("proposals", "proposalindexpage", first) == 4  # Polish, English, Ukrainian, Russian
    assert (
        pages_of("consultations", "consultationpage", first) == 5
    )  # the open one in four languages, the closed one
    assert first["Answer"] == consultations_demo.OPEN_ANSWERS + consultations_demo.CLOSED_ANSWERS
    assert (
        pages_of("migrant_council", "councilpage", first)
        == pages_of("ombudsperson", "ombudspersonpage", first)
        == 4
    )

    printed = output.getvalue()
    # Without DEMO_PASSWORD every run sets a new random password and prints it.
    match = re.search(rf"resident@{re.escape(DEMO_DOMAIN)}\s+(\S+)\s+http://\S+/account/login/", printed)
    assert match, printed
    password = match.group(1)
    assert len(password) >= 12
    assert "/admin/" in printed
    assert client.login(email=f"resident@{DEMO_DOMAIN}", password=password)
    assert "Working group member (Education)" in printed
    assert proposals_demo.email_of("edukacja") in printed
    # Each run gives the printed case a new code: the one printed now opens it.
    reference, code = CASE_LINE.search(printed).groups()
    assert Case.find(reference, code) is not None


def test_a_second_run_restores_edited_content_quietly(demo_home, demo_password, monkeypatch):
    group = WorkingGroupPage.objects.get(locale__language_code="pl", slug="edukacja")
    group.title = "Zmieniony tytuł"
    group.save_revision().publish()
    monkeypatch.setenv("DEMO_PASSWORD", demo_password)
    output, errors = StringIO(), StringIO()

    call_command("load_demo", verbosity=0, stdout=output, stderr=errors)

    group.refresh_from_db()
    assert group.title == "Edukacja"
    assert WorkingGroupPage.objects.filter(locale__language_code="pl", slug="edukacja").count() == 1
    assert output.getvalue() == ""
    assert errors.getvalue() == ""

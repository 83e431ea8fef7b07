"""A double click never makes two records (issue 9, point 4): every create action, posted ten times at
the same moment with the same form (same session, same submission token), makes one record and sends
each e-mail once, and every one of the ten gets the success redirect. The concurrent test needs
PostgreSQL (real row locks and unique-index waits); the sequential one runs everywhere."""

import datetime
import importlib
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citysite import idempotency
from citysite.accounts.factories import UserFactory
from citysite.idempotency import SubmissionTokenMixin
from citysite.models import SubmissionKey
from citysite.participation.models import Comment, Dimension
from citysite.participation.spam import started_token
from consultations.models import Answer, Channel, ParticipationCodeBatch
from migrant_council.factories import CouncilMemberFactory, CouncilPageFactory
from migrant_council.models import Ballot, DraftStatus
from migrant_council.services import drafts, voting
from ombudsperson.models import Case, CaseEntry, EntryKind, OmbudspersonPage
from ombudsperson.services import file_case
from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from proposals.models import Placement, Proposal, ProposalArea, Support
from tests.consultations.helpers import answer_url, make_consultation
from tests.consultations.helpers import form_data as answer_form
from tests.ombudsperson.helpers import form_data as case_form

SIMULTANEOUS = 10

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and unique-index waits",
)


@pytest.fixture(autouse=True)
def migration_data(home_page):
    """The staff groups and the integration dimensions, which data migrations create and the flush after
    every transactional test removes; both migrations use get_or_create."""
    for module, function in [
        ("citysite.accounts.migrations.0002_staff_groups", "create_groups"),
        ("citysite.participation.migrations.0002_dimensions", "create_dimensions"),
    ]:
        getattr(importlib.import_module(module), function)(django_apps, None)


@dataclass
class Scenario:
    """One create action: who posts (None: a visitor), where, what, and how to count its records."""

    url: str
    data: dict
    count: Callable[[], int]
    user: object = None
    mail_to: tuple = field(default=())


def token() -> str:
    return str(uuid.uuid4())


# --- the create actions --------------------------------------------------------------------------------


def answer(request):
    resident = request.getfixturevalue("resident")
    consultation = make_consultation(request.getfixturevalue("home_page"))
    return Scenario(
        answer_url(consultation), answer_form(), Answer.objects.count, resident, (resident.email,)
    )


def offline_answer(request):
    analyst = request.getfixturevalue("analyst")
    consultation = make_consultation(request.getfixturevalue("home_page"))
    data = answer_form(entry_channel=Channel.PAPER, email="osoba@example.org")
    return Scenario(
        answer_url(consultation),
        data,
        lambda: Answer.objects.filter(entered_by=analyst).count(),
        analyst,
        ("osoba@example.org",),
    )


def code_batch(request):
    consultation = make_consultation(request.getfixturevalue("home_page"))
    data = {
        "consultation": str(consultation.translation_key),
        "organisation": "Fundacja Homo Faber",
        "count": "5",
        "submission_token": token(),
    }
    return Scenario(
        reverse("consultations_admin:code_batch_new"),
        data,
        ParticipationCodeBatch.objects.count,
        request.getfixturevalue("editor"),
    )


def _proposal(request):
    index = ProposalIndexPageFactory(parent=request.getfixturevalue("home_page"), slug="propozycje")
    author = UserFactory(display_name="Mariam")
    return index, ProposalFactory(index=index, author=author, title="Baza tłumaczy środowiskowych")


def _action_url(index, proposal, action):
    return index.url + index.reverse_subpage("action_view", args=(proposal.pk, action))


def proposal(request):
    index = ProposalIndexPageFactory(parent=request.getfixturevalue("home_page"), slug="propozycje")
    title = "Punkt informacyjny w urzędzie"
    data = {
        "title": title,
        "text": "Jedno okienko z informacją w czterech językach.",
        "area": ProposalArea.PUBLIC_INSTITUTIONS,
        "dimensions": [str(Dimension.objects.order_by("pk").first().pk)],
        "language": "pl",
        "similar_checked": title,
        "website": "",
        "form_started": started_token("proposals.proposal", time.time() - 60),
        "submission_token": token(),
    }
    url = index.url + index.reverse_subpage("create_view")
    return Scenario(url, data, Proposal.objects.count, request.getfixturevalue("resident"))


def proposal_comment(request):
    index, proposal = _proposal(request)
    data = {"text": "Dobry pomysł, zgadzam się.", "submission_token": token()}
    return Scenario(
        _action_url(index, proposal, "comment"),
        data,
        Comment.objects.count,
        request.getfixturevalue("resident"),
    )


def support(request):
    index, proposal = _proposal(request)
    return Scenario(
        _action_url(index, proposal, "support"),
        {"support": "1"},
        Support.objects.count,
        request.getfixturevalue("resident"),
    )


def placement(request):
    index, proposal = _proposal(request)
    return Scenario(
        _action_url(index, proposal, "place"),
        {"impact": "4", "ease": "2"},
        Placement.objects.count,
        request.getfixturevalue("resident"),
    )


def _commented(request):
    _index, proposal = _proposal(request)
    return Comment.objects.create(
        target=proposal,
        author=proposal.author,
        text="Potrzebujemy więcej kursów języka polskiego.",
        language="pl",
        consent_to_publish=True,
    )


def reply(request):
    comment = _commented(request)
    return Scenario(
        reverse("participation:reply", args=[comment.pk]),
        {"text": "Popieram, w naszej dzielnicy też."},
        lambda: Comment.objects.filter(parent=comment).count(),
        request.getfixturevalue("resident"),
        (comment.author.email,),
    )


def official_reply(request):
    comment = _commented(request)
    return Scenario(
        reverse("participation:official_reply", args=[comment.pk]),
        {"text": "Uwzględnimy to w programie.", "official_body": "Wydział Spraw Społecznych UM Lublin"},
        lambda: Comment.objects.filter(parent=comment).count(),
        request.getfixturevalue("analyst"),
        (comment.author.email,),
    )


def _draft_in_discussion(request):
    secretariat = request.getfixturevalue("secretariat")
    draft = drafts.create_draft(
        secretariat, title="Opinia", summary="", sections=[{"heading": "Edukacja", "text": "Szkoły."}]
    )
    drafts.change_status(secretariat, draft, DraftStatus.IN_DISCUSSION)
    return secretariat, draft


def council_comment(request):
    _secretariat, draft = _draft_in_discussion(request)
    member = CouncilMemberFactory(display_name="Halyna")
    section = draft.sections.get()
    prefix = f"section-{section.pk}"
    data = {f"{prefix}-text": "Brakuje przedszkoli.", f"{prefix}-submission_token": token()}
    return Scenario(
        reverse("council_space:section_comment", args=[section.pk]), data, Comment.objects.count, member
    )


def ballot(request):
    secretariat, draft = _draft_in_discussion(request)
    member = CouncilMemberFactory(display_name="Halyna")
    now = timezone.now()
    vote = voting.open_vote(
        secretariat, draft, "Czy rada przyjmuje opinię?", now, now + datetime.timedelta(days=3)
    )
    return Scenario(
        reverse("council_space:ballot", args=[vote.pk]), {"choice": "for"}, Ballot.objects.count, member
    )


def write_to_council(request):
    page = CouncilPageFactory(parent=request.getfixturevalue("home_page"))
    secretaries = [UserFactory(groups=["Council secretariat"]) for _ in range(2)]
    data = {
        "name": "Mariam",
        "email": "mariam@example.org",
        "message": "Chciałabym zaprosić radę na spotkanie.",
        "language": "pl",
        "website": "",
        "form_started": started_token("migrant_council.write", time.time() - 60),
        "submission_token": token(),
    }
    # Nothing of the message is stored: what is counted is the token of the form that sent it.
    return Scenario(
        page.url + "write/",
        data,
        SubmissionKey.objects.filter(purpose="migrant_council.write").count,
        mail_to=tuple(secretary.email for secretary in secretaries),
    )


def case(request):
    page = OmbudspersonPage(
        title="Rzecznik praw migrantów",
        slug="rzecznik",
        intro="Poufny kanał dla migrantów.",
        role_explanation="<p>Rzecznik pomaga migrantom.</p>",
    )
    request.getfixturevalue("home_page").add_child(instance=page)
    page.save_revision().publish()
    return Scenario(page.url, case_form(submission_token=token()), Case.objects.count)


def case_reply(request):
    filed, _code = file_case(
        category="housing",
        description="Nie mogę zameldować się w mieszkaniu.",
        preferred_language="uk",
        contact="oksana@example.org",
        contact_consent=True,
    )
    data = {"reply-text": "Skontaktujemy się z urzędem.", "reply-submission_token": token()}
    return Scenario(
        reverse("ombudsperson_handling:send_reply", kwargs={"reference": filed.reference}),
        data,
        lambda: CaseEntry.objects.filter(case=filed, kind=EntryKind.REPLY).count(),
        request.getfixturevalue("ombudsperson"),
        ("oksana@example.org",),
    )


CREATE_ACTIONS = {
    "answer": answer,
    "offline answer": offline_answer,
    "participation code batch": code_batch,
    "proposal": proposal,
    "comment on a proposal": proposal_comment,
    "support": support,
    "placement": placement,
    "reply": reply,
    "official reply": official_reply,
    "comment on a council draft section": council_comment,
    "ballot": ballot,
    "write to the council": write_to_council,
    "case": case,
    "case reply": case_reply,
}


# --- posting -------------------------------------------------------------------------------------------


def _session_cookie(user):
    if user is None:
        return None
    signed_in = Client()
    signed_in.force_login(user)
    return signed_in.cookies[settings.SESSION_COOKIE_NAME].value


def _client(session):
    client = Client()
    if session is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def post_at_once(scenario: Scenario, times: int = SIMULTANEOUS) -> list[int]:
    """`times` requests of the same person with the same form, released together, each in its own
    thread with its own database connection; returns their status codes."""
    session = _session_cookie(scenario.user)
    barrier = threading.Barrier(times)

    def post(_number):
        client = _client(session)
        try:
            barrier.wait(30)
            return client.post(scenario.url, scenario.data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(post, range(times)))


def _mail_count_by_address() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


# --- the tests -----------------------------------------------------------------------------------------


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", CREATE_ACTIONS)
def test_ten_simultaneous_posts_make_one_record_and_each_e_mail_once(action, request):
    scenario = CREATE_ACTIONS[action](request)
    before = scenario.count()
    mail.outbox.clear()

    statuses = post_at_once(scenario)

    assert statuses == [302] * SIMULTANEOUS
    assert scenario.count() == before + 1
    sent = _mail_count_by_address()
    assert {address: sent[address] for address in scenario.mail_to} == dict.fromkeys(scenario.mail_to, 1)
    assert all(count == 1 for count in sent.values()), sent


@pytest.mark.parametrize("action", CREATE_ACTIONS)
def test_the_same_form_posted_twice_makes_one_record(action, request, django_capture_on_commit_callbacks):
    scenario = CREATE_ACTIONS[action](request)
    before = scenario.count()
    mail.outbox.clear()
    client = _client(_session_cookie(scenario.user))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(scenario.url, scenario.data)
        second = client.post(scenario.url, scenario.data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert scenario.count() == before + 1
    sent = _mail_count_by_address()
    assert {address: sent[address] for address in scenario.mail_to} == dict.fromkeys(scenario.mail_to, 1)
    assert all(count == 1 for count in sent.values()), sent


# --- the shared mechanism ------------------------------------------------------------------------------


class TokenForm(SubmissionTokenMixin, forms.Form):
    text = forms.CharField()


def test_each_showing_of_a_form_carries_a_new_token():
    first, second = TokenForm()["submission_token"].value(), TokenForm()["submission_token"].value()
    assert uuid.UUID(first) != uuid.UUID(second)
    assert 'type="hidden" name="submission_token"' in str(TokenForm()["submission_token"])


def test_a_form_shown_again_with_errors_keeps_its_token():
    sent = token()
    form = TokenForm({"text": "", "submission_token": sent})
    assert not form.is_valid()
    assert f'value="{sent}"' in str(form["submission_token"])


@pytest.mark.parametrize("sent", ["", "not-a-uuid", None])
def test_a_missing_or_tampered_token_is_replaced_not_refused(sent):
    data = {"text": "Tekst"} | ({} if sent is None else {"submission_token": sent})
    form = TokenForm(data)
    assert form.is_valid(), form.errors
    assert isinstance(form.cleaned_data["submission_token"], uuid.UUID)


@pytest.mark.django_db
def test_a_create_that_fails_leaves_the_token_for_the_next_attempt():
    submission = uuid.uuid4()

    def refuse():
        raise ValidationError("Nie teraz.")

    with pytest.raises(ValidationError):
        idempotency.create_once(submission, "tests.create", refuse)
    made = idempotency.create_once(submission, "tests.create", lambda: UserFactory())
    again = idempotency.create_once(submission, "tests.create", lambda: pytest.fail("created twice"))
    assert made.created and not again.created
    assert again.record == made.record
    # The same token for another purpose is another submission.
    assert idempotency.create_once(submission, "tests.other", lambda: None).created


@pytest.mark.django_db
def test_a_create_that_breaks_another_constraint_is_not_taken_for_a_double():
    existing = UserFactory()
    with pytest.raises(IntegrityError):
        idempotency.create_once(uuid.uuid4(), "tests.create", lambda: UserFactory(username=existing.username))
    assert not SubmissionKey.objects.exists()

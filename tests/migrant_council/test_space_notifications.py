"""E-mails to council members: a draft put up for discussion and a vote opened, each in the member's
own language with links in that language, to current members with an account only."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from migrant_council import notifications
from migrant_council.models import CouncilDraft, DraftStatus, Membership
from migrant_council.services import drafts, voting

from .conftest import close_vote, make_member, make_membership, start_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(member, other_members, expired_member, removed_member, secretariat):
    """Who should and should not hear from the council."""
    ukrainian = make_member("Oksana", preferred_language="uk")
    inactive = make_member("Nieaktywny")
    get_user_model().objects.filter(pk=inactive.pk).update(is_active=False)
    anonymised = make_member("Dawny")
    get_user_model().objects.filter(pk=anonymised.pk).update(anonymised_at=timezone.now())
    make_membership(None, name="Zaproszony", invited_email="zaproszony@example.org")  # no account yet
    return {
        "told": {member.email, *(user.email for user in other_members), ukrainian.email},
        "ukrainian": ukrainian,
        "not_told": {
            expired_member.email,
            removed_member.email,
            secretariat.email,
            inactive.email,
            anonymised.email,
            "zaproszony@example.org",
        },
    }


@pytest.fixture
def prepared_draft(secretariat):
    return drafts.create_draft(
        secretariat,
        title="Opinia o mieszkaniach",
        summary="Co miasto może zrobić.",
        sections=[{"heading": "Wstęp", "text": "Tekst."}],
    )


def _recipients():
    return [address for message in mail.outbox for address in message.to]


def _mail_to(address):
    messages = [message for message in mail.outbox if address in message.to]
    assert len(messages) == 1
    return messages[0]


@pytest.fixture
def languages_while_rendering(monkeypatch):
    """The active language each time an e-mail template is rendered."""
    seen = []
    original = notifications.render_to_string

    def recording(template, context=None, *args, **kwargs):
        seen.append((template, context["recipient"].email, translation.get_language()))
        return original(template, context, *args, **kwargs)

    monkeypatch.setattr(notifications, "render_to_string", recording)
    return seen


def test_opening_a_discussion_tells_every_current_member_once(council, secretariat, prepared_draft):
    assert mail.outbox == []  # saving a draft in preparation tells nobody

    drafts.change_status(secretariat, prepared_draft, DraftStatus.IN_DISCUSSION)

    recipients = _recipients()
    assert sorted(recipients) == sorted(council["told"])
    assert not council["not_told"] & set(recipients)
    assert all("Opinia o mieszkaniach" in message.subject for message in mail.outbox)


def test_the_e_mail_is_in_the_members_language_with_links_in_it(
    council, secretariat, prepared_draft, member, languages_while_rendering
):
    drafts.change_status(secretariat, prepared_draft, DraftStatus.IN_DISCUSSION)

    ukrainian = council["ukrainian"]
    message = _mail_to(ukrainian.email)
    assert f"http://testserver/uk/council/space/drafts/{prepared_draft.pk}/" in message.body
    assert {
        language for _template, email, language in languages_while_rendering if email == ukrainian.email
    } == {"uk"}
    polish = _mail_to(member.email)
    assert f"http://testserver/council/space/drafts/{prepared_draft.pk}/" in polish.body
    assert "/uk/" not in polish.body
    assert {
        language for _template, email, language in languages_while_rendering if email == member.email
    } == {"pl"}
    assert "Co miasto może zrobić." in polish.body
    # Each member's e-mail is their own: nobody sees the others' addresses.
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)


def test_the_link_in_the_e_mail_opens_the_draft_for_the_member(client, council, secretariat, prepared_draft):
    drafts.change_status(secretariat, prepared_draft, DraftStatus.IN_DISCUSSION)
    ukrainian = council["ukrainian"]
    link = next(
        word for word in _mail_to(ukrainian.email).body.split() if word.startswith("http://testserver/")
    ).removeprefix("http://testserver")
    client.force_login(ukrainian)

    response = client.get(link)

    assert response.status_code == 200
    assert 'lang="uk"' in response.content.decode() and "Opinia o mieszkaniach" in response.content.decode()


def test_other_status_changes_send_nothing(council, secretariat, draft):
    drafts.change_status(secretariat, draft, DraftStatus.WITHDRAWN)
    assert mail.outbox == []


def test_back_in_discussion_after_a_vote_sends_no_new_draft_e_mail(council, secretariat, draft):
    vote = start_vote(secretariat, draft)
    mail.outbox.clear()

    voting.record_result(close_vote(vote))  # no quorum: the draft goes back to discussion

    draft.refresh_from_db()
    assert draft.status == DraftStatus.IN_DISCUSSION
    assert mail.outbox == []


def test_the_secretariat_opening_the_discussion_on_the_page_tells_members(
    client, council, secretariat, prepared_draft
):
    client.force_login(secretariat)
    with translation.override("en"):
        url = reverse("council_space:draft_status", args=[prepared_draft.pk])

    client.post(url, {"status": DraftStatus.IN_DISCUSSION})

    assert CouncilDraft.objects.get(pk=prepared_draft.pk).status == DraftStatus.IN_DISCUSSION
    assert sorted(_recipients()) == sorted(council["told"])


def test_opening_a_vote_tells_every_member_who_may_vote(
    council, secretariat, draft, languages_while_rendering
):
    vote = start_vote(secretariat, draft, question="Czy przyjmujemy opinię?")

    assert sorted(_recipients()) == sorted(council["told"])
    ukrainian = council["ukrainian"]
    message = _mail_to(ukrainian.email)
    assert f"http://testserver/uk/council/space/votes/{vote.pk}/" in message.body
    assert f"http://testserver/uk/council/space/drafts/{draft.pk}/" in message.body
    assert "Czy przyjmujemy opinię?" in message.body
    local_close = timezone.localtime(vote.closes_at)
    assert f"{local_close:%H:%M}" in message.body and str(local_close.year) in message.body
    assert {
        language for _template, email, language in languages_while_rendering if email == ukrainian.email
    } == {"uk"}


def test_a_member_whose_term_ends_before_the_vote_is_not_told(council, secretariat, draft, member):
    Membership.objects.filter(user=member).update(removed_at=timezone.now())

    start_vote(secretariat, draft)

    assert member.email not in _recipients()


def test_english_e_mail_reads_in_english(secretariat, prepared_draft):
    english = make_member("Grace", preferred_language="en")

    drafts.change_status(secretariat, prepared_draft, DraftStatus.IN_DISCUSSION)

    message = _mail_to(english.email)
    assert message.subject == "[Migrant council] New draft for discussion: Opinia o mieszkaniach"
    assert message.body.startswith("Hello Grace,")
    assert f"http://testserver/en/council/space/drafts/{prepared_draft.pk}/" in message.body

"""Every action on a proposal from its page: what it does, the message and the anchor it comes back to,
each invalid input with its message (on the action's own page, with what was typed kept), and the
refusals with their reasons."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from citysite.accounts.factories import UserFactory
from citysite.participation.models import AbuseReport, Comment
from proposals import services
from proposals.factories import ProposalFactory, ProposalIndexPageFactory, SupportFactory
from proposals.models import (
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalFollow,
    Status,
    StatusChange,
    Support,
)
from proposals.services import hide_proposal
from tests.i18n import polish

from .helpers import action_url, detail_url, status_label


def post(client, index, proposal, action, data=None):
    return client.post(action_url(index, proposal, action), data or {})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text_of(response) -> str:
    return response.content.decode()


def refresh(proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)


def assert_refused(response, reason):
    assert response.status_code == 403
    html = text_of(response)
    assert 'role="alert"' in html
    assert polish(reason) in html


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return resident


# Support


def test_support_and_take_it_back(client, proposal_index, proposal, signed_in):
    response = post(client, proposal_index, proposal, "support")
    assert response["Location"] == detail_url(proposal_index, proposal) + "#support"
    assert messages_of(response) == [polish("Thank you for your support.")]
    assert Support.objects.filter(proposal=proposal, user=signed_in).exists()
    html = text_of(client.get(detail_url(proposal_index, proposal)))
    assert polish("Take back my support") in html and "<strong>1</strong>" in html

    response = post(client, proposal_index, proposal, "support")  # a double click gives nothing more
    assert messages_of(response) == [polish("Thank you for your support.")]
    assert Support.objects.filter(proposal=proposal).count() == 1

    response = post(client, proposal_index, proposal, "support", {"support": "0"})
    assert messages_of(response)[-1] == polish("Your support is taken back.")
    assert not Support.objects.exists()


def test_support_can_be_taken_back_after_the_city_decided(client, proposal_index, proposal, signed_in):
    SupportFactory(proposal=proposal, user=signed_in)
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.ACCEPTED)
    response = post(client, proposal_index, proposal, "support", {"support": "0"})
    assert response.status_code == 302
    assert not Support.objects.exists()
    # ...but not given again.
    assert_refused(
        post(client, proposal_index, proposal, "support"),
        "Supports are collected only while a proposal is open for discussion.",
    )
    assert not Support.objects.exists()


def test_author_cannot_support_their_own_proposal(client, proposal_index, proposal, author):
    client.force_login(author)
    assert_refused(post(client, proposal_index, proposal, "support"), "You cannot support your own proposal.")
    assert not Support.objects.exists()


def test_unverified_person_is_asked_to_confirm_before_supporting(
    client, proposal_index, proposal, unverified_user
):
    client.force_login(unverified_user)
    response = post(client, proposal_index, proposal, "support")
    assert_refused(response, "Please confirm your e-mail address first; then you can support proposals.")
    assert reverse("account_email") in text_of(response)


def test_visitor_signs_in_and_comes_back_to_the_support_button(client, proposal_index, proposal):
    response = post(client, proposal_index, proposal, "support")
    assert response["Location"].startswith(reverse("account_login"))
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [
        detail_url(proposal_index, proposal) + "#support"
    ]


def test_support_is_post_only(client, proposal_index, proposal, signed_in):
    assert client.get(action_url(proposal_index, proposal, "support")).status_code == 405
    assert not Support.objects.exists()


# Crowd placement


def test_resident_places_and_replaces_their_placement(client, proposal_index, proposal, signed_in):
    response = post(client, proposal_index, proposal, "place", {"impact": "4", "ease": "2"})
    assert response["Location"] == detail_url(proposal_index, proposal) + "#matrix"
    assert messages_of(response) == [polish("Thank you. Your placement is saved.")]
    post(client, proposal_index, proposal, "place", {"impact": "1", "ease": "5"})
    placement = Placement.objects.get()
    assert (placement.user, placement.impact, placement.ease) == (signed_in, 1, 5)


def test_placement_form_page_has_two_radio_groups_prefilled(client, proposal_index, proposal, signed_in):
    Placement.objects.create(proposal=proposal, user=signed_in, impact=3, ease=5)
    html = text_of(client.get(action_url(proposal_index, proposal, "place")))
    assert html.count("<fieldset") == 2 and html.count("<legend>") == 2
    assert polish("Impact: how well would it solve the problem?") in html
    assert 'value="3" id="placement_impact_2" required checked' in html
    assert 'value="5" id="placement_ease_4" required checked' in html


@pytest.mark.parametrize(
    "data",
    [{"ease": "2"}, {"impact": "9", "ease": "2"}, {"impact": "0", "ease": "2"}, {"impact": "x", "ease": "2"}],
)
def test_invalid_scores_are_refused(client, proposal_index, proposal, signed_in, data):
    response = post(client, proposal_index, proposal, "place", data)
    assert response.status_code == 400
    assert not Placement.objects.exists()
    html = text_of(response)
    assert polish("Please choose a score from 1 to 5.") in html
    assert 'class="error-summary"' in html and 'href="#placement_impact_0"' in html
    assert 'value="2" id="placement_ease_1" required checked' in html  # the other score is kept


def test_placement_only_while_open(client, proposal_index, author, signed_in):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.IMPLEMENTED)
    assert_refused(
        post(client, proposal_index, proposal, "place", {"impact": "4", "ease": "2"}),
        "Residents place a proposal on the matrix while it is open for discussion.",
    )


# Official placement


def test_moderator_sets_the_official_placement(client, proposal_index, proposal, moderator):
    client.force_login(moderator)
    data = {"impact": "5", "ease": "2", "placed_by": "Zespół ds. edukacji"}
    response = post(client, proposal_index, proposal, "official-placement", data)
    assert response["Location"] == detail_url(proposal_index, proposal) + "#matrix"
    stored = refresh(proposal)
    assert (stored.official_impact, stored.official_ease, stored.official_placement_by) == (
        5,
        2,
        "Zespół ds. edukacji",
    )
    assert stored.official_placement_at is not None
    html = text_of(client.get(detail_url(proposal_index, proposal)))
    assert "<strong>WOW</strong>" in html


def test_official_placement_needs_the_body(client, proposal_index, proposal, moderator):
    client.force_login(moderator)
    response = post(client, proposal_index, proposal, "official-placement", {"impact": "5", "ease": "2"})
    assert response.status_code == 400
    assert polish("Please name the body that placed the proposal.") in text_of(response)
    assert refresh(proposal).official_impact is None


def test_editor_may_not_set_the_official_placement(client, proposal_index, proposal, editor):
    client.force_login(editor)
    data = {"impact": "5", "ease": "2", "placed_by": "Zespół"}
    assert_refused(
        post(client, proposal_index, proposal, "official-placement", data),
        "Only moderators and the proposal’s working group can set the official placement.",
    )


# The city's answer


def test_editor_answers_and_the_author_is_told(client, proposal_index, proposal, editor, author):
    client.force_login(editor)
    data = {
        "to_status": "accepted",
        "answer": "Przyjmujemy propozycję.",
        "answering_body": "Wydział Spraw Społecznych",
    }
    response = post(client, proposal_index, proposal, "answer", data)
    assert response["Location"] == detail_url(proposal_index, proposal) + "#history"
    assert refresh(proposal).status == Status.ACCEPTED
    change = StatusChange.objects.get(proposal=proposal)
    assert (change.answer, change.answering_body, change.changed_by) == (
        "Przyjmujemy propozycję.",
        "Wydział Spraw Społecznych",
        editor,
    )
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert messages_of(response) == [
        polish("The proposal is now “%(status)s”. Its author and followers are told by e-mail.")
        % {"status": status_label(Status.ACCEPTED)}
    ]
    html = text_of(client.get(detail_url(proposal_index, proposal)))
    assert "Przyjmujemy propozycję." in html and "Wydział Spraw Społecznych" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "Tak.", "answering_body": "Wydział"}, "Please choose the new status."),
        (
            {"to_status": "implemented", "answer": "Tak.", "answering_body": "Wydział"},
            "This status cannot follow the current one. Please choose one listed.",
        ),
        (
            {"to_status": "rejected", "answer": " ", "answering_body": "Wydział"},
            "Please write the public answer that explains the decision.",
        ),
        (
            {"to_status": "rejected", "answer": "Nie.", "answering_body": ""},
            "Please name the office or body that gives the answer.",
        ),
        (
            {"to_status": "rejected", "answer": "N" * 4001, "answering_body": "Wydział"},
            "Please keep it to %(limit_value)d characters (it has %(show_value)d).",
        ),
    ],
)
def test_invalid_answers_are_refused_with_their_message(
    client, proposal_index, proposal, editor, data, message
):
    client.force_login(editor)
    response = post(client, proposal_index, proposal, "answer", data)
    assert response.status_code == 400
    expected = polish(message)
    if "%(" in expected:
        expected = expected % {"limit_value": 4000, "show_value": 4001}
    assert expected in text_of(response)
    assert refresh(proposal).status == Status.PUBLISHED
    assert not StatusChange.objects.exists()


def test_support_threshold_blocks_evaluation_with_the_services_message(client, home_page, author, editor):
    index = ProposalIndexPageFactory(parent=home_page, slug="z-progiem-odp", support_threshold=3)
    proposal = ProposalFactory(index=index, author=author)
    SupportFactory(proposal=proposal)
    client.force_login(editor)
    data = {"to_status": "under_evaluation", "answer": "Oceniamy.", "answering_body": "Wydział"}
    response = post(client, index, proposal, "answer", data)
    assert response.status_code == 400
    html = text_of(response)
    assert (
        polish("This proposal needs %(count)d more supports before it can be evaluated.") % {"count": 2}
        in html
    )
    assert 'value="Oceniamy."' not in html and "Oceniamy." in html  # the textarea keeps the answer
    assert refresh(proposal).status == Status.PUBLISHED


def test_moderator_publishes_a_submitted_proposal_without_an_answer(
    client, pre_moderated_index, author, moderator
):
    proposal = ProposalFactory(index=pre_moderated_index, author=author, status=Status.SUBMITTED)
    client.force_login(moderator)
    response = post(client, pre_moderated_index, proposal, "answer", {"to_status": "published"})
    assert response.status_code == 302
    assert refresh(proposal).status == Status.PUBLISHED


def test_no_answer_form_when_no_status_can_follow(client, proposal_index, author, editor):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.IMPLEMENTED)
    client.force_login(editor)
    response = client.get(action_url(proposal_index, proposal, "answer"))
    assert response.status_code == 403
    assert polish("No status can follow “%(status)s”.") % {
        "status": status_label(Status.IMPLEMENTED)
    } in text_of(response)


def test_answer_form_page_offers_the_allowed_statuses(client, proposal_index, author, editor):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.ACCEPTED)
    client.force_login(editor)
    html = text_of(client.get(action_url(proposal_index, proposal, "answer")))
    assert 'value="in_progress"' in html and 'value="implemented"' in html
    assert 'value="rejected"' not in html


# Progress


def test_editor_reports_progress(client, proposal_index, author, editor):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.IN_PROGRESS)
    client.force_login(editor)
    data = {"percent": "40", "text": "Ruszył nabór.", "published_on": "2026-05-31"}
    response = post(client, proposal_index, proposal, "progress", data)
    assert response["Location"] == detail_url(proposal_index, proposal) + "#progress"
    update = ProgressUpdate.objects.get()
    assert (update.percent, update.text, update.published_on, update.author) == (
        40,
        "Ruszył nabór.",
        datetime.date(2026, 5, 31),
        editor,
    )
    data = {"percent": "60", "text": "Dalej.", "published_on": ""}
    post(client, proposal_index, proposal, "progress", data)
    assert ProgressUpdate.objects.latest("pk").published_on is not None  # today


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"percent": "150", "text": "x"}, "Please give the progress as a number from 0 to 100."),
        ({"percent": "-1", "text": "x"}, "Please give the progress as a number from 0 to 100."),
        ({"percent": "pół", "text": "x"}, "Please give the progress as a whole number from 0 to 100."),
        ({"text": "x"}, "Please give the progress as a number from 0 to 100."),
        ({"percent": "10", "text": ""}, "Please say what has been done."),
        (
            {"percent": "10", "text": "x", "published_on": "31.13.2026"},
            "Please give a date such as 2026-05-31.",
        ),
    ],
)
def test_invalid_progress_is_refused(client, proposal_index, author, editor, data, message):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.ACCEPTED)
    client.force_login(editor)
    response = post(client, proposal_index, proposal, "progress", data)
    assert response.status_code == 400
    assert polish(message) in text_of(response)
    assert not ProgressUpdate.objects.exists()


def test_progress_only_on_accepted_proposals(client, proposal_index, proposal, editor):
    client.force_login(editor)
    assert_refused(
        post(client, proposal_index, proposal, "progress", {"percent": "10", "text": "x"}),
        "Progress is reported on accepted proposals until they are implemented.",
    )


# Hiding and restoring


def test_moderator_hides_with_a_reason_and_restores(client, proposal_index, proposal, moderator, resident):
    AbuseReport.objects.create(target=proposal, reporter=resident, reason="Spam")
    client.force_login(moderator)
    response = post(client, proposal_index, proposal, "hide", {"reason": "Reklama"})
    assert response["Location"] == detail_url(proposal_index, proposal)
    stored = refresh(proposal)
    assert (stored.status, stored.hidden_reason) == (Status.HIDDEN, "Reklama")
    assert not AbuseReport.objects.open().exists()
    assert messages_of(response) == [polish("The proposal is hidden; the reason is shown in its place.")]

    response = post(client, proposal_index, proposal, "restore")
    assert refresh(proposal).status == Status.PUBLISHED
    assert messages_of(response)[-1] == polish("The proposal is shown again.")


def test_hiding_needs_a_reason(client, proposal_index, proposal, moderator):
    client.force_login(moderator)
    response = post(client, proposal_index, proposal, "hide", {"reason": ""})
    assert response.status_code == 400
    assert polish("Please give the reason; it is shown in place of the proposal.") in text_of(response)
    assert refresh(proposal).status == Status.PUBLISHED


def test_hidden_proposal_cannot_be_hidden_again(client, proposal_index, proposal, moderator):
    hide_proposal(moderator, proposal, "Spam")
    client.force_login(moderator)
    assert_refused(
        client.get(action_url(proposal_index, proposal, "hide")), "This proposal is already hidden."
    )


def test_restore_is_post_only(client, proposal_index, proposal, moderator):
    hide_proposal(moderator, proposal, "Spam")
    client.force_login(moderator)
    assert client.get(action_url(proposal_index, proposal, "restore")).status_code == 405
    assert refresh(proposal).status == Status.HIDDEN


# Reports


def test_anyone_reports_a_proposal(client, proposal_index, proposal, resident):
    response = post(client, proposal_index, proposal, "report", {"reason": "Obraźliwe słowa."})
    assert response["Location"] == detail_url(proposal_index, proposal) + "#report"
    assert messages_of(response) == [polish("Thank you. A moderator will look at this proposal.")]
    client.force_login(resident)
    post(client, proposal_index, proposal, "report", {"reason": "Spam."})
    post(client, proposal_index, proposal, "report", {"reason": "Spam, raz jeszcze."})  # one open report each
    reports = AbuseReport.objects.for_target(proposal)
    assert sorted((report.reporter_id or 0) for report in reports) == [0, resident.pk]


def test_report_needs_a_reason(client, proposal_index, proposal):
    response = post(client, proposal_index, proposal, "report", {"reason": ""})
    assert response.status_code == 400
    assert polish("Please tell the moderators what is wrong with this proposal.") in text_of(response)
    assert not AbuseReport.objects.exists()


def test_hidden_proposal_cannot_be_reported(client, proposal_index, proposal, moderator):
    hide_proposal(moderator, proposal, "Spam")
    assert_refused(
        post(client, proposal_index, proposal, "report", {"reason": "x"}), "This proposal cannot be reported."
    )


def test_reports_are_rate_limited(client, proposal_index, author):
    proposals = [ProposalFactory(index=proposal_index, author=author) for _number in range(11)]
    for proposal in proposals[:10]:
        assert post(client, proposal_index, proposal, "report", {"reason": "Spam"}).status_code == 302
    response = post(client, proposal_index, proposals[10], "report", {"reason": "Spam"})
    assert response.status_code == 429
    assert polish("You have sent a lot in a short time. Please wait a few minutes and try again.") in text_of(
        response
    )
    assert AbuseReport.objects.count() == 10


# Following


def test_follow_and_stop_following(client, proposal_index, proposal, signed_in):
    response = post(client, proposal_index, proposal, "follow")
    assert response["Location"] == detail_url(proposal_index, proposal) + "#follow"
    assert ProposalFollow.objects.filter(proposal=proposal, user=signed_in).exists()
    assert polish("You follow this proposal.") in text_of(client.get(detail_url(proposal_index, proposal)))
    post(client, proposal_index, proposal, "follow")
    assert not ProposalFollow.objects.exists()


def test_followers_hear_about_answers(client, proposal_index, proposal, signed_in, editor):
    post(client, proposal_index, proposal, "follow")
    client.force_login(editor)
    data = {"to_status": "rejected", "answer": "Poza zakresem.", "answering_body": "Wydział"}
    post(client, proposal_index, proposal, "answer", data)
    assert signed_in.email in {address for message in mail.outbox for address in message.to}


# Comments


def test_resident_comments_and_lands_on_the_comment(client, proposal_index, proposal, signed_in):
    response = post(client, proposal_index, proposal, "comment", {"text": "Dobry pomysł, popieram."})
    comment = Comment.objects.for_target(proposal).get()
    assert response["Location"] == f"{detail_url(proposal_index, proposal)}#comment-{comment.pk}"
    assert (comment.author, comment.parent, comment.consent_to_publish, comment.language) == (
        signed_in,
        None,
        True,
        "pl",
    )
    assert messages_of(response) == [polish("Thank you. Your comment is published.")]
    html = text_of(client.get(detail_url(proposal_index, proposal)))
    assert f'id="comment-{comment.pk}"' in html and "Dobry pomysł, popieram." in html


def test_double_submitted_comment_is_saved_once(client, proposal_index, proposal, signed_in):
    for _number in range(2):
        post(client, proposal_index, proposal, "comment", {"text": "Dobry pomysł."})
    assert Comment.objects.for_target(proposal).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please write something before sending."),
        ("k" * 4001, "Please keep it to %(limit_value)d characters (it has %(show_value)d)."),
    ],
)
def test_invalid_comments_are_refused(client, proposal_index, proposal, signed_in, text, message):
    response = post(client, proposal_index, proposal, "comment", {"text": text})
    assert response.status_code == 400
    expected = polish(message)
    if "%(" in expected:
        expected = expected % {"limit_value": 4000, "show_value": 4001}
    assert expected in text_of(response)
    assert not Comment.objects.exists()


def test_no_new_comments_on_a_withdrawn_proposal(client, proposal_index, author, signed_in):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.WITHDRAWN)
    assert_refused(
        post(client, proposal_index, proposal, "comment", {"text": "Szkoda."}),
        "New comments cannot be added to this proposal.",
    )


def test_comments_are_rate_limited(client, proposal_index, proposal, signed_in):
    for number in range(10):
        post(client, proposal_index, proposal, "comment", {"text": f"Komentarz {number}"})
    response = post(client, proposal_index, proposal, "comment", {"text": "Jedenasty"})
    assert response.status_code == 429
    assert Comment.objects.count() == 10
    assert "Jedenasty" in text_of(response)


def test_comment_tells_nobody_but_replies_do(
    client, proposal_index, proposal, signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, proposal_index, proposal, "comment", {"text": "Pierwszy komentarz."})
    assert mail.outbox == []
    comment = Comment.objects.get()
    other = UserFactory()
    client.force_login(other)
    page = detail_url(proposal_index, proposal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participation:reply", args=[comment.pk]), {"text": "Odpowiedź.", "next": page})
    assert [message.to for message in mail.outbox] == [[signed_in.email]]


# Withdrawing


def test_author_confirms_and_withdraws(client, proposal_index, proposal, author):
    client.force_login(author)
    response = client.get(action_url(proposal_index, proposal, "withdraw"))
    assert response.status_code == 200
    html = text_of(response)
    assert polish("Withdraw my proposal") in html and 'method="post"' in html
    assert refresh(proposal).status == Status.PUBLISHED
    response = post(client, proposal_index, proposal, "withdraw")
    assert response["Location"] == detail_url(proposal_index, proposal) + "#history"
    assert refresh(proposal).status == Status.WITHDRAWN
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.PUBLISHED,
        Status.WITHDRAWN,
        author,
    )
    assert polish("withdrawn by the author") in text_of(client.get(detail_url(proposal_index, proposal)))


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Status.ACCEPTED, "The city has already decided on this proposal, so it can no longer be withdrawn."),
        (Status.WITHDRAWN, "This proposal is already withdrawn."),
    ],
)
def test_withdrawal_refused_after_a_decision(client, proposal_index, author, status, reason):
    proposal = ProposalFactory(index=proposal_index, author=author, status=status)
    client.force_login(author)
    assert_refused(post(client, proposal_index, proposal, "withdraw"), reason)
    assert refresh(proposal).status == status


def test_author_may_withdraw_while_under_evaluation(client, proposal_index, author):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.UNDER_EVALUATION)
    client.force_login(author)
    assert post(client, proposal_index, proposal, "withdraw").status_code == 302
    assert refresh(proposal).status == Status.WITHDRAWN


def test_others_may_not_withdraw_or_edit(client, proposal_index, proposal, signed_in):
    assert_refused(
        post(client, proposal_index, proposal, "withdraw"), "Only the author can withdraw a proposal."
    )
    assert_refused(
        client.get(action_url(proposal_index, proposal, "edit")), "Only the author can change a proposal."
    )


def test_superuser_is_not_offered_another_persons_proposal_to_edit(
    client, proposal_index, proposal, superuser
):
    client.force_login(superuser)
    assert_refused(
        client.get(action_url(proposal_index, proposal, "edit")), "Only the author can change a proposal."
    )


# The action pages


def test_action_page_has_one_heading_and_leads_back(client, proposal_index, proposal, signed_in):
    html = text_of(client.get(action_url(proposal_index, proposal, "report")))
    assert html.count("<h1") == 1
    assert f'href="{detail_url(proposal_index, proposal)}#report"' in html
    assert '<label for="report_reason">' in html


def test_hidden_proposal_title_is_not_shown_on_action_pages(client, proposal_index, proposal, moderator):
    hide_proposal(moderator, proposal, "Spam")
    html = text_of(client.get(action_url(proposal_index, proposal, "report")))
    assert "Baza tłumaczy" not in html


# The proposal changed between the view's checks and the service's own


def _refuse(*args, **kwargs):
    raise PermissionDenied


@pytest.mark.parametrize(
    ("action", "data", "service", "role", "reason"),
    [
        ("withdraw", {}, "withdraw_proposal", "author", "This proposal can no longer be withdrawn."),
        ("support", {}, "set_support", "resident", "Supports are collected only while a proposal is open."),
        ("place", {"impact": "4", "ease": "2"}, "place", "resident", "You cannot do this any more."),
        ("follow", {}, "toggle_follow", "resident", "You cannot do this any more."),
        ("restore", {}, "restore_proposal", "moderator", "You cannot do this any more."),
        ("hide", {"reason": "Spam"}, "hide_proposal", "moderator", "You cannot do this any more."),
    ],
)
def test_a_service_refusing_after_the_checks_shows_the_refusal(
    client, request, monkeypatch, proposal_index, proposal, action, data, service, role, reason
):
    client.force_login(request.getfixturevalue(role))
    monkeypatch.setattr(services, service, _refuse)
    assert_refused(post(client, proposal_index, proposal, action, data), reason)

"""Votes on an opinion: one final ballot per eligible member inside the window, quorum and majority
computed right at their boundaries, and a result recorded once that later changes of memberships and
rules never touch."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from migrant_council.models import (
    Ballot,
    Choice,
    CouncilDraft,
    DraftStatus,
    Majority,
    Membership,
    Vote,
    VoteResult,
    VotingRules,
    quorum_needed,
    tally,
)
from migrant_council.services import voting

from .conftest import close_vote, make_member, make_membership, start_vote

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(f"council_space:{name}", args=args)


_close = close_vote


# --- The arithmetic ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "eligible, percent, needed",
    [
        (4, 50, 2),
        (5, 50, 3),
        (3, 50, 2),
        (10, 51, 6),
        (10, 100, 10),
        (7, 1, 1),
        (3, 33, 1),
        (3, 34, 2),
        (0, 50, 0),
    ],
)
def test_quorum_needed(eligible, percent, needed):
    assert quorum_needed(eligible, percent) == needed


def _tally(for_, against, abstain, *, eligible=10, quorum=50, majority=Majority.SIMPLE):
    return tally(
        votes_for=for_,
        against=against,
        abstain=abstain,
        eligible=eligible,
        quorum_percent=quorum,
        majority=majority,
    )


@pytest.mark.parametrize(
    "for_, against, abstain, eligible, quorum, expected",
    [
        (2, 2, 0, 10, 50, VoteResult.NO_QUORUM),  # 4 of 10 voted: one short of the quorum of 5
        (3, 2, 0, 10, 50, VoteResult.ADOPTED),  # exactly the quorum
        (0, 0, 5, 10, 50, VoteResult.REJECTED),  # abstentions make the quorum, but nobody is for
        (1, 0, 1, 3, 50, VoteResult.ADOPTED),  # quorum of 3 at 50% is 2
        (1, 0, 0, 3, 50, VoteResult.NO_QUORUM),
        (9, 0, 0, 10, 100, VoteResult.NO_QUORUM),  # everyone must vote
        (0, 0, 0, 0, 50, VoteResult.NO_QUORUM),  # nobody could vote
    ],
)
def test_quorum_boundaries(for_, against, abstain, eligible, quorum, expected):
    assert _tally(for_, against, abstain, eligible=eligible, quorum=quorum) == expected


@pytest.mark.parametrize(
    "majority, for_, against, abstain, expected",
    [
        # simple: more for than against; abstentions do not count
        (Majority.SIMPLE, 3, 2, 5, VoteResult.ADOPTED),
        (Majority.SIMPLE, 3, 3, 0, VoteResult.REJECTED),  # a tie is not a majority
        (Majority.SIMPLE, 1, 0, 9, VoteResult.ADOPTED),
        # absolute: more than half of the votes cast, abstentions among them
        (Majority.ABSOLUTE, 3, 2, 0, VoteResult.ADOPTED),
        (Majority.ABSOLUTE, 3, 2, 1, VoteResult.REJECTED),  # 3 of 6 is half, not more
        (Majority.ABSOLUTE, 4, 2, 1, VoteResult.ADOPTED),  # 4 of 7
        (Majority.ABSOLUTE, 5, 0, 5, VoteResult.REJECTED),  # 5 of 10
        # two thirds of the votes cast
        (Majority.TWO_THIRDS, 4, 2, 0, VoteResult.ADOPTED),  # exactly 2/3
        (Majority.TWO_THIRDS, 4, 1, 1, VoteResult.ADOPTED),  # 4 of 6
        (Majority.TWO_THIRDS, 3, 2, 0, VoteResult.REJECTED),  # 3 of 5 < 2/3
        (Majority.TWO_THIRDS, 6, 2, 1, VoteResult.ADOPTED),  # 6 of 9 = 2/3
        (Majority.TWO_THIRDS, 5, 2, 1, VoteResult.REJECTED),  # 5 of 8 < 2/3
    ],
)
def test_majority_boundaries(majority, for_, against, abstain, expected):
    assert _tally(for_, against, abstain, eligible=10, quorum=10, majority=majority) == expected


# --- Opening a vote ------------------------------------------------------------------------------------


def test_opening_copies_the_rules_and_who_may_vote(
    secretariat, draft, member, other_members, expired_member, removed_member
):
    VotingRules.objects.create(quorum_percent=60, majority=Majority.TWO_THIRDS)
    invited = make_membership(None, name="Zaproszona", invited_email="zaproszona@example.org")

    vote = start_vote(secretariat, draft)

    assert (vote.quorum_percent, vote.majority) == (60, Majority.TWO_THIRDS)
    current = Membership.objects.filter(user__in=[member, *other_members])
    # Every seat with a current term counts, the invited one not linked to an account yet included.
    assert set(vote.eligible.all()) == {*current, invited}
    assert vote.eligible_count == 5
    assert vote.version == draft.versions.get(number=2)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.IN_VOTE


@pytest.mark.parametrize(
    "status", [DraftStatus.DRAFT, DraftStatus.IN_VOTE, DraftStatus.ADOPTED, DraftStatus.WITHDRAWN]
)
def test_only_a_draft_in_discussion_goes_to_a_vote(secretariat, draft, status):
    CouncilDraft.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        start_vote(secretariat, draft)
    assert error.value.code == "not_in_discussion"
    assert not Vote.objects.exists()


def test_a_second_vote_cannot_open_while_one_is_pending(secretariat, draft, member):
    start_vote(secretariat, draft)
    with pytest.raises(ValidationError):
        start_vote(secretariat, draft)
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("role", ["member", "resident", "superuser"])
def test_only_the_secretariat_opens_votes(request, role, draft):
    with pytest.raises(PermissionDenied):
        start_vote(request.getfixturevalue(role), draft)
    assert not Vote.objects.exists()


def test_a_window_must_end_after_it_starts_and_in_the_future(secretariat, draft):
    now = timezone.now()
    with pytest.raises(ValidationError):
        voting.open_vote(secretariat, draft, "?", now, now)
    with pytest.raises(ValidationError):
        voting.open_vote(
            secretariat, draft, "?", now - datetime.timedelta(days=2), now - datetime.timedelta(days=1)
        )
    assert not Vote.objects.exists()


# --- Casting ballots -----------------------------------------------------------------------------------


def _refusal(user, vote, choice=Choice.FOR):
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(user, vote, choice)
    return error.value.code


def test_one_ballot_per_member_and_it_is_final(vote, member):
    ballot = voting.cast_ballot(member, vote, Choice.AGAINST)

    assert _refusal(member, vote, Choice.FOR) == "already_voted"
    assert _refusal(member, vote, Choice.AGAINST) == "already_voted"
    assert list(Ballot.objects.filter(vote=vote)) == [ballot]
    ballot.refresh_from_db()
    assert ballot.choice == Choice.AGAINST


def test_a_ballot_that_loses_the_race_is_refused_cleanly(vote, member, monkeypatch):
    """Two requests of one member at once: both pass every check, the database's unique constraint lets
    one ballot in and the other is refused as "already voted" (not a server error)."""
    membership = Membership.objects.get(user=member)
    Ballot.objects.create(vote=vote, membership=membership, choice=Choice.FOR)  # the other request won
    monkeypatch.setattr(voting, "eligible_membership", lambda vote, user: membership)

    assert _refusal(member, vote, Choice.AGAINST) == "already_voted"
    assert Ballot.objects.filter(vote=vote).count() == 1
    # The transaction is still usable after the refused insert.
    assert Ballot.objects.get(vote=vote).choice == Choice.FOR


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_concurrent_ballots_of_one_member_make_one():
    """Four requests of one member at the same moment, each in its own connection: one ballot."""
    from django.contrib.auth.models import Group

    from migrant_council.services import drafts

    # The staff groups come from a data migration, which the flush after a transactional test removes.
    for name in ("Council secretariat", "Council members"):
        Group.objects.get_or_create(name=name)
    secretariat = UserFactory(groups=["Council secretariat"])
    member = make_member("Halyna")
    draft = drafts.create_draft(
        secretariat, title="Opinia", summary="", sections=[{"heading": "A", "text": "B"}]
    )
    drafts.change_status(secretariat, draft, DraftStatus.IN_DISCUSSION)
    vote = start_vote(secretariat, draft)
    barrier = threading.Barrier(4)
    outcomes = []

    def cast(choice):
        try:
            barrier.wait(10)
            voting.cast_ballot(member, vote, choice)
            outcomes.append("cast")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=cast, args=(choice,))
        for choice in (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, Choice.FOR)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already_voted", "already_voted", "already_voted", "cast"]
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_no_ballot_before_the_window(secretariat, draft, member):
    vote = start_vote(secretariat, draft, opens_in=datetime.timedelta(hours=2))
    assert _refusal(member, vote) == "not_open"
    assert not Ballot.objects.exists()


def test_no_ballot_after_the_window(vote, member):
    _close(vote)
    assert _refusal(member, vote) == "closed"
    assert not Ballot.objects.exists()


def test_no_ballot_at_the_very_moment_of_closing(vote, member, monkeypatch):
    moment = vote.closes_at
    monkeypatch.setattr(voting.timezone, "now", lambda: moment)
    assert _refusal(member, vote) == "closed"


def test_a_member_who_joined_after_the_opening_cannot_vote(vote):
    newcomer = make_member("Nowa")
    assert _refusal(newcomer, vote) == "not_eligible"


def test_a_member_removed_during_the_vote_cannot_vote(vote, other_member):
    Membership.objects.filter(user=other_member).update(removed_at=timezone.now())
    assert _refusal(other_member, vote) == "not_eligible"


@pytest.mark.parametrize("role", ["secretariat", "expired_member", "removed_member", "resident", "superuser"])
def test_people_who_are_not_eligible_cannot_vote(request, role, vote):
    assert _refusal(request.getfixturevalue(role), vote) == "not_eligible"
    assert not Ballot.objects.exists()


def test_an_unknown_choice_is_refused(vote, member):
    assert _refusal(member, vote, "maybe") == "invalid_choice"


# --- Recording the result ------------------------------------------------------------------------------


def _cast(vote, users, choice):
    for user in users:
        voting.cast_ballot(user, vote, choice)


def test_an_open_vote_is_not_counted(vote, member):
    voting.cast_ballot(member, vote, Choice.FOR)
    voting.record_result(vote)
    vote.refresh_from_db()
    assert vote.counted_at is None and vote.result == ""


def test_the_result_is_recorded_once_and_stays(vote, member, other_members, secretariat):
    _cast(vote, [member, other_members[0]], Choice.FOR)
    _cast(vote, [other_members[1]], Choice.AGAINST)
    _close(vote)

    recorded = voting.record_result(vote)

    assert (recorded.votes_for, recorded.votes_against, recorded.votes_abstain) == (2, 1, 0)
    assert recorded.result == VoteResult.ADOPTED
    counted_at = recorded.counted_at
    assert counted_at is not None

    # Later: members leave, new ones join, the rules change, even a stray ballot appears in the data.
    Membership.objects.filter(user__in=[member, *other_members]).update(removed_at=timezone.now())
    for name in ("A", "B", "C", "D", "E", "F"):
        make_member(name)
    VotingRules.objects.create(quorum_percent=100, majority=Majority.TWO_THIRDS)
    Ballot.objects.create(
        vote=vote, membership=Membership.objects.get(user=other_members[2]), choice=Choice.AGAINST
    )

    again = voting.record_result(Vote.objects.get(pk=vote.pk))
    assert voting.record_due_results() == 0
    call_command("close_council_votes", verbosity=0)

    again.refresh_from_db()
    assert (again.votes_for, again.votes_against, again.votes_abstain) == (2, 1, 0)
    assert again.result == VoteResult.ADOPTED
    assert again.counted_at == counted_at
    assert (again.quorum_percent, again.majority, again.eligible_count) == (50, Majority.SIMPLE, 4)


@pytest.mark.parametrize(
    "ballots, result, status",
    [
        ({Choice.FOR: 2}, VoteResult.ADOPTED, DraftStatus.ADOPTED),  # exactly the quorum of 2 of 4
        ({Choice.FOR: 1}, VoteResult.NO_QUORUM, DraftStatus.IN_DISCUSSION),  # one short
        ({Choice.FOR: 1, Choice.AGAINST: 1}, VoteResult.REJECTED, DraftStatus.IN_DISCUSSION),  # a tie
        ({Choice.FOR: 2, Choice.AGAINST: 1, Choice.ABSTAIN: 1}, VoteResult.ADOPTED, DraftStatus.ADOPTED),
        ({Choice.ABSTAIN: 4}, VoteResult.REJECTED, DraftStatus.IN_DISCUSSION),
    ],
)
def test_end_to_end_simple_majority(secretariat, draft, member, other_members, ballots, result, status):
    vote = start_vote(secretariat, draft)  # the default rules: quorum 50%, simple majority; 4 may vote
    voters = iter([member, *other_members])
    for choice, count in ballots.items():
        for _ in range(count):
            voting.cast_ballot(next(voters), vote, choice)
    _close(vote)

    call_command("close_council_votes", verbosity=0)

    vote.refresh_from_db()
    draft.refresh_from_db()
    assert vote.result == result
    assert draft.status == status


@pytest.mark.parametrize(
    "majority, for_, against, abstain, result",
    [
        (Majority.ABSOLUTE, 3, 1, 1, VoteResult.ADOPTED),  # 3 of 5
        (Majority.ABSOLUTE, 3, 1, 2, VoteResult.REJECTED),  # 3 of 6 is only half
        (Majority.TWO_THIRDS, 4, 2, 0, VoteResult.ADOPTED),  # exactly two thirds
        (Majority.TWO_THIRDS, 3, 1, 1, VoteResult.REJECTED),  # 3 of 5
    ],
)
def test_end_to_end_other_majorities(secretariat, draft, member, majority, for_, against, abstain, result):
    VotingRules.objects.create(quorum_percent=50, majority=majority)
    voters = [member, *(make_member(f"Członek {number}") for number in range(7))]  # 8 may vote
    vote = start_vote(secretariat, draft)
    assert vote.eligible_count == 8
    position = 0
    for choice, count in ((Choice.FOR, for_), (Choice.AGAINST, against), (Choice.ABSTAIN, abstain)):
        _cast(vote, voters[position : position + count], choice)
        position += count
    _close(vote)

    assert voting.record_result(vote).result == result


def test_the_command_counts_only_closed_votes(secretariat, draft, member, other_members, capsys):
    closed = _close(start_vote(secretariat, draft))
    other = CouncilDraft.objects.create(title="Drugi", status=DraftStatus.IN_DISCUSSION)
    other.versions.create(number=1, sections=[{"key": "k", "heading": "A", "text": "B"}])
    still_open = start_vote(secretariat, other)

    call_command("close_council_votes")

    assert "Council votes counted: 1" in capsys.readouterr().out
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert closed.counted_at is not None and closed.result == VoteResult.NO_QUORUM
    assert still_open.counted_at is None


# --- The pages -----------------------------------------------------------------------------------------


def test_the_vote_page_offers_an_accessible_ballot_while_open(client, vote, member):
    client.force_login(member)

    content = client.get(_url("vote", vote.pk)).content.decode()

    assert "<fieldset" in content and "<legend>Your vote</legend>" in content
    for choice in Choice.values:
        assert f'type="radio" name="choice" value="{choice}"' in content
    assert "50% of them: at least 2 members must vote" in content
    assert "Adopted when more members vote for than against" in content
    assert "So far 0 of 4 members have voted." in content


def test_voting_through_the_page(client, vote, member):
    client.force_login(member)

    response = client.post(_url("ballot", vote.pk), {"choice": "abstain"}, follow=True)

    assert Ballot.objects.get(vote=vote).choice == Choice.ABSTAIN
    content = response.content.decode()
    assert "Thank you. Your vote is recorded." in content
    assert "You voted “abstain”" in content
    assert 'name="choice"' not in content  # no second ballot


def test_a_double_submitted_ballot_is_recorded_once(client, vote, member):
    client.force_login(member)
    client.post(_url("ballot", vote.pk), {"choice": "for"})

    response = client.post(_url("ballot", vote.pk), {"choice": "against"}, follow=True)

    assert "You have already voted; your vote is recorded and cannot be changed." in response.content.decode()
    assert list(Ballot.objects.filter(vote=vote).values_list("choice", flat=True)) == [Choice.FOR]


def test_a_ballot_without_a_choice_gets_a_message(client, vote, member):
    client.force_login(member)

    response = client.post(_url("ballot", vote.pk), {})

    assert response.status_code == 400
    assert "Please choose for, against or abstain." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_late_ballot_through_the_page_is_refused(client, vote, member):
    _close(vote)
    client.force_login(member)

    response = client.post(_url("ballot", vote.pk), {"choice": "for"})

    assert response.status_code == 400
    assert "This vote has closed." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_newcomer_sees_why_they_cannot_vote(client, vote):
    newcomer = make_member("Nowa")
    client.force_login(newcomer)

    content = client.get(_url("vote", vote.pk)).content.decode()

    assert "only the members of the council with a current term when it opened can" in content
    assert 'name="choice"' not in content


def test_the_secretariat_follows_but_does_not_vote(client, vote, secretariat):
    client.force_login(secretariat)
    content = client.get(_url("vote", vote.pk)).content.decode()
    assert "the secretariat follows the vote" in content and 'name="choice"' not in content


def test_a_closed_vote_viewed_shows_its_result_without_recording_it(client, vote, member, other_members):
    _cast(vote, [member, other_members[0], other_members[1]], Choice.FOR)
    _cast(vote, [other_members[2]], Choice.AGAINST)
    _close(vote)
    client.force_login(member)

    content = client.get(_url("vote", vote.pk)).content.decode()

    assert "Result: Adopted" in content
    assert '<th scope="row">For</th><td>3</td>' in content
    assert '<th scope="row">Against</th><td>1</td>' in content
    assert '<th scope="row">Did not vote</th><td>0</td>' in content
    assert "How the members voted" in content and "Halyna" in content
    # Reading wrote nothing: the scheduled command records the result.
    vote.refresh_from_db()
    vote.draft.refresh_from_db()
    assert vote.counted_at is None and vote.result == ""
    assert vote.draft.status == DraftStatus.IN_VOTE
    call_command("close_council_votes", verbosity=0)
    vote.refresh_from_db()
    vote.draft.refresh_from_db()
    assert vote.result == VoteResult.ADOPTED and vote.draft.status == DraftStatus.ADOPTED


def test_the_space_s_pages_show_a_closed_vote_s_outcome_and_write_nothing(client, vote, member):
    _close(vote)
    client.force_login(member)

    draft_page = client.get(_url("draft", vote.draft_id)).content.decode()
    for name, args in (("dashboard", []), ("drafts", []), ("votes", []), ("vote", [vote.pk])):
        assert client.get(_url(name, *args)).status_code == 200

    assert "Not valid: no quorum" in draft_page or "not valid: no quorum" in draft_page
    assert "Status: in discussion" in draft_page
    vote.refresh_from_db()
    assert vote.counted_at is None
    assert CouncilDraft.objects.get(pk=vote.draft_id).status == DraftStatus.IN_VOTE


def test_an_action_on_the_draft_records_the_closed_vote_first(client, vote, secretariat):
    """The page offered a new vote (the draft is back in discussion); opening it records the old one."""
    _close(vote)
    client.force_login(secretariat)
    closes = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(_url("vote_create", vote.draft_id), {"question": "Znowu?", "closes_at": closes})

    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.result == VoteResult.NO_QUORUM and vote.counted_at is not None
    assert Vote.objects.filter(draft_id=vote.draft_id, counted_at__isnull=True).count() == 1


def test_open_a_vote_through_the_form(client, secretariat, draft, member, other_members, mailoutbox):
    client.force_login(secretariat)
    form = client.get(_url("vote_create", draft.pk)).content.decode()
    assert "Does the council adopt “Opinia o polityce integracji” (version 2) as its opinion?" in form

    closes = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        _url("vote_create", draft.pk), {"question": "Czy przyjmujemy?", "closes_at": closes}
    )

    vote = Vote.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("vote", vote.pk)
    assert vote.question == "Czy przyjmujemy?"
    assert abs((vote.opens_at - timezone.now()).total_seconds()) < 60  # empty "opens": now
    assert vote.eligible_count == 4


@pytest.mark.parametrize(
    "data, message",
    [
        ({"question": "", "closes_at": "+7d"}, "Please write the question members vote on."),
        ({"question": "Q?", "closes_at": ""}, "Please say when the vote closes."),
        ({"question": "Q?", "closes_at": "jutro"}, "Please give a date and time"),
        ({"question": "Q?", "opens_at": "+2d", "closes_at": "+1d"}, "The vote must close after it opens."),
        ({"question": "Q?", "opens_at": "-2d", "closes_at": "+1d"}, "A vote cannot open in the past."),
        ({"question": "Q?", "closes_at": "+100d"}, "A vote can be open for at most 90 days."),
        ({"question": "x" * 301, "closes_at": "+1d"}, "Please keep it to 300 characters (it has 301)."),
    ],
)
def test_vote_form_refuses_bad_input_with_a_message(client, secretariat, draft, data, message):
    def moment(value):
        if not value.startswith(("+", "-")):
            return value
        days = int(value[:-1])
        return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")

    client.force_login(secretariat)

    response = client.post(_url("vote_create", draft.pk), {key: moment(value) for key, value in data.items()})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_votes_are_never_shown_in_public(client, vote, home_page):
    for path in ("/", "/en/", _url("votes"), _url("vote", vote.pk)):
        response = client.get(path)
        assert vote.question not in response.content.decode()


def test_vote_pages_queries_do_not_grow(client, secretariat, member, mailoutbox):
    """The list of votes and a closed vote's roll call run a fixed number of queries."""
    client.force_login(member)
    voters = [member, *(make_member(f"Członek {number}") for number in range(3))]

    def add_votes(count):
        for number in range(count):
            draft = CouncilDraft.objects.create(title=f"Szkic {number}", status=DraftStatus.IN_DISCUSSION)
            draft.versions.create(number=1, sections=[{"key": "k", "heading": "A", "text": "B"}])
            vote = start_vote(secretariat, draft, question=f"Pytanie {number}")
            _cast(vote, voters, Choice.FOR)
        return vote

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    last = _close(add_votes(2))
    small = (count(_url("votes")), count(_url("vote", last.pk)))
    for number in range(20):
        make_member(f"Nowy {number}")
    last = _close(add_votes(20))
    large = (count(_url("votes")), count(_url("vote", last.pk)))
    # A closed vote on the listed page costs one query for all of them; closing moved `last` three
    # days back, off the first page of the large list, which so saves that query.
    assert large[0] <= small[0] and large[1] == small[1]


def test_an_invited_seat_counts_and_votes_once_its_account_is_linked(secretariat, draft, member):
    invited = make_membership(None, name="Zaproszona", invited_email="later@example.org")
    vote = start_vote(secretariat, draft)
    assert vote.eligible_count == 2
    user = UserFactory(email="later@example.org")
    assert _refusal(user, vote) == "not_eligible"

    Membership.objects.filter(pk=invited.pk).update(user=user)  # the invitation is accepted during the vote

    assert voting.cast_ballot(user, vote, Choice.FOR).membership_id == invited.pk


def test_the_list_of_votes_shows_whether_i_voted(client, vote, member, other_member):
    voting.cast_ballot(member, vote, Choice.AGAINST)

    client.force_login(member)
    mine = client.get(_url("votes")).content.decode()
    client.force_login(other_member)
    theirs = client.get(_url("votes")).content.decode()

    assert vote.question in mine and "you voted" in mine and "open: 1 of 4 voted" in mine
    assert "not voted" in theirs and "you voted" not in theirs

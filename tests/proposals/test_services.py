"""The domain rules of proposals, through the services that views and the admin call: supports, editing,
withdrawal, thresholds, the city's answers and status history, hiding and restoring, official and crowd
placements, reports, following, progress, and comments through the shared comment mechanism."""

import datetime
import threading
import time
import uuid
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models.query import QuerySet
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from citysite.accounts.factories import UserFactory
from citysite.participation import services as comment_services
from citysite.participation.models import AbuseReport, Comment, Dimension
from citysite.participation.threads import threads_by_target
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals import services
from proposals.factories import ProgressUpdateFactory, ProposalFactory, SupportFactory
from proposals.models import (
    CITY_TRANSITIONS,
    ModerationMode,
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalArea,
    ProposalFollow,
    Status,
    StatusChange,
    Support,
    WorkingGroupMember,
    crowd_medians,
)
from tests.i18n import polish

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")

ANSWERED = [
    Status.UNDER_EVALUATION,
    Status.ACCEPTED,
    Status.REJECTED,
    Status.ALREADY_EXISTS,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
]
CLOSED = sorted(set(Status) - {Status.PUBLISHED, Status.UNDER_EVALUATION})
BODY = "Wydział Spraw Społecznych"
ANSWER = "Miasto przygotuje bazę tłumaczy do końca roku."


@pytest.fixture
def person(request, author):
    """The user of a role by name: "visitor" is an anonymous visitor, "author" wrote `proposal`."""

    def get(role):
        if role == "visitor":
            return AnonymousUser()
        if role == "author":
            return author
        return request.getfixturevalue(role)

    return get


def refresh(proposal):
    return Proposal.objects.get(pk=proposal.pk)


def log_entries(proposal, action):
    return ModelLogEntry.objects.filter(action=action, object_id=str(proposal.pk))


def answer(user, proposal, index, to_status, text=ANSWER, body=BODY):
    return services.change_status(
        user, proposal, index, to_status=to_status, answer=text, answering_body=body
    )


def support(proposal, count):
    for _ in range(count):
        SupportFactory(proposal=proposal)


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def edit_fields(**fields):
    dimensions = list(Dimension.objects.order_by("pk")[:2])
    return {
        "title": "Baza tłumaczy w każdej dzielnicy",
        "text": "Nowy tekst.",
        "area": ProposalArea.CITY_POLICY,
        "dimensions": dimensions,
        "language": "uk",
        "district": "Czuby",
        **fields,
    }


# --- creating -----------------------------------------------------------------------------------------


def test_a_resident_creates_a_published_proposal_and_follows_it(proposal_index, resident):
    created, is_new = services.create_proposal(resident, proposal_index, **edit_fields(text="Jeden.\n\nDwa."))

    assert is_new
    assert created.status == Status.PUBLISHED
    assert created.index_key == proposal_index.translation_key
    assert created.text == "<p>Jeden.</p>\n\n<p>Dwa.</p>"
    assert created.dimensions.count() == 2
    assert ProposalFollow.objects.filter(proposal=created, user=resident).exists()


def test_under_pre_moderation_a_new_proposal_waits(pre_moderated_index, resident):
    created, _is_new = services.create_proposal(resident, pre_moderated_index, **edit_fields())

    assert pre_moderated_index.moderation == ModerationMode.PRE
    assert created.status == Status.SUBMITTED


def test_a_double_submit_makes_one_proposal(proposal_index, resident):
    first, _ = services.create_proposal(resident, proposal_index, **edit_fields())
    second, is_new = services.create_proposal(resident, proposal_index, **edit_fields())

    assert (second, is_new) == (first, False)
    assert proposal_index.proposals().count() == 1


@pytest.mark.parametrize("role", ["visitor", "unverified_user"])
def test_only_verified_people_propose(proposal_index, person, role):
    with pytest.raises(PermissionDenied):
        services.create_proposal(person(role), proposal_index, **edit_fields())

    assert not proposal_index.proposals().exists()


def test_a_closed_call_takes_no_proposals(proposal_index, resident):
    proposal_index.accepting_proposals = False

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        services.create_proposal(resident, proposal_index, **edit_fields())

    assert messages_of(refused.value) == [polish("This call for proposals is closed.")]
    assert not proposal_index.proposals().exists()


# --- supports -----------------------------------------------------------------------------------------


def test_one_support_per_person_which_they_can_take_back(proposal, resident):
    assert services.set_support(resident, proposal, wanted=True) is True
    assert Support.objects.filter(proposal=proposal, user=resident).count() == 1
    assert services.set_support(resident, proposal, wanted=True) is True  # a double click
    assert Support.objects.filter(proposal=proposal, user=resident).count() == 1

    assert services.set_support(resident, proposal, wanted=False) is False
    assert not Support.objects.filter(proposal=proposal).exists()

    assert services.set_support(resident, proposal, wanted=True) is True
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_the_database_refuses_a_second_support_row(proposal, resident):
    Support.objects.create(proposal=proposal, user=resident)

    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=resident)

    assert Support.objects.filter(proposal=proposal).count() == 1


def test_a_second_click_that_races_past_the_check_leaves_one_support(proposal, resident):
    # The first click's support is already in; the second click's check ran before it was.
    Support.objects.create(proposal=proposal, user=resident)
    real_exists = QuerySet.exists

    def exists_before_the_first_click_committed(queryset):
        return False if queryset.model is Support else real_exists(queryset)

    with mock.patch.object(QuerySet, "exists", exists_before_the_first_click_committed):
        now_supports = services.set_support(resident, proposal, wanted=True)

    assert now_supports is True
    assert Support.objects.filter(proposal=proposal, user=resident).count() == 1  # the transaction is usable


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_clicks_leave_one_support():
    proposal = ProposalFactory(index_key=uuid.uuid4())
    resident = UserFactory()
    first_inserted = threading.Event()
    results, errors = {}, []

    def a_session_waits_for_a_lock():
        with connection.cursor() as cursor:
            for _ in range(200):
                # pg_locks, not pg_stat_activity: the latter is a snapshot for the whole transaction
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()")
                if cursor.fetchone()[0]:
                    return True
                time.sleep(0.05)
        return False

    def first_click():
        try:
            with transaction.atomic():
                results["first"] = services.set_support(resident, proposal, wanted=True)
                first_inserted.set()
                results["second was waiting"] = a_session_waits_for_a_lock()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            first_inserted.set()
            connection.close()

    def second_click():
        try:
            first_inserted.wait(10)
            results["second"] = services.set_support(resident, proposal, wanted=True)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_click), threading.Thread(target=second_click)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert results == {"first": True, "second": True, "second was waiting": True}
    assert Support.objects.filter(proposal=proposal, user=resident).count() == 1


def test_the_author_cannot_support_their_own_proposal(proposal, author):
    with pytest.raises(PermissionDenied):
        services.set_support(author, proposal, wanted=True)

    assert not Support.objects.exists()


def test_a_superuser_cannot_support_their_own_proposal_either(proposal_index, superuser, resident):
    own = ProposalFactory(index=proposal_index, author=superuser)

    with pytest.raises(PermissionDenied):
        services.set_support(superuser, own, wanted=True)
    assert services.set_support(superuser, ProposalFactory(index=proposal_index), wanted=True) is True
    assert Support.objects.filter(user=superuser).count() == 1


@pytest.mark.parametrize("role", ["visitor", "unverified_user"])
def test_unverified_people_and_visitors_cannot_support(proposal, person, role):
    with pytest.raises(PermissionDenied):
        services.set_support(person(role), proposal, wanted=True)

    assert not Support.objects.exists()


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.UNDER_EVALUATION])
def test_an_open_proposal_may_be_supported(proposal_index, resident, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    assert services.set_support(resident, proposal, wanted=True) is True
    assert proposal.supports.count() == 1


@pytest.mark.parametrize("status", CLOSED)
def test_a_proposal_that_is_not_open_may_not_be_supported(proposal_index, resident, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    with pytest.raises(PermissionDenied):
        services.set_support(resident, proposal, wanted=True)

    assert not proposal.supports.exists()


def test_counts_of_supports_and_comments_do_not_multiply(proposal_index, proposal, moderator):
    support(proposal, 3)
    first = Comment.objects.create(target=proposal, text="Tak!", language="pl", consent_to_publish=True)
    Comment.objects.create(
        target=proposal, parent=first, text="Też tak.", language="pl", consent_to_publish=True
    )
    Comment.objects.create(target=proposal, text="Ukryty", language="pl", hidden_at=timezone.now())
    supported_only = ProposalFactory(index=proposal_index)
    support(supported_only, 2)
    discussed_only = ProposalFactory(index=proposal_index)
    Comment.objects.create(target=discussed_only, text="Hm.", language="pl", consent_to_publish=True)
    ProposalFactory(index=proposal_index)  # neither
    ProgressUpdateFactory(proposal=supported_only, percent=20, published_on=datetime.date(2024, 1, 1))
    ProgressUpdateFactory(proposal=supported_only, percent=60, published_on=datetime.date(2024, 3, 1))
    ProgressUpdateFactory(proposal=supported_only, percent=40, published_on=datetime.date(2024, 2, 1))

    rows = {
        p.title: (p.support_count, p.comment_count, p.latest_progress)
        for p in proposal_index.proposals().with_counts()
    }

    assert rows == {
        proposal.title: (3, 3, None),
        supported_only.title: (2, 0, 60),
        discussed_only.title: (0, 1, None),
        Proposal.objects.order_by("-pk").first().title: (0, 0, None),
    }


def test_counts_come_in_one_query(proposal_index, proposal, django_assert_num_queries):
    support(proposal, 2)

    with django_assert_num_queries(1):
        assert [p.support_count for p in Proposal.objects.with_counts()] == [2]


# --- thresholds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "threshold, supports, needed", [(0, 0, 0), (3, 0, 3), (3, 2, 1), (3, 3, 0), (3, 5, 0)]
)
def test_supports_needed(proposal_index, proposal, threshold, supports, needed):
    proposal_index.support_threshold = threshold
    support(proposal, supports)

    assert services.supports_needed(proposal, proposal_index) == needed


@pytest.mark.parametrize("to_status", [Status.UNDER_EVALUATION, Status.ACCEPTED])
def test_evaluation_waits_for_the_support_threshold(proposal_index, proposal, moderator, to_status):
    proposal_index.support_threshold = 3
    support(proposal, 1)

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        answer(moderator, proposal, proposal_index, to_status)

    expected = polish("This proposal needs %(count)d more supports before it can be evaluated.") % {
        "count": 2
    }
    assert messages_of(refused.value) == [expected]
    assert refresh(proposal).status == Status.PUBLISHED
    assert not StatusChange.objects.exists()

    support(proposal, 2)
    answer(moderator, proposal, proposal_index, to_status)
    assert refresh(proposal).status == to_status


@pytest.mark.parametrize("to_status", [Status.ALREADY_EXISTS, Status.REJECTED])
def test_already_exists_and_rejected_need_no_supports(proposal_index, proposal, moderator, to_status):
    proposal_index.support_threshold = 100

    answer(moderator, proposal, proposal_index, to_status)

    assert refresh(proposal).status == to_status


def test_the_threshold_applies_only_when_evaluation_starts(proposal_index, moderator):
    proposal_index.support_threshold = 100
    evaluated = ProposalFactory(index=proposal_index, status=Status.UNDER_EVALUATION)

    answer(moderator, evaluated, proposal_index, Status.ACCEPTED)

    assert refresh(evaluated).status == Status.ACCEPTED


# --- the city's answers -------------------------------------------------------------------------------

ALLOWED_TRANSITIONS = sorted(
    (current, new) for current, targets in CITY_TRANSITIONS.items() for new in targets
)


@pytest.mark.parametrize("current, new", ALLOWED_TRANSITIONS)
def test_every_allowed_transition_is_kept_as_history(proposal_index, author, moderator, current, new):
    proposal = ProposalFactory(index=proposal_index, author=author, status=current)
    before = timezone.now()

    change = answer(moderator, proposal, proposal_index, new, text=f"  {ANSWER}\n", body=f" {BODY} ")

    assert refresh(proposal).status == new
    assert list(proposal.status_changes.all()) == [change]
    assert (change.from_status, change.to_status) == (current, new)
    assert (change.answer, change.answering_body) == (ANSWER, BODY)
    assert change.changed_by == moderator
    assert before <= change.changed_at <= timezone.now()
    [entry] = log_entries(proposal, services.STATUS_ACTION)
    assert entry.user == moderator
    assert entry.data == {"from_status": current, "to_status": new}
    assert [message.to for message in mail.outbox] == [[author.email]]


def test_every_transition_has_been_listed():
    assert len(ALLOWED_TRANSITIONS) == 11


@pytest.mark.parametrize(
    "current, new",
    [
        (Status.PUBLISHED, Status.IMPLEMENTED),
        (Status.PUBLISHED, Status.IN_PROGRESS),
        (Status.PUBLISHED, Status.PUBLISHED),
        (Status.SUBMITTED, Status.ACCEPTED),
        (Status.UNDER_EVALUATION, Status.PUBLISHED),
        (Status.REJECTED, Status.ACCEPTED),
        (Status.ALREADY_EXISTS, Status.ACCEPTED),
        (Status.ACCEPTED, Status.REJECTED),
        (Status.IN_PROGRESS, Status.ACCEPTED),
        (Status.IMPLEMENTED, Status.IN_PROGRESS),
        (Status.IMPLEMENTED, Status.ACCEPTED),
        (Status.WITHDRAWN, Status.ACCEPTED),
        (Status.WITHDRAWN, Status.PUBLISHED),
        (Status.HIDDEN, Status.PUBLISHED),
        (Status.PUBLISHED, Status.HIDDEN),  # hiding is moderation, with its own service
        (Status.PUBLISHED, Status.WITHDRAWN),  # only the author withdraws
    ],
)
def test_refused_transitions(proposal_index, proposal, moderator, current, new):
    Proposal.objects.filter(pk=proposal.pk).update(status=current)

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        answer(moderator, proposal, proposal_index, new)

    expected = polish("A proposal that is “%(current)s” cannot become “%(new)s”.") % {
        "current": Status(current).label,
        "new": Status(new).label,
    }
    assert messages_of(refused.value) == [expected]
    assert refresh(proposal).status == current
    assert not StatusChange.objects.exists()
    assert not log_entries(proposal, services.STATUS_ACTION).exists()
    assert mail.outbox == []


def test_no_other_transition_is_possible(proposal_index, proposal, superuser):
    refused = 0
    for current in Status:
        for new in Status:
            if new in CITY_TRANSITIONS.get(current, set()):
                continue
            Proposal.objects.filter(pk=proposal.pk).update(status=current)
            with pytest.raises(ValidationError):
                answer(superuser, proposal, proposal_index, new)
            refused += 1
    assert refused == len(Status) ** 2 - len(ALLOWED_TRANSITIONS)
    assert not StatusChange.objects.exists()


def test_an_unknown_status_is_refused_as_invalid(proposal_index, proposal, moderator):
    with pytest.raises(ValidationError):
        answer(moderator, proposal, proposal_index, "approved")

    assert refresh(proposal).status == Status.PUBLISHED


@pytest.mark.parametrize("text", ["", "   \n "])
def test_a_decision_needs_a_public_answer(proposal_index, proposal, moderator, text):
    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        answer(moderator, proposal, proposal_index, Status.REJECTED, text=text)

    assert messages_of(refused.value) == [
        polish("Please write the public answer that explains the decision.")
    ]
    assert refresh(proposal).status == Status.PUBLISHED


def test_publishing_needs_no_answer(pre_moderated_index, moderator):
    waiting = ProposalFactory(index=pre_moderated_index, status=Status.SUBMITTED)

    change = answer(moderator, waiting, pre_moderated_index, Status.PUBLISHED, text="", body="")

    assert refresh(waiting).status == Status.PUBLISHED
    assert change.answer == ""


@pytest.mark.parametrize("role", ["moderator", "editor", "superuser"])
def test_city_staff_answer(proposal_index, proposal, person, role):
    change = answer(person(role), proposal, proposal_index, Status.ACCEPTED)

    assert change.changed_by == person(role)
    assert refresh(proposal).status == Status.ACCEPTED


@pytest.mark.parametrize("role", ["visitor", "unverified_user", "resident", "author", "analyst"])
def test_others_may_not_answer(proposal_index, proposal, person, role):
    with pytest.raises(PermissionDenied):
        answer(person(role), proposal, proposal_index, Status.ACCEPTED)

    assert refresh(proposal).status == Status.PUBLISHED
    assert not StatusChange.objects.exists()
    assert mail.outbox == []


def test_the_answer_is_checked_against_the_current_status_not_a_stale_copy(
    proposal_index, proposal, moderator
):
    answer(moderator, Proposal.objects.get(pk=proposal.pk), proposal_index, Status.REJECTED)

    with pytest.raises(ValidationError):
        answer(moderator, proposal, proposal_index, Status.ACCEPTED)  # `proposal` still says "published"

    assert refresh(proposal).status == Status.REJECTED


# --- editing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_the_author_edits_until_the_city_answers(proposal_index, author, status):
    proposal = ProposalFactory(index=proposal_index, author=author, status=status)

    edited = services.edit_proposal(author, proposal, **edit_fields())

    stored = refresh(edited)
    assert (stored.title, stored.text, stored.area, stored.language, stored.district) == (
        "Baza tłumaczy w każdej dzielnicy",
        "<p>Nowy tekst.</p>",
        ProposalArea.CITY_POLICY,
        "uk",
        "Czuby",
    )
    assert list(stored.dimensions.order_by("pk")) == edit_fields()["dimensions"]
    assert stored.edited_at is not None
    assert stored.status == status


def test_editing_sanitises_the_text(proposal, author):
    raw = (
        '<p onclick="steal()">Propozycja <strong>ważna</strong></p><script>alert(1)</script>'
        '<p><a href="javascript:alert(1)">zły</a> <a href="https://lublin.eu/">dobry</a></p>'
    )

    services.edit_proposal(author, proposal, **edit_fields(text=raw))

    text = refresh(proposal).text
    assert (
        "<script" not in text and "alert" not in text and "onclick" not in text and "javascript" not in text
    )
    assert "<p>Propozycja <strong>ważna</strong></p>" in text
    assert '<a href="https://lublin.eu/" rel="nofollow noopener noreferrer ugc">dobry</a>' in text
    assert "<a>zły</a>" in text or "zły" in text


def test_editing_keeps_the_image_when_none_is_sent(proposal, author):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Plakat", file=get_test_image_file())
    Proposal.objects.filter(pk=proposal.pk).update(image=image)

    services.edit_proposal(author, proposal, **edit_fields(image=None))
    assert refresh(proposal).image == image

    other = Image.objects.create(title="Zdjęcie", file=get_test_image_file())
    services.edit_proposal(author, proposal, **edit_fields(image=other))
    assert refresh(proposal).image == other


@pytest.mark.parametrize("status", [*ANSWERED, Status.WITHDRAWN, Status.HIDDEN])
def test_editing_is_refused_once_answered(proposal_index, author, status):
    proposal = ProposalFactory(index=proposal_index, author=author, status=status, title="Stary tytuł")

    with pytest.raises(PermissionDenied):
        services.edit_proposal(author, proposal, **edit_fields())

    assert refresh(proposal).title == "Stary tytuł"


def test_an_answer_that_came_while_the_form_was_open_wins(proposal_index, proposal, author, moderator):
    answer(moderator, Proposal.objects.get(pk=proposal.pk), proposal_index, Status.ACCEPTED)

    with pytest.raises(PermissionDenied):
        services.edit_proposal(author, proposal, **edit_fields())  # `proposal` still says "published"

    assert refresh(proposal).title == "Baza tłumaczy środowiskowych"


@pytest.mark.parametrize("role", ["visitor", "resident", "moderator", "editor", "superuser"])
def test_only_the_author_edits(proposal, person, role):
    with pytest.raises(PermissionDenied):
        services.edit_proposal(person(role), proposal, **edit_fields())

    assert refresh(proposal).title == "Baza tłumaczy środowiskowych"


# --- withdrawal ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.UNDER_EVALUATION])
def test_the_author_withdraws_and_it_is_recorded(proposal_index, author, status):
    proposal = ProposalFactory(index=proposal_index, author=author, status=status)

    services.withdraw_proposal(author, proposal)

    assert refresh(proposal).status == Status.WITHDRAWN
    [change] = proposal.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_by) == (status, Status.WITHDRAWN, author)


@pytest.mark.parametrize(
    "status",
    [
        Status.ACCEPTED,
        Status.REJECTED,
        Status.ALREADY_EXISTS,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
        Status.WITHDRAWN,
        Status.HIDDEN,
    ],
)
def test_withdrawal_is_refused_once_decided(proposal_index, author, status):
    proposal = ProposalFactory(index=proposal_index, author=author, status=status)

    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(author, proposal)

    assert refresh(proposal).status == status
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("role", ["visitor", "resident", "moderator", "editor", "superuser"])
def test_only_the_author_withdraws(proposal, person, role):
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(person(role), proposal)

    assert refresh(proposal).status == Status.PUBLISHED


def test_a_decision_that_came_first_prevents_withdrawal(proposal_index, proposal, author, moderator):
    answer(moderator, Proposal.objects.get(pk=proposal.pk), proposal_index, Status.ACCEPTED)

    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(author, proposal)

    assert refresh(proposal).status == Status.ACCEPTED


# --- hiding and restoring -----------------------------------------------------------------------------


def test_hiding_records_the_reason_and_resolves_reports(proposal, moderator, resident):
    services.report_proposal(resident, proposal, "Obraźliwe")
    services.report_proposal(AnonymousUser(), proposal, "Spam")

    services.hide_proposal(moderator, proposal, "Narusza regulamin")

    stored = refresh(proposal)
    assert (stored.status, stored.hidden_reason) == (Status.HIDDEN, "Narusza regulamin")
    [change] = proposal.status_changes.all()
    assert (change.from_status, change.to_status, change.answer) == (
        Status.PUBLISHED,
        Status.HIDDEN,
        "Narusza regulamin",
    )
    assert not AbuseReport.objects.for_target(proposal).open().exists()
    assert set(AbuseReport.objects.for_target(proposal).values_list("resolved_by", flat=True)) == {
        moderator.pk
    }
    [entry] = log_entries(proposal, services.HIDE_ACTION)
    assert (entry.user, entry.data) == (moderator, {"reason": "Narusza regulamin"})


def test_hiding_twice_keeps_the_first_reason(proposal, moderator):
    services.hide_proposal(moderator, proposal, "Pierwszy powód")
    services.hide_proposal(moderator, proposal, "Drugi powód")

    assert refresh(proposal).hidden_reason == "Pierwszy powód"
    assert proposal.status_changes.count() == 1


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.ACCEPTED, Status.SUBMITTED])
def test_restoring_returns_to_the_status_before_hiding(proposal_index, moderator, status):
    proposal = ProposalFactory(index=proposal_index, status=status)
    services.hide_proposal(moderator, proposal, "Powód")

    services.restore_proposal(moderator, proposal)

    stored = refresh(proposal)
    assert (stored.status, stored.hidden_reason) == (status, "")
    assert list(proposal.status_changes.values_list("from_status", "to_status")) == [
        (status, Status.HIDDEN),
        (Status.HIDDEN, status),
    ]
    [entry] = log_entries(proposal, services.RESTORE_ACTION)
    assert (entry.user, entry.data) == (moderator, {"hidden_reason": "Powód"})


def test_restoring_after_a_second_hiding_uses_the_latest(proposal_index, proposal, moderator, editor):
    services.hide_proposal(moderator, proposal, "Raz")
    services.restore_proposal(moderator, proposal)
    answer(editor, proposal, proposal_index, Status.REJECTED)
    services.hide_proposal(moderator, proposal, "Dwa")

    services.restore_proposal(moderator, proposal)

    assert refresh(proposal).status == Status.REJECTED


def test_restoring_a_visible_proposal_changes_nothing(proposal, moderator):
    services.restore_proposal(moderator, proposal)

    assert refresh(proposal).status == Status.PUBLISHED
    assert not StatusChange.objects.exists()
    assert not log_entries(proposal, services.RESTORE_ACTION).exists()


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_moderators_and_superusers_hide_and_restore(proposal, person, role):
    services.hide_proposal(person(role), proposal, "Powód")
    assert refresh(proposal).status == Status.HIDDEN

    services.restore_proposal(person(role), proposal)
    assert refresh(proposal).status == Status.PUBLISHED


@pytest.mark.parametrize("role", ["visitor", "resident", "author", "editor", "analyst"])
def test_others_may_not_hide_or_restore(proposal, moderator, person, role):
    with pytest.raises(PermissionDenied):
        services.hide_proposal(person(role), proposal, "Powód")
    assert refresh(proposal).status == Status.PUBLISHED

    services.hide_proposal(moderator, proposal, "Powód")
    with pytest.raises(PermissionDenied):
        services.restore_proposal(person(role), proposal)
    assert refresh(proposal).status == Status.HIDDEN


# --- reports ------------------------------------------------------------------------------------------


def test_one_open_report_per_signed_in_person(proposal, resident, moderator):
    first, created = services.report_proposal(resident, proposal, "Spam")
    again, created_again = services.report_proposal(resident, proposal, "Spam, naprawdę")
    other, other_created = services.report_proposal(UserFactory(), proposal, "Reklama")

    assert (created, created_again, other_created) == (True, False, True)
    assert again == first and other != first
    assert AbuseReport.objects.for_target(proposal).open().count() == 2

    assert services.dismiss_reports(moderator, proposal) == 2
    [entry] = log_entries(proposal, services.DISMISS_ACTION)
    assert entry.data == {"reports": 2}
    _report, created_after_dismissal = services.report_proposal(resident, proposal, "Znowu spam")
    assert created_after_dismissal


def test_visitors_report_too_each_report_counts(proposal):
    services.report_proposal(AnonymousUser(), proposal, "Spam")
    services.report_proposal(AnonymousUser(), proposal, "Spam")

    assert list(AbuseReport.objects.for_target(proposal).values_list("reporter", flat=True)) == [None, None]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.HIDDEN])
def test_a_proposal_that_is_not_shown_cannot_be_reported(proposal_index, resident, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    with pytest.raises(ValidationError):
        services.report_proposal(resident, proposal, "Spam")

    assert not AbuseReport.objects.exists()


@pytest.mark.parametrize("role", ["resident", "author", "editor"])
def test_only_moderators_dismiss_reports(proposal, person, role):
    services.report_proposal(UserFactory(), proposal, "Spam")

    with pytest.raises(PermissionDenied):
        services.dismiss_reports(person(role), proposal)

    assert AbuseReport.objects.open().count() == 1


# --- official and crowd placement ---------------------------------------------------------------------


@pytest.fixture
def working_groups(home_page):
    groups = WorkingGroupIndexPageFactory(parent=home_page, slug="grupy")
    return (
        WorkingGroupPageFactory(parent=groups, title="Edukacja", slug="edukacja"),
        WorkingGroupPageFactory(parent=groups, title="Mieszkalnictwo", slug="mieszkalnictwo"),
    )


@pytest.fixture
def group_proposal(proposal_index, author, working_groups):
    return ProposalFactory(index=proposal_index, author=author, working_group=working_groups[0])


def member_of(group):
    user = UserFactory()
    WorkingGroupMember.objects.create(working_group=group, user=user)
    return user


def place_officially(user, proposal, impact=5, ease=2):
    return services.set_official_placement(
        user, proposal, impact=impact, ease=ease, placed_by="Grupa Edukacja"
    )


@pytest.mark.parametrize("who", ["moderator", "superuser", "member", "member of a translation"])
def test_who_sets_the_official_placement(group_proposal, working_groups, locales, person, who):
    if who == "member":
        user = member_of(working_groups[0])
    elif who == "member of a translation":
        english = working_groups[0].copy_for_translation(locales["en"], copy_parents=True)
        english.save_revision().publish()
        user = member_of(english)
    else:
        user = person(who)
    before = timezone.now()

    place_officially(user, group_proposal)

    stored = refresh(group_proposal)
    assert (stored.official_impact, stored.official_ease, stored.official_placement_by) == (
        5,
        2,
        "Grupa Edukacja",
    )
    assert before <= stored.official_placement_at <= timezone.now()
    assert stored.official_quadrant() == "wow"
    [entry] = log_entries(group_proposal, services.PLACEMENT_ACTION)
    assert (entry.user, entry.data) == (user, {"impact": 5, "ease": 2, "placed_by": "Grupa Edukacja"})


@pytest.mark.parametrize(
    "who", ["editor", "resident", "author", "analyst", "visitor", "another group's member"]
)
def test_others_may_not_set_the_official_placement(group_proposal, working_groups, person, who):
    user = member_of(working_groups[1]) if who == "another group's member" else person(who)

    with pytest.raises(PermissionDenied):
        place_officially(user, group_proposal)

    assert refresh(group_proposal).official_impact is None
    assert not log_entries(group_proposal, services.PLACEMENT_ACTION).exists()


def test_an_editor_who_is_a_member_of_the_group_may(group_proposal, working_groups, editor):
    WorkingGroupMember.objects.create(working_group=working_groups[0], user=editor)

    place_officially(editor, group_proposal, impact=1, ease=1)

    assert refresh(group_proposal).official_quadrant() == "how"


@pytest.mark.parametrize("impact, ease", [(0, 3), (3, 6), (None, 3), ("4", 3)])
def test_official_scores_go_from_one_to_five(group_proposal, moderator, impact, ease):
    with pytest.raises(ValidationError):
        place_officially(moderator, group_proposal, impact=impact, ease=ease)

    assert refresh(group_proposal).official_impact is None


def test_a_crowd_placement_is_one_per_person_and_replaces_the_earlier(proposal, resident):
    services.place(resident, proposal, impact=2, ease=2)
    services.place(resident, proposal, impact=5, ease=4)

    assert list(Placement.objects.filter(proposal=proposal).values_list("user", "impact", "ease")) == [
        (resident.pk, 5, 4)
    ]


def test_the_crowds_median(proposal, resident, author):
    services.place(resident, proposal, impact=1, ease=5)
    services.place(author, proposal, impact=4, ease=2)  # the author may place their own proposal
    assert crowd_medians(proposal.placements.values_list("impact", "ease")) == (2.5, 3.5)

    services.place(UserFactory(), proposal, impact=5, ease=1)
    assert crowd_medians(proposal.placements.values_list("impact", "ease")) == (4, 2)


@pytest.mark.parametrize("role", ["visitor", "unverified_user"])
def test_unverified_people_and_visitors_do_not_place(proposal, person, role):
    with pytest.raises(PermissionDenied):
        services.place(person(role), proposal, impact=3, ease=3)

    assert not Placement.objects.exists()


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.SUBMITTED, Status.HIDDEN, Status.WITHDRAWN])
def test_a_proposal_that_is_not_open_is_not_placed_by_the_crowd(proposal_index, resident, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    with pytest.raises(PermissionDenied):
        services.place(resident, proposal, impact=3, ease=3)

    assert not Placement.objects.exists()


@pytest.mark.parametrize("impact, ease", [(0, 3), (3, 6), (-1, 2)])
def test_crowd_scores_go_from_one_to_five(proposal, resident, impact, ease):
    with pytest.raises(ValidationError):
        services.place(resident, proposal, impact=impact, ease=ease)

    assert not Placement.objects.exists()


# --- following and progress ---------------------------------------------------------------------------


def test_following_is_a_toggle(proposal, resident):
    assert services.toggle_follow(resident, proposal) is True
    assert ProposalFollow.objects.filter(proposal=proposal, user=resident).exists()
    assert services.toggle_follow(resident, proposal) is False
    assert not ProposalFollow.objects.filter(proposal=proposal, user=resident).exists()


def test_visitors_do_not_follow(proposal):
    with pytest.raises(PermissionDenied):
        services.toggle_follow(AnonymousUser(), proposal)


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.IN_PROGRESS])
def test_staff_report_progress_on_accepted_proposals(proposal_index, editor, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    update = services.add_progress_update(editor, proposal, percent=30, text=" Zaczęliśmy. ")

    assert (update.percent, update.text, update.author, update.published_on) == (
        30,
        "Zaczęliśmy.",
        editor,
        timezone.localdate(),
    )


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_progress_is_a_percentage(proposal_index, editor, percent):
    proposal = ProposalFactory(index=proposal_index, status=Status.IN_PROGRESS)

    with pytest.raises(ValidationError):
        services.add_progress_update(editor, proposal, percent=percent, text="Zaczęliśmy.")

    assert not ProgressUpdate.objects.exists()
    assert services.add_progress_update(editor, proposal, percent=100, text="Gotowe.").percent == 100


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.REJECTED, Status.IMPLEMENTED])
def test_no_progress_on_proposals_not_being_implemented(proposal_index, editor, status):
    proposal = ProposalFactory(index=proposal_index, status=status)

    with pytest.raises(ValidationError):
        services.add_progress_update(editor, proposal, percent=30, text="Zaczęliśmy.")

    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("role", ["resident", "author", "analyst"])
def test_only_city_staff_report_progress(proposal_index, author, person, role):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.ACCEPTED)

    with pytest.raises(PermissionDenied):
        services.add_progress_update(person(role), proposal, percent=30, text="Zaczęliśmy.")


# --- comments through the shared mechanism ------------------------------------------------------------


def test_a_verified_resident_comments_on_a_public_proposal(proposal, resident):
    comment, created = comment_services.post_comment(resident, proposal, "Popieram!", "pl")
    again, created_again = comment_services.post_comment(resident, proposal, "Popieram!", "pl")

    assert created and not created_again and again == comment
    assert comment.target == proposal and comment.consent_to_publish
    assert list(proposal.comments.all()) == [comment]


@pytest.mark.parametrize("role", ["visitor", "unverified_user"])
def test_unverified_people_and_visitors_do_not_comment(proposal, person, role):
    with pytest.raises(PermissionDenied):
        comment_services.post_comment(person(role), proposal, "Popieram!", "pl")

    assert not Comment.objects.exists()


def test_a_proposal_awaiting_moderation_takes_no_comments(pre_moderated_index, resident):
    waiting = ProposalFactory(index=pre_moderated_index, status=Status.SUBMITTED)

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        comment_services.post_comment(resident, waiting, "Popieram!", "pl")

    assert messages_of(refused.value) == [
        polish("Comments here are not published; new comments are not possible.")
    ]
    assert not Comment.objects.exists()


def test_a_hidden_comment_keeps_its_replies(proposal, resident, author, moderator):
    comment, _ = comment_services.post_comment(resident, proposal, "Coś obraźliwego", "pl")
    reply, _ = comment_services.post_reply(author, comment, "Proszę o szacunek.", "pl")

    comment_services.hide_comment(moderator, comment, "Obraźliwy język")

    [shown] = threads_by_target(Proposal, [proposal.pk])[proposal.pk]
    assert shown.pk == comment.pk and shown.is_hidden and shown.hidden_reason == "Obraźliwy język"
    assert [r.pk for r in shown.thread_replies] == [reply.pk]


def test_a_hidden_proposal_keeps_its_thread(proposal, resident, author, moderator):
    comment, _ = comment_services.post_comment(resident, proposal, "Dobry pomysł", "pl")
    reply, _ = comment_services.post_reply(author, comment, "Dziękuję!", "pl")

    services.hide_proposal(moderator, proposal, "Duplikat z reklamą")

    [shown] = threads_by_target(Proposal, [proposal.pk])[proposal.pk]
    assert shown.pk == comment.pk and [r.pk for r in shown.thread_replies] == [reply.pk]
    assert Proposal.objects.with_counts().get(pk=proposal.pk).comment_count == 2

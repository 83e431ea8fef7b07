"""The proposals screens of the Wagtail admin: who gets into each, what moderators' actions do (and how
the audit log tells them), the staff listing's filters, the working-group members screen, the menu, and
query budgets."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from citysite.access import may
from citysite.accounts.factories import UserFactory
from citysite.participation.models import AbuseReport, Comment
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals import services
from proposals.factories import ProposalFactory, ProposalIndexPageFactory, StatusChangeFactory
from proposals.models import (
    ModerationMode,
    Proposal,
    ProposalArea,
    Status,
    StatusChange,
    WorkingGroupMember,
)
from proposals.wagtail_hooks import proposals_menu
from tests.i18n import polish

ROLES = ["visitor", "unverified_user", "resident", "author", "moderator", "editor", "superuser"]
MODERATORS = {"moderator", "superuser"}
CITY_STAFF = {"moderator", "editor", "superuser"}
MEMBER_MANAGERS = {"editor", "superuser"}
NO_ADMIN_ACCESS = {"visitor", "unverified_user", "resident", "author"}
SIGN_IN = "/account/login/"
DASHBOARD = "/admin/"


# --- The world ---------------------------------------------------------------------------------------


@pytest.fixture
def index(home_page):
    return ProposalIndexPageFactory(parent=home_page, title="Propozycje mieszkańców", slug="propozycje")


@pytest.fixture
def author(db):
    return UserFactory(display_name="Oksana")


@pytest.fixture
def group(home_page):
    groups = WorkingGroupIndexPageFactory(parent=home_page, slug="grupy")
    return WorkingGroupPageFactory(parent=groups, title="Edukacja", slug="edukacja")


@pytest.fixture
def reported(index, author):
    proposal = ProposalFactory(index=index, author=author, title="Rada migrantów przy prezydencie")
    report(proposal, "To jest reklama", days_ago=1)
    return proposal


@pytest.fixture
def hidden_proposal(index, author, moderator):
    proposal = ProposalFactory(index=index, author=author, title="Ukryta propozycja", status=Status.HIDDEN)
    proposal.hidden_reason = "Obraźliwe słowa"
    proposal.save()
    StatusChangeFactory(
        proposal=proposal, from_status=Status.PUBLISHED, to_status=Status.HIDDEN, changed_by=moderator
    )
    return proposal


@pytest.fixture
def submitted(index, author):
    return ProposalFactory(index=index, author=author, title="Tandemy językowe", status=Status.SUBMITTED)


def report(proposal, reason, days_ago=0):
    return AbuseReport.objects.create(
        target=proposal, reason=reason, created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def signed_in(client, request, role):
    """The client signed in as `role` (the visitor stays signed out), with the admin in English."""
    user = request.getfixturevalue(role)
    if user is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(user)
    return user


def assert_refused(response, role):
    assert response.status_code == 302
    location = response["Location"]
    if role in NO_ADMIN_ACCESS:
        assert location.startswith(SIGN_IN)  # no admin access at all: sent to sign in
    else:
        assert location == DASHBOARD  # in the admin, but not here: back to the dashboard


def menu_names(menu, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in menu.menu_items_for_request(request)}


# --- Who gets in -------------------------------------------------------------------------------------

READ_VIEWS = [
    ("reports", MODERATORS),
    ("hidden", MODERATORS),
    ("waiting", MODERATORS),
    ("index", CITY_STAFF),
    ("index_results", CITY_STAFF),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed"), READ_VIEWS, ids=[view for view, _allowed in READ_VIEWS])
def test_who_sees_each_screen(client, request, role, name, allowed, reported, hidden_proposal, submitted):
    signed_in(client, request, role)

    response = client.get(reverse(f"proposals_admin:{name}"))

    if role in allowed:
        assert response.status_code == 200
        html = response.content.decode()
        shown = {
            "reports": reported.title,
            "hidden": hidden_proposal.title,
            "waiting": submitted.title,
            "index": reported.title,
            "index_results": reported.title,
        }[name]
        assert shown in html
    else:
        assert_refused(response, role)
        assert reported.title.encode() not in response.content


def _effect(name, proposal):
    proposal.refresh_from_db()
    return {
        "hide": lambda: proposal.status == Status.HIDDEN and proposal.hidden_reason == "Spam",
        "restore": lambda: proposal.status == Status.PUBLISHED,
        "dismiss": lambda: not AbuseReport.objects.filter(proposal=proposal, resolved_at=None).exists(),
        "publish": lambda: proposal.status == Status.PUBLISHED,
    }[name]()


ACTIONS = ["hide", "restore", "dismiss", "publish"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACTIONS)
def test_who_may_act(client, request, role, name, reported, hidden_proposal, submitted):
    proposal = {"hide": reported, "restore": hidden_proposal, "dismiss": reported, "publish": submitted}[name]
    signed_in(client, request, role)

    response = client.post(reverse(f"proposals_admin:{name}", args=[proposal.pk]), {"reason": "Spam"})

    if role in MODERATORS:
        assert response.status_code == 302
        assert _effect(name, proposal)
    else:
        assert_refused(response, role)
        assert not _effect(name, proposal)
        assert not ModelLogEntry.objects.filter(action__startswith="proposals.").exists()


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_take_post_only(client, moderator, name, reported):
    client.force_login(moderator)
    response = client.get(reverse(f"proposals_admin:{name}", args=[reported.pk]))
    assert response.status_code == 405
    reported.refresh_from_db()
    assert reported.status == Status.PUBLISHED


def test_actions_need_the_csrf_token(moderator, reported):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    response = client.post(reverse("proposals_admin:hide", args=[reported.pk]), {"reason": "Spam"})
    assert response.status_code == 403
    reported.refresh_from_db()
    assert reported.status == Status.PUBLISHED


def test_actions_on_a_missing_proposal_are_not_found(client, moderator):
    client.force_login(moderator)
    assert client.post(reverse("proposals_admin:hide", args=[999]), {"reason": "Spam"}).status_code == 404


MEMBER_VIEWS = ["index", "add", "edit", "delete"]


@pytest.fixture
def membership(group, resident):
    return WorkingGroupMember.objects.create(working_group=group, user=resident)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", MEMBER_VIEWS)
def test_who_manages_working_group_members(client, request, role, name, membership):
    signed_in(client, request, role)
    args = [] if name in ("index", "add") else [membership.pk]

    response = client.get(reverse(f"working_group_members:{name}", args=args))

    if role in MEMBER_MANAGERS:
        assert response.status_code == 200
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_working_group_member(client, request, role, group, author):
    signed_in(client, request, role)

    response = client.post(
        reverse("working_group_members:add"), {"email": author.email.upper(), "working_group": group.pk}
    )

    if role in MEMBER_MANAGERS:
        assert response.status_code == 302
        assert WorkingGroupMember.objects.filter(user=author, working_group=group).exists()
    else:
        assert_refused(response, role)
        assert not WorkingGroupMember.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_a_working_group_member(client, request, role, membership):
    signed_in(client, request, role)

    response = client.post(reverse("working_group_members:delete", args=[membership.pk]))

    if role in MEMBER_MANAGERS:
        assert response.status_code == 302
        assert not WorkingGroupMember.objects.exists()
    else:
        assert_refused(response, role)
        assert WorkingGroupMember.objects.filter(pk=membership.pk).exists()


# --- The reports queue -------------------------------------------------------------------------------


def test_the_queue_lists_reported_proposals_earliest_first_with_reasons_and_place(
    client, request, index, author
):
    later = ProposalFactory(index=index, author=author, title="Bezpłatne porady prawne")
    earlier = ProposalFactory(index=index, author=author, title="Baza tłumaczy społecznych")
    ProposalFactory(index=index, author=author, title="Propozycja bez zgłoszeń")
    report(later, "Reklama kancelarii", days_ago=1)
    report(earlier, "Obraża sąsiadów", days_ago=3)
    report(earlier, "Mowa nienawiści", days_ago=2)
    resolved = report(later, "Stare, rozpatrzone zgłoszenie", days_ago=5)
    resolved.resolved_at = timezone.now()
    resolved.save()
    signed_in(client, request, "moderator")

    html = client.get(reverse("proposals_admin:reports")).content.decode()

    assert "Propozycja bez zgłoszeń" not in html
    assert html.index("Baza tłumaczy społecznych") < html.index("Bezpłatne porady prawne")
    for reason in ("Reklama kancelarii", "Obraża sąsiadów", "Mowa nienawiści"):
        assert reason in html
    assert "Stare, rozpatrzone zgłoszenie" not in html
    assert f'href="{index.url}{earlier.pk}/"' in html
    assert f"{index.title} › {earlier.title}" in html


def test_the_queue_shows_the_moderation_tabs_of_comments_and_proposals(client, request, reported):
    signed_in(client, request, "moderator")

    html = client.get(reverse("proposals_admin:reports")).content.decode()

    for name in ("participation_admin:reports", "participation_admin:hidden", "proposals_admin:hidden"):
        assert f'href="{reverse(name)}"' in html
    assert f'<a href="{reverse("proposals_admin:reports")}" aria-current="page">' in html


def test_hide_from_the_queue_resolves_the_reports_and_is_logged(client, request, reported, moderator):
    signed_in(client, request, "moderator")
    queue = reverse("proposals_admin:reports")

    response = client.post(
        reverse("proposals_admin:hide", args=[reported.pk]), {"reason": "Reklama", "next": queue}, follow=True
    )

    assert response.redirect_chain == [(queue, 302)]
    assert f"Proposal #{reported.pk} is hidden." in response.content.decode()
    reported.refresh_from_db()
    assert (reported.status, reported.hidden_reason) == (Status.HIDDEN, "Reklama")
    assert AbuseReport.objects.get().resolved_by == moderator
    assert StatusChange.objects.get(proposal=reported).to_status == Status.HIDDEN
    entry = ModelLogEntry.objects.get(action=services.HIDE_ACTION)
    assert (entry.user, entry.data, entry.object_id) == (moderator, {"reason": "Reklama"}, str(reported.pk))
    with translation.override("en"):
        assert entry.message == "Proposal hidden: Reklama"
    hidden_list = client.get(reverse("proposals_admin:hidden")).content.decode()
    assert reported.title in hidden_list and "Reklama" in hidden_list
    assert reported.title not in client.get(queue).content.decode()


def test_hide_without_a_reason_is_refused_with_a_message(client, request, reported):
    signed_in(client, request, "moderator")

    response = client.post(reverse("proposals_admin:hide", args=[reported.pk]), {"reason": " "}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("proposals_admin:reports")
    with translation.override("en"):
        message = "Please give the reason; it is shown in place of the proposal."
    assert message in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == Status.PUBLISHED
    assert AbuseReport.objects.open().exists()
    assert not ModelLogEntry.objects.exists()


def test_a_too_long_reason_is_refused(client, request, reported):
    signed_in(client, request, "moderator")

    response = client.post(
        reverse("proposals_admin:hide", args=[reported.pk]), {"reason": "x" * 301}, follow=True
    )

    assert "Please keep it to 300 characters (it has 301)." in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == Status.PUBLISHED


def test_dismiss_resolves_the_reports_without_hiding(client, request, reported, moderator):
    report(reported, "Drugie zgłoszenie")
    signed_in(client, request, "moderator")

    client.post(reverse("proposals_admin:dismiss", args=[reported.pk]))

    reported.refresh_from_db()
    assert reported.status == Status.PUBLISHED
    assert not AbuseReport.objects.open().exists()
    entry = ModelLogEntry.objects.get(action=services.DISMISS_ACTION)
    assert entry.data == {"reports": 2} and entry.user == moderator
    with translation.override("en"):
        assert entry.message == "Reports of abuse on the proposal dismissed: 2"
    assert reported.title not in client.get(reverse("proposals_admin:reports")).content.decode()


def test_restore_from_the_hidden_list_returns_the_earlier_status_and_is_logged(
    client, request, hidden_proposal, moderator
):
    signed_in(client, request, "moderator")
    hidden_list = reverse("proposals_admin:hidden")

    response = client.post(
        reverse("proposals_admin:restore", args=[hidden_proposal.pk]), {"next": hidden_list}
    )

    assert response["Location"] == hidden_list
    hidden_proposal.refresh_from_db()
    assert (hidden_proposal.status, hidden_proposal.hidden_reason) == (Status.PUBLISHED, "")
    entry = ModelLogEntry.objects.get(action=services.RESTORE_ACTION)
    assert entry.data == {"hidden_reason": "Obraźliwe słowa"} and entry.user == moderator
    with translation.override("en"):
        assert entry.message == "Proposal restored (it had been hidden: Obraźliwe słowa)"


def test_next_pointing_elsewhere_is_ignored(client, request, hidden_proposal):
    signed_in(client, request, "moderator")
    response = client.post(
        reverse("proposals_admin:restore", args=[hidden_proposal.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("proposals_admin:reports")


def test_the_hidden_list_shows_who_hid_it_and_why(client, request, hidden_proposal, moderator):
    moderator.first_name, moderator.last_name = "Piotr", "Lis"
    moderator.save()
    signed_in(client, request, "moderator")

    html = client.get(reverse("proposals_admin:hidden")).content.decode()

    assert "Obraźliwe słowa" in html and "Piotr Lis" in html


# --- Waiting for moderation --------------------------------------------------------------------------


def test_publishing_a_waiting_proposal_keeps_the_note_in_its_history(client, request, submitted, moderator):
    signed_in(client, request, "moderator")
    waiting = reverse("proposals_admin:waiting")

    response = client.post(
        reverse("proposals_admin:publish", args=[submitted.pk]),
        {"answer": "Dziękujemy!", "answering_body": "Zespół moderacji", "next": waiting},
        follow=True,
    )

    assert f"Proposal #{submitted.pk} is published." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED
    change = StatusChange.objects.get(proposal=submitted)
    assert (change.from_status, change.to_status, change.answer, change.answering_body) == (
        Status.SUBMITTED,
        Status.PUBLISHED,
        "Dziękujemy!",
        "Zespół moderacji",
    )
    entry = ModelLogEntry.objects.get(action=services.STATUS_ACTION)
    assert entry.data == {"from_status": "submitted", "to_status": "published"}
    with translation.override("en"):
        assert entry.message == "Proposal status changed from “submitted, awaiting moderation” to “published”"
    assert submitted.title not in response.content.decode().split("<table", 1)[-1]


def test_publishing_without_a_note_is_fine(client, request, submitted):
    signed_in(client, request, "moderator")
    client.post(reverse("proposals_admin:publish", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED


def test_publishing_what_is_no_longer_waiting_is_refused_with_a_message(client, request, reported):
    signed_in(client, request, "moderator")

    response = client.post(reverse("proposals_admin:publish", args=[reported.pk]), follow=True)

    with translation.override("en"):
        expected = "A proposal that is “published” cannot become “published”."
    assert expected in response.content.decode()
    assert not StatusChange.objects.exists()


def test_publishing_with_a_too_long_body_is_refused(client, request, submitted):
    signed_in(client, request, "moderator")
    response = client.post(
        reverse("proposals_admin:publish", args=[submitted.pk]), {"answering_body": "x" * 201}, follow=True
    )
    assert "Please keep it to 200 characters (it has 201)." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_waiting_proposal_can_be_hidden_instead(client, request, submitted):
    signed_in(client, request, "moderator")
    client.post(reverse("proposals_admin:hide", args=[submitted.pk]), {"reason": "Spam"})
    submitted.refresh_from_db()
    assert submitted.status == Status.HIDDEN


def test_the_waiting_list_shows_only_submitted_proposals_oldest_first(client, request, index, author):
    index.moderation = ModerationMode.PRE
    index.save()
    older = ProposalFactory(
        index=index,
        status=Status.SUBMITTED,
        title="Starsza czekająca",
        created_at=timezone.now() - datetime.timedelta(days=2),
    )
    newer = ProposalFactory(index=index, status=Status.SUBMITTED, title="Nowsza czekająca")
    ProposalFactory(index=index, title="Już opublikowana")
    signed_in(client, request, "moderator")

    html = client.get(reverse("proposals_admin:waiting")).content.decode()

    assert html.index(older.title) < html.index(newer.title)
    assert "Już opublikowana" not in html


# --- Comments on proposals in the shared comment queue -----------------------------------------------


def test_reported_comments_on_proposals_show_their_place_in_the_comment_queue(
    client, request, reported, index
):
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=reported.pk,
        text="Komentarz ze spamem",
        language="pl",
        consent_to_publish=True,
    )
    AbuseReport.objects.create(target=comment, reason="Spam w komentarzu")
    signed_in(client, request, "moderator")

    html = client.get(reverse("participation_admin:reports")).content.decode()

    assert "Komentarz ze spamem" in html and "Spam w komentarzu" in html
    assert f"{index.title} › {reported.title}" in html
    assert f"{index.full_url}{reported.pk}/#comment-{comment.pk}" in html


# --- The staff listing -------------------------------------------------------------------------------


@pytest.fixture
def listed(index, home_page, author):
    other_index = ProposalIndexPageFactory(parent=home_page, title="Propozycje edukacyjne", slug="edukacja")
    return {
        "now": ProposalFactory(
            index=index,
            title="Tandemy w bibliotekach",
            area=ProposalArea.CULTURE,
            official_impact=4,
            official_ease=5,
            official_placement_by="Zespół ds. Kultury",
        ),
        "how": ProposalFactory(
            index=index,
            title="Prawo głosu w wyborach",
            area=ProposalArea.CIVIC_PARTICIPATION,
            official_impact=2,
            official_ease=1,
        ),
        "accepted": ProposalFactory(
            index=other_index,
            title="Asystenci w szkołach",
            area=ProposalArea.DAILY_LIFE,
            status=Status.ACCEPTED,
            language="uk",
        ),
        "other_index": other_index,
    }


def listing(client, **params):
    return client.get(reverse("proposals_admin:index"), params).content.decode()


def titles_in(html, listed):
    return {key for key, proposal in listed.items() if key != "other_index" and proposal.title in html}


def test_the_listing_filters_by_index_status_area_quadrant_and_language(client, request, listed, index):
    signed_in(client, request, "editor")

    assert titles_in(listing(client), listed) == {"now", "how", "accepted"}
    assert titles_in(listing(client, index=str(index.translation_key)), listed) == {"now", "how"}
    assert titles_in(listing(client, status="accepted"), listed) == {"accepted"}
    assert titles_in(listing(client, area="culture"), listed) == {"now"}
    assert titles_in(listing(client, quadrant="now"), listed) == {"now"}
    assert titles_in(listing(client, quadrant="how"), listed) == {"how"}
    assert titles_in(listing(client, quadrant="wow"), listed) == set()
    assert titles_in(listing(client, language="uk"), listed) == {"accepted"}
    assert titles_in(listing(client, q="tandemy"), listed) == {"now"}


def test_the_quadrant_filter_follows_each_index_threshold(client, request, listed, index):
    index.matrix_high_from = 4.5  # impact 4 is now low, ease 5 still high: POW
    index.save_revision().publish()
    signed_in(client, request, "editor")

    assert titles_in(listing(client, quadrant="now"), listed) == set()
    assert titles_in(listing(client, quadrant="pow"), listed) == {"now"}


def test_the_listing_links_to_the_public_page_and_shows_the_placement(client, request, listed, index):
    signed_in(client, request, "moderator")

    html = listing(client)

    assert f'href="{index.url}{listed["now"].pk}/"' in html
    assert "NOW (impact 4, ease 5)" in html
    assert listed["other_index"].title in html


# --- Working-group members ---------------------------------------------------------------------------


def test_an_editor_names_who_speaks_for_a_working_group(client, request, group, author, index, editor):
    proposal = ProposalFactory(index=index, working_group=group)
    assert not may(author, "proposals.set_official_placement", proposal)
    signed_in(client, request, "editor")

    response = client.post(
        reverse("working_group_members:add"), {"email": author.email, "working_group": group.pk}
    )

    assert response.status_code == 302
    member = WorkingGroupMember.objects.get()
    assert (member.user, member.working_group) == (author, group)
    assert may(author, "proposals.set_official_placement", proposal)
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=editor).exists()
    index_html = client.get(reverse("working_group_members:index")).content.decode()
    assert author.email in index_html and group.title in index_html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"email": "nobody@example.org"},
            "email",
            "No account uses this e-mail address. The person must sign up on the site first.",
        ),
        ({"email": ""}, "email", "Please give the e-mail address of the person."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"working_group": ""}, "working_group", "Please choose the working group."),
        ({}, "email", "This person already speaks for this working group."),
    ],
)
def test_invalid_working_group_members_are_refused_with_a_message(
    client, request, group, resident, membership, data, field, message
):
    signed_in(client, request, "editor")

    response = client.post(
        reverse("working_group_members:add"),
        {"email": resident.email, "working_group": group.pk, **data},
    )

    assert response.status_code == 200
    with translation.override("en"):
        assert message in response.context["form"].errors[field]
    assert WorkingGroupMember.objects.count() == 1


def test_the_group_choice_offers_each_working_group_once(client, request, group, locales):
    group.copy_for_translation(locales["en"], copy_parents=True)
    signed_in(client, request, "editor")

    response = client.get(reverse("working_group_members:add"))

    assert list(response.context["form"].fields["working_group"].queryset) == [group]


def test_an_editor_removes_a_member_and_it_is_logged(client, request, membership, editor):
    signed_in(client, request, "editor")
    client.post(reverse("working_group_members:delete", args=[membership.pk]))
    assert not WorkingGroupMember.objects.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete", user=editor).exists()


# --- Audit log of the other actions ------------------------------------------------------------------


def test_the_official_placement_is_described_in_the_log(moderator, index):
    proposal = ProposalFactory(index=index)

    services.set_official_placement(moderator, proposal, impact=4, ease=2, placed_by="Zespół ds. Edukacji")

    entry = ModelLogEntry.objects.get(action=services.PLACEMENT_ACTION)
    with translation.override("en"):
        assert entry.message == "Official placement set by Zespół ds. Edukacji: impact 4, ease 2"


def test_proposal_actions_show_in_wagtails_site_history(client, request, reported, moderator):
    services.hide_proposal(moderator, reported, "Reklama")
    signed_in(client, request, "superuser")

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    assert response.status_code == 200
    assert "Proposal hidden: Reklama" in response.content.decode()


# --- The menu ----------------------------------------------------------------------------------------


def test_the_menu_shows_each_item_to_those_who_may_use_it(
    moderator, editor, superuser, resident, analyst, ombudsperson
):
    assert menu_names(proposals_menu, moderator) == {"all-proposals", "proposal-moderation"}
    assert menu_names(proposals_menu, editor) == {"all-proposals", "working-group-members"}
    assert menu_names(proposals_menu, superuser) == {
        "all-proposals",
        "proposal-moderation",
        "working-group-members",
    }
    for user in (moderator, editor, superuser):
        assert "proposals" in menu_names(admin_menu, user)
    for user in (resident, analyst, ombudsperson):
        assert "proposals" not in menu_names(admin_menu, user)


# --- Query budgets -----------------------------------------------------------------------------------


def _reported_proposals(index, author, count):
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                index_key=index.translation_key,
                author=author,
                title=f"Zgłoszona propozycja {number}",
                text="<p>Treść.</p>",
                area=ProposalArea.CITY_POLICY,
                language="pl",
                status=Status.PUBLISHED,
            )
            for number in range(count)
        ]
    )
    proposal_type = ContentType.objects.get_for_model(Proposal)
    AbuseReport.objects.bulk_create(
        AbuseReport(target_type=proposal_type, target_id=proposal.pk, reason=reason)
        for proposal in proposals
        for reason in ("Spam", "Też spam")
    )
    return proposals


def _queries(client, url):
    client.get(url)  # warms the caches of site roots and content types
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


QUERY_BUDGET = 20


@pytest.mark.parametrize("name", ["reports", "index"])
def test_the_screens_run_as_many_queries_for_300_proposals_as_for_10(client, request, index, author, name):
    signed_in(client, request, "moderator")
    url = reverse(f"proposals_admin:{name}")
    _reported_proposals(index, author, 10)
    few = _queries(client, url)

    _reported_proposals(index, author, 290)
    many = _queries(client, url)

    assert many == few
    assert few <= QUERY_BUDGET


def test_the_hidden_and_waiting_lists_do_not_grow_in_queries(client, request, index, author, moderator):
    signed_in(client, request, "moderator")

    def add(count):
        for proposal in _reported_proposals(index, author, count):
            services.hide_proposal(moderator, proposal, "Spam")
        Proposal.objects.bulk_create(
            Proposal(
                index_key=index.translation_key,
                title=f"Czeka {number}",
                text="<p>Treść.</p>",
                area=ProposalArea.CITY_POLICY,
                language="pl",
                status=Status.SUBMITTED,
            )
            for number in range(count)
        )

    add(3)
    few = {name: _queries(client, reverse(f"proposals_admin:{name}")) for name in ("hidden", "waiting")}
    add(30)
    assert {
        name: _queries(client, reverse(f"proposals_admin:{name}")) for name in ("hidden", "waiting")
    } == few


def test_polish_is_the_default_language_of_the_messages(client, moderator, reported):
    """Staff who have not chosen an admin language read the messages in Polish."""
    client.force_login(moderator)
    response = client.post(reverse("proposals_admin:hide", args=[reported.pk]), {"reason": ""}, follow=True)
    assert (
        polish("Please give the reason; it is shown in place of the proposal.") in response.content.decode()
    )

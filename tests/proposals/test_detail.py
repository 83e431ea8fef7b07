"""The proposal page: what it shows to whom (title, status, facts, text, image, supports and the support
threshold, the official and the crowd's matrix placement, history, progress, the staff forms), hidden and
pre-moderated proposals, replies in its thread, and a query count that does not grow with comments,
supports, placements or history."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from citysite.accounts.factories import UserFactory
from citysite.accounts.models import User
from citysite.participation.models import Comment, Dimension
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals.factories import (
    PlacementFactory,
    ProgressUpdateFactory,
    ProposalFactory,
    ProposalIndexPageFactory,
    StatusChangeFactory,
    SupportFactory,
)
from proposals.models import (
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalArea,
    Status,
    StatusChange,
    Support,
    WorkingGroupMember,
)
from proposals.services import hide_proposal, restore_proposal
from tests.i18n import polish

from .helpers import action_url, detail_url, page_text, png_bytes, status_label


def wagtail_image(title="Mapa dzielnicy", description="Mapa Czubów z zaznaczonym miejscem spotkań"):
    return get_image_model().objects.create(
        title=title,
        description=description,
        file=SimpleUploadedFile("mapa.png", png_bytes(), content_type="image/png"),
    )


def comment_on(proposal, author=None, text="Świetny pomysł, popieram.", **fields):
    fields.setdefault("consent_to_publish", True)
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=proposal.pk,
        author=author,
        text=text,
        language=fields.pop("language", "pl"),
        **fields,
    )


# What the page shows


def test_visitor_sees_the_proposal_with_its_facts(client, proposal_index, author):
    dimensions = list(Dimension.objects.filter(code__in=["legal", "cultural"]))
    proposal = ProposalFactory(
        index=proposal_index,
        author=author,
        title="Тандеми мовні в бібліотеках",
        text="<p>Spotkania <strong>językowe</strong> w filiach bibliotek.</p>",
        language="uk",
        area=ProposalArea.CULTURE,
        district="Czuby",
        dimensions=dimensions,
    )
    response = client.get(detail_url(proposal_index, proposal))
    assert response.status_code == 200
    html = page_text(response)
    assert '<h1 lang="uk">Тандеми мовні в бібліотеках</h1>' in html
    assert html.count("<h1") == 1
    assert "Mariam" in html
    assert "<strong>językowe</strong>" in html  # sanitised HTML, shown as HTML
    assert 'class="proposal__text rich-text" lang="uk"' in html
    assert polish("Culture and social exchange") in html
    assert polish("legal") in html and polish("cultural") in html
    assert "Czuby" in html
    assert re.search(rf'status--published proposal-status">.*?{status_label(Status.PUBLISHED)}</span>', html)
    assert "Українська" in html  # the language it is written in
    # Staff forms are not there.
    assert action_url(proposal_index, proposal, "answer") not in html
    assert action_url(proposal_index, proposal, "hide") not in html


def working_group(home_page, title):
    groups = WorkingGroupIndexPageFactory(parent=home_page, slug=f"grupy-{title.lower().replace(' ', '-')}")
    return WorkingGroupPageFactory(parent=groups, title=title)


def test_links_to_its_working_group(client, home_page, author):
    group = working_group(home_page, "Edukacja")
    index = ProposalIndexPageFactory(parent=home_page, slug="propozycje-edukacja", working_group=group)
    proposal = ProposalFactory(index=index, author=author, working_group=group)
    html = page_text(client.get(detail_url(index, proposal)))
    assert f'<a href="{group.url}">Edukacja</a>' in html


def test_image_is_shown_as_a_rendition_with_its_description_as_alt(client, proposal_index, proposal):
    proposal.image = wagtail_image()
    proposal.save()
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    image = re.search(r"<img [^>]*>", html).group(0)
    assert 'alt="Mapa Czubów z zaznaczonym miejscem spotkań"' in image
    assert "/images/" in image and ".width-800" in image  # a rendition, not the original file
    rendition = proposal.image.get_rendition("width-800")
    assert rendition.width == 40  # never scaled up


def test_image_without_description_is_decorative(client, proposal_index, proposal):
    proposal.image = wagtail_image(description="")
    proposal.save()
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert re.search(r'<img [^>]*alt=""', html)


def test_support_count_and_threshold_progress(client, home_page, author):
    index = ProposalIndexPageFactory(parent=home_page, slug="z-progiem", support_threshold=50)
    proposal = ProposalFactory(index=index, author=author)
    for _number in range(12):
        SupportFactory(proposal=proposal)
    html = page_text(client.get(detail_url(index, proposal)))
    assert "<strong>12</strong>" in html
    assert '<progress class="proposal__threshold" max="50" value="12"' in html
    assert 'aria-labelledby="threshold-text"' in html
    # The numbers are written next to the bar, not shown by its length alone.
    assert re.search(r'<p id="threshold-text">[^<]*12[^<]*50[^<]*</p>', html)


def test_threshold_met_says_the_city_can_evaluate(client, home_page, author):
    index = ProposalIndexPageFactory(parent=home_page, slug="prog-2", support_threshold=2)
    proposal = ProposalFactory(index=index, author=author)
    SupportFactory(proposal=proposal)
    SupportFactory(proposal=proposal)
    SupportFactory(proposal=proposal)
    html = page_text(client.get(detail_url(index, proposal)))
    assert '<progress class="proposal__threshold" max="2" value="2"' in html


def test_no_threshold_bar_once_the_city_evaluates(client, home_page, author):
    index = ProposalIndexPageFactory(parent=home_page, slug="prog-3", support_threshold=5)
    proposal = ProposalFactory(index=index, author=author, status=Status.UNDER_EVALUATION)
    html = page_text(client.get(detail_url(index, proposal)))
    assert "proposal__threshold" not in html


def test_official_and_crowd_placements_with_quadrants(client, home_page, author):
    index = ProposalIndexPageFactory(parent=home_page, slug="macierz", now_label="Zrób to teraz")
    proposal = ProposalFactory(
        index=index,
        author=author,
        official_impact=5,
        official_ease=4,
        official_placement_by="Zespół ds. edukacji",
        official_placement_at=timezone.now(),
    )
    for impact, ease in [(2, 1), (3, 2), (2, 2)]:
        PlacementFactory(proposal=proposal, impact=impact, ease=ease)
    html = page_text(client.get(detail_url(index, proposal)))
    official = html[html.index(polish("Official placement")) : html.index(polish("Residents’ placement"))]
    assert "<strong>Zrób to teraz</strong>" in official
    assert polish("high impact, easy to implement") in official
    assert "Zespół ds. edukacji" in official
    crowd = html[html.index(polish("Residents’ placement")) : html.index('id="history"')]
    assert "<dd>2 / 5</dd>" in crowd  # median impact
    assert "<strong>HOW</strong>" in crowd  # medians 2 and 2: low impact, hard
    assert polish("lower impact, hard to implement") in crowd
    assert re.search(r"<dd>3 [^<]+</dd>", crowd)  # three people


def test_crowd_median_of_an_even_number_is_shown_with_a_decimal(client, proposal_index, proposal):
    PlacementFactory(proposal=proposal, impact=3, ease=2)
    PlacementFactory(proposal=proposal, impact=4, ease=2)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert "<dd>3,5 / 5</dd>" in html


def test_residents_own_placement_is_prefilled(client, proposal_index, proposal, resident):
    Placement.objects.create(proposal=proposal, user=resident, impact=4, ease=2)
    client.force_login(resident)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    form = html[html.index(action_url(proposal_index, proposal, "place")) :]
    form = form[: form.index("</form>")]
    assert re.search(r'name="impact" value="4"[^>]*checked', form)
    assert re.search(r'name="ease" value="2"[^>]*checked', form)
    assert form.count("<fieldset") == 2 and form.count("<legend>") == 2


def test_history_shows_answers_and_bodies_but_not_moderation_reasons(
    client, proposal_index, proposal, moderator
):
    StatusChangeFactory(
        proposal=proposal,
        from_status=Status.PUBLISHED,
        to_status=Status.UNDER_EVALUATION,
        answer="Analizujemy koszty.",
        answering_body="Wydział Spraw Społecznych",
    )
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.UNDER_EVALUATION)
    proposal.refresh_from_db()
    hide_proposal(moderator, proposal, "Dane osobowe w treści")
    restore_proposal(moderator, proposal)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    history = html[html.index('id="history"') : html.index('id="discussion"')]
    assert "Analizujemy koszty." in history
    assert "Wydział Spraw Społecznych" in history
    assert polish("hidden by a moderator") in history
    assert polish("shown again by a moderator") in history
    assert "Dane osobowe" not in html


def test_progress_updates_are_listed_with_the_latest_percent(client, proposal_index, author):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.IN_PROGRESS)
    ProgressUpdateFactory(
        proposal=proposal, percent=20, text="Umowa podpisana.", published_on=datetime.date(2026, 3, 1)
    )
    ProgressUpdateFactory(
        proposal=proposal, percent=60, text="Pierwsze dyżury.", published_on=datetime.date(2026, 5, 1)
    )
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert '<progress class="proposal__progress" max="100" value="60"' in html
    assert "Umowa podpisana." in html and "Pierwsze dyżury." in html


def test_withdrawn_proposal_shows_no_support_button(client, proposal_index, author, resident):
    proposal = ProposalFactory(index=proposal_index, author=author, status=Status.WITHDRAWN)
    client.force_login(resident)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert status_label(Status.WITHDRAWN) in html
    assert polish("Support this proposal") not in html
    assert polish("New comments cannot be added to this proposal.") in html


# Who sees which controls


ALL_ACTIONS = {
    "edit",
    "withdraw",
    "support",
    "place",
    "official-placement",
    "answer",
    "progress",
    "hide",
    "restore",
    "report",
    "follow",
    "comment",
}
STAFF = {"support", "place", "report", "follow", "comment", "answer"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", {"report"}),
        ("unverified_user", {"report", "follow"}),
        ("resident", {"support", "place", "report", "follow", "comment"}),
        ("author", {"edit", "withdraw", "place", "report", "follow", "comment"}),
        ("editor", STAFF),
        ("moderator", STAFF | {"hide", "official-placement"}),
        ("superuser", STAFF | {"hide", "official-placement"}),
    ],
)
def test_controls_each_role_is_offered(client, as_role, role, expected, proposal_index, proposal):
    as_role(role)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    offered = {name for name in ALL_ACTIONS if f'"{action_url(proposal_index, proposal, name)}"' in html}
    assert offered == expected


def test_visitor_may_report_without_an_account(client, proposal_index, proposal):
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert f'action="{action_url(proposal_index, proposal, "report")}"' in html
    assert polish("Sign in to support this proposal") in html
    assert polish("Sign in to comment") in html


def test_unverified_person_is_asked_to_confirm_the_address(client, proposal_index, proposal, unverified_user):
    client.force_login(unverified_user)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert polish("Confirm your e-mail address to support proposals.") in html
    assert polish("Confirm your e-mail address to comment.") in html
    assert reverse("account_email") in html


def test_answer_form_offers_only_the_allowed_next_statuses(client, proposal_index, proposal, editor):
    client.force_login(editor)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    form = html[html.index(f'action="{action_url(proposal_index, proposal, "answer")}"') :]
    form = form[: form.index("</form>")]
    offered = set(re.findall(r'name="to_status" value="([a-z_]+)"', form))
    assert offered == {"under_evaluation", "accepted", "rejected", "already_exists"}


def test_progress_form_only_on_accepted_or_in_progress(client, proposal_index, author, editor):
    accepted = ProposalFactory(index=proposal_index, author=author, status=Status.ACCEPTED)
    client.force_login(editor)
    assert action_url(proposal_index, accepted, "progress") in page_text(
        client.get(detail_url(proposal_index, accepted))
    )
    rejected = ProposalFactory(index=proposal_index, author=author, status=Status.REJECTED)
    html = page_text(client.get(detail_url(proposal_index, rejected)))
    assert action_url(proposal_index, rejected, "progress") not in html
    assert action_url(proposal_index, rejected, "answer") not in html  # no status follows "rejected"


def test_working_group_member_sets_the_official_placement(client, home_page, author):
    group = working_group(home_page, "Czas wolny")
    index = ProposalIndexPageFactory(parent=home_page, slug="propozycje-czas-wolny", working_group=group)
    proposal = ProposalFactory(index=index, author=author, working_group=group)
    member = UserFactory()
    WorkingGroupMember.objects.create(working_group=group, user=member)
    client.force_login(member)
    html = page_text(client.get(detail_url(index, proposal)))
    assert action_url(index, proposal, "official-placement") in html
    assert 'value="Czas wolny"' in html  # the group's name is suggested as the body that placed it
    assert action_url(index, proposal, "answer") not in html


# Pre-moderation and hiding


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("unverified_user", 404),
        ("resident", 404),
        ("author", 200),
        ("moderator", 200),
        ("editor", 200),
        ("superuser", 200),
    ],
)
def test_proposal_awaiting_moderation_is_seen_by_its_author_and_staff_only(
    client, as_role, role, status, pre_moderated_index, author
):
    proposal = ProposalFactory(
        index=pre_moderated_index, author=author, status=Status.SUBMITTED, title="Czeka na moderację"
    )
    as_role(role)
    response = client.get(detail_url(pre_moderated_index, proposal))
    assert response.status_code == status
    if status == 200:
        notice = polish(
            "This proposal is waiting for a moderator’s check. Until it is published, only its author and "
            "city staff can see it."
        )
        assert notice in page_text(response)


def test_moderator_may_publish_a_submitted_proposal_from_its_page(
    client, pre_moderated_index, author, moderator
):
    proposal = ProposalFactory(index=pre_moderated_index, author=author, status=Status.SUBMITTED)
    client.force_login(moderator)
    html = page_text(client.get(detail_url(pre_moderated_index, proposal)))
    form = html[html.index(f'action="{action_url(pre_moderated_index, proposal, "answer")}"') :]
    assert set(re.findall(r'name="to_status" value="([a-z_]+)"', form[: form.index("</form>")])) == {
        "published"
    }


@pytest.mark.parametrize("role", ["visitor", "resident", "author", "editor"])
def test_hidden_proposal_shows_the_reason_and_keeps_its_thread(
    client, as_role, role, proposal_index, proposal, moderator, resident
):
    image = wagtail_image()
    Proposal.objects.filter(pk=proposal.pk).update(image=image, text="<p>Treść z danymi osobowymi.</p>")
    comment = comment_on(proposal, resident, text="Komentarz, który zostaje.")
    hide_proposal(moderator, proposal, "Dane osobowe w treści")
    as_role(role)
    response = client.get(detail_url(proposal_index, proposal))
    assert response.status_code == 200
    html = page_text(response)
    assert polish("Hidden by a moderator: %(reason)s") % {"reason": "Dane osobowe w treści"} in html
    assert "Baza tłumaczy środowiskowych" not in html  # not the title, not even in <title>
    assert "Treść z danymi osobowymi" not in html
    assert "<img" not in html
    assert f'id="comment-{comment.pk}"' in html and "Komentarz, który zostaje." in html
    assert action_url(proposal_index, proposal, "edit") not in html
    assert action_url(proposal_index, proposal, "support") not in html


def test_moderator_can_read_and_restore_a_hidden_proposal(client, proposal_index, proposal, moderator):
    hide_proposal(moderator, proposal, "Spam")
    client.force_login(moderator)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert "Baza tłumaczy środowiskowych" in html  # inside the moderators' <details>
    assert polish("Show the hidden proposal (moderators only)") in html
    assert f'action="{action_url(proposal_index, proposal, "restore")}"' in html


def test_proposal_of_another_index_is_not_found_here(client, home_page, proposal_index, author):
    other = ProposalIndexPageFactory(parent=home_page, slug="inne")
    proposal = ProposalFactory(index=other, author=author)
    assert client.get(detail_url(proposal_index, proposal)).status_code == 404
    assert client.get(action_url(proposal_index, proposal, "report")).status_code == 404
    assert client.get(detail_url(other, proposal)).status_code == 200


def test_missing_proposal_is_not_found(client, proposal_index):
    assert client.get(proposal_index.url + "999999/").status_code == 404


# The thread on the proposal page


def test_reply_from_the_proposal_page_comes_back_to_it_and_tells_the_author(
    client, proposal_index, proposal, resident, django_capture_on_commit_callbacks
):
    commenter = UserFactory(display_name="Oksana", preferred_language="uk")
    parent = comment_on(proposal, commenter, text="Czy to obejmie też Kalinowszczyznę?")
    page = detail_url(proposal_index, proposal)
    client.force_login(resident)
    html = page_text(client.get(page))
    assert f'action="{reverse("participation:reply", args=[parent.pk])}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participation:reply", args=[parent.pk]), {"text": "Tak, całe miasto.", "next": page}
        )
    reply = Comment.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"] == f"{page}#comment-{reply.pk}"
    html = page_text(client.get(page))
    assert f'id="comment-{reply.pk}"' in html and "Tak, całe miasto." in html
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [commenter.email]
    assert page in mail.outbox[0].body


def test_new_comment_form_for_verified_residents(client, proposal_index, proposal, resident):
    client.force_login(resident)
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert f'action="{action_url(proposal_index, proposal, "comment")}"' in html
    assert '<label for="new_comment_text">' in html


# Query budget


def _bulk_discussion(proposal, count, author):
    """`count` top-level comments, a reply to every other one, every fifth one hidden."""
    target_type = ContentType.objects.get_for_model(Proposal)
    roots = Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=proposal.pk,
            author=author if number % 3 == 0 else None,
            text=f"Komentarz {number}",
            language="pl" if number % 2 else "uk",
            consent_to_publish=True,
        )
        for number in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=proposal.pk,
            parent=root,
            author=author if number % 4 == 0 else None,
            text=f"Odpowiedź {number}",
            language="pl",
            consent_to_publish=True,
        )
        for number, root in enumerate(roots[::2])
    )
    Comment.objects.filter(pk__in=[root.pk for root in roots[::5]]).update(
        hidden_at=timezone.now(), hidden_reason="Spam"
    )


def _bulk_activity(proposal, count):
    """`count` people who support and place the proposal, and count // 10 history entries and progress
    updates."""
    first = User.objects.count()
    users = User.objects.bulk_create(
        User(username=f"bulk{first + number}", email=f"bulk{first + number}@example.org")
        for number in range(count)
    )
    Support.objects.bulk_create(Support(proposal=proposal, user=user) for user in users)
    Placement.objects.bulk_create(
        Placement(proposal=proposal, user=user, impact=1 + number % 5, ease=1 + number % 3)
        for number, user in enumerate(users)
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            proposal=proposal,
            from_status=Status.PUBLISHED,
            to_status=Status.UNDER_EVALUATION if number % 2 else Status.HIDDEN,
            answer=f"Odpowiedź {number}",
            answering_body="Wydział",
        )
        for number in range(max(1, count // 10))
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(proposal=proposal, percent=number % 100, text=f"Krok {number}")
        for number in range(max(1, count // 10))
    )


def _count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), page_text(response)


# The most queries the page may run for anyone. Measured: 23 for a visitor, 33 to 35 signed in (session,
# user, groups, the verified-address checks of the permissions, site and menu), whatever the size.
DETAIL_QUERY_BUDGET = 40


@pytest.mark.parametrize("role", ["visitor", "unverified_user", "resident", "author", "moderator", "editor"])
def test_detail_queries_do_not_grow_with_comments_supports_placements_or_history(
    client, as_role, role, proposal_index, proposal, django_assert_max_num_queries
):
    user = as_role(role)
    Proposal.objects.filter(pk=proposal.pk).update(
        image=wagtail_image(), official_impact=4, official_ease=2, official_placement_by="Zespół"
    )
    commenter = UserFactory()
    if user is not None:
        comment_on(proposal, user, text="Mój świeży komentarz")  # editable by its author
        Support.objects.create(proposal=proposal, user=user)
        Placement.objects.create(proposal=proposal, user=user, impact=3, ease=3)
    url = detail_url(proposal_index, proposal)

    _bulk_discussion(proposal, 10, commenter)
    _bulk_activity(proposal, 10)
    few, _html = _count_queries(client, url)
    with django_assert_max_num_queries(DETAIL_QUERY_BUDGET):
        client.get(url)

    _bulk_discussion(proposal, 490, commenter)
    _bulk_activity(proposal, 490)
    many, html = _count_queries(client, url)
    with django_assert_max_num_queries(DETAIL_QUERY_BUDGET):
        client.get(url)

    expected_comments = 500 + 250 + (0 if user is None else 1)
    assert html.count('id="comment-') == expected_comments
    print(f"detail page, {role}: {few} queries with 10 comments, {many} with 500")
    assert many == few, f"{role}: {few} queries with 10 comments, {many} with 500"

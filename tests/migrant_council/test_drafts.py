"""Drafts in sections with versions and a status: the services, the secretariat's forms, the members'
pages (an earlier version stays readable and the change is shown), comments per section, and the
dashboard. Query budgets: the draft page and the dashboard do not grow with their content."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from citysite.participation import services as comment_services
from citysite.participation.models import Comment
from migrant_council.models import (
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    DraftStatus,
    Meeting,
)
from migrant_council.services import drafts

from .conftest import start_vote

pytestmark = pytest.mark.django_db


def _url(name, *args):
    """English pages, so the messages asserted here stay as written whatever the Polish translation."""
    with translation.override("en"):
        return reverse(f"council_space:{name}", args=args)


def _sections(version):
    return [(section["heading"], section["text"]) for section in version.sections]


def _latest(draft):
    return draft.versions.order_by("-number").first()


# --- Services: creating and versioning ---------------------------------------------------------------


def test_the_secretariat_creates_a_draft_with_its_first_version(secretariat):
    draft = drafts.create_draft(
        secretariat,
        title=" Opinia o mieszkaniach ",
        summary="Krótko.",
        sections=[
            {"heading": "Wstęp", "text": "Tekst.\r\n\r\nDalej."},
            {"heading": "Wnioski", "text": "Dwa."},
        ],
    )

    assert draft.title == "Opinia o mieszkaniach"
    assert draft.status == DraftStatus.DRAFT
    version = draft.versions.get()
    assert version.number == 1 and version.created_by == secretariat
    assert _sections(version) == [("Wstęp", "Tekst.\n\nDalej."), ("Wnioski", "Dwa.")]
    rows = list(draft.sections.order_by("position"))
    assert [str(row.key) for row in rows] == [section["key"] for section in version.sections]
    assert [row.heading for row in rows] == ["Wstęp", "Wnioski"]


@pytest.mark.parametrize("role", ["member", "resident", "superuser", "ombudsperson"])
def test_only_the_secretariat_writes_drafts(request, role, draft):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        drafts.create_draft(user, title="X", summary="", sections=[{"heading": "A", "text": "B"}])
    with pytest.raises(PermissionDenied):
        drafts.save_version(user, draft, [{"key": None, "heading": "A", "text": "B"}])
    with pytest.raises(PermissionDenied):
        drafts.change_status(user, draft, DraftStatus.WITHDRAWN)
    assert draft.versions.count() == 2


def test_a_draft_needs_sections_with_headings(secretariat):
    with pytest.raises(ValidationError) as error:
        drafts.create_draft(secretariat, title="X", summary="", sections=[{"heading": " ", "text": " "}])
    assert error.value.code == "no_sections"
    with pytest.raises(ValidationError) as error:
        drafts.create_draft(secretariat, title="X", summary="", sections=[{"heading": "", "text": "Tekst"}])
    assert error.value.code == "no_heading"
    assert not CouncilDraft.objects.exists()  # nothing half-written


def test_a_new_version_keeps_sections_by_key_and_records_removed_ones(secretariat, draft):
    education, housing = draft.section_rows

    version, created = drafts.save_version(
        secretariat,
        draft,
        [
            {"key": None, "heading": "Zdrowie", "text": "Lekarze mówią po ukraińsku."},
            {
                "key": str(education.key),
                "heading": "Edukacja i szkoły",
                "text": "Szkoły przyjmują wszystkich.",
            },
        ],
        change_note="Nowa sekcja o zdrowiu.",
    )

    assert created and version.number == 3 and version.change_note == "Nowa sekcja o zdrowiu."
    health = draft.sections.get(heading="Zdrowie")
    assert [section["key"] for section in version.sections] == [str(health.key), str(education.key)]
    education.refresh_from_db()
    assert (education.heading, education.position) == ("Edukacja i szkoły", 1)
    # The removed section stays as a record (its comments stay with it), and in the earlier versions.
    assert CouncilDraftSection.objects.filter(pk=housing.pk).exists()
    assert draft.versions.get(number=2).section(housing.key)["text"] == "Miasto pomaga znaleźć mieszkanie."
    assert draft.versions.count() == 3


def test_the_same_text_sent_again_makes_no_new_version(secretariat, draft):
    latest = _latest(draft)
    sections = [
        {"key": section["key"], "heading": section["heading"], "text": section["text"]}
        for section in latest.sections
    ]

    version, created = drafts.save_version(secretariat, draft, sections, change_note="")

    assert not created and version == latest
    assert draft.versions.count() == 2


def test_a_key_of_another_draft_or_a_repeated_key_makes_a_new_section(secretariat, draft):
    other = drafts.create_draft(
        secretariat, title="Inny", summary="", sections=[{"heading": "A", "text": "B"}]
    )
    foreign_key = str(other.sections.get().key)
    own_key = str(draft.section_rows[0].key)

    version, _created = drafts.save_version(
        secretariat,
        draft,
        [
            {"key": foreign_key, "heading": "Obca", "text": "Tekst."},
            {"key": own_key, "heading": "Edukacja", "text": "Raz."},
            {"key": own_key, "heading": "Kopia", "text": "Dwa."},
        ],
    )

    keys = [section["key"] for section in version.sections]
    assert len(set(keys)) == 3 and foreign_key not in keys and keys[1] == own_key
    assert other.sections.count() == 1


@pytest.mark.parametrize("status", [DraftStatus.IN_VOTE, DraftStatus.ADOPTED, DraftStatus.WITHDRAWN])
def test_closed_drafts_cannot_change(secretariat, draft, status):
    CouncilDraft.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        drafts.save_version(secretariat, draft, [{"key": None, "heading": "A", "text": "B"}])
    assert error.value.code == "not_editable"
    assert draft.versions.count() == 2


# --- Status ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, target",
    [
        (DraftStatus.DRAFT, DraftStatus.IN_DISCUSSION),
        (DraftStatus.DRAFT, DraftStatus.WITHDRAWN),
        (DraftStatus.IN_DISCUSSION, DraftStatus.WITHDRAWN),
        (DraftStatus.IN_VOTE, DraftStatus.IN_DISCUSSION),  # with no vote pending
        (DraftStatus.IN_VOTE, DraftStatus.WITHDRAWN),
    ],
)
def test_allowed_status_changes(secretariat, draft, start, target):
    CouncilDraft.objects.filter(pk=draft.pk).update(status=start)
    draft.refresh_from_db()
    assert target in drafts.manual_statuses(draft)

    drafts.change_status(secretariat, draft, target)

    draft.refresh_from_db()
    assert draft.status == target


@pytest.mark.parametrize(
    "start, target, code",
    [
        (DraftStatus.DRAFT, DraftStatus.IN_VOTE, "not_manual"),  # only by opening a vote
        (DraftStatus.IN_DISCUSSION, DraftStatus.IN_VOTE, "not_manual"),
        (DraftStatus.IN_DISCUSSION, DraftStatus.ADOPTED, "not_manual"),  # only by a vote's result
        (DraftStatus.IN_VOTE, DraftStatus.ADOPTED, "not_manual"),
        (DraftStatus.IN_DISCUSSION, DraftStatus.DRAFT, "not_manual"),
        (DraftStatus.WITHDRAWN, DraftStatus.IN_DISCUSSION, "not_allowed"),
        (DraftStatus.ADOPTED, DraftStatus.IN_DISCUSSION, "not_allowed"),
        (DraftStatus.ADOPTED, DraftStatus.WITHDRAWN, "not_allowed"),
    ],
)
def test_refused_status_changes(secretariat, draft, start, target, code):
    CouncilDraft.objects.filter(pk=draft.pk).update(status=start)
    draft.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        drafts.change_status(secretariat, draft, target)

    assert error.value.code == code
    draft.refresh_from_db()
    assert draft.status == start


def test_no_status_change_while_a_vote_is_pending(secretariat, draft, member):
    start_vote(secretariat, draft)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.IN_VOTE
    assert drafts.manual_statuses(draft) == []

    for target in (DraftStatus.IN_DISCUSSION, DraftStatus.WITHDRAWN):
        with pytest.raises(ValidationError) as error:
            drafts.change_status(secretariat, draft, target)
        assert error.value.code == "vote_pending"


def test_status_form_on_the_draft_page(client, secretariat, draft):
    client.force_login(secretariat)

    refused = client.post(_url("draft_status", draft.pk), {"status": DraftStatus.ADOPTED}, follow=True)
    assert "A draft goes to a vote when a vote is opened" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.IN_DISCUSSION

    empty = client.post(_url("draft_status", draft.pk), {}, follow=True)
    assert "Please choose the new status." in empty.content.decode()

    client.post(_url("draft_status", draft.pk), {"status": DraftStatus.WITHDRAWN})
    draft.refresh_from_db()
    assert draft.status == DraftStatus.WITHDRAWN


# --- What changed --------------------------------------------------------------------------------------


def test_compare_marks_changed_new_renamed_and_removed_sections():
    old = CouncilDraftVersion(
        number=1,
        sections=[
            {"key": "a", "heading": "Szkoły", "text": "Dzieci uczą się."},
            {"key": "b", "heading": "Mieszkania", "text": "Bez zmian."},
            {"key": "c", "heading": "Transport", "text": "Autobusy."},
        ],
    )
    new = CouncilDraftVersion(
        number=2,
        sections=[
            {"key": "a", "heading": "Edukacja", "text": "Dzieci szybko uczą się."},
            {"key": "b", "heading": "Mieszkania", "text": "Bez zmian."},
            {"key": "d", "heading": "Zdrowie", "text": "Lekarze."},
        ],
    )

    changes = drafts.compare(new, old)

    education, housing, health = changes.sections
    assert education.previous_heading == "Szkoły"
    assert "<ins>" in education.diff and "szybko" in education.diff
    assert not housing.changed and housing.diff is None
    assert health.is_new and health.diff is None
    assert [section["heading"] for section in changes.removed] == ["Transport"]
    assert changes.any
    first = drafts.compare(old, None)
    assert not first.any and not any(section.is_new for section in first.sections)


def test_the_diff_of_plain_text_keeps_its_characters():
    old = CouncilDraftVersion(
        number=1, sections=[{"key": "a", "heading": "A", "text": "Koszt < 5 zł & więcej"}]
    )
    new = CouncilDraftVersion(
        number=2, sections=[{"key": "a", "heading": "A", "text": "Koszt < 7 zł & więcej"}]
    )

    diff = drafts.compare(new, old).sections[0].diff

    assert "&lt;" in diff and "&amp;" in diff and "<del>" in diff and "<ins>" in diff
    assert (
        "<script"
        not in drafts.compare(
            CouncilDraftVersion(
                number=2, sections=[{"key": "a", "heading": "A", "text": "<script>x</script>"}]
            ),
            old,
        )
        .sections[0]
        .diff
    )


# --- The pages -----------------------------------------------------------------------------------------


def test_the_draft_page_shows_the_current_version_and_what_changed(client, member, draft):
    client.force_login(member)

    content = client.get(_url("draft", draft.pk)).content.decode()

    assert "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki." in content
    assert "Szkoły przyjmują dzieci migrantów." not in content  # the old text is on the version's page
    assert '<ins><span class="visually-hidden">' in content and "i przedszkola" in content
    assert "Dodano przedszkola." in content  # the change note
    assert _url("draft_version", draft.pk, 1) in content
    for row in draft.section_rows:
        assert f'id="section-{row.key}"' in content


def test_an_earlier_version_stays_readable_with_what_changed_next(client, member, secretariat, draft):
    drafts.save_version(
        secretariat,
        draft,
        [{"key": str(draft.section_rows[0].key), "heading": "Edukacja", "text": "Zupełnie nowy tekst."}],
        change_note="Usunięto mieszkania.",
    )
    client.force_login(member)

    first = client.get(_url("draft_version", draft.pk, 1)).content.decode()
    assert "Szkoły przyjmują dzieci migrantów." in first
    assert "You are reading an earlier version of the draft." in first
    assert "This is the first version of the draft." in first

    second = client.get(_url("draft_version", draft.pk, 2)).content.decode()
    assert "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki." in second
    assert "<ins>" in second and "Unchanged since version 1." in second

    third = client.get(_url("draft_version", draft.pk, 3)).content.decode()
    assert "This is the current version of the draft." in third
    assert "<del>" in third and "Usunięto mieszkania." in third
    assert "Sections removed since version 2" in third and "Miasto pomaga znaleźć mieszkanie." in third

    assert client.get(_url("draft_version", draft.pk, 4)).status_code == 404


def test_secretariat_creates_a_draft_through_the_form(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        _url("draft_create"),
        {
            "title": "Opinia o transporcie",
            "summary": "Bilety.",
            "sections-TOTAL_FORMS": "2",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "Bilety",
            "sections-0-text": "Tańsze bilety.",
            "sections-0-ORDER": "2",
            "sections-1-heading": "Wstęp",
            "sections-1-text": "O transporcie.",
            "sections-1-ORDER": "1",
        },
    )

    draft = CouncilDraft.objects.get(title="Opinia o transporcie")
    assert response.status_code == 302 and response["Location"] == _url("draft", draft.pk)
    assert _sections(_latest(draft)) == [("Wstęp", "O transporcie."), ("Bilety", "Tańsze bilety.")]
    assert draft.status == DraftStatus.DRAFT and draft.created_by == secretariat


def _draft_post(**overrides):
    data = {
        "title": "Opinia",
        "summary": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-0-heading": "Wstęp",
        "sections-0-text": "Tekst.",
        "sections-1-heading": "",
        "sections-1-text": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "Please give the draft a title."),
        ({"title": "x" * 201}, "Please keep it to 200 characters (it has 201)."),
        ({"sections-0-heading": ""}, "Please give the section a heading."),
        ({"sections-0-text": ""}, "Please write the text of the section."),
        ({"sections-0-heading": "", "sections-0-text": ""}, "A draft needs at least one section."),
        ({"sections-1-text": "Tekst bez nagłówka."}, "Please give the section a heading."),
        ({"sections-0-DELETE": "on"}, "A draft needs at least one section."),
    ],
)
def test_draft_form_refuses_bad_input_with_a_message(client, secretariat, overrides, message):
    client.force_login(secretariat)

    response = client.post(_url("draft_create"), _draft_post(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CouncilDraft.objects.exists()


def test_editing_makes_a_new_version_and_keeps_what_was_typed_on_errors(client, secretariat, draft):
    client.force_login(secretariat)
    form = client.get(_url("draft_edit", draft.pk))
    assert "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki." in form.content.decode()
    education, housing = (str(row.key) for row in draft.section_rows)
    data = {
        "title": "Opinia o polityce integracji",
        "summary": "Nowe streszczenie.",
        "change_note": "Skrócono.",
        "sections-TOTAL_FORMS": "3",
        "sections-INITIAL_FORMS": "2",
        "sections-0-key": education,
        "sections-0-heading": "Edukacja",
        "sections-0-text": "Szkoły przyjmują dzieci.",
        "sections-0-ORDER": "1",
        "sections-1-key": housing,
        "sections-1-heading": "Mieszkania",
        "sections-1-text": "",
        "sections-1-ORDER": "2",
        "sections-2-heading": "",
        "sections-2-text": "",
    }

    refused = client.post(_url("draft_edit", draft.pk), data)
    assert refused.status_code == 400
    assert "Szkoły przyjmują dzieci." in refused.content.decode()  # nothing typed is lost
    assert draft.versions.count() == 2

    data["sections-1-DELETE"] = "on"
    response = client.post(_url("draft_edit", draft.pk), data)
    assert response.status_code == 302
    version = _latest(draft)
    assert version.number == 3 and version.change_note == "Skrócono."
    assert _sections(version) == [("Edukacja", "Szkoły przyjmują dzieci.")]
    draft.refresh_from_db()
    assert draft.summary == "Nowe streszczenie."

    again = client.post(_url("draft_edit", draft.pk), data, follow=True)
    assert "The text did not change, so no new version was made." in again.content.decode()
    assert draft.versions.count() == 3


def test_a_draft_in_vote_cannot_be_edited_through_the_form(client, secretariat, draft, member):
    start_vote(secretariat, draft)
    client.force_login(secretariat)

    response = client.get(_url("draft_edit", draft.pk), follow=True)

    assert "cannot be changed" in response.content.decode()
    assert response.redirect_chain[-1][0] == _url("draft", draft.pk)


# --- Comments per section -----------------------------------------------------------------------------


def test_a_member_comments_on_a_section_and_sees_it_in_its_thread(client, member, draft):
    section = draft.section_rows[1]
    client.force_login(member)

    response = client.post(
        _url("section_comment", section.pk),
        {f"section-{section.pk}-text": "Potrzeba mieszkań socjalnych."},
        follow=True,
    )

    comment = Comment.objects.for_target(section).get()
    assert comment.language == "en"  # the language of the page it was written on
    content = response.content.decode()
    assert f'id="comment-{comment.pk}"' in content and "Potrzeba mieszkań socjalnych." in content
    assert "1 comment on this section" in content


def test_a_comment_written_on_the_ukrainian_page_records_its_language(client, member, draft):
    section = draft.section_rows[0]
    client.force_login(member)
    with translation.override("uk"):
        url = reverse("council_space:section_comment", args=[section.pk])
        draft_url = reverse("council_space:draft", args=[draft.pk])

    response = client.post(url, {f"section-{section.pk}-text": "Потрібно більше місць у садочках."})

    comment = Comment.objects.for_target(section).get()
    assert comment.language == "uk"
    assert response["Location"] == f"{draft_url}#comment-{comment.pk}"


def test_an_empty_comment_is_refused_with_a_message(client, member, draft):
    section = draft.section_rows[0]
    client.force_login(member)

    response = client.post(_url("section_comment", section.pk), {f"section-{section.pk}-text": "  "})

    assert response.status_code == 400
    assert "Please write something before sending." in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_are_closed_outside_the_discussion(client, member, draft):
    CouncilDraft.objects.filter(pk=draft.pk).update(status=DraftStatus.ADOPTED)
    section = draft.section_rows[0]
    client.force_login(member)

    page = client.get(_url("draft", draft.pk)).content.decode()
    assert f'action="{_url("section_comment", section.pk)}"' not in page

    response = client.post(
        _url("section_comment", section.pk), {f"section-{section.pk}-text": "Spóźniony głos"}
    )
    assert response.status_code == 400
    assert "Comments are closed" in response.content.decode()
    assert "Spóźniony głos" in response.content.decode()  # kept for the person
    assert not Comment.objects.exists()


def test_a_double_submitted_comment_is_made_once(client, member, draft):
    section = draft.section_rows[0]
    client.force_login(member)
    data = {f"section-{section.pk}-text": "Dwa kliknięcia."}

    client.post(_url("section_comment", section.pk), data)
    client.post(_url("section_comment", section.pk), data)

    assert Comment.objects.for_target(section).count() == 1


def test_comments_on_a_removed_section_stay_readable(client, member, secretariat, draft):
    housing = draft.section_rows[1]
    comment_services.post_comment(member, housing, "Co z akademikami?", "pl")
    drafts.save_version(
        secretariat,
        draft,
        [{"key": str(draft.section_rows[0].key), "heading": "Edukacja", "text": "Tylko to."}],
    )
    client.force_login(member)

    content = client.get(_url("draft", draft.pk)).content.decode()

    assert "Comments on sections no longer in the draft" in content
    assert "Co z akademikami?" in content


# --- Dashboard -----------------------------------------------------------------------------------------


def test_dashboard_shows_the_next_meeting(client, member):
    now = timezone.now()
    Meeting.objects.create(title="Dawne", starts_at=now - datetime.timedelta(days=3), place="Ratusz")
    Meeting.objects.create(title="Późniejsze", starts_at=now + datetime.timedelta(days=20), place="Ratusz")
    Meeting.objects.create(
        title="Najbliższe posiedzenie",
        starts_at=now + datetime.timedelta(days=2),
        place="Sala Błękitna",
        online_link="https://meet.example.org/rada",
    )
    client.force_login(member)

    content = client.get(_url("dashboard")).content.decode()

    assert "Najbliższe posiedzenie" in content and "Sala Błękitna" in content
    assert "https://meet.example.org/rada" in content
    assert "Dawne" not in content and "Późniejsze" not in content


def test_dashboard_lists_drafts_waiting_for_my_comments(client, member, other_member, secretariat, draft):
    quiet = drafts.create_draft(
        secretariat, title="Szkic w przygotowaniu", summary="", sections=[{"heading": "A", "text": "B"}]
    )
    client.force_login(member)
    dashboard = _url("dashboard")

    assert draft.title in client.get(dashboard).content.decode()
    assert quiet.title not in client.get(dashboard).content.decode()  # not in discussion

    comment_services.post_comment(other_member, draft.section_rows[0], "Cudzy komentarz", "pl")
    assert draft.title in client.get(dashboard).content.decode()  # someone else's comment is not mine

    comment_services.post_comment(member, draft.section_rows[0], "Mój komentarz", "pl")
    assert draft.title not in client.get(dashboard).content.decode()

    drafts.save_version(
        secretariat,
        draft,
        [{"key": str(row.key), "heading": row.heading, "text": "Nowa treść."} for row in draft.section_rows],
    )
    assert draft.title in client.get(dashboard).content.decode()  # a new version waits for me again


def test_dashboard_lists_votes_open_to_me(client, member, secretariat, draft, other_members):
    vote = start_vote(secretariat, draft, question="Czy przyjmujemy opinię o szkołach?")
    client.force_login(member)

    assert vote.question in client.get(_url("dashboard")).content.decode()

    client.post(_url("ballot", vote.pk), {"choice": "for"})
    assert vote.question not in client.get(_url("dashboard")).content.decode()


def test_secretariat_dashboard_shows_turnout_not_ballot_forms(
    client, secretariat, draft, member, other_members
):
    vote = start_vote(secretariat, draft)
    client.force_login(secretariat)

    content = client.get(_url("dashboard")).content.decode()

    assert vote.question in content and "0 of 4 members have voted" in content
    assert "Drafts waiting for your comments" not in content


# --- Query budgets -------------------------------------------------------------------------------------


def _add_comments(draft, count, authors):
    target_type = ContentType.objects.get_for_model(CouncilDraftSection)
    rows = draft.section_rows
    roots = Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=rows[number % len(rows)].pk,
            author=authors[number % len(authors)],
            text=f"Komentarz {number}",
            language="pl",
            consent_to_publish=True,
        )
        for number in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=root.target_id,
            parent=root,
            author=authors[(number + 1) % len(authors)],
            text=f"Odpowiedź {number}",
            language="uk",
            consent_to_publish=True,
        )
        for number, root in enumerate(roots)
    )


def _queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_draft_page_queries_do_not_grow_with_comments(
    client, request, role, draft, member, other_members, secretariat, django_assert_max_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    authors = [member, *other_members]
    start_vote(secretariat, draft)
    url = _url("draft", draft.pk)

    _add_comments(draft, 5, authors)  # 10 comments with their replies
    small, content = _queries(client, url)
    assert "Komentarz 4" in content

    _add_comments(draft, 145, authors)  # 300
    large, content = _queries(client, url)
    assert "Komentarz 144" in content

    assert large == small
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 25, small


def _add_drafts_and_votes(count, secretariat, member):
    for number in range(count):
        draft = drafts.create_draft(
            secretariat,
            title=f"Szkic {number}",
            summary="",
            sections=[{"heading": "A", "text": f"Tekst {number}"}],
        )
        drafts.change_status(secretariat, draft, DraftStatus.IN_DISCUSSION)
        if number % 2:
            start_vote(secretariat, draft, question=f"Głosowanie {number}")


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_dashboard_queries_do_not_grow_with_drafts_and_votes(
    client, request, role, secretariat, member, mailoutbox
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    Meeting.objects.create(title="Posiedzenie", starts_at=timezone.now() + datetime.timedelta(days=1))
    url = _url("dashboard")

    _add_drafts_and_votes(3, secretariat, member)
    small, content = _queries(client, url)
    assert "Głosowanie 1" in content

    _add_drafts_and_votes(30, secretariat, member)
    large, content = _queries(client, url)
    assert "Głosowanie 29" in content

    assert large == small
    assert small <= 20, small


def test_draft_list_queries_do_not_grow(client, member, secretariat, mailoutbox):
    client.force_login(member)
    _add_drafts_and_votes(3, secretariat, member)
    small, _content = _queries(client, _url("drafts"))
    _add_drafts_and_votes(30, secretariat, member)
    large, content = _queries(client, _url("drafts"))
    assert large == small
    assert "Page 1 of 2" in content


def test_comments_are_rate_limited(client, member, draft):
    section = draft.section_rows[0]
    client.force_login(member)
    url = _url("section_comment", section.pk)

    for number in range(20):
        assert client.post(url, {f"section-{section.pk}-text": f"Komentarz {number}"}).status_code == 302
    response = client.post(url, {f"section-{section.pk}-text": "Jeszcze jeden"})

    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert "Jeszcze jeden" in response.content.decode()  # kept for later
    assert Comment.objects.for_target(section).count() == 20

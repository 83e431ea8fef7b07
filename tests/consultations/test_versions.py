"""Versions of a consultation draft: earlier versions stay readable, each section shows what changed
(a word diff), and a person who commented sees what became of their comment."""

import datetime
import html
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template.defaultfilters import date as format_date
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from citysite.accounts.factories import UserFactory
from citysite.diffs import word_diff
from citysite.participation.models import Comment
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import ConsultationPage, DraftSection, DraftVersion
from consultations.services.versions import section_changes, version_in_force

EDUCATION = str(uuid.UUID(int=1))
LEISURE = str(uuid.UUID(int=2))
ROLES = ["resident", "editor", "moderator", "analyst", "council_member", "ombudsperson"]


def shown(message, **values):
    """`message` as a Polish page shows it, whatever the state of the translation catalogues: {% translate %}
    escapes the translation, {% blocktranslate %} fills in the (here plain) values."""
    with translation.override("pl"):
        text = gettext(message)
    return text % values if values else html.escape(text)


def section(block_id, heading, text, change_note="", prompted_by=()):
    return {
        "type": "section",
        "id": block_id,
        "value": {
            "heading": heading,
            "text": text,
            "change_note": change_note,
            "prompted_by": list(prompted_by),
            "report_summary": "",
        },
    }


def publish_draft(page, *sections):
    page = ConsultationPage.objects.get(pk=page.pk)
    page.draft = list(sections)
    page.save_revision().publish()
    return page


def backdate(page, number, days):
    DraftVersion.objects.filter(page=page, number=number).update(
        published_at=timezone.now() - datetime.timedelta(days=days)
    )


def comment_on(page, block_id, author, days_ago, text="Proszę dodać przedszkola."):
    record = DraftSection.objects.get(consultation_key=page.translation_key, section_id=block_id)
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(DraftSection),
        target_id=record.pk,
        author=author,
        text=text,
        language="pl",
        consent_to_publish=True,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(
        parent=index,
        title="Polityka integracji",
        draft=[
            section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły.</p>"),
            section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
        ],
    )


@pytest.fixture
def revised(consultation, resident):
    """Version 1, a comment by `resident` on the education section, then version 2 citing it."""
    backdate(consultation, 1, days=10)
    comment = comment_on(consultation, EDUCATION, resident, days_ago=5)
    page = publish_draft(
        consultation,
        section(
            EDUCATION,
            "Edukacja",
            "<p>Miasto wspiera szkoły i przedszkola.</p>",
            change_note="Dodaliśmy przedszkola.",
            prompted_by=[comment.pk],
        ),
        section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
    )
    return page, comment


def test_word_diff_marks_removed_and_added_words_for_eyes_and_screen_readers():
    with translation.override("en"):
        diff = word_diff("<p>Miasto wspiera szkoły.</p>", "<p>Miasto wspiera szkoły i przedszkola.</p>")

    assert diff == (
        'Miasto wspiera szkoły <ins><span class="visually-hidden">[added: </span>i przedszkola'
        '<span class="visually-hidden">]</span></ins>.'
    )


def test_word_diff_marks_replaced_words_once_each():
    with translation.override("en"):
        diff = word_diff("<p>Szkoły są otwarte.</p>", "<p>Szkoły są zamknięte.</p>")

    assert diff == (
        'Szkoły są <del><span class="visually-hidden">[removed: </span>otwarte'
        '<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[added: </span>zamknięte'
        '<span class="visually-hidden">]</span></ins>.'
    )


def test_word_diff_escapes_text_and_keeps_paragraphs():
    diff = word_diff("<p>a &lt;b&gt;</p><p>c</p>", "<p>a &lt;b&gt;</p><p>d</p>")

    assert diff.startswith("a &lt;b&gt;<br><del>")
    assert "<b>" not in diff


def test_publishing_a_changed_draft_stores_a_new_version_and_an_unchanged_one_does_not(consultation):
    assert list(consultation.draft_versions.values_list("number", flat=True)) == [1]

    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.summary = "Nowe streszczenie"
    page.save_revision().publish()
    assert consultation.draft_versions.count() == 1

    publish_draft(consultation, section(EDUCATION, "Edukacja", "<p>Inny tekst.</p>"))
    assert list(consultation.draft_versions.values_list("number", flat=True)) == [1, 2]


def test_an_earlier_version_stays_readable(client, revised):
    page, _comment = revised

    response = client.get(page.url + "versions/1/")

    assert response.status_code == 200
    text = response.text
    version = page.draft_versions.get(number=1)
    with translation.override("pl"):
        published = format_date(timezone.localtime(version.published_at), "j E Y")
    stamp = shown("Version %(number)s of %(total)s, published %(date)s", number=1, total=2, date=published)
    assert stamp in text
    assert "Miasto wspiera szkoły.</p>" in text
    assert "przedszkola" not in text
    assert f'href="{page.url}"' in text
    assert shown("You are reading an earlier version of the draft.") in text


def test_a_version_shows_what_changed_in_each_section(client, revised):
    page, comment = revised

    response = client.get(page.url + "versions/2/")
    text = response.text

    assert response.context["version"].number == 2
    assert shown("This is the current version of the draft.") in text
    with translation.override("pl"):
        diff = word_diff("<p>Miasto wspiera szkoły.</p>", "<p>Miasto wspiera szkoły i przedszkola.</p>")
    assert str(diff) in text
    assert "Dodaliśmy przedszkola." in text
    assert f'#comment-{comment.pk}"' in text
    assert text.count("<ins>") == 1  # the leisure section did not change
    assert shown("Unchanged since version %(number)s.", number=1) in text


def test_a_missing_version_is_not_found(client, revised):
    page, _comment = revised

    assert client.get(page.url + "versions/3/").status_code == 404


@pytest.mark.parametrize("role", [None, *ROLES])
def test_everyone_reads_earlier_versions(client, revised, role, request):
    page, _comment = revised
    if role:
        client.force_login(request.getfixturevalue(role))

    assert client.get(page.url + "versions/1/").status_code == 200


def test_the_current_page_shows_changes_only_for_changed_sections(client, revised):
    page, comment = revised

    text = client.get(page.url).text

    assert shown("What changed since version %(number)s", number=1) in text
    assert text.count('class="change-note"') == 1
    assert text.count("<ins>") == 1
    assert "Dodaliśmy przedszkola." in text
    assert f'href="#comment-{comment.pk}"' in text
    assert 'class="own-comments"' not in text  # a visitor has none


def test_the_commenter_sees_what_became_of_their_comment(client, revised, resident):
    page, comment = revised
    client.force_login(resident)

    text = client.get(page.url).text

    assert shown("Your comments on this section") in text
    assert shown("written on version %(number)s", number=1) in text
    assert shown("This section was revised after your comment in version %(number)s.", number=2) in text
    assert shown("Your comment is cited in the change.") in text


def test_a_comment_on_the_current_version_was_not_revised(client, revised):
    page, _comment = revised
    latecomer = UserFactory()
    comment_on(page, EDUCATION, latecomer, days_ago=0, text="Dziękuję.")
    client.force_login(latecomer)

    text = client.get(page.url).text

    assert shown("written on version %(number)s", number=2) in text
    assert 'class="own-comments__outcome"' not in text


def test_the_diff_starts_from_the_version_the_reader_commented_on(consultation, resident, client):
    backdate(consultation, 1, days=20)
    comment_on(consultation, EDUCATION, resident, days_ago=15)
    publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły i przedszkola.</p>"),
        section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
    )
    backdate(consultation, 2, days=10)
    page = publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły, przedszkola i żłobki.</p>"),
        section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
    )

    assert shown("What changed since version %(number)s", number=2) in client.get(page.url).text
    client.force_login(resident)
    text = client.get(page.url).text
    assert shown("What changed since version %(number)s", number=1) in text
    assert shown("This section was revised after your comment in version %(number)s.", number=2) in text


def test_a_section_keeps_showing_its_last_change_after_other_sections_change(consultation):
    backdate(consultation, 1, days=3)
    publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły i przedszkola.</p>"),
        section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
    )
    backdate(consultation, 2, days=2)
    publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły i przedszkola.</p>"),
        section(LEISURE, "Czas wolny", "<p>Biblioteki i domy kultury są otwarte.</p>"),
        section(str(uuid.UUID(int=3)), "Bezpieczeństwo", "<p>Nowa sekcja.</p>"),
    )
    versions = list(consultation.draft_versions.order_by("number"))

    education = section_changes(versions, EDUCATION, "<p>Miasto wspiera szkoły i przedszkola.</p>", [])
    leisure = section_changes(versions, LEISURE, "<p>Biblioteki i domy kultury są otwarte.</p>", [])
    new = section_changes(versions, str(uuid.UUID(int=3)), "<p>Nowa sekcja.</p>", [])

    assert (education.since, leisure.since, new.since) == (1, 2, 2)
    assert "<ins>" in education.diff and "<ins>" in leisure.diff
    assert new.is_new and not new.diff


def test_version_in_force_is_the_latest_published_before_the_moment(revised):
    page, comment = revised
    versions = list(page.draft_versions.order_by("number"))

    assert version_in_force(versions, comment.created_at).number == 1
    assert version_in_force(versions, timezone.now()).number == 2
    assert version_in_force(versions, timezone.now() - datetime.timedelta(days=30)) is None


def test_the_page_costs_the_same_queries_whatever_the_number_of_own_comments(client, revised, resident):
    page, _comment = revised
    client.force_login(resident)
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    for days in range(1, 30):
        comment_on(page, EDUCATION, resident, days_ago=days % 9)
        comment_on(page, LEISURE, resident, days_ago=days % 7)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page.url)

    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)

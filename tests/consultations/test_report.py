"""The report back on a closed consultation: what we asked, what you said, what we will do."""

import datetime
import html
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from citysite.accounts.factories import UserFactory
from citysite.participation.models import Comment
from consultations.models import Answer, ConsultationPage, DraftSection
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory

from .helpers import make_consultation, section

EDUCATION = str(uuid.UUID(int=11))
LEISURE = str(uuid.UUID(int=12))
OPINION = str(uuid.UUID(int=21))
SCALE = str(uuid.UUID(int=22))
ROLES = ["resident", "editor", "moderator", "analyst", "council_member", "ombudsperson"]


def shown(message, **values):
    """`message` as a Polish page shows it, whatever the state of the translation catalogues: {% translate %}
    escapes the translation, {% blocktranslate %} fills in the (here plain) values."""
    with translation.override("pl"):
        text = gettext(message)
    return text % values if values else html.escape(text)


def reported_section(block_id, heading, summary):
    return section(block_id, heading, f"<p>{heading}: tekst projektu.</p>", report_summary=summary)


def days(number):
    return timezone.now() + datetime.timedelta(days=number)


@pytest.fixture
def working_group(home_page):
    index = WorkingGroupIndexPageFactory(parent=home_page)
    return WorkingGroupPageFactory(parent=index, title="Grupa Edukacja")


def reported_consultation(home_page, working_group, report_published_at, publish_comments=True):
    return make_consultation(
        home_page,
        title="Założenia polityki integracji",
        opens_at=days(-40),
        closes_at=days(-10),
        report_published_at=report_published_at,
        publish_comments=publish_comments,
        report_summary="<p>Dziękujemy za wszystkie głosy.</p>",
        draft=[
            reported_section(
                EDUCATION, "Edukacja", "Najczęściej prosiliście o asystentów międzykulturowych."
            ),
            reported_section(LEISURE, "Czas wolny", ""),
        ],
        questionnaire=[
            {
                "type": "long_text",
                "id": OPINION,
                "value": {"label": "Co jeszcze powinniśmy wiedzieć?", "help_text": "", "required": False},
            },
            {
                "type": "scale",
                "id": SCALE,
                "value": {
                    "label": "Jak oceniasz założenia?",
                    "help_text": "",
                    "required": False,
                    "lowest_label": "",
                    "highest_label": "",
                },
            },
        ],
        decisions=[
            {
                "type": "decision",
                "value": {
                    "title": "Asystenci międzykulturowi w szkołach",
                    "description": "Od września w pięciu szkołach.",
                    "status": "in_progress",
                    "working_group": working_group.pk,
                },
            },
            {
                "type": "decision",
                "value": {"title": "Darmowe bilety do muzeów", "description": "", "status": "not_adopted"},
            },
        ],
    )


@pytest.fixture
def consultation(home_page, working_group):
    return reported_consultation(home_page, working_group, report_published_at=days(-1))


def record(page, block_id):
    return DraftSection.objects.get(consultation_key=page.translation_key, section_id=block_id)


def comment(page, block_id, text, **fields):
    fields = {"language": "pl", "consent_to_publish": True, "quoted_in_report": True, **fields}
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(DraftSection),
        target_id=record(page, block_id).pk,
        text=text,
        **fields,
    )


def answer(page, opinion, **fields):
    return Answer.objects.create(
        consultation_key=page.translation_key,
        page=page,
        language=fields.pop("language", "pl"),
        responses={OPINION: opinion, SCALE: 4},
        **fields,
    )


@pytest.fixture
def discussion(consultation, moderator):
    named = UserFactory(display_name="Olena")
    quoted = comment(consultation, EDUCATION, "Potrzebujemy asystentów w szkołach.", author=named)
    anonymous = comment(consultation, EDUCATION, "Lekcje polskiego dla rodziców też.")
    private = comment(consultation, EDUCATION, "Nie chcę, żeby to było publiczne.", consent_to_publish=False)
    hidden = comment(consultation, EDUCATION, "Obraźliwy tekst.")
    hidden.hide(moderator, "Obraża innych.")
    comment(
        consultation,
        EDUCATION,
        "Dziękujemy, uwzględnimy to.",
        parent=quoted,
        is_official=True,
        official_body="Urząd Miasta",
        quoted_in_report=False,
    )
    comment(consultation, LEISURE, "Більше заходів у бібліотеках.", language="uk", quoted_in_report=False)
    answer(consultation, "Więcej informacji po ukraińsku.", quoted_in_report=True, consent_to_publish=True)
    answer(consultation, "Tego proszę nie cytować.", quoted_in_report=True, consent_to_publish=False)
    answer(consultation, "Zwykła odpowiedź.", language="uk", consent_to_publish=True)
    return {"quoted": quoted, "anonymous": anonymous, "private": private, "hidden": hidden}


def test_the_report_counts_comments_per_section_and_contributions(client, consultation, discussion):
    response = client.get(consultation.url)

    assert response.status_code == 200
    report = response.context["report"]
    education, leisure = report.sections
    assert (education.heading, education.comment_count) == ("Edukacja", 4)  # official reply not counted
    assert (leisure.heading, leisure.comment_count) == ("Czas wolny", 1)
    assert education.summary == "Najczęściej prosiliście o asystentów międzykulturowych."
    assert report.answer_count == 3
    assert report.comment_count == 5
    assert report.languages == [("pl", "Polski", 6), ("uk", "Українська", 2)]
    text = response.text
    assert "Najczęściej prosiliście o asystentów międzykulturowych." in text
    assert "Dziękujemy za wszystkie głosy." in text
    assert "Co jeszcze powinniśmy wiedzieć?" in text  # what we asked
    assert "Jak oceniasz założenia?" in text


def test_only_consented_visible_quotes_appear(client, consultation, discussion):
    response = client.get(consultation.url)

    education = response.context["report"].sections[0]
    assert [(quote.text, quote.attribution) for quote in education.quotes] == [
        ("Potrzebujemy asystentów w szkołach.", "Olena"),
        ("Lekcje polskiego dla rodziców też.", ""),
    ]
    [question] = response.context["report"].questions
    assert [quote.text for quote in question.quotes] == ["Więcej informacji po ukraińsku."]
    text = response.text
    assert "Więcej informacji po ukraińsku." in text
    assert "Nie chcę, żeby to było publiczne." not in text
    assert "Obraźliwy tekst." not in text
    assert "Tego proszę nie cytować." not in text
    assert "Zwykła odpowiedź." not in text


def test_quotes_are_anonymous_when_comments_are_not_published(client, home_page, working_group):
    page = reported_consultation(
        home_page, working_group, report_published_at=days(-1), publish_comments=False
    )
    comment(page, EDUCATION, "Potrzebujemy asystentów.", author=UserFactory(display_name="Olena"))

    response = client.get(page.url)

    [quote] = response.context["report"].sections[0].quotes
    assert (quote.text, quote.attribution) == ("Potrzebujemy asystentów.", "")
    assert "Olena" not in response.text


def test_the_report_lists_decisions_with_status_and_working_group(client, consultation, working_group):
    text = client.get(consultation.url).text

    assert shown("What we will do") in text
    assert "Asystenci międzykulturowi w szkołach" in text
    assert shown("In progress") in text
    assert shown("Not adopted") in text
    assert f'href="{working_group.url}"' in text


def test_no_report_before_it_is_published(client, home_page, working_group):
    page = reported_consultation(home_page, working_group, report_published_at=days(2))
    comment(page, EDUCATION, "Potrzebujemy asystentów w szkołach.")

    response = client.get(page.url)

    assert page.status == "closed"
    assert response.context["report"] is None
    assert shown("What we will do") not in response.text
    assert "Najczęściej prosiliście" not in response.text


def test_no_report_on_a_closed_consultation_without_one(client, home_page, working_group):
    page = reported_consultation(home_page, working_group, report_published_at=None)

    assert shown("What we will do") not in client.get(page.url).text


@pytest.mark.parametrize("role", [None, *ROLES])
def test_everyone_reads_the_report(client, consultation, discussion, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))

    response = client.get(consultation.url)

    assert response.status_code == 200
    assert "Asystenci międzykulturowi w szkołach" in response.text
    assert "Potrzebujemy asystentów w szkołach." in response.text


def _add_contributions(page, count):
    target_type = ContentType.objects.get_for_model(DraftSection)
    records = [record(page, EDUCATION).pk, record(page, LEISURE).pk]
    authors = UserFactory.create_batch(3)
    Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=records[number % 2],
            author=authors[number % 3] if number % 4 else None,
            text=f"Komentarz {number}",
            language=["pl", "uk", "ru", "en"][number % 4],
            consent_to_publish=True,
            quoted_in_report=number % 2 == 0,
        )
        for number in range(count)
    )
    Answer.objects.bulk_create(
        Answer(
            consultation_key=page.translation_key,
            page=page,
            language=["pl", "uk", "ru", "en"][number % 4],
            responses={OPINION: f"Odpowiedź {number}", SCALE: number % 5 + 1},
            consent_to_publish=True,
            quoted_in_report=number % 3 == 0,
        )
        for number in range(count)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_report_page_costs_the_same_queries_with_10_and_300_contributions(client, consultation):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    _add_contributions(page, 10)
    client.get(page.url)  # warm per-process caches
    few = _queries(client, page.url)

    _add_contributions(page, 290)
    many = _queries(client, page.url)

    assert many == few
    assert client.get(page.url).context["report"].answer_count == 300

"""The demo consultations: an open one in four languages with two draft versions and about 200 answers,
and a closed one with a published report.
(tests/demo/conftest.py loads it once; tests/demo/test_rerunning.py runs it again.)"""

import html
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext

from citysite.participation.models import Comment, TaggedRecord
from consultations import demo
from consultations.models import (
    Answer,
    Channel,
    ConsultationPage,
    DraftSection,
    ParticipationCodeBatch,
)

QUESTION_TYPES = {"short_text", "long_text", "single_choice", "multiple_choice", "scale"}


def shown(message, **values):
    """`message` as a Polish page shows it, whatever the state of the translation catalogues."""
    with translation.override("pl"):
        text = gettext(message)
    return text % values if values else html.escape(text)


@pytest.fixture
def loaded(demo_home):
    return ConsultationPage.objects.get(slug=demo.OPEN_SLUG, locale__language_code="pl")


def test_the_open_consultation_has_its_draft_questionnaire_and_translations(loaded):
    page = loaded

    assert page.is_open
    assert [section.value["heading"] for section in page.sections] == [
        "Wprowadzenie",
        "Edukacja",
        "Czas wolny",
        "Potrzeby podstawowe",
        "Interwencja kryzysowa i bezpieczeństwo",
    ]
    assert {question.block_type for question in page.questions} == QUESTION_TYPES
    assert page.consent_text
    assert {group.value.slug for group in page.working_groups} == {
        "edukacja",
        "czas-wolny",
        "potrzeby-podstawowe",
        "interwencja-kryzysowa-i-bezpieczenstwo",
    }
    for code, heading in (("uk", "Освіта"), ("en", "Education"), ("ru", "Образование")):
        translated = ConsultationPage.objects.get(
            translation_key=page.translation_key, locale__language_code=code
        )
        assert translated.live
        assert translated.sections[1].value["heading"] == heading
        assert [block.id for block in translated.sections] == [block.id for block in page.sections]
        assert [block.id for block in translated.questions] == [block.id for block in page.questions]
        assert list(translated.draft_versions.values_list("number", flat=True)) == [1, 2]
        assert {group.value.locale.language_code for group in translated.working_groups} == {code}


def test_version_2_revises_one_section_citing_comments(loaded):
    page = loaded
    first, second = page.draft_versions.order_by("number")
    changed = [
        section["id"]
        for section in second.sections
        if first.section(section["id"])["text"] != section["text"]
    ]

    assert changed == [demo.stable_id("open-section-edukacja")]
    education = page.sections[1].value
    assert education["change_note"]
    cited = Comment.objects.filter(pk__in=education["prompted_by"])
    assert cited.count() == len(education["prompted_by"]) >= 1
    assert all(comment.created_at < second.published_at for comment in cited)
    assert first.published_at < min(comment.created_at for comment in cited)


def test_about_200_answers_in_several_languages_and_channels(loaded):
    answers = Answer.objects.filter(consultation_key=loaded.translation_key)

    assert answers.count() == 200
    languages = Counter(answers.values_list("language", flat=True))
    assert set(languages) == {"pl", "uk", "ru", "en"}
    assert set(answers.values_list("channel", flat=True)) == set(Channel.values)
    assert answers.filter(self_description={}).exists() and answers.exclude(self_description={}).exists()
    assert answers.exclude(dimensions=None).exists()
    assert TaggedRecord.objects.exists()
    batch = ParticipationCodeBatch.objects.get(consultation_key=loaded.translation_key)
    used = batch.codes.filter(used_at__isnull=False)
    assert batch.codes.count() == demo.CODE_COUNT
    assert 0 < used.count() < demo.CODE_COUNT
    with_codes = answers.filter(participation_code__in=used, organisation=batch.organisation)
    assert with_codes.count() == used.count()


def test_comments_replies_an_official_reply_and_a_hidden_comment(loaded):
    records = DraftSection.objects.filter(consultation_key=loaded.translation_key)
    comments = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(DraftSection), target_id__in=records.values("pk")
    )

    assert comments.filter(consent_to_publish=True).count() > 20
    assert comments.filter(parent__isnull=False, is_official=False).exists()
    official = comments.get(is_official=True)
    assert official.parent.author.email == f"resident@{demo.DOMAIN}"
    hidden = comments.get(hidden_at__isnull=False)
    assert hidden.hidden_reason and hidden.hidden_by.groups.filter(name="Moderators").exists()


def test_the_demo_resident_sees_what_became_of_her_comment(loaded, client):
    resident = get_user_model().objects.get(email=f"resident@{demo.DOMAIN}")
    ukrainian = ConsultationPage.objects.get(
        translation_key=loaded.translation_key, locale__language_code="uk"
    )
    client.force_login(resident)

    response = client.get(ukrainian.url)

    assert response.status_code == 200
    [education] = [section for section in response.context["sections"] if section["heading"] == "Освіта"]
    [own] = education["changes"].own_comments
    assert (own.version, own.revised_in, own.cited) == (1, 2, True)


def test_the_open_consultation_renders_in_every_language(loaded, client):
    for page in ConsultationPage.objects.filter(translation_key=loaded.translation_key):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert client.get(page.url + "versions/1/").status_code == 200


def test_the_closed_consultation_shows_its_report(loaded, client):
    page = ConsultationPage.objects.get(slug=demo.CLOSED_SLUG)

    response = client.get(page.url)

    assert page.status == "report"
    assert response.status_code == 200
    assert shown("What we will do") in response.text
    for title, _description, _status, _group in demo.CLOSED_DECISIONS:
        assert title in response.text
    report = response.context["report"]
    assert report.answer_count == demo.CLOSED_ANSWERS
    assert all(section.summary and section.quotes for section in report.sections)
    assert report.questions and report.questions[0].quotes

"""Small helpers shared by the consultation tests (and the cross-app tests that answer a consultation):
StreamField blocks for a draft and a questionnaire, a consultation built with the app's factories, a
valid answer as the browser posts it, participation codes, and answers and a signed-in admin client for
the analysis tests."""

import datetime
import html
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.users.models import UserProfile

from citysite.participation.models import AnalysisTag, Comment, Dimension, TaggedRecord
from citysite.participation.spam import started_token
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import Answer, DraftSection, ParticipationCode, ParticipationCodeBatch

EDUCATION = str(uuid.UUID(int=101))
LEISURE = str(uuid.UUID(int=102))
SHORT = str(uuid.UUID(int=201))
LONG = str(uuid.UUID(int=202))
SINGLE = str(uuid.UUID(int=203))
MULTIPLE = str(uuid.UUID(int=204))
SCALE = str(uuid.UUID(int=205))

# Block ids of build_consultation(), the analysis tests' consultation.
HOUSING = str(uuid.UUID(int=102))
Q_IDEAS = str(uuid.UUID(int=201))
Q_DISTRICT_SERVICES = str(uuid.UUID(int=202))
Q_CHANNELS = str(uuid.UUID(int=203))
Q_SAFETY = str(uuid.UUID(int=204))
Q_NAME = str(uuid.UUID(int=205))


def section(block_id, heading, text, report_summary=""):
    """A draft section block as StreamField raw data."""
    return {
        "type": "section",
        "id": block_id,
        "value": {
            "heading": heading,
            "text": text,
            "change_note": "",
            "prompted_by": [],
            "report_summary": report_summary,
        },
    }


def question(kind, block_id, label, required=False, **extra):
    """A questionnaire block of the given kind as StreamField raw data."""
    return {
        "type": kind,
        "id": block_id,
        "value": {"label": label, "help_text": "", "required": required, **extra},
    }


DRAFT = [
    section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły w nauce języka polskiego.</p>"),
    section(LEISURE, "Czas wolny", "<p>Biblioteki są otwarte dla wszystkich.</p>"),
]
QUESTIONNAIRE = [
    question("short_text", SHORT, "Jednym słowem: co jest najważniejsze?"),
    question("long_text", LONG, "Co jeszcze chcesz nam powiedzieć?"),
    question(
        "single_choice",
        SINGLE,
        "Który obszar jest najpilniejszy?",
        required=True,
        choices=["Szkoły", "Praca"],
    ),
    question(
        "multiple_choice", MULTIPLE, "Skąd wiesz o konsultacji?", choices=["Szkoła", "Internet", "Znajomi"]
    ),
    question(
        "scale", SCALE, "Jak oceniasz projekt?", required=True, lowest_label="źle", highest_label="dobrze"
    ),
]


def make_consultation(home_page, index_title=None, **fields):
    """A consultation page in a new consultation index under `home_page`; by default titled "Polityka
    integracji" with DRAFT and QUESTIONNAIRE, any page field overridable."""
    index_fields = {"title": index_title} if index_title else {}
    index = ConsultationIndexPageFactory(parent=home_page, **index_fields)
    defaults = {"title": "Polityka integracji", "draft": DRAFT, "questionnaire": QUESTIONNAIRE}
    return ConsultationPageFactory(parent=index, **(defaults | fields))


def answer_url(page):
    return page.url + "answer/"


def form_data(**overrides):
    """A valid answer as the browser sends it, from a form shown a minute ago; an override of None
    leaves the field out."""
    data = {
        "submission_token": str(uuid.uuid4()),
        "form_started": started_token("consultations.answer", time.time() - 60),
        "website": "",
        f"question_{SINGLE}": "1",
        f"question_{SCALE}": "4",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def new_code(page, organisation="Fundacja Instytut na rzecz Kultury Prawnej Ośrodek", code=None):
    """An unused participation code for `page`, in a batch of its own."""
    batch = ParticipationCodeBatch.objects.create(
        consultation_key=page.translation_key, organisation=organisation
    )
    return ParticipationCode.objects.create(batch=batch, **({"code": code} if code else {}))


def analysis_section(block_id, heading):
    return section(block_id, heading, f"<p>{heading}: what the city will do.</p>")


def build_consultation(parent, **kwargs):
    """A published consultation for the analysis tests, in English: two sections and one optional
    question of each kind."""
    defaults = {
        "title": "Polityka integracji Lublina",
        "draft": [analysis_section(EDUCATION, "Edukacja"), analysis_section(HOUSING, "Mieszkania")],
        "questionnaire": [
            question("long_text", Q_IDEAS, "What should the city do first?"),
            question(
                "single_choice", Q_DISTRICT_SERVICES, "Are services close enough?", choices=["Yes", "No"]
            ),
            question(
                "multiple_choice",
                Q_CHANNELS,
                "How do you hear about the city's news?",
                choices=["Website", "Friends", "Radio"],
            ),
            question("scale", Q_SAFETY, "How safe do you feel?", lowest_label="unsafe", highest_label="safe"),
            question("short_text", Q_NAME, "One word for Lublin"),
        ],
    }
    return make_consultation(parent, **(defaults | kwargs))


def section_record(page, block_id) -> DraftSection:
    return DraftSection.objects.get(consultation_key=page.translation_key, section_id=block_id)


def add_answer(page, *, comments=None, tags=(), dimensions=(), **fields) -> Answer:
    """An answer with section comments ({section block id: text})."""
    fields = {"language": "pl", **fields}
    answer = Answer.objects.create(consultation_key=page.translation_key, page=page, **fields)
    for block_id, text in (comments or {}).items():
        answer.comments.add(
            Comment.objects.create(
                target_type=ContentType.objects.get_for_model(DraftSection),
                target_id=section_record(page, block_id).pk,
                text=text,
                language=answer.language,
            )
        )
    if tags:
        answer.tags.add(*tags)
    if dimensions:
        answer.dimensions.add(*Dimension.objects.filter(code__in=dimensions))
    return answer


def bulk_answers(page, count, *, responses=None, **fields) -> list[Answer]:
    """`count` answers, each with a tag, a dimension and a tagged comment, made with bulk_create."""
    now = timezone.now()
    answers = Answer.objects.bulk_create(
        Answer(
            consultation_key=page.translation_key,
            page=page,
            language=("pl", "uk", "en", "ru")[number % 4],
            submitted_at=now - datetime.timedelta(minutes=number),
            responses=responses if responses is not None else {Q_IDEAS: f"Idea number {number}"},
            **fields,
        )
        for number in range(count)
    )
    record = section_record(page, EDUCATION)
    section_type = ContentType.objects.get_for_model(DraftSection)
    comments = Comment.objects.bulk_create(
        Comment(target_type=section_type, target_id=record.pk, text=f"Comment {n}", language="pl")
        for n in range(count)
    )
    Answer.comments.through.objects.bulk_create(
        Answer.comments.through(answer_id=answer.pk, comment_id=comment.pk)
        for answer, comment in zip(answers, comments, strict=True)
    )
    dimension = Dimension.objects.get(code="legal")
    Answer.dimensions.through.objects.bulk_create(
        Answer.dimensions.through(answer_id=answer.pk, dimension_id=dimension.pk) for answer in answers
    )
    tag, _created = AnalysisTag.objects.get_or_create(name="bulk", slug="bulk")
    answer_type = ContentType.objects.get_for_model(Answer)
    comment_type = ContentType.objects.get_for_model(Comment)
    TaggedRecord.objects.bulk_create(
        [TaggedRecord(tag=tag, content_type=answer_type, object_id=answer.pk) for answer in answers]
        + [TaggedRecord(tag=tag, content_type=comment_type, object_id=comment.pk) for comment in comments]
    )
    return answers


def admin_client(client, user):
    """Signed in, with the admin in English (it follows the Wagtail profile's language)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client

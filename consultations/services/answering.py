"""Answering a consultation: who may answer and when, saving an answer with its section comments in
one transaction, participation codes, and the receipt e-mail. The views only call these."""

import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import get_usage
from wagtail.models import Locale

from citysite.access import may
from citysite.participation.models import Comment
from citysite.participation.rules import is_verified_participant
from citysite.participation.submission_limits import SubmissionLimits

from ..models import (
    Answer,
    Channel,
    ConsultationPage,
    ConsultationStatus,
    DraftSection,
    ParticipationCode,
)

RATE_LIMIT_GROUP = "consultations.answer"
ADDRESS_LIMIT_MESSAGE = gettext_lazy(
    "We did not save this answer because many answers were sent from your internet connection in a short "
    "time. Please try again in an hour; your answers are still in the form below. If you are answering at "
    "a meeting or a workshop, ask its organisers for a participation code: answers with a code are not "
    "held back."
)

# The optional self-description (DESIGN rule 1). Never citizenship, nationality, PESEL or residence.
CITY_CONNECTIONS = [
    ("lives", gettext_lazy("I live in Lublin")),
    ("works", gettext_lazy("I work in Lublin")),
    ("studies", gettext_lazy("I study in Lublin")),
    ("other", gettext_lazy("Another connection")),
]
AGE_BANDS = [
    ("under_18", gettext_lazy("under 18")),
    ("18_29", gettext_lazy("18–29")),
    ("30_44", gettext_lazy("30–44")),
    ("45_64", gettext_lazy("45–64")),
    ("65_plus", gettext_lazy("65 or older")),
    ("not_said", gettext_lazy("I prefer not to say")),
]
MIGRATION_EXPERIENCE = [
    ("yes", gettext_lazy("Yes")),
    ("no", gettext_lazy("No")),
    ("not_said", gettext_lazy("I prefer not to say")),
]
SELF_DESCRIPTION_KEYS = ("connection", "district", "age_band", "migration")


class Refusal:
    UPCOMING = "upcoming"
    CLOSED = "closed"
    LOGIN_REQUIRED = "login_required"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Decision:
    """Whether a person may answer; when not, why, in words for them."""

    reason: str | None = None
    message: str = ""

    def __bool__(self):
        return self.reason is None


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j E Y, H:i")


def can_answer(page: ConsultationPage, user, *, with_code: bool = False) -> Decision:
    """Answers are accepted only while the consultation is open. Where an account is required, a
    participation code stands in for one (it is meant for people without an e-mail address). A
    signed-in person answers with a verified e-mail address."""
    status = page.status
    if status == ConsultationStatus.UPCOMING:
        return Decision(
            Refusal.UPCOMING,
            _("This consultation opens on %(date)s. You can answer from then.")
            % {"date": _when(page.opens_at)},
        )
    if status != ConsultationStatus.OPEN:
        return Decision(
            Refusal.CLOSED,
            _(
                "This consultation closed on %(date)s and no longer accepts answers. Thank you to "
                "everyone who took part."
            )
            % {"date": _when(page.closes_at)},
        )
    if not user.is_authenticated:
        if page.allows_anonymous_answers or with_code:
            return Decision()
        return Decision(
            Refusal.LOGIN_REQUIRED,
            _(
                "Please sign in to answer this consultation: any e-mail address will do, and nobody asks "
                "about citizenship. If you received a participation code, open the link that came with it."
            ),
        )
    if not is_verified_participant(user):
        return Decision(
            Refusal.UNVERIFIED,
            _("Please confirm your e-mail address before you answer. We sent you a link when you signed up."),
        )
    return Decision()


def can_enter_offline_answers(user) -> bool:
    return may(user, "consultations.enter_offline_answers")


def anonymous_answer_limits(page: ConsultationPage) -> SubmissionLimits:
    """The allowances of anonymous online answers, set per consultation by its editors and counted for
    all its translations together. Signed-in people (one answer each), staff entering offline answers
    and holders of a participation code (one answer per code; a workshop's tablet passes from hand to
    hand) are not counted."""
    return SubmissionLimits(
        group=f"{RATE_LIMIT_GROUP}.{page.translation_key}",
        per_address=f"{page.anonymous_answers_per_address}/h",
        per_browser=f"{page.anonymous_answers_per_browser}/h",
        address_message=ADDRESS_LIMIT_MESSAGE,
    )


# Participation codes


class CodeUnavailable(Exception):
    """The code was used by someone else between checking the form and saving the answer."""


class AlreadySaved(Exception):
    """This very form was saved by a request that this one waited for (a double submit)."""

    def __init__(self, answer):
        super().__init__(answer.pk)
        self.answer = answer


CODE_UNKNOWN = gettext_lazy(
    "This participation code is not valid. Please check it, or leave the field empty."
)
CODE_USED = gettext_lazy(
    "This participation code has already been used. Each code lets one person answer once."
)
CODE_OTHER_CONSULTATION = gettext_lazy("This participation code belongs to another consultation.")


def normalise_code(text: str) -> str:
    """Codes are read off paper: ignore case, spaces and hyphens."""
    return re.sub(r"[\s-]+", "", text or "").upper()


def find_code(page: ConsultationPage, text: str) -> tuple[ParticipationCode | None, str | None]:
    """The unused code of this consultation that `text` names, or an error message for the person."""
    code = ParticipationCode.objects.select_related("batch").filter(code=normalise_code(text)).first()
    if code is None:
        return None, CODE_UNKNOWN
    if code.batch.consultation_key != page.translation_key:
        return None, CODE_OTHER_CONSULTATION
    if code.used_at is not None:
        return None, CODE_USED
    return code, None


# Guessing codes. Codes that do not work are counted per internet address and per consultation; once either
# count is used up, every code is refused with the same message, the right one too, so the answer never
# tells whether a code exists. (Ten characters of 32 make guessing hopeless; the limit keeps it so.)
CODE_ATTEMPTS_GROUP_ADDRESS = "consultations.code.address"
CODE_ATTEMPTS_GROUP_CONSULTATION = "consultations.code.consultation"
# While the shared cache is away the counts would be kept per web process (and start again with each
# restart), multiplying the allowance: codes are then not checked at all (citysite/cache.py).
CODE_CHECK_UNAVAILABLE = gettext_lazy(
    "We cannot check participation codes at the moment because a service that protects them is not "
    "answering. Please try again in a few minutes; your answers are still in the form below."
)
CODE_TOO_MANY_ATTEMPTS = gettext_lazy(
    "Too many participation codes that did not work were entered here in a short time, so we cannot check "
    "codes for now. Please try again in an hour; your answers are still in the form below."
)


def code_attempts_per_address() -> str:
    """Wrong codes one internet address may enter (a workshop room often shares one)."""
    return getattr(settings, "PARTICIPATION_CODE_ATTEMPTS_RATE", "20/h")


def code_attempts_per_consultation() -> str:
    """Wrong codes a consultation takes from everyone together (guessing from many addresses)."""
    return getattr(settings, "PARTICIPATION_CODE_CONSULTATION_ATTEMPTS_RATE", "100/h")


def _code_attempts(request, page: ConsultationPage, *, increment: bool) -> list[dict | None]:
    consultation = str(page.translation_key)  # one count for every translation of the page
    return [
        get_usage(
            request,
            group=CODE_ATTEMPTS_GROUP_ADDRESS,
            key="ip",
            rate=code_attempts_per_address(),
            increment=increment,
        ),
        get_usage(
            request,
            group=CODE_ATTEMPTS_GROUP_CONSULTATION,
            key=lambda _group, _request: consultation,
            rate=code_attempts_per_consultation(),
            increment=increment,
        ),
    ]


def code_attempts_used_up(request, page: ConsultationPage) -> bool:
    """Asked before a code is looked up, whether it is right or wrong."""
    return any(
        usage is not None and usage["count"] >= usage["limit"]
        for usage in _code_attempts(request, page, increment=False)
    )


def count_wrong_code(request, page: ConsultationPage) -> None:
    _code_attempts(request, page, increment=True)


def _consume_code(code: ParticipationCode) -> None:
    # A conditional update, so two people sending the same code at once cannot both use it.
    used = ParticipationCode.objects.filter(pk=code.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not used:
        raise CodeUnavailable


# Saving


@dataclass
class AnswerInput:
    """What a person sent, already validated by the form."""

    responses: dict
    comments: dict[str, str]
    self_description: dict = field(default_factory=dict)
    consent_to_publish: bool = False
    email: str = ""
    participation_code: ParticipationCode | None = None
    channel: str = Channel.ONLINE

    @property
    def on_behalf(self) -> bool:
        return self.channel != Channel.ONLINE


def own_answer(page: ConsultationPage, user) -> Answer | None:
    if not user.is_authenticated:
        return None
    return Answer.objects.filter(consultation_key=page.translation_key, respondent=user).first()


def answer_for_submission(page: ConsultationPage, token) -> Answer | None:
    """The answer a submission token already created (a double-clicked or resent form)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Answer.objects.filter(consultation_key=page.translation_key, submission_token=token).first()


def own_comments(page: ConsultationPage, answer: Answer | None) -> dict[str, Comment]:
    """The answer's section comments by section id, each with `reply_count`."""
    if answer is None:
        return {}
    sections = dict(
        DraftSection.objects.filter(consultation_key=page.translation_key).values_list("pk", "section_id")
    )
    comments = answer.comments.annotate(reply_count=Count("replies"))
    return {sections[comment.target_id]: comment for comment in comments if comment.target_id in sections}


def _section_records(page: ConsultationPage, wanted: set[str]) -> dict[str, DraftSection]:
    """Section records by section id; missing ones among `wanted` are created (publishing a page
    normally creates them, but a comment must never be lost for want of one)."""
    records = {
        record.section_id: record
        for record in DraftSection.objects.filter(consultation_key=page.translation_key)
    }
    for position, block in enumerate(page.sections):
        if block.id in wanted and block.id not in records:
            records[block.id], _created = DraftSection.objects.get_or_create(
                consultation_key=page.translation_key,
                section_id=block.id,
                defaults={"position": position, "heading": block.value["heading"][:200]},
            )
    return records


def _save_comments(page, answer, data: AnswerInput, *, author, language, created) -> None:
    existing = {} if created else own_comments(page, answer)
    texts = {section_id: text for section_id, text in data.comments.items() if text}
    records = _section_records(page, set(texts))
    target_type = ContentType.objects.get_for_model(DraftSection)
    now = timezone.now()
    for section_id, text in texts.items():
        comment = existing.pop(section_id, None)
        if comment is None:
            comment = Comment.objects.create(
                target_type=target_type,
                target_id=records[section_id].pk,
                author=author,
                text=text,
                language=language,
                consent_to_publish=answer.consent_to_publish,
            )
            answer.comments.add(comment)
        elif comment.text != text or comment.consent_to_publish != answer.consent_to_publish:
            if comment.text != text:
                comment.text, comment.language, comment.edited_at = text, language, now
            comment.consent_to_publish = answer.consent_to_publish
            comment.save(update_fields=["text", "language", "edited_at", "consent_to_publish"])
    # Sections left empty: the person withdrew their comment (the form keeps those with replies).
    for comment in existing.values():
        comment.delete()


@transaction.atomic
def save_answer(
    page: ConsultationPage, user, data: AnswerInput, *, submission_token, language: str
) -> tuple[Answer, bool]:
    """Creates or updates an answer and its section comments; all or nothing. A signed-in person
    has one answer, which they update; an answer entered on a person's behalf is always new.
    Raises CodeUnavailable (nothing saved) if the code was used meanwhile, and IntegrityError or
    AlreadySaved if the same submission was saved meanwhile."""
    entered_by = user if data.on_behalf else None
    respondent = user if user.is_authenticated and not data.on_behalf else None
    answer = None
    if respondent is not None:
        answer = (
            Answer.objects.select_for_update()
            .filter(consultation_key=page.translation_key, respondent=respondent)
            .first()
        )
        if answer is not None and answer.submission_token == submission_token:
            raise AlreadySaved(answer)
    created = answer is None
    if created:
        answer = Answer(
            consultation_key=page.translation_key,
            respondent=respondent,
            entered_by=entered_by,
            channel=data.channel,
            submission_token=submission_token,
        )
        if data.participation_code is not None:
            _consume_code(data.participation_code)
            answer.participation_code = data.participation_code
            answer.organisation = data.participation_code.batch.organisation
    answer.page = page
    # The latest form that saved the answer: sent again, it finds this answer instead of saving twice.
    answer.submission_token = submission_token
    answer.language = language
    answer.email = "" if respondent is not None else data.email
    answer.responses = data.responses
    answer.self_description = data.self_description
    answer.consent_to_publish = data.consent_to_publish and page.publish_comments
    answer.save()
    _save_comments(page, answer, data, author=respondent, language=language, created=created)
    return answer, created


# Receipt


def receipt_address(answer: Answer) -> str:
    return answer.respondent.email if answer.respondent_id else answer.email


def send_receipt(request, page: ConsultationPage, answer: Answer, *, created: bool) -> bool:
    """E-mails a receipt where an address is known, in the person's language: their preferred one
    when signed in, otherwise the language they answered in."""
    address = receipt_address(answer)
    if not address:
        return False
    language = answer.respondent.preferred_language if answer.respondent_id else answer.language
    locale = Locale.objects.filter(language_code=language).first()
    page_in_language = (page.get_translation_or_none(locale) if locale else None) or page
    page_url = page_in_language.get_full_url(request)
    context = {
        "title": page_in_language.title,
        "answer": answer,
        "created": created,
        "closes_at": page.closes_at,
        "page_url": page_url,
        "receipt_url": page_url
        + page_in_language.reverse_subpage("receipt", kwargs={"token": answer.receipt_token}),
        "change_url": page_url + page_in_language.reverse_subpage("answer") if answer.respondent_id else "",
    }
    with translation.override(language):
        subject = render_to_string("consultations/email/answer_receipt_subject.txt", context).strip()
        body = render_to_string("consultations/email/answer_receipt_body.txt", context)
    send_mail(subject, body, None, [address])
    return True

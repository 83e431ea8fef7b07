"""The report back after a consultation: what we asked, what you said (per section: counts, the
editors' summary, consented quotes) and what we will do. Built in a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from citysite.participation.models import Comment

from ..models import Answer, ConsultationPage, DraftSection

FREE_TEXT_QUESTIONS = ("short_text", "long_text")


@dataclass
class Quote:
    text: str
    language: str
    attribution: str = ""  # a display name only where the comment is already public under it


@dataclass
class SectionReport:
    heading: str
    anchor: str
    summary: str
    comment_count: int
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class QuestionReport:
    label: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Report:
    sections: list[SectionReport]
    questions: list[QuestionReport]
    answer_count: int
    comment_count: int
    languages: list[tuple[str, str, int]]  # (code, name, contributions)


def _attribution(comment: Comment, page: ConsultationPage) -> str:
    """Quotes stay anonymous unless the comment already appears on the page under a chosen name."""
    shown_in_public = page.publish_comments and comment.consent_to_publish and not comment.is_hidden
    author = comment.author
    if shown_in_public and author and author.display_name and not author.is_anonymised:
        return author.public_name
    return ""


def build_report(page: ConsultationPage, sections: list[dict]) -> Report:
    """`sections` are the consultation page's section dicts (with their DraftSection `record`)."""
    record_ids = [section["record"].pk for section in sections if section["record"]]
    people_comments = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(DraftSection),
        target_id__in=record_ids,
        is_official=False,
    )
    counts = Counter()
    comment_languages = Counter()
    for row in people_comments.order_by().values("target_id", "language").annotate(total=Count("pk")):
        counts[row["target_id"]] += row["total"]
        comment_languages[row["language"]] += row["total"]

    quotes_by_record = defaultdict(list)
    quoted_comments = people_comments.filter(
        quoted_in_report=True, consent_to_publish=True, hidden_at__isnull=True
    ).select_related("author")
    for comment in quoted_comments:
        quotes_by_record[comment.target_id].append(
            Quote(comment.text, comment.language, _attribution(comment, page))
        )

    answers = Answer.objects.filter(consultation_key=page.translation_key)
    per_language = answers.order_by().values("language").annotate(total=Count("pk"))
    answer_languages = Counter({row["language"]: row["total"] for row in per_language})
    questions = [
        QuestionReport(block.value["label"])
        for block in page.questions
        if block.block_type in FREE_TEXT_QUESTIONS
    ]
    free_text_ids = [block.id for block in page.questions if block.block_type in FREE_TEXT_QUESTIONS]
    quoted_answers = answers.filter(quoted_in_report=True, consent_to_publish=True)
    for answer in quoted_answers.only("responses", "language"):
        for question, block_id in zip(questions, free_text_ids, strict=True):
            text = answer.responses.get(block_id)
            if isinstance(text, str) and text.strip():
                question.quotes.append(Quote(text.strip(), answer.language))

    names = dict(settings.LANGUAGES)
    contributions = answer_languages + comment_languages
    return Report(
        sections=[
            SectionReport(
                heading=section["heading"],
                anchor=section["anchor"],
                summary=section["report_summary"],
                comment_count=counts.get(section["record"].pk, 0) if section["record"] else 0,
                quotes=quotes_by_record.get(section["record"].pk, []) if section["record"] else [],
            )
            for section in sections
        ],
        questions=[question for question in questions if question.quotes],
        answer_count=sum(answer_languages.values()),
        comment_count=sum(counts.values()),
        languages=[
            (code, names.get(code, code), total) for code, total in contributions.most_common() if total
        ],
    )

"""Answers as spreadsheets (CSV and XLSX), one row per answer, and the questionnaire labels that make
the stored responses readable.

Both formats stream: answers are read in chunks of EXPORT_CHUNK_SIZE with their comments, dimensions
and tags looked up per chunk, so 250,000 answers export in bounded memory. CSV rows go straight to
the client; an XLSX file has to be complete before it is sent, so openpyxl's write-only workbook
writes it to a temporary file on disk, which is then streamed and deleted."""

import csv
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from citysite.participation.models import DimensionCode, TaggedRecord

from .models import Answer, Channel, ConsultationPage, DraftSection
from .services.answering import AGE_BANDS, CITY_CONNECTIONS, MIGRATION_EXPERIENCE, SELF_DESCRIPTION_KEYS

EXPORT_CHUNK_SIZE = 2000
CHOICE_QUESTION_TYPES = ("single_choice", "multiple_choice")
FREE_TEXT_QUESTION_TYPES = ("short_text", "long_text")
XLSX_CELL_MAX_LENGTH = 32767
# A spreadsheet treats a cell starting with one of these as a formula ("CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Question:
    """One question of a consultation's questionnaire, identified by its block id in every language."""

    id: str
    kind: str
    label: str
    choices: tuple[str, ...] = ()
    lowest_label: str = ""
    highest_label: str = ""

    @property
    def is_free_text(self) -> bool:
        return self.kind in FREE_TEXT_QUESTION_TYPES

    @property
    def is_counted(self) -> bool:
        """Whether answers to it can be counted in a chart (choices and scales)."""
        return self.kind in CHOICE_QUESTION_TYPES or self.kind == "scale"

    def choice_label(self, value) -> str:
        """Choices are stored by their position; a value that is not a valid position is kept as is."""
        try:
            return self.choices[int(value)]
        except (TypeError, ValueError, IndexError):
            return str(value)

    def display(self, value):
        """The response as a person would read it: choice labels, the scale number, or the text."""
        if value is None or value == "" or value == []:
            return ""
        if self.kind == "single_choice":
            return self.choice_label(value)
        if self.kind == "multiple_choice":
            values = value if isinstance(value, list) else [value]
            if all(isinstance(item, int) for item in values):
                values = sorted(values)  # the questionnaire's order, whatever order they were ticked in
            return "; ".join(self.choice_label(item) for item in values)
        if self.kind == "scale":
            try:
                return int(value)
            except (TypeError, ValueError):
                return str(value)
        return str(value)


def questions_of(page: ConsultationPage) -> list[Question]:
    questions = []
    for block in page.questionnaire:
        value = block.value
        questions.append(
            Question(
                id=block.id,
                kind=block.block_type,
                label=value["label"],
                choices=tuple(value["choices"]) if block.block_type in CHOICE_QUESTION_TYPES else (),
                lowest_label=value.get("lowest_label", "") if block.block_type == "scale" else "",
                highest_label=value.get("highest_label", "") if block.block_type == "scale" else "",
            )
        )
    return questions


def sections_of(consultation_key) -> list[DraftSection]:
    return list(DraftSection.objects.filter(consultation_key=consultation_key).order_by("position", "pk"))


def self_description_questions() -> list[tuple[str, str]]:
    """(key, label) of the optional self-description questions, in the answer form's order."""
    labels = {
        "connection": _("Connection to the city"),
        "district": _("District"),
        "age_band": _("Age"),
        "migration": _("Experience of migration"),
    }
    return [(key, labels.get(key, key)) for key in SELF_DESCRIPTION_KEYS]


SELF_DESCRIPTION_CHOICES = {
    "connection": CITY_CONNECTIONS,
    "age_band": AGE_BANDS,
    "migration": MIGRATION_EXPERIENCE,
}


def self_description_labels() -> dict[str, dict[str, str]]:
    """{question key: {stored value: words}} in the active language."""
    return {
        key: {value: str(label) for value, label in choices}
        for key, choices in SELF_DESCRIPTION_CHOICES.items()
    }


def self_description_label(key: str, value, labels=None) -> str:
    """One self-description answer in words; free text (the district) as written."""
    labels = self_description_labels() if labels is None else labels
    return labels.get(key, {}).get(value, str(value))


def self_description_value(key: str, value, labels=None) -> str:
    labels = self_description_labels() if labels is None else labels
    values = value if isinstance(value, list) else [value]
    return "; ".join(self_description_label(key, item, labels) for item in values if item not in (None, ""))


ANSWER_FIELDS = [
    "pk",
    "submitted_at",
    "updated_at",
    "language",
    "channel",
    "organisation",
    "responses",
    "self_description",
    "quoted_in_report",
]
PERSONAL_FIELDS = ["email", "respondent_id", "respondent__email"]


@dataclass
class AnswerRecord:
    """What an export row needs of one answer: its fields, and its comments, dimensions and tags."""

    fields: tuple
    comments: dict[int, list[str]]  # section record pk -> texts
    dimensions: list[str]  # codes
    tags: list[str]

    def __getattr__(self, name):
        return getattr(self.fields, name)


def _related(answer_ids) -> tuple[dict, dict, dict]:
    """The comments, dimensions and tags of a chunk of answers: one query each, rows not models."""
    section_type = ContentType.objects.get_for_model(DraftSection)
    comments, dimensions, tags = defaultdict(dict), defaultdict(list), defaultdict(list)
    # Filtered and sorted here: a target-type condition in the query makes SQLite scan every comment.
    comment_rows = sorted(
        Answer.comments.through.objects.filter(answer_id__in=answer_ids).values_list(
            "comment__created_at",
            "comment_id",
            "answer_id",
            "comment__target_type_id",
            "comment__target_id",
            "comment__text",
        )
    )
    for _created_at, _comment_id, answer_id, target_type_id, section_id, text in comment_rows:
        if target_type_id == section_type.pk:
            comments[answer_id].setdefault(section_id, []).append(text)
    dimension_rows = (
        Answer.dimensions.through.objects.filter(answer_id__in=answer_ids)
        .order_by("dimension_id")
        .values_list("answer_id", "dimension__code")
    )
    for answer_id, code in dimension_rows:
        dimensions[answer_id].append(code)
    tag_rows = (
        TaggedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Answer), object_id__in=answer_ids
        )
        .order_by("tag__name")
        .values_list("object_id", "tag__name")
    )
    for answer_id, name in tag_rows:
        tags[answer_id].append(name)
    return comments, dimensions, tags


def answer_records(consultation_key, *, include_personal_data=False):
    """Every answer of a consultation, in order, read EXPORT_CHUNK_SIZE at a time.

    Rows are plain tuples and each chunk's comments, dimensions and tags are looked up with one
    query each. (prefetch_related with iterator(chunk_size) would do the same, but it builds a model
    and a queryset per related object, which costs many times the memory and time of the text.)"""
    chunk_size = EXPORT_CHUNK_SIZE
    fields = ANSWER_FIELDS + (PERSONAL_FIELDS if include_personal_data else [])
    rows = (
        Answer.objects.filter(consultation_key=consultation_key)
        .order_by("pk")
        .values_list(*fields, named=True)
        .iterator(chunk_size=chunk_size)
    )
    while chunk := list(islice(rows, chunk_size)):
        comments, dimensions, tags = _related([row.pk for row in chunk])
        for row in chunk:
            yield AnswerRecord(
                row, comments.get(row.pk, {}), dimensions.get(row.pk, []), tags.get(row.pk, [])
            )


class AnswerTable:
    """The columns of an export and how each answer fills them.

    Every label is translated here, when the table is made: a streamed response's rows are written
    after the view has returned, when the analyst's language is no longer active."""

    def __init__(self, page, *, include_personal_data=False):
        self.questions = questions_of(page)
        self.sections = sections_of(page.translation_key)
        self.self_description = self_description_questions()
        self.include_personal_data = include_personal_data
        self.languages = dict(settings.LANGUAGES)
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.dimensions = {code: str(label) for code, label in DimensionCode.choices}
        self.description_labels = self_description_labels()
        self.yes, self.no = _("yes"), _("no")
        self.header = self._header()

    def _header(self) -> list[str]:
        columns = [
            _("Answer number"),
            _("Submitted"),
            _("Last changed"),
            _("Language"),
            _("Channel"),
            _("Organisation (participation codes)"),
        ]
        if self.include_personal_data:
            columns += [_("E-mail"), _("Account number")]
        columns += [question.label for question in self.questions]
        columns += [_("Comment on: %(section)s") % {"section": section.heading} for section in self.sections]
        columns += [
            _("Self-description: %(question)s") % {"question": label} for _key, label in self.self_description
        ]
        columns += [_("Integration dimensions"), _("Tags"), _("Quote in the report")]
        return columns

    def row(self, answer: AnswerRecord) -> list:
        row = [
            answer.pk,
            timezone.localtime(answer.submitted_at).replace(tzinfo=None),
            timezone.localtime(answer.updated_at).replace(tzinfo=None),
            str(self.languages.get(answer.language, answer.language)),
            str(self.channels.get(answer.channel, answer.channel)),
            answer.organisation,
        ]
        if self.include_personal_data:
            # The address for the receipt of an anonymous answer, or the account's.
            row += [answer.email or answer.respondent__email or "", answer.respondent_id]
        responses = answer.responses if isinstance(answer.responses, dict) else {}
        row += [question.display(responses.get(question.id)) for question in self.questions]
        row += ["\n\n".join(answer.comments.get(section.pk, [])) for section in self.sections]
        description = answer.self_description if isinstance(answer.self_description, dict) else {}
        row += [
            self_description_value(key, description.get(key), self.description_labels)
            for key, _label in self.self_description
        ]
        row += [
            "; ".join(self.dimensions.get(code, code) for code in answer.dimensions),
            "; ".join(answer.tags),
            self.yes if answer.quoted_in_report else self.no,
        ]
        return row


def _export_table(page, include_personal_data):
    table = AnswerTable(page, include_personal_data=include_personal_data)
    return table, answer_records(page.translation_key, include_personal_data=include_personal_data)


def export_filename(page, extension: str) -> str:
    return f"answers-{page.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    """A file-like object that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _csv_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_response(page, *, include_personal_data=False) -> StreamingHttpResponse:
    table, answers = _export_table(page, include_personal_data)
    writer = csv.writer(_Echo())

    def lines():
        # The byte order mark makes spreadsheet programs read the file as UTF-8 (Polish, Cyrillic).
        yield "\ufeff" + writer.writerow(table.header)
        for answer in answers:
            yield writer.writerow([_csv_value(value) for value in table.row(answer)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(page, "csv")}"'
    return response


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX_LENGTH]
    if not value.startswith("="):
        return value
    # Text that starts with "=" is what people wrote, never a formula.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_response(page, *, include_personal_data=False) -> FileResponse:
    table, answers = _export_table(page, include_personal_data)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Answers")[:31])
    sheet.append([_xlsx_cell(sheet, label) for label in table.header])
    for answer in answers:
        sheet.append([_xlsx_cell(sheet, value) for value in table.row(answer)])
    # Deleted when the response closes it, after sending.
    spreadsheet = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(spreadsheet)
    spreadsheet.seek(0)
    return FileResponse(
        spreadsheet,
        as_attachment=True,
        filename=export_filename(page, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

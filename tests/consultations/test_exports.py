"""Export of a consultation's answers to CSV and XLSX: the right columns and rows, personal data only
on request and then in the audit log, and streaming in bounded memory."""

import csv
import io
import tracemalloc

import openpyxl
import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageLogEntry

from consultations import exports
from tests.consultations.helpers import (
    EDUCATION,
    HOUSING,
    Q_CHANNELS,
    Q_DISTRICT_SERVICES,
    Q_IDEAS,
    Q_SAFETY,
    add_answer,
    admin_client,
    build_consultation,
    bulk_answers,
)

QUESTION_COLUMNS = [
    "What should the city do first?",
    "Are services close enough?",
    "How do you hear about the city's news?",
    "How safe do you feel?",
    "One word for Lublin",
]
HEADER = [
    "Answer number",
    "Submitted",
    "Last changed",
    "Language",
    "Channel",
    "Organisation (participation codes)",
    *QUESTION_COLUMNS,
    "Comment on: Edukacja",
    "Comment on: Mieszkania",
    "Self-description: Connection to the city",
    "Self-description: District",
    "Self-description: Age",
    "Self-description: Experience of migration",
    "Integration dimensions",
    "Tags",
    "Quote in the report",
]
PERSONAL_COLUMNS = ["E-mail", "Account number"]
HEADER_WITH_PERSONAL_DATA = HEADER[:6] + PERSONAL_COLUMNS + HEADER[6:]
EXPORT_ACTION = "consultations.export_personal_data"


@pytest.fixture
def consultation(home_page):
    return build_consultation(home_page)


@pytest.fixture
def answers(consultation, resident):
    signed_in = add_answer(
        consultation,
        respondent=resident,
        language="uk",
        responses={
            Q_IDEAS: "Курси польської мови ввечері",
            Q_DISTRICT_SERVICES: 0,
            Q_CHANNELS: [0, 2],
            Q_SAFETY: 4,
        },
        self_description={"connection": ["lives", "studies"], "age_band": "18_29", "migration": "yes"},
        comments={EDUCATION: "Потрібні асистенти", HOUSING: "Житло дороге"},
        tags=["housing", "language"],
        dimensions=["legal", "economic"],
        quoted_in_report=True,
    )
    anonymous = add_answer(
        consultation,
        email="anna@example.org",
        language="pl",
        channel="workshop",
        organisation="Fundacja Homo Faber",
        responses={Q_IDEAS: '=HYPERLINK("http://example.com","click")', Q_DISTRICT_SERVICES: 1},
    )
    return signed_in, anonymous


@pytest.fixture
def analyst_client(client, analyst):
    return admin_client(client, analyst)


def export(client, page, file_format="csv", *, personal=False):
    data = {"format": file_format}
    if personal:
        data["include_personal_data"] = "on"
    return client.post(reverse("consultations_admin:export", args=[page.translation_key]), data)


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def test_the_export_page_offers_both_formats(analyst_client, consultation, answers):
    response = analyst_client.get(reverse("consultations_admin:export", args=[consultation.translation_key]))
    assert response.status_code == 200
    assert response.context["answer_count"] == 2
    assert 'value="xlsx"' in response.content.decode()


def test_csv_has_one_row_per_answer_with_the_right_columns(analyst_client, consultation, answers, resident):
    signed_in, anonymous = answers

    response = export(analyst_client, consultation)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="answers-')
    header, *rows = read_csv(response)
    assert header == HEADER
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert first["Answer number"] == str(signed_in.pk)
    assert first["Language"] == "Українська"
    assert first["Channel"] == "online"
    assert first["Organisation (participation codes)"] == ""
    assert first["What should the city do first?"] == "Курси польської мови ввечері"
    assert first["Are services close enough?"] == "Yes"
    assert first["How do you hear about the city's news?"] == "Website; Radio"
    assert first["How safe do you feel?"] == "4"
    assert first["One word for Lublin"] == ""
    assert first["Comment on: Edukacja"] == "Потрібні асистенти"
    assert first["Comment on: Mieszkania"] == "Житло дороге"
    assert first["Self-description: Connection to the city"] == "I live in Lublin; I study in Lublin"
    assert first["Self-description: District"] == ""
    assert first["Self-description: Age"] == "18–29"
    assert first["Self-description: Experience of migration"] == "Yes"
    assert first["Integration dimensions"] == "economic; legal"
    assert first["Tags"] == "housing; language"
    assert first["Quote in the report"] == "yes"
    assert first["Submitted"].startswith(str(signed_in.submitted_at.year))
    second = dict(zip(header, rows[1], strict=True))
    assert second["Answer number"] == str(anonymous.pk)
    assert second["Channel"] == "workshop"
    assert second["Organisation (participation codes)"] == "Fundacja Homo Faber"
    assert second["Are services close enough?"] == "No"
    assert second["Quote in the report"] == "no"
    # A spreadsheet must not run what a person typed as a formula.
    assert second["What should the city do first?"] == '\'=HYPERLINK("http://example.com","click")'
    content = ",".join(",".join(row) for row in rows)
    assert resident.email not in content and "anna@example.org" not in content


def test_xlsx_holds_the_same_columns_and_rows(analyst_client, consultation, answers):
    signed_in, anonymous = answers

    response = export(analyst_client, consultation, "xlsx")

    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = read_xlsx(response)
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == HEADER
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert first["Answer number"] == signed_in.pk
    assert first["How safe do you feel?"] == 4
    assert first["How do you hear about the city's news?"] == "Website; Radio"
    assert first["Comment on: Mieszkania"] == "Житло дороге"
    assert first["Tags"] == "housing; language"
    assert first["Submitted"].date() == signed_in.submitted_at.date()
    second = dict(zip(header, rows[1], strict=True))
    assert second["Answer number"] == anonymous.pk
    formula_cell = sheet.cell(row=3, column=header.index("What should the city do first?") + 1)
    assert formula_cell.value == '=HYPERLINK("http://example.com","click")'
    assert formula_cell.data_type == "s"
    assert "anna@example.org" not in [value for row in rows for value in row]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_personal_data_only_on_request_and_then_in_the_audit_log(
    analyst_client, analyst, consultation, answers, resident, file_format
):
    signed_in, anonymous = answers

    plain = export(analyst_client, consultation, file_format)
    b"".join(plain.streaming_content)
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()

    response = export(analyst_client, consultation, file_format, personal=True)

    if file_format == "csv":
        header, *rows = read_csv(response)
    else:
        header, *rows = [list(row) for row in read_xlsx(response).iter_rows(values_only=True)]
    assert header == HEADER_WITH_PERSONAL_DATA
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    assert first["E-mail"] == resident.email
    assert str(first["Account number"]) == str(resident.pk)
    assert second["E-mail"] == "anna@example.org"
    assert second["Account number"] in ("", None)
    entry = PageLogEntry.objects.get(action=EXPORT_ACTION)
    assert entry.page_id == consultation.pk
    assert entry.user == analyst
    assert entry.data == {"format": file_format}
    assert entry.formatter is not None  # the action is registered, so the history can show it
    with translation.override("en"):
        assert "personal data" in entry.message


def test_an_unknown_format_is_refused_with_a_message(analyst_client, consultation, answers):
    response = analyst_client.post(
        reverse("consultations_admin:export", args=[consultation.translation_key]), {"format": "pdf"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["format"]


def test_only_the_answers_of_this_consultation_are_exported(analyst_client, consultation, answers, home_page):
    other = build_consultation(home_page, title="Inna")
    add_answer(other, responses={Q_IDEAS: "Somewhere else"})
    header, *rows = read_csv(export(analyst_client, consultation))
    assert sorted(int(row[0]) for row in rows) == sorted(answer.pk for answer in answers)


def test_the_csv_export_streams_in_bounded_memory(consultation, monkeypatch):
    """20,000 answers: the export holds a chunk of answers at a time, never all of them."""
    count = 20_000
    long_text = "Potrzebujemy kursów języka polskiego wieczorami i w weekendy. " * 40  # 2,520 characters
    bulk_answers(consultation, count, responses={Q_IDEAS: long_text, Q_SAFETY: 3})
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 1000)

    tracemalloc.start()
    try:
        response = exports.csv_response(consultation)
        characters = lines = 0
        for line in response.streaming_content:
            characters += len(line)
            lines += 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert lines == count + 1
    assert characters > 50_000_000
    # Holding every answer, or the whole file, at once would take more memory than the file has text;
    # a chunk at a time stays well under half of it on SQLite and PostgreSQL alike.
    assert peak < characters / 2, f"peak {peak:,} bytes for an export of {characters:,} characters"

"""Statistics for the annual report: cases received by month and category (and stored cases by status),
correct, complete after the retention deletes cases, and free of anything personal."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from ombudsperson import statistics
from ombudsperson.models import Case, CaseStatus, Category
from ombudsperson.retention import purge_closed_cases
from ombudsperson.services import file_case

pytestmark = pytest.mark.django_db

CATEGORIES = [value for value, _label in Category.choices]


def received(year, month, day, category, hour=12, text="opis sprawy", contact=""):
    moment = timezone.make_aware(datetime.datetime(year, month, day, hour, 0))
    return file_case(
        category=category,
        description=text,
        preferred_language="pl",
        contact=contact,
        contact_consent=bool(contact),
        received_at=moment,
    )[0]


@pytest.fixture
def cases_2025():
    cases = [
        received(2025, 1, 3, "work", text="Szef nie płaci", contact="a@example.org"),
        received(2025, 1, 20, "work"),
        received(2025, 1, 21, "housing"),
        received(2025, 3, 9, "health"),
        received(2025, 12, 31, "other", hour=23),
        received(2024, 12, 2, "work"),
        # 31 January 23:30 in Warsaw is still January; 1 February 00:30 in Warsaw is February.
        received(2025, 1, 31, "safety", hour=23),
        received(2025, 2, 1, "safety", hour=0),
    ]
    return cases


def row(report, month):
    return dict(zip(CATEGORIES, report.rows[month - 1].counts, strict=True))


def test_counts_by_month_and_category(cases_2025):
    report = statistics.received_in_year(2025)

    assert [r.month for r in report.rows] == [datetime.date(2025, month, 1) for month in range(1, 13)]
    january = row(report, 1)
    assert (january["work"], january["housing"], january["safety"]) == (2, 1, 1)
    assert sum(january.values()) == report.rows[0].total == 4
    assert row(report, 2)["safety"] == 1
    assert row(report, 3) == {**dict.fromkeys(CATEGORIES, 0), "health": 1}
    assert row(report, 12)["other"] == 1
    assert report.rows[3].total == 0
    assert dict(zip(CATEGORIES, report.category_totals, strict=True)) == {
        **dict.fromkeys(CATEGORIES, 0),
        "work": 2,
        "housing": 1,
        "health": 1,
        "other": 1,
        "safety": 2,
    }
    assert report.total == 7
    assert statistics.received_in_year(2024).total == 1
    assert statistics.received_in_year(2023).total == 0


def test_report_years_include_the_current_year(cases_2025):
    years = statistics.report_years()
    assert years[0] == max(timezone.localdate().year, 2025)
    assert {2024, 2025, timezone.localdate().year} == set(years)


def test_counts_stay_complete_after_closed_cases_are_deleted(cases_2025, settings):
    settings.OMBUDSPERSON_RETENTION_DAYS = 30
    Case.objects.update(status=CaseStatus.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=31))
    before = statistics.received_in_year(2025)

    assert purge_closed_cases() == 8
    assert not Case.objects.exists()
    assert statistics.received_in_year(2025) == before


def test_stored_cases_by_status(cases_2025):
    Case.objects.filter(pk__in=[cases_2025[0].pk, cases_2025[1].pk]).update(status=CaseStatus.IN_PROGRESS)
    Case.objects.filter(pk=cases_2025[2].pk).update(status=CaseStatus.CLOSED)
    counts = {row.status: row.count for row in statistics.stored_by_status()}
    assert counts == {"received": 5, "in_progress": 2, "referred": 0, "closed": 1}


@pytest.fixture
def handler(client, ombudsperson):
    client.force_login(ombudsperson)
    return client


def personal_data(cases):
    return [case.reference for case in cases] + ["Szef nie płaci", "opis sprawy", "a@example.org"]


def test_the_statistics_page_shows_counts_and_nothing_personal(handler, cases_2025):
    response = handler.get(reverse("ombudsperson_handling:statistics"), {"year": 2025})

    assert response.status_code == 200
    assert response.context["report"].year == 2025
    html = response.content.decode()
    for secret in personal_data(cases_2025):
        assert secret not in html
    assert html.count("<h1") == 1
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert reverse("ombudsperson_handling:statistics_csv") + "?year=2025" in html


def test_an_unknown_year_shows_the_current_one(handler, cases_2025):
    response = handler.get(reverse("ombudsperson_handling:statistics"), {"year": "1999"})
    assert response.status_code == 200
    assert response.context["report"].year == timezone.localdate().year


def test_the_csv_has_month_by_category_with_totals_and_nothing_personal(handler, cases_2025):
    response = handler.get(reverse("ombudsperson_handling:statistics_csv"), {"year": 2025})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content.decode()
    for secret in personal_data(cases_2025):
        assert secret not in content
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 1 + 12 + 1
    assert len(rows[0]) == 1 + len(CATEGORIES) + 1
    january = rows[1]
    assert january[0] == "2025-01"
    assert dict(zip(CATEGORIES, map(int, january[1:-1]), strict=True))["work"] == 2
    assert int(january[-1]) == 4
    assert rows[-1][1:] == [str(count) for count in [*statistics.received_in_year(2025).category_totals, 7]]

"""Figures for the ombudsperson's public annual report: how many cases were received, by month and
category, and how many stored cases are in each status. Only counts: no reference, no date finer than a
month, nothing a person wrote.

Cases received come from ReceivedCaseCount, counted when each case is filed, so a year's figures stay
complete after closed cases are deleted at the end of their retention period. Counts by status can only
cover the cases still stored."""

import csv
import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseStatus, Category, ReceivedCaseCount


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    counts: list[int]  # in the order of Category
    total: int


@dataclass(frozen=True)
class YearStatistics:
    year: int
    categories: list[tuple[str, str]]
    rows: list[MonthRow]
    category_totals: list[int]
    total: int


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def report_years() -> list[int]:
    """Years with received cases, and the current year, newest first."""
    years = {month.year for month in ReceivedCaseCount.objects.dates("month", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def received_in_year(year: int) -> YearStatistics:
    """Cases received in each month of `year`, by category (one query)."""
    counts = {
        (row["month"].month, row["category"]): row["count"]
        for row in ReceivedCaseCount.objects.filter(month__year=year).values("month", "category", "count")
    }
    categories = list(Category.choices)
    rows = []
    for number in range(1, 13):
        month_counts = [counts.get((number, value), 0) for value, _label in categories]
        rows.append(MonthRow(datetime.date(year, number, 1), month_counts, sum(month_counts)))
    category_totals = [sum(row.counts[index] for row in rows) for index in range(len(categories))]
    return YearStatistics(year, categories, rows, category_totals, sum(category_totals))


def stored_by_status() -> list[StatusCount]:
    """Cases stored now, by status (one query)."""
    counts = dict(Case.objects.order_by().values_list("status").annotate(count=Count("pk")))
    return [StatusCount(value, label, counts.get(value, 0)) for value, label in CaseStatus.choices]


def write_csv(statistics: YearStatistics, output) -> None:
    """Month × category, with totals, in the current language."""
    writer = csv.writer(output)
    writer.writerow([_("Month"), *(str(label) for _value, label in statistics.categories), _("Total")])
    for row in statistics.rows:
        writer.writerow([f"{row.month:%Y-%m}", *row.counts, row.total])
    writer.writerow([_("Total"), *statistics.category_totals, statistics.total])

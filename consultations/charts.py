"""Charts of a consultation's answers, drawn on the server as SVG (no JavaScript): the numbers, the
geometry of the bars, and a text description. Templates draw each chart beside a table of its data.

Self-description statistics follow DESIGN.md rule 1: a group of fewer than MIN_GROUP_SIZE people is
never shown on its own. Small groups are merged into one bar when together they reach the minimum,
and left out otherwise; no total is shown that would let anybody work a small group out."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from citysite.participation.threads import comment_counts

from .exports import (
    EXPORT_CHUNK_SIZE,
    Question,
    questions_of,
    sections_of,
    self_description_label,
    self_description_labels,
    self_description_questions,
)
from .models import Answer, Channel, DraftSection

MIN_GROUP_SIZE = 5
SCALE_VALUES = range(1, 6)

# Geometry, in SVG user units (the charts scale to the width available).
WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 56
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_CHARACTERS = 32
PLOT_HEIGHT = 180
AXIS_LABELS_HEIGHT = 36
TOP_MARGIN = 20
MAX_DAY_LABELS = 8
COLUMN_MARGIN = 28  # room for the first and last labels under the columns
DESCRIPTION_BARS = 12


@dataclass
class Bar:
    label: str
    value: int
    axis_label: str = ""  # a shorter label under a column, where space is scarce
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    show_label: bool = True
    # Where the bar's label and its number are written.
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0

    @property
    def short_label(self) -> str:
        return self.axis_label or Truncator(self.label).chars(LABEL_CHARACTERS)


@dataclass
class Chart:
    """A bar chart. Horizontal bars for categories; vertical columns for a series of days."""

    slug: str
    title: str
    bars: list[Bar]
    label_heading: str
    value_heading: str
    vertical: bool = False
    note: str = ""
    description: str = ""
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    baseline: float = 0
    show_values: bool = True

    def __post_init__(self):
        if self.vertical:
            self._lay_out_columns()
        else:
            self._lay_out_rows()
        if not self.description:
            self.description = self._describe()

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    @property
    def largest(self) -> int:
        return max((bar.value for bar in self.bars), default=0)

    def _lay_out_rows(self):
        plot_width = self.width - self.label_width - VALUE_WIDTH
        largest = self.largest or 1
        for position, bar in enumerate(self.bars):
            bar.x = self.label_width
            bar.y = position * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
            bar.width = round(plot_width * bar.value / largest, 1)
            bar.height = BAR_HEIGHT
            bar.label_x = self.label_width - 8
            bar.label_y = bar.value_y = bar.y + BAR_HEIGHT - 5
            bar.value_x = bar.x + bar.width + 6
        self.height = max(len(self.bars), 1) * ROW_HEIGHT

    def _lay_out_columns(self):
        self.label_width = 0
        self.baseline = TOP_MARGIN + PLOT_HEIGHT
        self.height = TOP_MARGIN + PLOT_HEIGHT + AXIS_LABELS_HEIGHT
        count = max(len(self.bars), 1)
        step = (self.width - 2 * COLUMN_MARGIN) / count
        every = -(-count // MAX_DAY_LABELS)  # ceiling division: at most MAX_DAY_LABELS labels
        largest = self.largest or 1
        for position, bar in enumerate(self.bars):
            bar.height = round(PLOT_HEIGHT * bar.value / largest, 1)
            bar.width = round(step * 0.8, 1)
            bar.x = round(COLUMN_MARGIN + position * step + step * 0.1, 1)
            bar.y = self.baseline - bar.height
            bar.show_label = position % every == 0
            bar.label_x = bar.value_x = round(bar.x + bar.width / 2, 1)
            bar.label_y = self.baseline + 16
            bar.value_y = bar.y - 4
        # Numbers above the columns only while they fit.
        self.show_values = count <= 31

    def _describe(self) -> str:
        if self.is_empty:
            return _("No data yet.")
        if self.vertical:
            busiest = max(self.bars, key=lambda bar: bar.value)
            return _(
                "%(total)s in total from %(first)s to %(last)s; the most on %(busiest)s (%(count)s)."
            ) % {
                "total": sum(bar.value for bar in self.bars),
                "first": self.bars[0].label,
                "last": self.bars[-1].label,
                "busiest": busiest.label,
                "count": busiest.value,
            }
        parts = [f"{bar.label}: {bar.value}" for bar in self.bars[:DESCRIPTION_BARS]]
        if len(self.bars) > DESCRIPTION_BARS:
            parts.append("…")
        return "; ".join(parts)


def answers_per_day(answers) -> Chart:
    rows = (
        answers.annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(total=Count("pk"))
        .order_by("day")
    )
    per_day = {row["day"]: row["total"] for row in rows}
    bars = []
    if per_day:
        day, last = min(per_day), max(per_day)
        while day <= last:
            bars.append(
                Bar(
                    date_format(day, "SHORT_DATE_FORMAT"),
                    per_day.get(day, 0),
                    axis_label=date_format(day, "j M"),
                )
            )
            day += datetime.timedelta(days=1)
    return Chart("per-day", _("Answers per day"), bars, _("Day"), _("Answers"), vertical=True)


def _count_by(answers, field_name) -> dict[str, int]:
    rows = answers.values(field_name).annotate(total=Count("pk")).order_by()
    return {row[field_name]: row["total"] for row in rows}


def answers_per_language(answers) -> Chart:
    counts = _count_by(answers, "language")
    bars = [Bar(str(name), counts.get(code, 0)) for code, name in settings.LANGUAGES]
    return Chart("per-language", _("Answers per language"), bars, _("Language"), _("Answers"))


def answers_per_channel(answers) -> Chart:
    counts = _count_by(answers, "channel")
    bars = [Bar(str(label), counts.get(value, 0)) for value, label in Channel.choices]
    return Chart("per-channel", _("Answers per channel"), bars, _("Channel"), _("Answers"))


def comments_per_section(consultation_key) -> Chart:
    sections = sections_of(consultation_key)
    counts = comment_counts(DraftSection, [section.pk for section in sections])
    bars = [Bar(section.heading, counts.get(section.pk, 0)) for section in sections]
    return Chart("per-section", _("Comments per section"), bars, _("Section"), _("Comments"))


def _values(value) -> list:
    if value is None or value == "" or value == []:
        return []
    return value if isinstance(value, list) else [value]


def _position(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def question_chart(question: Question, counts: Counter, answered: int, number: int) -> Chart:
    if question.kind == "scale":
        names = {1: question.lowest_label, 5: question.highest_label}
        bars = [
            Bar(f"{value} ({names[value]})" if names.get(value) else str(value), counts.get(value, 0))
            for value in SCALE_VALUES
        ]
        unexpected = [value for value in counts if value not in SCALE_VALUES]
    else:
        bars = [Bar(label, counts.get(position, 0)) for position, label in enumerate(question.choices)]
        unexpected = [value for value in counts if value not in range(len(question.choices))]
    bars += [Bar(question.choice_label(value), counts[value]) for value in unexpected]
    notes = [_("%(count)s people answered this question.") % {"count": answered}]
    if question.kind == "multiple_choice":
        notes.append(_("A person could choose several options."))
    scale_total = sum(value * total for value, total in counts.items() if value in SCALE_VALUES)
    scale_count = sum(total for value, total in counts.items() if value in SCALE_VALUES)
    if question.kind == "scale" and scale_count:
        notes.append(_("Average: %(average)s.") % {"average": number_format(scale_total / scale_count, 1)})
    note = " ".join(notes)
    return Chart(f"question-{number}", question.label, bars, _("Answer"), _("People"), note=note)


def protect_small_groups(counts: Counter, labels: dict) -> tuple[list[Bar], str]:
    """Bars for the groups of at least MIN_GROUP_SIZE people, the smaller ones merged or left out,
    and a note saying which."""
    bars = [
        Bar(labels.get(value, str(value)), total)
        for value, total in counts.most_common()
        if total >= MIN_GROUP_SIZE
    ]
    small = sum(total for total in counts.values() if total < MIN_GROUP_SIZE)
    note = ""
    if small >= MIN_GROUP_SIZE:
        bars.append(Bar(_("Answers in groups of fewer than %(n)s people") % {"n": MIN_GROUP_SIZE}, small))
        note = _("Answers shared by fewer than %(n)s people are counted together.") % {"n": MIN_GROUP_SIZE}
    elif small:
        note = _("Some answers are not shown: they are shared by fewer than %(n)s people.") % {
            "n": MIN_GROUP_SIZE
        }
    return bars, note


def self_description_chart(label: str, counts: Counter, labels: dict, number: int) -> Chart:
    bars, note = protect_small_groups(counts, labels)
    description = "" if bars or not counts else _("Not enough answers to show without identifying people.")
    return Chart(
        f"self-description-{number}",
        _("Self-description: %(question)s") % {"question": label},
        bars,
        _("Answer"),
        _("People"),
        note=note,
        description=description,
    )


def response_charts(answers, questions: list[Question]) -> tuple[list[Chart], list[Chart]]:
    """Charts of the choice and scale questions and of the self-description, from one pass over the
    answers' JSON (database-agnostic; rows are read in chunks so memory stays bounded)."""
    counted = [question for question in questions if question.is_counted]
    per_question = {question.id: Counter() for question in counted}
    answered = Counter()
    described = self_description_questions()
    per_description = {key: Counter() for key, _label in described}
    value_labels = {key: {} for key, _label in described}
    labels = self_description_labels()
    rows = (
        answers.order_by("pk")
        .values_list("responses", "self_description")
        .iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )
    for responses, description in rows:
        responses = responses if isinstance(responses, dict) else {}
        for question in counted:
            values = _values(responses.get(question.id))
            answered[question.id] += bool(values)
            for value in values:
                per_question[question.id][_position(value)] += 1
        description = description if isinstance(description, dict) else {}
        for key, counts in per_description.items():
            for item in _values(description.get(key)):
                # Free text (the district) is counted regardless of case and spacing, and
                # labelled as the earliest answer wrote it.
                written = " ".join(str(item).split())
                group = written.casefold()
                counts[group] += 1
                if group not in value_labels[key]:
                    value_labels[key][group] = self_description_label(key, written, labels)
    question_charts = [
        question_chart(question, per_question[question.id], answered[question.id], number)
        for number, question in enumerate(counted, start=1)
    ]
    description_charts = [
        self_description_chart(label, per_description[key], value_labels[key], number)
        for number, (key, label) in enumerate(described, start=1)
    ]
    return question_charts, description_charts


def consultation_charts(page) -> dict[str, list[Chart]]:
    answers = Answer.objects.filter(consultation_key=page.translation_key)
    question_charts, description_charts = response_charts(answers, questions_of(page))
    return {
        "overview": [
            answers_per_day(answers),
            answers_per_language(answers),
            answers_per_channel(answers),
            comments_per_section(page.translation_key),
        ],
        "questions": question_charts,
        "self_description": description_charts,
    }

"""The draft under consultation and the questionnaire, as StreamField blocks. Block ids are stable
across revisions and translations (wagtail-localize keeps them), so they identify sections and
questions in every language."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from citysite.blocks import RICH_TEXT_FEATURES, ChoiceLabelValue


class DraftSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    change_note = blocks.TextBlock(
        label=_("What changed and why"),
        required=False,
        help_text=_("For a revised version: explain the change to the people who commented."),
    )
    prompted_by = blocks.ListBlock(
        blocks.IntegerBlock(min_value=1, label=_("Comment number")),
        label=_("Comments that led to the change"),
        default=[],
    )
    report_summary = blocks.TextBlock(
        label=_("Report: what you said about this section"),
        required=False,
        help_text=_("Filled in after the close, for the published report."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Explanation"), max_length=300, required=False)
    required = blocks.BooleanBlock(label=_("Answer required"), required=False)

    class Meta:
        icon = "help"


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200), label=_("Options"), min_num=2
    )


class ScaleQuestionBlock(QuestionBlock):
    lowest_label = blocks.CharBlock(label=_("Meaning of 1"), max_length=100, required=False)
    highest_label = blocks.CharBlock(label=_("Meaning of 5"), max_length=100, required=False)


class QuestionnaireBlock(blocks.StreamBlock):
    short_text = QuestionBlock(label=_("Short text"))
    long_text = QuestionBlock(label=_("Long text"))
    single_choice = ChoiceQuestionBlock(label=_("Single choice"))
    multiple_choice = ChoiceQuestionBlock(label=_("Multiple choice"))
    scale = ScaleQuestionBlock(label=_("Scale 1-5"))


class DecisionBlock(blocks.StructBlock):
    STATUS_CHOICES = [
        ("planned", _("Planned")),
        ("in_progress", _("In progress")),
        ("done", _("Done")),
        ("not_adopted", _("Not adopted")),
    ]

    title = blocks.CharBlock(label=_("What we will do"), max_length=250)
    description = blocks.TextBlock(label=_("Description"), required=False)
    status = blocks.ChoiceBlock(label=_("Status"), choices=STATUS_CHOICES, default="planned")
    working_group = blocks.PageChooserBlock(
        label=_("Working group"), page_type="home.WorkingGroupPage", required=False
    )

    class Meta:
        icon = "tick"
        label = _("Decision")
        value_class = ChoiceLabelValue

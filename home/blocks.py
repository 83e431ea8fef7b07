"""Blocks particular to the editorial pages of this app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from citysite.blocks import ChoiceLabelValue


class ProcessStageBlock(blocks.StructBlock):
    STATE_CHOICES = [
        ("done", _("Completed")),
        ("current", _("Current stage")),
        ("upcoming", _("Upcoming")),
    ]

    title = blocks.CharBlock(label=_("Stage"), max_length=200)
    period = blocks.CharBlock(label=_("When"), max_length=100, help_text=_("For example “autumn 2024”."))
    description = blocks.TextBlock(label=_("Description"), required=False)
    state = blocks.ChoiceBlock(label=_("State"), choices=STATE_CHOICES, default="upcoming")

    class Meta:
        icon = "date"
        label = _("Process stage")


class ContactCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Link"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), max_length=100)

    class Meta:
        icon = "mail"
        label = _("Way to reach us")


class ParticipantBlock(blocks.StructBlock):
    KIND_CHOICES = [
        ("institution", _("Public institution")),
        ("organisation", _("Non-governmental organisation")),
        ("community", _("Migrant community")),
        ("expert", _("Expert")),
    ]

    name = blocks.CharBlock(label=_("Name"), max_length=250)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=KIND_CHOICES, default="institution")

    class Meta:
        icon = "group"
        label = _("Participant")
        value_class = ChoiceLabelValue


class MeetingBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    summary = blocks.TextBlock(label=_("Summary"), required=False)

    class Meta:
        icon = "date"
        label = _("Meeting")


class OutcomeBlock(blocks.StructBlock):
    STATUS_CHOICES = [
        ("proposed", _("Proposed")),
        ("discussed", _("Under discussion")),
        ("adopted", _("Adopted")),
        ("implemented", _("Implemented")),
        ("rejected", _("Not adopted")),
    ]

    title = blocks.CharBlock(label=_("Outcome or recommendation"), max_length=250)
    description = blocks.TextBlock(label=_("Description"), required=False)
    status = blocks.ChoiceBlock(label=_("Status"), choices=STATUS_CHOICES, default="proposed")

    class Meta:
        icon = "tick"
        label = _("Outcome")
        value_class = ChoiceLabelValue


class AttachedDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document")

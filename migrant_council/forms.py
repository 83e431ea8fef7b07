"""Forms of the members' space: a draft and its sections, its status, a vote, a ballot, a comment."""

import datetime
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from citysite.forms import TOO_LONG, text_field
from citysite.idempotency import SubmissionTokenMixin
from citysite.participation.models import COMMENT_MAX_LENGTH

from .models import TEXT_MAX_LENGTH, Choice, DraftStatus

MAX_SECTIONS = 50
MAX_VOTE_DAYS = 90
# A vote set to open a little in the past (the form was filled in slowly) opens now.
OPENING_GRACE = datetime.timedelta(minutes=15)

_text = partial(text_field, rows=4)


class DraftDetailsForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the draft a title."), "max_length": TOO_LONG},
    )
    summary = _text(
        _("Summary"),
        1000,
        required=False,
        rows=3,
        help_text=_("A few sentences on what the draft is about; members see it in lists and e-mails."),
    )
    change_note = _text(
        _("What changed in this version"),
        2000,
        required=False,
        rows=3,
        help_text=_("Shown to members with the new version, e.g. which comments you took into account."),
    )

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            del self.fields["change_note"]


class SectionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=36)
    heading = forms.CharField(
        label=_("Heading"),
        max_length=200,
        error_messages={"required": _("Please give the section a heading."), "max_length": TOO_LONG},
    )
    text = _text(
        _("Text"),
        TEXT_MAX_LENGTH,
        rows=8,
        required_message=_("Please write the text of the section."),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )


class BaseSectionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Position")
            form.fields["ORDER"].help_text = _("Sections are shown in the order of these numbers.")
            form.fields["ORDER"].widget.attrs["min"] = 1
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this section from the next version")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.sections():
            raise ValidationError(_("A draft needs at least one section."), code="no_sections")

    def sections(self) -> list[dict]:
        """The sections to save, in order: [{"key", "heading", "text"}]."""
        return [
            {
                "key": form.cleaned_data.get("key") or None,
                "heading": form.cleaned_data["heading"],
                "text": form.cleaned_data["text"],
            }
            for form in self.ordered_forms
            if form.cleaned_data.get("heading")
        ]


SectionFormSet = forms.formset_factory(
    SectionForm,
    formset=BaseSectionFormSet,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=MAX_SECTIONS,
    validate_max=True,
    absolute_max=MAX_SECTIONS,
)


def section_initial(version) -> list[dict]:
    return [
        {"key": section["key"], "heading": section["heading"], "text": section["text"]}
        for section in (version.sections if version else [])
    ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the new status."),
            "invalid_choice": _("The draft cannot get this status now."),
        },
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status, capfirst(DraftStatus(status).label)) for status in statuses]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class VoteForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={"required": _("Please write the question members vote on."), "max_length": TOO_LONG},
        help_text=_("Members answer it with for, against or abstain."),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"),
        required=False,
        widget=DateTimeLocalInput,
        help_text=_("Date and time (Polish time). Leave empty to open the vote now."),
        error_messages={"invalid": _("Please give a date and time, e.g. 2026-05-04 18:00.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        widget=DateTimeLocalInput,
        help_text=_("Date and time (Polish time). Votes cast after this moment are refused."),
        error_messages={
            "required": _("Please say when the vote closes."),
            "invalid": _("Please give a date and time, e.g. 2026-05-11 18:00."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        now = timezone.now()
        opens_at = cleaned.get("opens_at")
        closes_at = cleaned.get("closes_at")
        if "opens_at" in cleaned:
            if opens_at is None or now - OPENING_GRACE <= opens_at < now:
                opens_at = now
            elif opens_at < now:
                self.add_error("opens_at", _("A vote cannot open in the past."))
                return cleaned
            cleaned["opens_at"] = opens_at
        if opens_at is None or closes_at is None:
            return cleaned
        if closes_at <= opens_at:
            self.add_error("closes_at", _("The vote must close after it opens."))
        elif closes_at - opens_at > datetime.timedelta(days=MAX_VOTE_DAYS):
            self.add_error(
                "closes_at", _("A vote can be open for at most %(days)d days.") % {"days": MAX_VOTE_DAYS}
            )
        return cleaned


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
        help_text=_("Your vote is final: it cannot be changed once it is cast."),
        error_messages={
            "required": _("Please choose for, against or abstain."),
            "invalid_choice": _("Please choose for, against or abstain."),
        },
    )


class SectionCommentForm(SubmissionTokenMixin, forms.Form):
    """A new comment on one section; each section's form has its own prefix, so ids stay unique."""

    text = _text(
        _("Your comment on this section"),
        COMMENT_MAX_LENGTH,
        required_message=_("Please write something before sending."),
        help_text=_("Seen by the members of the council and the secretariat only."),
    )

    @staticmethod
    def prefix_for(section_pk) -> str:
        return f"section-{section_pk}"

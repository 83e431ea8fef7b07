"""Forms for writing a proposal and for every action on one. They validate only; what happens next is
in services.py. Every invalid input gets its own translated message."""

import html
import os
import re
from functools import partial

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from citysite.forms import TOO_LONG, WebImageField, text_field
from citysite.idempotency import TOKEN_FIELD, SubmissionTokenMixin
from citysite.participation.models import COMMENT_MAX_LENGTH, HIDE_REASON_MAX_LENGTH, Dimension
from citysite.participation.spam import STARTED_FIELD, SpamProtectedForm, started_at

from .models import (
    ANSWER_MAX_LENGTH,
    BODY_MAX_LENGTH,
    SCORE_RANGE,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ProposalArea,
    Status,
)
from .text import clean_text, plain_text

DISTRICT_MAX_LENGTH = 100
IMAGE_DESCRIPTION_MAX_LENGTH = 255  # wagtailimages.Image.description
IMAGE_COLLECTION_NAME = "Proposal images"
REPORT_REASON_MAX_LENGTH = 1000


class ActionForm(forms.Form):
    """A form shown on the proposal page and, with its errors, on a page of its own. Each kind has its
    own ids so that several can sit on one page."""

    default_auto_id = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.default_auto_id)
        super().__init__(*args, **kwargs)


_text = partial(text_field, rows=4)


# Writing a proposal


_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>")
_ONLY_PARAGRAPHS = re.compile(r"^<p>.*</p>$", re.S)


def editable_text(stored: str) -> str:
    """The stored text as the author would type it: a text written as plain text (paragraphs and line
    breaks only) goes back to plain text; anything with other formatting stays as its HTML."""
    stored = stored.strip()
    if not _ONLY_PARAGRAPHS.match(stored):
        return stored
    body = _PARAGRAPH_BREAK.sub("\n\n", stored[3:-4]).replace("<br>", "\n")
    if "<" in body or ">" in body:
        return stored
    plain = html.unescape(body)
    return stored if "<" in plain else plain


def proposal_image_collection() -> Collection:
    """The collection that holds residents' proposal images (made on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=IMAGE_COLLECTION_NAME).first()
    return existing or root.add_child(name=IMAGE_COLLECTION_NAME)


class ProposalForm(SubmissionTokenMixin, SpamProtectedForm, forms.Form):
    """A new proposal, or the author's changes to theirs."""

    spam_purpose = "proposals.proposal"

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Say in one sentence what you propose."),
        error_messages={
            "required": _("Please give your proposal a title."),
            "max_length": TOO_LONG,
        },
    )
    text = forms.CharField(
        label=_("Your proposal"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Please describe your proposal."), "max_length": TOO_LONG},
    )
    area = forms.ChoiceField(
        label=_("Area"),
        choices=ProposalArea.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the area your proposal belongs to."),
            "invalid_choice": _("Please choose one of the areas listed."),
        },
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Integration dimensions"),
        queryset=Dimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which dimensions of integration does it concern? Choose one or more."),
        error_messages={
            "required": _("Please choose at least one integration dimension."),
            "invalid_choice": _("Please choose from the dimensions listed."),
            "invalid_pk_value": _("Please choose from the dimensions listed."),
        },
    )
    district = forms.CharField(
        label=_("District"),
        required=False,
        max_length=DISTRICT_MAX_LENGTH,
        help_text=_("The part of the city it concerns, if it concerns one."),
        error_messages={"max_length": TOO_LONG},
    )
    image = WebImageField(
        label=_("Image"),
        required=False,
        help_text_template=_("Optional. A JPEG, PNG or WebP image of up to %(size)s."),
    )
    image_description = forms.CharField(
        label=_("What the image shows"),
        required=False,
        max_length=IMAGE_DESCRIPTION_MAX_LENGTH,
        help_text=_(
            "One sentence for people who cannot see the image. Leave it empty if the image only decorates."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    language = forms.ChoiceField(
        label=_("Language of your proposal"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("The language you write in. You may write in any of them."),
        error_messages={
            "required": _("Please tell us the language you write in."),
            "invalid_choice": _("Please choose one of the languages listed."),
        },
    )
    # The title the person was last shown similar proposals for: on sending, suggestions for a new
    # title are shown once before the proposal is saved.
    similar_checked = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, proposal=None, **kwargs):
        self.proposal = proposal
        initial = kwargs.setdefault("initial", {})
        if proposal is not None:
            initial.update(
                {
                    "title": proposal.title,
                    "text": editable_text(proposal.text),
                    "area": proposal.area,
                    "dimensions": list(proposal.dimensions.all()),
                    "district": proposal.district,
                    "language": proposal.language,
                    "similar_checked": proposal.title,
                    "image_description": proposal.image.description if proposal.image_id else "",
                }
            )
        else:
            initial.setdefault("language", (get_language() or settings.LANGUAGE_CODE).split("-")[0])
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "What is the problem, and what should the city do? Plain text is fine; you may also use a few "
            "HTML tags: <strong> for bold, <em> for italic, <ul>, <ol> and <li> for lists and <a> for "
            "links. Up to %(limit)s characters."
        ) % {"limit": number_format(TEXT_MAX_LENGTH, force_grouping=True)}
        self.fields["image"].use_current_language()
        # Each language's name is written in that language, so screen readers need to know which.
        self.fields["language"].choices = [
            (code, format_html('<span lang="{}">{}</span>', code, name)) for code, name in settings.LANGUAGES
        ]
        if proposal is not None and proposal.image_id:
            image = self.fields["image"]
            image.label = _("Replace the image")
            image.help_text = (
                f"{_('Your proposal has an image; choose a file only to replace it.')} {image.help_text}"
            )

    @property
    def started_value(self) -> str:
        # A form shown again with its suggestions keeps the time it was first shown.
        token = self.initial.get(STARTED_FIELD, "")
        if not self.is_bound and token and started_at(token, self.spam_purpose) is not None:
            return token
        return super().started_value

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "similar_checked"]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_text(self):
        raw = self.cleaned_data["text"]
        if not plain_text(clean_text(raw)):
            raise forms.ValidationError(_("Please describe your proposal in words."))
        return raw

    def clean_district(self):
        return self.cleaned_data["district"].strip()

    # The similar-proposals check

    def needs_similar_check(self) -> bool:
        """Whether the person has not yet been shown suggestions for the title they send."""
        title = self.cleaned_data.get("title", "")
        seen = " ".join(self.cleaned_data.get("similar_checked", "").split())
        return title.casefold() != seen.casefold()

    def mark_similar_checked(self, title: str) -> None:
        """Renders the form again with `title` as the one the suggestions were shown for."""
        data = self.data.copy()
        data[self.add_prefix("similar_checked")] = title
        self.data = data

    @classmethod
    def shown_again(cls, data, *, proposal=None, similar_checked=""):
        """The form as sent, shown again without errors (after "Check for similar proposals")."""
        initial = {name: data.get(name, "") for name in ("title", "text", "area", "district", "language")}
        initial["image_description"] = data.get("image_description", "")
        initial["dimensions"] = data.getlist("dimensions")
        initial["similar_checked"] = similar_checked
        initial[STARTED_FIELD] = data.get(STARTED_FIELD, "")
        if data.get(TOKEN_FIELD):
            initial[TOKEN_FIELD] = data[TOKEN_FIELD]
        form = cls(proposal=proposal)
        form.initial.update(initial)
        return form

    def proposal_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "area": data["area"],
            "dimensions": list(data["dimensions"]),
            "language": data["language"],
            "district": data["district"],
        }

    @transaction.atomic
    def save_image(self, user):
        """Stores a new image in Wagtail's image library (renditions resize it for the page), or updates
        the description of the current one. Returns the new image, or None."""
        upload = self.cleaned_data.get("image")
        description = self.cleaned_data.get("image_description", "")
        if not upload:
            current = self.proposal.image if self.proposal is not None and self.proposal.image_id else None
            if current is not None and current.description != description:
                current.description = description
                current.save(update_fields=["description"])
            return None
        image = get_image_model()(
            title=self.cleaned_data["title"][:255] or os.path.basename(upload.name),
            description=description,
            file=upload,
            collection=proposal_image_collection(),
            uploaded_by_user=user,
        )
        image._set_image_file_metadata()
        image.save()
        return image


# Actions on a proposal


def _score_field(label, low, high):
    choices = [
        (number, f"{number} – {low}" if number == 1 else f"{number} – {high}" if number == 5 else str(number))
        for number in SCORE_RANGE
    ]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a score from 1 to 5."),
            "invalid_choice": _("Please choose a score from 1 to 5."),
        },
    )


class PlacementForm(ActionForm):
    """A resident's own placement on the HOW-WOW-POW-NOW matrix."""

    default_auto_id = "placement_%s"

    impact = _score_field(_("Impact: how well would it solve the problem?"), _("very little"), _("very well"))
    ease = _score_field(_("Ease: how easy would it be to carry out?"), _("very hard"), _("very easy"))


class OfficialPlacementForm(PlacementForm):
    default_auto_id = "official_%s"

    placed_by = forms.CharField(
        label=_("Placed by"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("The body that placed it, e.g. the working group or the office."),
        error_messages={
            "required": _("Please name the body that placed the proposal."),
            "max_length": TOO_LONG,
        },
    )


class AnswerForm(ActionForm):
    """The city's answer: a new status, the public text that explains it and the body that gives it."""

    default_auto_id = "answer_%s"

    to_status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the new status."),
            "invalid_choice": _("This status cannot follow the current one. Please choose one listed."),
        },
    )
    answer = _text(
        _("Public answer"),
        ANSWER_MAX_LENGTH,
        _("Please write the public answer that explains the decision."),
        rows=6,
        required=False,
        help_text=_("Shown on the proposal page and sent to its author and followers."),
    )
    answering_body = forms.CharField(
        label=_("Answering body"),
        max_length=BODY_MAX_LENGTH,
        required=False,
        help_text=_("The office or body that gives the answer, e.g. “Wydział Spraw Społecznych UM Lublin”."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, allowed_statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in Status if status in set(allowed_statuses)
        ]

    def clean(self):
        cleaned_data = super().clean()
        to_status = cleaned_data.get("to_status")
        if to_status and to_status != Status.PUBLISHED:
            if not cleaned_data.get("answer", "").strip() and "answer" not in self.errors:
                self.add_error("answer", _("Please write the public answer that explains the decision."))
            if not cleaned_data.get("answering_body", "").strip() and "answering_body" not in self.errors:
                self.add_error("answering_body", _("Please name the office or body that gives the answer."))
        return cleaned_data


class ProgressForm(ActionForm):
    default_auto_id = "progress_%s"

    percent = forms.IntegerField(
        label=_("Progress (percent)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": 1}),
        error_messages={
            "required": _("Please give the progress as a number from 0 to 100."),
            "invalid": _("Please give the progress as a whole number from 0 to 100."),
            "min_value": _("Please give the progress as a number from 0 to 100."),
            "max_value": _("Please give the progress as a number from 0 to 100."),
        },
    )
    text = _text(_("What has been done"), ANSWER_MAX_LENGTH, _("Please say what has been done."))
    published_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today if left empty."),
        error_messages={"invalid": _("Please give a date such as 2026-05-31.")},
    )


class HideProposalForm(ActionForm):
    default_auto_id = "hide_%s"

    reason = forms.CharField(
        label=_("Reason shown in place of the proposal"),
        max_length=HIDE_REASON_MAX_LENGTH,
        error_messages={
            "required": _("Please give the reason; it is shown in place of the proposal."),
            "max_length": TOO_LONG,
        },
    )


class ReportProposalForm(ActionForm):
    default_auto_id = "report_%s"

    reason = _text(
        _("What is wrong with this proposal?"),
        REPORT_REASON_MAX_LENGTH,
        _("Please tell the moderators what is wrong with this proposal."),
        rows=3,
        help_text=_("Reports go to the moderators only. The author is not told who reported."),
    )


class CommentForm(SubmissionTokenMixin, ActionForm):
    default_auto_id = "new_comment_%s"

    text = _text(
        _("Your comment"),
        COMMENT_MAX_LENGTH,
        _("Please write something before sending."),
        help_text=_("Comments are public: they appear under the proposal, with your display name."),
    )

"""The public case form and status form, and the ombudsperson's forms and filters.

They render through the site's form renderer (citysite.forms), which links each input to its help text
and errors and the error summary to each input."""

import io
import re
import uuid
from pathlib import PurePath

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from PIL import Image

from citysite.forms import FILE_TOO_LARGE, TOO_LONG, FilterForm
from citysite.idempotency import SubmissionTokenMixin
from citysite.participation.spam import SpamProtectedForm

from .models import (
    CONTACT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    AuditAction,
    Case,
    CaseStatus,
    Category,
)
from .services import Upload, is_email_address

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
FILENAME_MAX_LENGTH = 150
INSTITUTION_MAX_LENGTH = 300
REFERENCE_MAX_LENGTH = 40
CODE_MAX_LENGTH = 40
PHONE_RE = re.compile(r"\+?[0-9 ]+")
PHONE_MIN_LENGTH = 7
PHONE_MAX_LENGTH = 20

# The real type of a file is read from its first bytes (and, for pictures, by Pillow); the extension must
# name the same type.
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}

CONTACT_INVALID = _(
    "Please give an e-mail address, or a phone number of 7 to 20 digits (spaces and a leading + are "
    "fine), or leave this field empty."
)
CONSENT_MISSING = _(
    "You gave a contact but did not agree to be contacted. Tick the box to let the ombudsperson contact "
    "you, or remove the contact."
)
FILE_TYPE_INVALID = _("Please attach a PDF, JPEG or PNG file. This file is not one of these types.")
FILE_EMPTY = _("This file is empty. Please choose another file or leave the field empty.")
FILE_NOT_KEPT = _(
    "For your safety a file is never kept in a form that was not sent. If you chose one, please choose it "
    "again."
)
CASE_NOT_FOUND = _(
    "We could not find a case with this reference and code. Please check both and try again: they are "
    "on the page you saw when you sent your case."
)
TOO_MANY_ATTEMPTS = _(
    "There were too many attempts with a wrong reference or code. For the safety of every case, please "
    "try again in an hour."
)


def _language_choices():
    return list(settings.LANGUAGES)


def real_type(content: bytes) -> str | None:
    """PDF, JPEG or PNG as the content shows it, or None for anything else."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif content.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    else:
        return None
    try:
        with Image.open(io.BytesIO(content)) as image:
            image_format = image.format
            image.verify()
    except Exception:  # noqa: BLE001 - any failure to read the picture means it is not a valid one
        return None
    return kind if image_format == PILLOW_FORMATS[kind] else None


class CaseForm(SpamProtectedForm):
    """What a person tells the ombudsperson. No account, no name, no citizenship; contact is optional and
    needs consent."""

    spam_purpose = "ombudsperson_case"

    category = forms.ChoiceField(
        label=_("What is your case about?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what your case is about (choose “Other” if nothing fits)."),
            "invalid_choice": _("Please choose one of the topics in the list."),
        },
    )
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Describe what happened, where and when, and what you would like the ombudsperson to do. You "
            "do not have to give your name or anyone else’s."
        ),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Please describe what happened."),
            "max_length": TOO_LONG,
        },
    )
    attachment = forms.FileField(
        label=_("A document or photo"),
        help_text=_("One PDF, JPEG or PNG file of at most 5 MB, e.g. a letter or a photo of a notice."),
        required=False,
        max_length=FILENAME_MAX_LENGTH,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={
            "empty": FILE_EMPTY,
            "invalid": FILE_TYPE_INVALID,
            "max_length": _("Please shorten the file name to %(max)d characters (it has %(length)d)."),
        },
    )
    preferred_language = forms.ChoiceField(
        label=_("In which language should the ombudsperson answer you?"),
        choices=_language_choices,
        error_messages={
            "required": _("Please choose the language of the answer."),
            "invalid_choice": _("Please choose one of the languages in the list."),
        },
    )
    contact = forms.CharField(
        label=_("E-mail address or phone number"),
        help_text=_(
            "Only if you want the ombudsperson to contact you. Without it you read the answers on the "
            "status page with your case reference and code. An e-mail only says that an answer is "
            "waiting; it never contains your case."
        ),
        required=False,
        max_length=CONTACT_MAX_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )
    contact_consent = forms.BooleanField(
        label=_("I agree that the ombudsperson contacts me about this case at this e-mail address or phone."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_token"] = forms.CharField(
            widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4()), required=False
        )
        if not self.is_bound:
            self.initial.setdefault("preferred_language", translation.get_language())

    def clean_submission_token(self):
        # Only a tampered form lacks a valid one; it then simply gets no double-submit protection.
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return uuid.uuid4()

    def clean_contact(self):
        contact = " ".join(self.cleaned_data["contact"].split())
        if not contact:
            return ""
        if "@" in contact:
            if not is_email_address(contact):
                raise ValidationError(CONTACT_INVALID, code="invalid")
            return contact
        digits = sum(character.isdigit() for character in contact)
        if (
            PHONE_RE.fullmatch(contact)
            and PHONE_MIN_LENGTH <= len(contact) <= PHONE_MAX_LENGTH
            and digits >= PHONE_MIN_LENGTH
        ):
            return contact
        raise ValidationError(CONTACT_INVALID, code="invalid")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                FILE_TOO_LARGE,
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_BYTES)},
            )
        name = PurePath(upload.name.replace("\\", "/")).name
        declared = EXTENSIONS.get(PurePath(name).suffix.lower())
        content = upload.read()
        if declared is None or real_type(content) != declared:
            raise ValidationError(FILE_TYPE_INVALID, code="file_type")
        return Upload(filename=name, content_type=declared, content=content)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("contact") and not cleaned_data.get("contact_consent"):
            self.add_error("contact_consent", ValidationError(CONSENT_MISSING, code="consent"))
        return cleaned_data

    def case_input(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "description": data["description"],
            "preferred_language": data["preferred_language"],
            "contact": data["contact"],
            "contact_consent": data["contact_consent"],
            "attachment": data["attachment"],
            "submission_token": data["submission_token"],
        }


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Case reference"),
        help_text=_("For example RM-AB12-CD34."),
        max_length=REFERENCE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Please enter your case reference."), "max_length": TOO_LONG},
    )
    code = forms.CharField(
        label=_("Secret code"),
        help_text=_("Sixteen letters and digits, for example ABCD-EFGH-JKLM-NPQR."),
        max_length=CODE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Please enter your secret code."), "max_length": TOO_LONG},
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()


# --- case handling ---------------------------------------------------------------------------------


def _text(label, required_message, rows=5, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


class StatusForm(forms.Form):
    prefix = "status"

    status = forms.ChoiceField(
        label=_("New status"),
        choices=CaseStatus.choices,
        error_messages={
            "required": _("Please choose a status."),
            "invalid_choice": _("Please choose a status."),
        },
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if case is not None and not self.is_bound:
            self.initial["status"] = case.status

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == self.case.status:
            raise ValidationError(_("The case already has this status."), code="unchanged")
        if status == CaseStatus.REFERRED and not self.case.referred_to:
            raise ValidationError(
                _("Record the institution with the referral form below; that sets this status."),
                code="no_referral",
            )
        return status


class NoteForm(forms.Form):
    prefix = "note"

    text = _text(
        _("Internal note"),
        _("Please write the note before saving it."),
        rows=4,
        help_text=_("Only the ombudsperson reads notes; the person never sees them."),
    )


class ReplyForm(SubmissionTokenMixin, forms.Form):
    prefix = "reply"

    text = _text(
        _("Reply to the person"),
        _("Please write the reply before sending it."),
        rows=6,
        help_text=_("The person reads it on their status page, with their case reference and code."),
    )


class ReferralForm(forms.Form):
    prefix = "referral"

    institution = forms.CharField(
        label=_("Institution the case was referred to"),
        help_text=_("The person sees it on their status page. Saving it sets the status “referred”."),
        max_length=INSTITUTION_MAX_LENGTH,
        error_messages={"required": _("Please name the institution."), "max_length": TOO_LONG},
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and not self.is_bound:
            self.initial["institution"] = case.referred_to


def month_choices():
    """ "YYYY-MM" of every month in which a case still stored was received, newest first (one query)."""
    months = Case.objects.datetimes(
        "created_at", "month", order="DESC", tzinfo=timezone.get_current_timezone()
    )
    return [(f"{month:%Y-%m}", date_format(month, "YEAR_MONTH_FORMAT")) for month in months]


class CaseFilter(django_filters.FilterSet):
    """Inbox filters. Only status, category and date are filterable in the database: everything a person
    wrote is encrypted, so there is no text search."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices, empty_label=_("Any"))
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=_("Any")
    )
    month = django_filters.ChoiceFilter(
        label=_("Month received"), choices=month_choices, empty_label=_("Any"), method="filter_month"
    )

    class Meta:
        model = Case
        fields = ["status", "category", "month"]
        form = FilterForm

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(created_at__year=year, created_at__month=month)


class AuditFilterForm(FilterForm):
    reference = forms.CharField(label=_("Case reference"), required=False, max_length=REFERENCE_MAX_LENGTH)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any"))] + list(AuditAction.choices)
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()


class YearForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]

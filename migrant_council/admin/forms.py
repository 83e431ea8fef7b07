"""Forms of the secretariat's pages: membership, meetings (agenda, attendance, minutes), voting rules."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from citysite.forms import WebImageField, text_field

from ..models import TEXT_MAX_LENGTH, AttendanceStatus, CouncilDraft, Majority, Role, VotingRules
from ..services import membership as membership_services

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _date(label, required_message):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        input_formats=[DATE_FORMAT],
        error_messages={"required": required_message, "invalid": _("Please enter a date like 2026-09-30.")},
    )


def _datetime(label, *, required=True, required_message=None):
    messages = {"invalid": _("Please enter a date and time like 2026-09-30 17:00.")}
    if required_message:
        messages["required"] = required_message
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        error_messages=messages,
    )


class SeatForm(forms.Form):
    """What the public page shows of a member, and their role and term."""

    name = text_field(
        _("Name shown in public"), 150, required_message=_("Please give the name shown on the public page.")
    )
    organisation = text_field(_("Organisation or community"), 200, required=False)
    languages = text_field(
        _("Languages spoken"), 200, required=False, help_text=_("For example: “ukraiński, rosyjski, polski”.")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        initial=Role.MEMBER,
        error_messages={
            "required": _("Please choose a role."),
            "invalid_choice": _("Please choose one of the roles."),
        },
    )
    term_start = _date(_("Term starts"), _("Please give the first day of the term."))
    term_end = _date(_("Term ends"), _("Please give the last day of the term."))
    photo = WebImageField(
        label=_("Photo"),
        required=False,
        help_text_template=_(
            "Optional. A JPEG, PNG or WebP image of up to %(size)s, shown on the public council page with "
            "the member's name as its text alternative."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].use_current_language()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", membership_services.TERM_ORDER)
        return cleaned


class InviteForm(SeatForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "The invitation goes to this address. It is never shown in public. If an account already has "
            "this address confirmed, it is linked at once."
        ),
        error_messages={
            "required": _("Please give the e-mail address to invite."),
            "invalid": _("Please enter an e-mail address like name@example.org."),
        },
    )
    invitation_language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Please choose one of the languages in the list.")},
    )

    field_order = ["name", "email", "organisation", "languages", "role", "term_start", "term_end", "photo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation_language"].initial = translation.get_language()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if membership_services.has_open_seat(email):
            raise forms.ValidationError(membership_services.ALREADY_INVITED, code="already_invited")
        return email


class EditSeatForm(SeatForm):
    remove_photo = forms.BooleanField(label=_("Remove the current photo"), required=False)

    def __init__(self, *args, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].label = _("New photo")
        if not has_photo:
            del self.fields["remove_photo"]


class MeetingForm(forms.Form):
    title = text_field(_("Title"), 200, required_message=_("Please give the meeting a title."))
    starts_at = _datetime(
        _("Starts"), required_message=_("Please give the date and time the meeting starts.")
    )
    ends_at = _datetime(_("Ends (optional)"), required=False)
    place = text_field(
        _("Place"), 300, required=False, help_text=_("Address and room. Shown on the public page.")
    )
    online_link = forms.URLField(
        label=_("Link to join online"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Sent to the members only; the public page only says that the meeting is also online."),
        error_messages={
            "invalid": _("Please enter a full web address, like https://meet.example.org/council.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            not (cleaned.get("place") or "").strip()
            and not cleaned.get("online_link")
            and not (self.has_error("place") or self.has_error("online_link"))
        ):
            self.add_error("place", _("Please give a place, a link to join online, or both."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return cleaned


class AgendaItemForm(forms.Form):
    item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    position = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=1,
        max_value=999,
        error_messages={
            "invalid": _("Please enter a whole number."),
            "min_value": _("Please enter a number from 1 to 999."),
            "max_value": _("Please enter a number from 1 to 999."),
        },
    )
    title = text_field(
        _("Item"), 300, required_message=_("Please describe the agenda item, or leave the whole row empty.")
    )
    draft = forms.TypedChoiceField(
        label=_("Draft discussed (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Please choose one of the drafts in the list.")},
    )

    def __init__(self, *args, draft_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].choices = [("", _("none")), *draft_choices]


def agenda_drafts():
    return CouncilDraft.objects.only("pk", "title").order_by("title", "pk")


class BaseAgendaFormSet(forms.BaseFormSet):
    """Agenda rows; the list of drafts is read once for all rows."""

    def __init__(self, *args, **kwargs):
        self.drafts = {draft.pk: draft for draft in agenda_drafts()}
        self.draft_choices = [(pk, draft.title) for pk, draft in self.drafts.items()]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "draft_choices": self.draft_choices}

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields["draft"].choices = [("", _("none")), *self.draft_choices]
        return form

    def agenda(self) -> list[dict]:
        """The items to keep, ordered by the numbers given (rows without a number keep their place)."""
        rows = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            rows.append((data.get("position") or index + 1, index, data))
        rows.sort(key=lambda row: (row[0], row[1]))
        return [
            {"pk": data.get("item_id"), "title": data["title"], "draft": self.drafts.get(data.get("draft"))}
            for _position, _index, data in rows
        ]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=3, can_delete=True, max_num=50, validate_max=True
)


class AttendanceForm(forms.Form):
    """One group of radio buttons per member whose term includes the meeting day."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {}
        choices = [("", _("not recorded")), *AttendanceStatus.choices]
        for membership, status in rows:
            name = f"member_{membership.pk}"
            self.memberships[name] = membership
            self.fields[name] = forms.ChoiceField(
                label=membership.name,
                choices=choices,
                required=False,
                initial=status,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Please choose present, absent or excused.")},
            )

    def statuses(self) -> dict[int, str]:
        return {
            membership.pk: self.cleaned_data.get(name, "") for name, membership in self.memberships.items()
        }


class MinutesForm(forms.Form):
    minutes = text_field(
        _("Minutes"),
        TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Plain text; an empty line starts a new paragraph. Published minutes are public."),
        widget=forms.Textarea(attrs={"rows": 16}),
    )


class VotingRulesForm(forms.ModelForm):
    class Meta:
        model = VotingRules
        fields = ["quorum_percent", "majority"]
        widgets = {"majority": forms.RadioSelect}
        error_messages = {
            "quorum_percent": {
                "required": _("Please give the quorum as a percentage from 1 to 100."),
                "invalid": _("Please give the quorum as a whole number from 1 to 100."),
                "min_value": _("Please give the quorum as a percentage from 1 to 100."),
                "max_value": _("Please give the quorum as a percentage from 1 to 100."),
            },
            "majority": {
                "required": _("Please choose the majority a vote needs."),
                "invalid_choice": _("Please choose one of the majorities."),
            },
        }
        help_texts = {
            "quorum_percent": _(
                "Votes opened from now on use these rules; votes already open keep the rules they "
                "opened with."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["majority"].choices = Majority.choices

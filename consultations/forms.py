"""The answer form: a comment box per draft section, the questionnaire the editors built, the optional
self-description and the consents, in one form sent once."""

import uuid
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from citysite.participation.models import COMMENT_MAX_LENGTH
from citysite.participation.spam import SpamProtectedForm

from .models import ANSWER_TEXT_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH, Channel
from .services.answering import (
    AGE_BANDS,
    CITY_CONNECTIONS,
    CODE_CHECK_UNAVAILABLE,
    CODE_TOO_MANY_ATTEMPTS,
    MIGRATION_EXPERIENCE,
    SELF_DESCRIPTION_KEYS,
    AnswerInput,
    find_code,
    normalise_code,
)

DISTRICT_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # Answer.email
SCALE = range(1, 6)
ENTRY_CHANNELS = [
    (Channel.ONLINE, _("My own answer")),
    (Channel.WORKSHOP, _("A person’s answer from a workshop")),
    (Channel.PAPER, _("A person’s answer on a paper form")),
    (Channel.PHONE, _("A person’s answer given by telephone")),
]


@dataclass
class Item:
    """One field as the template shows it, with the draft section it comments on, if any."""

    field: forms.BoundField
    heading: str = ""
    text: str = ""


@dataclass
class Part:
    """A titled part of the form; `legend` makes its fields one group (a fieldset)."""

    key: str
    title: str
    items: list
    intro: str = ""
    legend: str = ""


def _question_field(block) -> forms.Field:
    value = block.value
    common = {"label": value["label"], "help_text": value["help_text"], "required": value["required"]}
    kind = block.block_type
    if kind == "short_text":
        return forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **common)
    if kind == "long_text":
        return forms.CharField(
            max_length=ANSWER_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}), **common
        )
    if kind in ("single_choice", "multiple_choice"):
        # Options are stored by position, so answers given in every language count together.
        choices = [(index, label) for index, label in enumerate(value["choices"])]
        if kind == "single_choice":
            return forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
            )
        return forms.TypedMultipleChoiceField(
            choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "scale":
        ends = {1: value["lowest_label"], 5: value["highest_label"]}
        choices = [
            (number, f"{number} – {ends[number]}" if ends.get(number) else str(number)) for number in SCALE
        ]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
        )
    raise ValueError(f"unknown question type {kind}")


class AnswerForm(SpamProtectedForm):
    spam_purpose = "consultations.answer"

    def __init__(
        self,
        *args,
        page,
        user,
        offline_entry=False,
        show_code=False,
        code_required=False,
        code_attempts_used_up=False,
        code_check_unavailable=False,
        comments_with_replies=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.page = page
        self.comments_with_replies = set(comments_with_replies)
        self.participation_code = None
        # Too many wrong codes were tried (answering.code_attempts_used_up): no code is looked up.
        self.code_attempts_used_up = code_attempts_used_up
        # Wrong codes cannot be counted now (citysite.cache.cache_is_healthy): no code is looked up.
        self.code_check_unavailable = code_check_unavailable
        # Whether the code given did not work, so the view counts it as an attempt.
        self.wrong_code = False
        self.fields["submission_token"] = forms.UUIDField(
            widget=forms.HiddenInput, initial=uuid.uuid4, required=False
        )

        self._offline_names = []
        if offline_entry:
            self._add(
                self._offline_names,
                "entry_channel",
                forms.ChoiceField(
                    label=_("Whose answer is this?"),
                    choices=ENTRY_CHANNELS,
                    initial=Channel.ONLINE,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=_(
                        "An answer gathered at a workshop, on paper or by telephone is saved as a new "
                        "anonymous answer, with you as the person who entered it."
                    ),
                ),
            )
            self._add(
                self._offline_names,
                "email",
                forms.EmailField(
                    max_length=EMAIL_MAX_LENGTH,
                    label=_("The person’s e-mail address for a receipt"),
                    required=False,
                    help_text=_("Only if they want a receipt. It is never published."),
                ),
            )

        self._section_names = []
        for block in page.sections:
            self._add(
                self._section_names,
                f"comment_{block.id}",
                forms.CharField(
                    label=_("Your comment on “%(heading)s”") % {"heading": block.value["heading"]},
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                ),
            )

        self._question_names = []
        for block in page.questions:
            self._add(self._question_names, f"question_{block.id}", _question_field(block))

        self._self_names = []
        if page.ask_self_description:
            for name, field in (
                (
                    "connection",
                    forms.MultipleChoiceField(
                        label=_("What connects you with Lublin?"),
                        choices=CITY_CONNECTIONS,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                        help_text=_("Choose all that apply."),
                    ),
                ),
                (
                    "district",
                    forms.CharField(
                        label=_("District"),
                        required=False,
                        max_length=DISTRICT_MAX_LENGTH,
                        help_text=_("The part of the city you live or spend most time in."),
                    ),
                ),
                (
                    "age_band",
                    forms.ChoiceField(
                        label=_("Age"), choices=AGE_BANDS, required=False, widget=forms.RadioSelect
                    ),
                ),
                (
                    "migration",
                    forms.ChoiceField(
                        label=_("Do you have experience of migration?"),
                        choices=MIGRATION_EXPERIENCE,
                        required=False,
                        widget=forms.RadioSelect,
                        help_text=_("For example, you or your parents moved to Poland from another country."),
                    ),
                ),
                (
                    "self_description_consent",
                    forms.BooleanField(
                        label=_("I agree that this information is used, in statistics only."),
                        required=False,
                        help_text=_("Without this consent we keep none of the answers in this part."),
                    ),
                ),
            ):
                self._add(self._self_names, name, field)

        self._sending_names = []
        if page.publish_comments:
            self._add(
                self._sending_names,
                "consent_to_publish",
                forms.BooleanField(
                    label=_("Show my comments on the draft publicly"),
                    required=False,
                    help_text=_("They appear under their section with your display name, or as “anonymous”.")
                    if user.is_authenticated
                    else _("They appear under their section as “anonymous”."),
                ),
            )
        self._add(
            self._sending_names,
            "consent",
            forms.BooleanField(
                label=_("I agree to the terms above"),
                error_messages={"required": _("To send your answer, please agree to the terms.")},
            ),
        )
        if not user.is_authenticated:
            self._add(
                self._sending_names,
                "email",
                forms.EmailField(
                    max_length=EMAIL_MAX_LENGTH,
                    label=_("E-mail address for a receipt"),
                    required=False,
                    help_text=_("We send you a receipt and do not use the address for anything else."),
                ),
            )
        if show_code:
            self._add(
                self._sending_names,
                "participation_code",
                forms.CharField(
                    label=_("Participation code"),
                    required=code_required,
                    max_length=20,
                    help_text=_("If you received a code at a workshop, enter it here. Each code works once."),
                    error_messages={
                        "required": _("This consultation needs an account or a participation code.")
                    },
                ),
            )

    def _add(self, names, name, field):
        if isinstance(field.widget, forms.Textarea):
            # Said in the help text, so screen readers announce the limit with the field.
            limit = _("Up to %(limit)s characters.") % {"limit": field.max_length}
            field.help_text = f"{field.help_text} {limit}".strip()
        self.fields[name] = field
        names.append(name)

    # Layout for the template and the error summary

    def parts(self) -> list[Part]:
        parts = []
        if self._offline_names:
            parts.append(
                Part(
                    "offline",
                    _("Entering an answer for someone"),
                    [Item(self[name]) for name in self._offline_names],
                )
            )
        if self._section_names:
            parts.append(
                Part(
                    "draft",
                    _("Comments on the draft"),
                    [
                        Item(self[name], heading=block.value["heading"], text=block.value["text"])
                        for name, block in zip(self._section_names, self.page.sections, strict=True)
                    ],
                    intro=_(
                        "Comment on any section you wish; every comment is optional. Open a section to "
                        "read it while you write."
                    ),
                )
            )
        if self._question_names:
            parts.append(
                Part("questions", _("Questions"), [Item(self[name]) for name in self._question_names])
            )
        if self._self_names:
            parts.append(
                Part(
                    "about_you",
                    _("About you (optional)"),
                    [Item(self[name]) for name in self._self_names],
                    intro=_(
                        "These questions help us see whether the consultation reaches everyone in Lublin. "
                        "Every question is optional. We use the answers only in statistics and show numbers "
                        "only for groups of at least 5 people."
                    ),
                    legend=_("About you"),
                )
            )
        parts.append(
            Part("sending", _("Sending your answer"), [Item(self[name]) for name in self._sending_names])
        )
        return parts

    # Validation

    def clean_submission_token(self):
        # Only a tampered form lacks one; it then simply gets no double-submit protection.
        return self.cleaned_data["submission_token"] or uuid.uuid4()

    def clean_participation_code(self):
        text = self.cleaned_data["participation_code"]
        if not normalise_code(text):
            return ""
        if self.code_check_unavailable:
            raise forms.ValidationError(CODE_CHECK_UNAVAILABLE, code="check_unavailable")
        if self.code_attempts_used_up:
            raise forms.ValidationError(CODE_TOO_MANY_ATTEMPTS, code="too_many_attempts")
        self.participation_code, error = find_code(self.page, text)
        if error:
            self.wrong_code = True
            raise forms.ValidationError(error)
        return self.participation_code.code

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("entry_channel"):
            cleaned_data["entry_channel"] = Channel.ONLINE
        if cleaned_data["entry_channel"] == Channel.ONLINE:
            for name in self._section_names:
                if name.removeprefix("comment_") in self.comments_with_replies and not cleaned_data.get(name):
                    self.add_error(
                        name,
                        _("Other people have replied to this comment, so it stays. You can change its text."),
                    )
        return cleaned_data

    def answer_input(self) -> AnswerInput:
        data = self.cleaned_data
        responses = {}
        for name in self._question_names:
            value = data.get(name)
            if value not in (None, "", []):
                responses[name.removeprefix("question_")] = value
        self_description = {}
        if data.get("self_description_consent"):
            self_description = {key: data[key] for key in SELF_DESCRIPTION_KEYS if data.get(key)}
        return AnswerInput(
            responses=responses,
            comments={name.removeprefix("comment_"): data.get(name, "") for name in self._section_names},
            self_description=self_description,
            consent_to_publish=bool(data.get("consent_to_publish")),
            email=data.get("email", ""),
            participation_code=self.participation_code,
            channel=data["entry_channel"],
        )

    @staticmethod
    def initial_from(answer, comments) -> dict:
        """Form values showing a person their earlier answer, to change it."""
        initial = {f"question_{key}": value for key, value in answer.responses.items()}
        initial.update({f"comment_{section_id}": comment.text for section_id, comment in comments.items()})
        initial.update(answer.self_description)
        initial["self_description_consent"] = bool(answer.self_description)
        initial["consent_to_publish"] = answer.consent_to_publish
        initial["consent"] = True
        return initial

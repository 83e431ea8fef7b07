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


class AnswerFieldsBuilder:
    """Makes the answer form's fields, part by part, for one consultation page and one person. Each
    question type the editors can put in a questionnaire has its own method, `create_<type>_field`, as
    in Wagtail's form builder (wagtail.contrib.forms.forms.FormBuilder)."""

    def __init__(self, page, user, *, offline_entry=False, show_code=False, code_required=False):
        self.page = page
        self.user = user
        self.offline_entry = offline_entry
        self.show_code = show_code
        self.code_required = code_required

    def offline_entry_fields(self) -> dict[str, forms.Field]:
        """For staff who enter someone else's answer."""
        if not self.offline_entry:
            return {}
        return {
            "entry_channel": forms.ChoiceField(
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
            "email": forms.EmailField(
                max_length=EMAIL_MAX_LENGTH,
                label=_("The person’s e-mail address for a receipt"),
                required=False,
                help_text=_("Only if they want a receipt. It is never published."),
            ),
        }

    def section_fields(self) -> dict[str, forms.Field]:
        """A comment box per draft section."""
        return {
            f"comment_{block.id}": forms.CharField(
                label=_("Your comment on “%(heading)s”") % {"heading": block.value["heading"]},
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            for block in self.page.sections
        }

    def question_fields(self) -> dict[str, forms.Field]:
        """A field per question of the questionnaire."""
        return {f"question_{block.id}": self.question_field(block) for block in self.page.questions}

    def question_field(self, block) -> forms.Field:
        create = getattr(self, f"create_{block.block_type}_field", None)
        if create is None:
            raise ValueError(f"unknown question type {block.block_type}")
        value = block.value
        options = {"label": value["label"], "help_text": value["help_text"], "required": value["required"]}
        return create(value, options)

    def create_short_text_field(self, value, options) -> forms.Field:
        return forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **options)

    def create_long_text_field(self, value, options) -> forms.Field:
        return forms.CharField(
            max_length=ANSWER_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}), **options
        )

    # Options are stored by position, so answers given in every language count together.

    def create_single_choice_field(self, value, options) -> forms.Field:
        return forms.TypedChoiceField(
            choices=list(enumerate(value["choices"])),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **options,
        )

    def create_multiple_choice_field(self, value, options) -> forms.Field:
        return forms.TypedMultipleChoiceField(
            choices=list(enumerate(value["choices"])),
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **options,
        )

    def create_scale_field(self, value, options) -> forms.Field:
        ends = {1: value["lowest_label"], 5: value["highest_label"]}
        choices = [
            (number, f"{number} – {ends[number]}" if ends.get(number) else str(number)) for number in SCALE
        ]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **options
        )

    def self_description_fields(self) -> dict[str, forms.Field]:
        """The optional self-description (DESIGN rule 1), when the consultation asks for it."""
        if not self.page.ask_self_description:
            return {}
        return {
            "connection": forms.MultipleChoiceField(
                label=_("What connects you with Lublin?"),
                choices=CITY_CONNECTIONS,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose all that apply."),
            ),
            "district": forms.CharField(
                label=_("District"),
                required=False,
                max_length=DISTRICT_MAX_LENGTH,
                help_text=_("The part of the city you live or spend most time in."),
            ),
            "age_band": forms.ChoiceField(
                label=_("Age"), choices=AGE_BANDS, required=False, widget=forms.RadioSelect
            ),
            "migration": forms.ChoiceField(
                label=_("Do you have experience of migration?"),
                choices=MIGRATION_EXPERIENCE,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("For example, you or your parents moved to Poland from another country."),
            ),
            "self_description_consent": forms.BooleanField(
                label=_("I agree that this information is used, in statistics only."),
                required=False,
                help_text=_("Without this consent we keep none of the answers in this part."),
            ),
        }

    def sending_fields(self) -> dict[str, forms.Field]:
        """The consents, and for people without an account a receipt address and a participation code."""
        fields = {}
        if self.page.publish_comments:
            fields["consent_to_publish"] = forms.BooleanField(
                label=_("Show my comments on the draft publicly"),
                required=False,
                help_text=_("They appear under their section with your display name, or as “anonymous”.")
                if self.user.is_authenticated
                else _("They appear under their section as “anonymous”."),
            )
        fields["consent"] = forms.BooleanField(
            label=_("I agree to the terms above"),
            error_messages={"required": _("To send your answer, please agree to the terms.")},
        )
        if not self.user.is_authenticated:
            fields["email"] = forms.EmailField(
                max_length=EMAIL_MAX_LENGTH,
                label=_("E-mail address for a receipt"),
                required=False,
                help_text=_("We send you a receipt and do not use the address for anything else."),
            )
        if self.show_code:
            fields["participation_code"] = forms.CharField(
                label=_("Participation code"),
                required=self.code_required,
                max_length=20,
                help_text=_("If you received a code at a workshop, enter it here. Each code works once."),
                error_messages={"required": _("This consultation needs an account or a participation code.")},
            )
        return fields


class AnswerForm(SpamProtectedForm):
    spam_purpose = "consultations.answer"
    builder_class = AnswerFieldsBuilder

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
        builder = self.builder_class(
            page, user, offline_entry=offline_entry, show_code=show_code, code_required=code_required
        )
        # The names of each part's fields, in order, for the layout (parts()) and for answer_input().
        self._offline_names = self._add(builder.offline_entry_fields())
        self._section_names = self._add(builder.section_fields())
        self._question_names = self._add(builder.question_fields())
        self._self_names = self._add(builder.self_description_fields())
        self._sending_names = self._add(builder.sending_fields())

    def _add(self, fields: dict[str, forms.Field]) -> list[str]:
        for field in fields.values():
            if isinstance(field.widget, forms.Textarea):
                # Said in the help text, so screen readers announce the limit with the field.
                limit = _("Up to %(limit)s characters.") % {"limit": field.max_length}
                field.help_text = f"{field.help_text} {limit}".strip()
        self.fields.update(fields)
        return list(fields)

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

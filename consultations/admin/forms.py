"""The forms of the consultation admin screens: an analyst's labels, the export's choices and a new
batch of participation codes."""

import uuid

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.forms import TagField

from citysite.idempotency import SubmissionTokenMixin
from citysite.participation.models import AnalysisTag, Dimension

from ..models import ParticipationCode, ParticipationCodeBatch, new_participation_code
from .common import consultations_by_key

TAG_MAX_LENGTH = AnalysisTag._meta.get_field("name").max_length
CODES_PER_BATCH_MAX = 500


class TaggingForm(forms.Form):
    """An analyst's labels on an answer or a section comment."""

    dimensions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Integration dimensions"),
        queryset=Dimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # A plain text field rather than Wagtail's tag widget, whose script adds an input without a label.
    tags = TagField(
        label=gettext_lazy("Tags"),
        help_text=gettext_lazy("Separate tags with commas, e.g.: housing, language courses"),
        required=False,
    )
    quoted_in_report = forms.BooleanField(label=gettext_lazy("Quote in the report"), required=False)

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        initial = {
            "dimensions": [dimension.pk for dimension in instance.dimensions.all()],
            "tags": list(instance.tags.all()),
            "quoted_in_report": instance.quoted_in_report,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            raise forms.ValidationError(
                _("A tag can be at most %(length)s characters long.") % {"length": TAG_MAX_LENGTH}
            )
        return tags

    def save(self):
        instance = self.instance
        instance.quoted_in_report = self.cleaned_data["quoted_in_report"]
        # Only the label changes: the answer's "last changed" time is the respondent's.
        type(instance).objects.filter(pk=instance.pk).update(quoted_in_report=instance.quoted_in_report)
        instance.dimensions.set(self.cleaned_data["dimensions"])
        instance.tags.set(self.cleaned_data["tags"])


class ExportForm(forms.Form):
    FORMATS = [("csv", gettext_lazy("CSV (comma-separated text)")), ("xlsx", gettext_lazy("Excel (XLSX)"))]

    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=FORMATS, initial="csv", widget=forms.RadioSelect
    )
    include_personal_data = forms.BooleanField(
        label=gettext_lazy("Include personal data (e-mail address, account number)"),
        help_text=gettext_lazy("Only when you need it. The export is then recorded in the audit log."),
        required=False,
    )


class CodeBatchForm(SubmissionTokenMixin, forms.Form):
    consultation = forms.TypedChoiceField(label=gettext_lazy("Consultation"), coerce=uuid.UUID)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation handing out the codes"),
        max_length=ParticipationCodeBatch._meta.get_field("organisation").max_length,
        help_text=gettext_lazy("Answers given with these codes show this name. Nobody's name is recorded."),
    )
    count = forms.IntegerField(
        label=gettext_lazy("Number of codes"), min_value=1, max_value=CODES_PER_BATCH_MAX, initial=20
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        self.fields["consultation"].choices = [
            (key, page.title)
            for key, page in sorted(consultations_by_key().items(), key=lambda item: item[1].title)
            if page.closes_at > now
        ]
        self.fields["consultation"].error_messages["invalid_choice"] = _(
            "Choose a consultation that has not closed yet."
        )

    @transaction.atomic
    def save(self, user) -> ParticipationCodeBatch:
        batch = ParticipationCodeBatch.objects.create(
            consultation_key=self.cleaned_data["consultation"],
            organisation=self.cleaned_data["organisation"],
            created_by=user,
        )
        ParticipationCode.objects.bulk_create(
            ParticipationCode(batch=batch, code=code) for code in unused_codes(self.cleaned_data["count"])
        )
        return batch


def unused_codes(count: int) -> set[str]:
    """`count` new codes that no existing code already has."""
    codes = set()
    while len(codes) < count:
        candidates = {new_participation_code() for _ in range(count - len(codes))} - codes
        taken = set(ParticipationCode.objects.filter(code__in=candidates).values_list("code", flat=True))
        codes |= candidates - taken
    return codes

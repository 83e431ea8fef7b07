"""The forms of the proposals admin: hiding and publishing from the moderation tabs, and naming who
speaks for a working group."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from citysite.forms import TOO_LONG
from home.models import WorkingGroupPage

from ..models import ANSWER_MAX_LENGTH, BODY_MAX_LENGTH, Proposal, WorkingGroupMember


class ModerationHideForm(forms.Form):
    """Hiding a proposal from the moderation tabs (the proposal page has its own, forms.HideProposalForm)."""

    reason = forms.CharField(
        label=gettext_lazy("Reason shown in place of the proposal"),
        max_length=Proposal._meta.get_field("hidden_reason").max_length,
        error_messages={
            "required": gettext_lazy("Please give the reason; it is shown in place of the proposal."),
            "max_length": TOO_LONG,
        },
    )


class PublishForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Public note (optional)"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )
    answering_body = forms.CharField(
        label=gettext_lazy("On behalf of (optional)"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )


class WorkingGroupMemberForm(WagtailAdminModelForm):
    """A person is named by the e-mail address of their account: a list of every account would not fit
    in a select."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail address of the person"),
        help_text=gettext_lazy("The address they use to log in; they must have an account already."),
        error_messages={"required": gettext_lazy("Please give the e-mail address of the person.")},
    )

    class Meta:
        model = WorkingGroupMember
        fields = ["working_group"]
        error_messages = {"working_group": {"required": gettext_lazy("Please choose the working group.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = WorkingGroupPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("title")
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
        # The e-mail field first: the form reads "who, for which group".
        self.order_fields(["email", "working_group"])

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if self.person is None:
            raise ValidationError(
                _("No account uses this e-mail address. The person must sign up on the site first.")
            )
        return email

    def clean(self):
        cleaned_data = super().clean()
        group, person = cleaned_data.get("working_group"), getattr(self, "person", None)
        if group is not None and person is not None:
            if (
                WorkingGroupMember.objects.filter(
                    working_group__translation_key=group.translation_key, user=person
                )
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("email", _("This person already speaks for this working group."))
            else:
                self.instance.user = person
        return cleaned_data

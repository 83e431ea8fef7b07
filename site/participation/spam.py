"""Spam protection for public forms without an image CAPTCHA: a honeypot field, a signed minimum
fill time and a per-address rate limit. Shared by every form anonymous people can send.

None of it may stand in the way of a person: the honeypot is hidden from sight, from screen readers
and from the keyboard; the timing check only rejects submissions faster than anyone can fill in a
form, never slow ones; and a rejected form keeps everything the person typed."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
DEFAULT_MIN_FILL_SECONDS = 3

HONEYPOT_MESSAGE = _(
    "We did not save this form because a field that people cannot see was filled in, as automated "
    "programs do. If you filled in the form yourself, please send it again."
)
TOO_FAST_MESSAGE = _(
    "We did not save this form because it was sent faster than a person can fill it in. Please check "
    "it and send it again."
)
RATE_LIMIT_MESSAGE = _(
    "We did not save this form because many forms were sent from your internet connection in a short "
    "time. Please try again in an hour. Your answers are still in the form below."
)


def min_fill_seconds() -> float:
    return getattr(settings, "SPAM_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS)


def _salt(purpose: str) -> str:
    return f"citysite.participation.spam.started.{purpose}"


def started_token(purpose: str, at: float | None = None) -> str:
    """A signed record of when a form was shown, so its sender cannot fake an earlier time."""
    return signing.dumps(time.time() if at is None else at, salt=_salt(purpose))


def started_at(token: str, purpose: str) -> float | None:
    """When the form carrying this token was shown, or None if the token is missing or forged."""
    try:
        value = signing.loads(token, salt=_salt(purpose))
    except signing.BadSignature:
        return None
    return float(value) if isinstance(value, int | float) else None


class SpamProtectedForm(forms.Form):
    """A form with a honeypot and a signed start time. Render `{{ form.spam_fields }}` inside the
    <form>; the two fields are kept out of the form's normal field loop (`visible_fields`)."""

    spam_purpose = "form"
    spam_field_names = (HONEYPOT_FIELD, STARTED_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(required=False)
        self.fields[STARTED_FIELD] = forms.CharField(required=False)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name not in self.spam_field_names]

    @property
    def started_value(self) -> str:
        """The start time to render: the one first shown to this person (so correcting an error does
        not restart the clock), or now when there is none yet or it was forged."""
        if self.is_bound:
            submitted = self.data.get(self.add_prefix(STARTED_FIELD), "")
            if started_at(submitted, self.spam_purpose) is not None:
                return submitted
        return started_token(self.spam_purpose)

    @property
    def spam_fields(self):
        # The honeypot is always rendered empty, so a person whose browser filled it in by mistake
        # can simply send the form again.
        return format_html(
            '<div class="hp-field" aria-hidden="true">'
            '<label for="{id}">{label}</label>'
            '<input type="text" name="{name}" id="{id}" value="" tabindex="-1" autocomplete="off">'
            "</div>"
            '<input type="hidden" name="{started_name}" value="{started}">',
            id=f"id_{self.add_prefix(HONEYPOT_FIELD)}",
            name=self.add_prefix(HONEYPOT_FIELD),
            label=_("Leave this field empty"),
            started_name=self.add_prefix(STARTED_FIELD),
            started=self.started_value,
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.add_error(None, forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot"))
        shown_at = started_at(cleaned_data.get(STARTED_FIELD) or "", self.spam_purpose)
        # A missing or forged start time counts as "too fast": the re-rendered form carries a fresh
        # one, so a person only has to send it again.
        if shown_at is None or time.time() - shown_at < min_fill_seconds():
            self.add_error(None, forms.ValidationError(TOO_FAST_MESSAGE, code="too_fast"))
        return cleaned_data


def rate_limit_exceeded(request, group: str, rate: str) -> bool:
    """Counts this request against its internet address's allowance (django-ratelimit, in the
    shared cache) and tells whether the allowance is used up. Call it only for submissions that
    would be saved, so that correcting mistakes in a form never counts."""
    return is_ratelimited(
        request, group=group, key="ip", rate=rate, method=is_ratelimited.ALL, increment=True
    )

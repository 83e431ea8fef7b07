"""One submission, one record: a double-clicked or resent form acts once, also when both requests
arrive at the same moment.

Every form that creates something carries a hidden `submission_token` (a random UUID made when the
form is shown and sent back with it). The create runs inside `create_once`, which first claims the
token by inserting a `citysite.SubmissionKey` row under a unique constraint, then creates the record
in the same transaction. On PostgreSQL a concurrent duplicate's INSERT waits on the unique index until
the first transaction ends: if it committed, the duplicate gets IntegrityError and is answered with
the first request's record; if it rolled back (a validation error, a refusal), the duplicate goes on
as if it were first. Nothing is checked first and inserted later, so there is no race window.

Why one shared table rather than a `submission_token` column on each model:
- some submissions create no row at all (a message to the council is only e-mailed), and the guarantee
  must hold for them too;
- one index and one migration serve every create, without adding columns to models that are not
  about forms (comments made by services, encrypted case entries);
- the key points at what it created (a generic relation), so a duplicate finds it in one query.

Consultation answers (`Answer.submission_token`) and ombudsperson cases (`CaseSubmission`) had such
tokens before this module and keep them: they hold under concurrency already, and moving them would
need data migrations for no gain.

E-mails a create causes must leave with `transaction.on_commit`, so a submission that rolls back (for
whatever reason) sends nothing."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, models, transaction

from .models import SubmissionKey

TOKEN_FIELD = "submission_token"  # noqa: S105 (the name of a form field, not a secret)


def parse_token(value) -> uuid.UUID | None:
    """The token as a UUID, or None when it is missing or not a UUID."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class SubmissionTokenMixin:
    """Adds the hidden `submission_token` to a form: a new one each time the form is shown, the same
    one when a form with errors is shown again (so correcting and resending is still one submission).
    Templates that render a form's hidden fields render it; others render `{{ form.submission_token }}`.

    A token that is missing or not a UUID (only a tampered or very old form lacks a valid one) is
    replaced by a new one: that submission goes through, without double-submit protection, rather than
    being refused for a field the person cannot see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4()), required=False
        )

    def clean_submission_token(self) -> uuid.UUID:
        return parse_token(self.cleaned_data[TOKEN_FIELD]) or uuid.uuid4()


@dataclass(frozen=True)
class Outcome:
    """What a submission led to: the record (made by this request, or by the first request with the same
    token; None when the create makes no record, or the record was deleted since) and whether this
    request made it."""

    record: Any
    created: bool


def create_once(token: uuid.UUID, purpose: str, create: Callable[[], Any]) -> Outcome:
    """Runs `create()` once per token and purpose. `create` runs in the same transaction as the claim of
    the token; whatever it raises rolls both back and reaches the caller, so the token stays free for
    the person's next attempt. If `create` returns a model instance, a later duplicate gets it back."""
    try:
        with transaction.atomic():
            claim = SubmissionKey.objects.create(key=token, purpose=purpose)
            record = create()
            if isinstance(record, models.Model):
                claim.target = record
                claim.save(update_fields=["content_type", "object_id"])
    except IntegrityError:
        # Either the token was claimed by a request that committed first, or `create` broke some other
        # constraint; only the first is a duplicate.
        earlier = claimed(token, purpose)
        if earlier is None:
            raise
        return Outcome(record=earlier.target, created=False)
    return Outcome(record=record, created=True)


def claimed(token, purpose: str) -> SubmissionKey | None:
    """The committed claim of this token for this purpose, or None: lets a view answer a resent form
    before doing work that would refuse it (a duplicate would otherwise meet the record it created)."""
    token = parse_token(token)
    if token is None:
        return None
    return SubmissionKey.objects.filter(key=token, purpose=purpose).first()

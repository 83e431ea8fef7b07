from django import forms
from django.utils.translation import gettext_lazy as _

from citysite.forms import TOO_LONG

from .models import COMMENT_MAX_LENGTH, HIDE_REASON_MAX_LENGTH

REPORT_REASON_MAX_LENGTH = 1000
OFFICIAL_BODY_MAX_LENGTH = 200


def _text_field(label, max_length, *, required_message, rows=4):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": TOO_LONG,
        },
    )


class CommentTextForm(forms.Form):
    """A reply, or the corrected text of one's own comment."""

    text = _text_field(
        _("Your reply"), COMMENT_MAX_LENGTH, required_message=_("Please write something before sending.")
    )


class EditCommentForm(CommentTextForm):
    text = _text_field(
        _("Your comment"), COMMENT_MAX_LENGTH, required_message=_("A comment cannot be empty.")
    )


class OfficialReplyForm(CommentTextForm):
    text = _text_field(
        _("Official reply"), COMMENT_MAX_LENGTH, required_message=_("Please write the reply before sending.")
    )
    official_body = forms.CharField(
        label=_("Answering on behalf of"),
        max_length=OFFICIAL_BODY_MAX_LENGTH,
        help_text=_("The office or body giving the reply, e.g. “Wydział Spraw Społecznych UM Lublin”."),
        error_messages={
            "required": _("Please name the office or body giving the reply."),
            "max_length": TOO_LONG,
        },
    )


class ReportForm(forms.Form):
    reason = _text_field(
        _("What is wrong with this comment?"),
        REPORT_REASON_MAX_LENGTH,
        required_message=_("Please tell the moderators what is wrong with this comment."),
        rows=3,
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown in place of the comment"),
        max_length=HIDE_REASON_MAX_LENGTH,
        error_messages={
            "required": _("Please give the reason; it is shown in place of the comment."),
            "max_length": TOO_LONG,
        },
    )

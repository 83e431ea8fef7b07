from django import forms
from django.utils.translation import gettext_lazy as _

from citysite.forms import TOO_LONG, text_field

from .models import COMMENT_MAX_LENGTH, HIDE_REASON_MAX_LENGTH

REPORT_REASON_MAX_LENGTH = 1000
OFFICIAL_BODY_MAX_LENGTH = 200


class CommentTextForm(forms.Form):
    """A reply, or the corrected text of one's own comment."""

    text = text_field(
        _("Your reply"),
        COMMENT_MAX_LENGTH,
        required_message=_("Please write something before sending."),
        rows=4,
    )


class EditCommentForm(CommentTextForm):
    text = text_field(
        _("Your comment"), COMMENT_MAX_LENGTH, required_message=_("A comment cannot be empty."), rows=4
    )


class OfficialReplyForm(CommentTextForm):
    text = text_field(
        _("Official reply"),
        COMMENT_MAX_LENGTH,
        required_message=_("Please write the reply before sending."),
        rows=4,
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
    reason = text_field(
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

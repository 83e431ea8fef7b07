"""A member's new comment on a section of a draft in discussion; replies go through the shared comment
views. A refused comment is shown again under its section of the draft's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from citysite import idempotency
from citysite.forms import TOO_MANY
from citysite.idempotency import TOKEN_FIELD
from citysite.participation import services as comment_services

from ..forms import SectionCommentForm
from ..models import CouncilDraftSection
from ..services import drafts, voting
from .drafts import draft_page
from .space import draft_url, space_view

COMMENT_RATE = "20/10m"
# What a section comment form's submission token is claimed for (citysite.idempotency).
COMMENT_PURPOSE = "migrant_council.section_comment"


def _post(request, section, form):
    """The comment, posted once however often the form is sent (None: it was deleted since)."""
    return idempotency.create_once(
        form.cleaned_data[TOKEN_FIELD],
        COMMENT_PURPOSE,
        lambda: comment_services.post_comment(
            request.user, section, form.cleaned_data["text"], get_language()
        )[0],
    ).record


@space_view("take_part")
@require_POST
def section_comment(request, pk):
    section = get_object_or_404(CouncilDraftSection.objects.select_related("draft"), pk=pk)
    draft = section.draft
    if voting.record_due_results(draft=draft):
        draft.refresh_from_db()
    form = SectionCommentForm(request.POST, prefix=SectionCommentForm.prefix_for(section.pk))

    def refused(status):
        return draft_page(request, draft.pk, failed_form=form, failed_section=section.pk, status=status)

    if draft.status not in drafts.COMMENTABLE_STATUSES:
        form.is_valid()
        form.add_error(None, _("Comments are closed: the draft is not in discussion."))
        return refused(400)
    if not form.is_valid():
        return refused(400)
    if is_ratelimited(
        request, group="migrant_council.comment", key="user", rate=COMMENT_RATE, increment=True
    ):
        form.add_error(None, TOO_MANY)
        return refused(429)
    try:
        comment = _post(request, section, form)
    except PermissionDenied:
        form.add_error(None, _("Please confirm your e-mail address first; then you can comment."))
        return refused(400)
    except ValidationError as error:
        form.add_error(None, error)
        return refused(400)
    messages.success(request, _("Thank you. Your comment is added to the discussion."))
    # A comment deleted before its double arrived: back to the section's discussion.
    anchor = f"comment-{comment.pk}" if comment else drafts.section_anchor(section.key)
    return redirect(draft_url(draft, anchor))

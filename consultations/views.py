from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citysite.diffs import word_diff
from citysite.participation.threads import comment_counts, threads_by_target

from .models import Answer, ConsultationStatus, DraftSection, Follow, section_anchor
from .services.report import build_report
from .services.versions import add_section_changes


def _sections_with_discussion(page):
    """The page's draft sections, each with its stable record, comment count and public threads."""
    records = {
        record.section_id: record
        for record in DraftSection.objects.filter(consultation_key=page.translation_key)
    }
    record_ids = [record.pk for record in records.values()]
    counts = comment_counts(DraftSection, record_ids)
    threads = threads_by_target(DraftSection, record_ids) if page.publish_comments else {}
    sections = []
    for block in page.sections:
        record = records.get(block.id)
        sections.append(
            {
                "id": block.id,
                "anchor": section_anchor(block.id),
                "heading": block.value["heading"],
                "text": block.value["text"],
                "change_note": block.value["change_note"],
                "prompted_by": block.value["prompted_by"],
                "report_summary": block.value["report_summary"],
                "record": record,
                "comment_count": counts.get(record.pk, 0) if record else 0,
                "comments": threads.get(record.pk, []) if record else [],
            }
        )
    return sections


def consultation_page(request, page):
    versions = list(page.draft_versions.order_by("number"))
    user = request.user
    sections = _sections_with_discussion(page)
    add_section_changes(sections, versions, user)
    has_report = page.status == ConsultationStatus.REPORT_PUBLISHED
    context = page.get_context(request)
    context.update(
        {
            "sections": sections,
            "report": build_report(page, sections) if has_report else None,
            "answer_count": Answer.objects.filter(consultation_key=page.translation_key).count(),
            "versions": versions,
            "is_following": user.is_authenticated
            and Follow.objects.filter(consultation_key=page.translation_key, user=user).exists(),
            "own_answer": Answer.objects.filter(
                consultation_key=page.translation_key, respondent=user
            ).first()
            if user.is_authenticated
            else None,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def draft_version(request, page, number):
    """An earlier version of the draft, readable as it was, with what changed since the one before."""
    versions = {version.number: version for version in page.draft_versions.all()}
    version = versions.get(number)
    if version is None:
        raise Http404
    previous = versions.get(number - 1)
    sections = []
    for section in version.sections:
        earlier = previous.section(section["id"]) if previous else None
        sections.append(
            {
                **section,
                "anchor": section_anchor(section["id"]),
                "diff": word_diff(earlier["text"], section["text"])
                if earlier and earlier["text"] != section["text"]
                else None,
                "is_new": previous is not None and earlier is None,
            }
        )
    context = page.get_context(request)
    context.update(
        {"version": version, "previous": previous, "sections": sections, "versions": sorted(versions)}
    )
    return TemplateResponse(request, "consultations/draft_version.html", context)


@login_required
@require_POST
def toggle_follow(request, page):
    follow, created = Follow.objects.get_or_create(consultation_key=page.translation_key, user=request.user)
    if created:
        messages.success(
            request,
            _(
                "You follow this consultation. We will e-mail you when it opens, a week before it "
                "closes and when the report is published."
            ),
        )
    else:
        follow.delete()
        messages.success(request, _("You no longer follow this consultation."))
    return redirect(page.get_url(request) + "#follow-heading")

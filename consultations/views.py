"""The public pages of a consultation: the page with its draft sections and their discussion, earlier
versions of the draft, following, answering (one form, sent once) and the receipt. What answering may
do and does is in services/answering.py; the views only call it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citysite.cache import cache_is_healthy
from citysite.diffs import word_diff
from citysite.errors import RETRY_AFTER_SECONDS
from citysite.participation import submission_limits
from citysite.participation.threads import comment_counts, threads_by_target
from citysite.receipts import after_commit, commit

from .forms import AnswerForm
from .models import Answer, Channel, ConsultationStatus, DraftSection, Follow, section_anchor
from .services import answering
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


# Answering


def _render(request, page, status=200, **context):
    full_context = page.get_context(request)
    full_context.update(context)
    return TemplateResponse(request, "consultations/answer_form.html", full_context, status=status)


def _to_receipt(request, page, answer, *, page_url=None):
    """To the answer's receipt page; `page_url`, found before a commit, spares the cache after it."""
    page_url = page.get_url(request) if page_url is None else page_url
    return redirect(page_url + page.reverse_subpage("receipt", kwargs={"token": answer.receipt_token}))


def _answer_form(request, page, code_text):
    """The form, filled with the person's earlier answer if they have one (staff entering someone
    else's answer get an empty one)."""
    user = request.user
    offline_entry = answering.can_enter_offline_answers(user)
    entering_for_someone = offline_entry and (
        request.GET.get("offline") == "1"
        or request.POST.get("entry_channel", Channel.ONLINE) != Channel.ONLINE
    )
    existing = None if entering_for_someone else answering.own_answer(page, user)
    comments = answering.own_comments(page, existing)
    if existing:
        initial = AnswerForm.initial_from(existing, comments)
    else:
        initial = {"participation_code": answering.normalise_code(code_text)}
        if entering_for_someone:
            initial["entry_channel"] = Channel.WORKSHOP
    code_given = (
        request.method == "POST" and not user.is_authenticated and bool(answering.normalise_code(code_text))
    )
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        page=page,
        user=user,
        offline_entry=offline_entry,
        show_code=not user.is_authenticated,
        code_required=not user.is_authenticated and not page.allows_anonymous_answers,
        code_check_unavailable=code_given and not cache_is_healthy(),
        code_attempts_used_up=code_given and answering.code_attempts_used_up(request, page),
        comments_with_replies=[section_id for section_id, comment in comments.items() if comment.reply_count],
        initial=initial,
    )
    return form, existing


def answer(request, page):
    return submission_limits.remember_browser(request, _answer(request, page))


def _answer(request, page):
    user = request.user
    posted = request.method == "POST"
    code_text = request.POST.get("participation_code", "") if posted else request.GET.get("code", "")
    with_code = not user.is_authenticated and bool(answering.normalise_code(code_text))

    decision = answering.can_answer(page, user, with_code=with_code)
    if decision.reason == answering.Refusal.LOGIN_REQUIRED:
        messages.info(request, decision.message)
        return redirect_to_login(request.get_full_path())
    if not decision:
        return _render(request, page, status=403 if posted else 200, refusal=decision)

    if posted:
        # A double-clicked or resent form: show the receipt of the answer it already created.
        duplicate = answering.answer_for_submission(page, request.POST.get("submission_token"))
        if duplicate is not None:
            return _to_receipt(request, page, duplicate)

    form, existing = _answer_form(request, page, code_text)
    status = 200
    if posted and form.is_valid():
        data = form.answer_input()
        counted = not user.is_authenticated and data.participation_code is None
        refusal = counted and submission_limits.refusal(request, answering.anonymous_answer_limits(page))
        if refusal:
            form.add_error(None, refusal)
            status = 429
        else:
            token = form.cleaned_data["submission_token"]
            # Found before the commit: afterwards only data already in hand leads to the receipt.
            page_url = page.get_url(request)
            try:
                saved, created = commit(
                    lambda: answering.save_answer(
                        page, user, data, submission_token=token, language=translation.get_language()
                    ),
                    what="A consultation answer",
                )
            except answering.CodeUnavailable:
                form.add_error("participation_code", answering.CODE_USED)
            except answering.AlreadySaved as duplicate:
                return _to_receipt(request, page, duplicate.answer)
            except IntegrityError:
                # A parallel request saved the same form (or this person's answer) a moment ago.
                duplicate = answering.answer_for_submission(page, token) or (
                    None if data.on_behalf else answering.own_answer(page, user)
                )
                if duplicate is None:
                    raise
                return _to_receipt(request, page, duplicate)
            else:
                with after_commit("The receipt e-mail of a consultation answer"):
                    answering.send_receipt(request, page, saved, created=created)
                return _to_receipt(request, page, saved, page_url=page_url)
    if form.wrong_code:
        answering.count_wrong_code(request, page)
    if form.has_error("participation_code", "too_many_attempts"):
        status = 429
    if form.has_error("participation_code", "check_unavailable"):
        response = _render(request, page, status=503, form=form, existing=existing)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render(request, page, status=status, form=form, existing=existing)


def receipt(request, page, token):
    """Thanks and what happens next. Shows nothing personal: the token only proves an answer exists."""
    answer = (
        Answer.objects.filter(consultation_key=page.translation_key, receipt_token=token)
        .only("pk", "submitted_at", "updated_at", "respondent_id", "entered_by_id", "channel")
        .first()
    )
    if answer is None:
        raise Http404
    user = request.user
    context = page.get_context(request)
    context.update(
        {
            "answer": answer,
            "comment_count": answer.comments.count(),
            "can_change": user.is_authenticated and answer.respondent_id == user.pk and page.is_open,
            "entered_by_me": user.is_authenticated and answer.entered_by_id == user.pk,
        }
    )
    return TemplateResponse(request, "consultations/answer_receipt.html", context)

"""Answering a consultation (one form, sent once) and the receipt. The rules are in services/answering.py."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from citysite.cache import cache_is_healthy
from citysite.errors import RETRY_AFTER_SECONDS
from citysite.participation import submission_limits
from citysite.receipts import after_commit, commit

from .answer_forms import AnswerForm
from .models import Answer, Channel
from .services import answering


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

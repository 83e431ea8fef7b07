"""Case handling, for the Ombudsperson group only (the rule "ombudsperson.handle_cases"): the inbox, a
case with its notes, replies, attachments, status and referral, the audit log and the statistics.

Everyone else who is logged in — superusers included — gets the same 403 page for every URL here, before
any case is looked up, so not even the existence of a reference is revealed. Visitors are sent to log in.

Audit: every case shown in the inbox gets its own LISTED entry (written in one query, detail = the page
of the inbox), every case opened a VIEWED entry, every download and change its own action."""

import io
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import page_not_found

from citysite import idempotency
from citysite.access import rule_required
from citysite.idempotency import TOKEN_FIELD

from .. import services, statistics
from ..forms import AuditFilterForm, CaseFilter, NoteForm, ReferralForm, ReplyForm, StatusForm, YearForm
from ..middleware import case_page
from ..models import Case, CaseAttachment, CaseAuditEntry, CaseEntry, EntryKind

INBOX_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
# What a reply form's submission token is claimed for (citysite.idempotency).
REPLY_PURPOSE = "ombudsperson.reply"


def _forbidden(request):
    return TemplateResponse(request, "ombudsperson/handling/forbidden.html", status=403)


def handlers_only(view):
    """Visitors log in; anyone but the Ombudsperson group gets one and the same 403 page."""

    @case_page
    @rule_required("ombudsperson.handle_cases", refused=_forbidden)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as error:
            # Rendered here, so that the "not found" page gets the private headers too.
            return page_not_found(request, error)

    return wrapped


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _count_of(model, **conditions):
    counts = (
        model.objects.filter(case=OuterRef("pk"), **conditions)
        .order_by()
        .values("case")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


@handlers_only
@require_GET
def inbox(request):
    queryset = (
        Case.objects.only(
            "pk", "reference", "category", "status", "preferred_language", "created_at", "description"
        )
        .annotate(
            reply_count=_count_of(CaseEntry, kind=EntryKind.REPLY),
            note_count=_count_of(CaseEntry, kind=EntryKind.NOTE),
            attachment_count=_count_of(CaseAttachment),
        )
        .order_by("-created_at", "-pk")
    )
    filters = CaseFilter(request.GET or None, queryset=queryset)
    # Filters that make no sense show no case rather than all of them.
    shown = filters.qs if not filters.is_bound or filters.is_valid() else queryset.none()
    cases = Paginator(shown, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    services.record_listing(
        request.user, cases, detail=_("inbox, page %(number)d") % {"number": cases.number}
    )
    context = {"filters": filters, "cases": cases, "query_string": _query_string(request)}
    return TemplateResponse(request, "ombudsperson/handling/inbox.html", context)


def _open_case(request, reference):
    try:
        return services.read_case(request.user, reference)
    except Case.DoesNotExist as error:
        raise Http404 from error


def _render_case(request, case, status=200, **forms):
    context = {
        "case": case,
        "timeline": services.case_timeline(case),
        "attachments": services.case_attachments(case),
        "retention_days": settings.OMBUDSPERSON_RETENTION_DAYS,
        "contact_is_email": bool(case.contact) and services.is_email_address(case.contact),
        "status_form": forms.get("status_form") or StatusForm(case=case),
        "note_form": forms.get("note_form") or NoteForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "referral_form": forms.get("referral_form") or ReferralForm(case=case),
    }
    return TemplateResponse(request, "ombudsperson/handling/case.html", context, status=status)


def _case_url(case) -> str:
    return reverse("ombudsperson_handling:case", kwargs={"reference": case.reference})


@handlers_only
@require_GET
def case_detail(request, reference):
    return _render_case(request, _open_case(request, reference))


@handlers_only
@require_POST
def change_status(request, reference):
    case = _open_case(request, reference)
    form = StatusForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case(request, case, status=400, status_form=form)
    services.change_status(request.user, case, form.cleaned_data["status"])
    messages.success(request, _("The status is now “%(status)s”.") % {"status": case.get_status_display()})
    return redirect(_case_url(case))


@handlers_only
@require_POST
def add_note(request, reference):
    case = _open_case(request, reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, status=400, note_form=form)
    services.add_note(request.user, case, form.cleaned_data["text"])
    messages.success(request, _("The note is saved. Only the ombudsperson can read it."))
    return redirect(_case_url(case))


@handlers_only
@require_POST
def send_reply(request, reference):
    case = _open_case(request, reference)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, status=400, reply_form=form)
    entry = idempotency.create_once(
        form.cleaned_data[TOKEN_FIELD],
        REPLY_PURPOSE,
        lambda: services.send_reply(request.user, case, form.cleaned_data["text"], request=request),
    ).record
    if entry is not None and entry.emailed_at:
        messages.success(
            request, _("The reply is on the person’s status page, and they were told by e-mail.")
        )
    else:
        messages.success(request, _("The reply is on the person’s status page."))
    return redirect(_case_url(case))


@handlers_only
@require_POST
def record_referral(request, reference):
    case = _open_case(request, reference)
    form = ReferralForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case(request, case, status=400, referral_form=form)
    services.record_referral(request.user, case, form.cleaned_data["institution"])
    messages.success(request, _("The referral is recorded and the status is “referred”."))
    return redirect(_case_url(case))


@handlers_only
@require_GET
def download_attachment(request, reference, pk):
    case = _open_case(request, reference)
    try:
        attachment = services.download_attachment(request.user, case, pk)
    except CaseAttachment.DoesNotExist as error:
        raise Http404 from error
    response = HttpResponse(attachment.content, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@handlers_only
@require_GET
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    entries = CaseAuditEntry.objects.select_related("user").order_by("-at", "-pk")
    if form.is_valid():
        if form.cleaned_data["reference"]:
            entries = entries.filter(reference=form.cleaned_data["reference"])
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "entries": page, "query_string": _query_string(request)}
    return TemplateResponse(request, "ombudsperson/handling/audit_log.html", context)


def _chosen_year(request):
    years = statistics.report_years()
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else years[0]
    return form, year


@handlers_only
@require_GET
def statistics_page(request):
    form, year = _chosen_year(request)
    context = {
        "form": form,
        "report": statistics.received_in_year(year),
        "by_status": statistics.stored_by_status(),
    }
    return TemplateResponse(request, "ombudsperson/handling/statistics.html", context)


@handlers_only
@require_GET
def statistics_csv(request):
    _form, year = _chosen_year(request)
    output = io.StringIO()
    statistics.write_csv(statistics.received_in_year(year), output)
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    filename = _("ombudsperson-cases-%(year)d.csv") % {"year": year}
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response

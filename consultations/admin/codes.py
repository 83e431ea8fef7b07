"""Participation codes for workshops: the batches, a new batch, and each batch's codes as printable
slips or CSV. For the staff the rule "consultations.manage_participation_codes" lets in."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from citysite import idempotency
from citysite.access import may
from citysite.idempotency import TOKEN_FIELD
from citysite.receipts import commit

from ..models import ParticipationCodeBatch
from .common import ANSWERS_PER_PAGE, PermissionRequiredMixin, consultations_by_key, short_datetime
from .forms import CodeBatchForm

MANAGE_CODES = "consultations.manage_participation_codes"
# What a batch form's submission token is claimed for (citysite.idempotency).
CODE_BATCH_PURPOSE = "consultations.code_batch"


class CodesPermissionMixin(PermissionRequiredMixin):
    required_rule = MANAGE_CODES

    def codes_breadcrumbs(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("consultations_admin:code_batches"), "label": _("Participation codes")},
        ]


class DownloadLinkColumn(Column):
    cell_template_name = "consultations/admin/includes/code_batch_links_cell.html"

    def get_value(self, instance):
        return {
            "print": reverse("consultations_admin:code_batch", args=[instance.pk]),
            "csv": reverse("consultations_admin:code_batch_csv", args=[instance.pk]),
        }


class CodeBatchListView(CodesPermissionMixin, BaseListingView):
    page_title = gettext_lazy("Participation codes")
    header_icon = "key"
    paginate_by = ANSWERS_PER_PAGE
    verbose_name_plural = gettext_lazy("batches of participation codes")

    def get_breadcrumbs_items(self):
        return self.codes_breadcrumbs()[:1] + [{"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("New batch of codes"), url=reverse("consultations_admin:code_batch_new"), icon_name="plus"
            )
        ]

    def get_index_url(self):
        return reverse("consultations_admin:code_batches")

    @cached_property
    def consultations(self):
        return consultations_by_key()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "organisation",
                label=_("Organisation"),
                get_url=lambda batch: reverse("consultations_admin:code_batch", args=[batch.pk]),
            ),
            Column("consultation", label=_("Consultation"), accessor=self.consultation_title),
            Column("created_at", label=_("Created"), accessor=lambda batch: short_datetime(batch.created_at)),
            NumberColumn("total", label=_("Codes")),
            NumberColumn("used", label=_("Used")),
            NumberColumn("unused", label=_("Not used yet")),
            DownloadLinkColumn("download", label=_("List of codes")),
        ]

    def consultation_title(self, batch) -> str:
        page = self.consultations.get(batch.consultation_key)
        return page.title if page else _("(deleted consultation)")

    def get_base_queryset(self):
        return ParticipationCodeBatch.objects.annotate(
            total=Count("codes"),
            used=Count("codes", filter=Q(codes__used_at__isnull=False)),
            unused=Count("codes", filter=Q(codes__used_at__isnull=True)),
        ).order_by("-created_at", "-pk")


class CodeBatchCreateView(CodesPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "consultations/admin/code_batch_form.html"
    form_class = CodeBatchForm
    page_title = gettext_lazy("New batch of participation codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return self.codes_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]

    def form_valid(self, form):
        # Once the codes are committed, the way to print them (a redirect built from the batch in hand)
        # must not be lost to a failure after the commit.
        outcome = commit(
            lambda: idempotency.create_once(
                form.cleaned_data[TOKEN_FIELD], CODE_BATCH_PURPOSE, lambda: form.save(self.request.user)
            ),
            what="A batch of participation codes",
        )
        batch = outcome.record
        if batch is None:  # made by the first of a double submit and deleted since
            return redirect("consultations_admin:code_batches")
        if outcome.created:
            messages.success(
                self.request,
                _("%(count)s participation codes created for %(organisation)s.")
                % {"count": form.cleaned_data["count"], "organisation": batch.organisation},
            )
        return redirect("consultations_admin:code_batch", batch.pk)


def _batch_or_404(request, pk):
    if not may(request.user, MANAGE_CODES):
        raise PermissionDenied
    return get_object_or_404(ParticipationCodeBatch, pk=pk)


def code_batch_print(request, pk):
    """A plain page of cut-out slips, one per unused code, that prints well."""
    batch = _batch_or_404(request, pk)
    page = consultations_by_key().get(batch.consultation_key)
    answer_url = ""
    if page is not None and page.live:
        answer_url = (page.get_full_url(request) or "").rstrip("/") + "/" + page.reverse_subpage("answer")
    codes = list(batch.codes.order_by("code"))
    return TemplateResponse(
        request,
        "consultations/admin/code_batch_print.html",
        {
            "batch": batch,
            "page": page,
            "answer_url": answer_url,
            "codes": [code for code in codes if code.used_at is None],
            "used_count": sum(1 for code in codes if code.used_at is not None),
            "languages": ["pl", "en", "uk", "ru"],
            "back_url": reverse("consultations_admin:code_batches"),
        },
    )


def code_batch_csv(request, pk):
    batch = _batch_or_404(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participation-codes-{batch.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Code"), _("Organisation"), _("Used")])
    for code in batch.codes.order_by("code"):
        writer.writerow([code.code, batch.organisation, short_datetime(code.used_at)])
    return response

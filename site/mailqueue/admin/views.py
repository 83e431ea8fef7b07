"""Failed deliveries in the Wagtail admin, with "send again". Wagtail lets in only people with admin
access; these views then let in only those the rule "mailqueue.handle_failed_emails" allows."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from citysite.access import may, rule_required

from .. import delivery
from ..models import DeliveryStatus, OutgoingEmail
from ..privacy import mask_addresses

PER_PAGE = 50
staff_only = rule_required("mailqueue.handle_failed_emails")


@staff_only
def failed_emails(request):
    emails = OutgoingEmail.objects.filter(status=DeliveryStatus.FAILED).order_by("-failed_at", "pk")
    page = Paginator(emails, PER_PAGE).get_page(request.GET.get("p"))
    full_addresses = may(request.user, "mailqueue.see_recipient_addresses")
    for email in page.object_list:
        recipients = ", ".join(email.recipients)
        email.shown_recipients = recipients if full_addresses else mask_addresses(recipients)
        email.shown_error = email.last_error if full_addresses else mask_addresses(email.last_error)
    return TemplateResponse(
        request,
        "mailqueue/admin/failed_emails.html",
        {"page_title": _("Undelivered e-mails"), "header_icon": "mail", "emails": page},
    )


@require_POST
@staff_only
def retry(request, pk):
    if delivery.retry_failed(pk):
        messages.success(request, _("The e-mail will be sent again."))
    else:
        messages.warning(
            request,
            _("This e-mail is no longer among the undelivered ones: someone has sent it again already."),
        )
    return redirect("mailqueue_admin:failed")


@require_POST
@staff_only
def retry_all(request):
    retried = sum(
        delivery.retry_failed(pk)
        for pk in OutgoingEmail.objects.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True)
    )
    messages.success(request, _("E-mails to be sent again: %(count)s.") % {"count": retried})
    return redirect("mailqueue_admin:failed")

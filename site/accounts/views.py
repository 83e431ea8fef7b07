import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import DeleteAccountForm, ProfileForm
from .personal_data import anonymise_account, export_personal_data


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect(translate_url(reverse("account_profile"), user.preferred_language))
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"delete_form": DeleteAccountForm()})


@login_required
def download_my_data(request):
    payload = json.dumps(export_personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"otwarte-miasto-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"delete_form": form}, status=400)
    anonymise_account(request.user, request=request)
    messages.success(request, _("Your account has been deleted. Thank you for taking part."))
    return redirect("/")


def login_redirect(request):
    """Sends the other login forms of the installed apps (Wagtail's admin and private-page logins) to
    allauth's: theirs sign in with the password alone, bypassing allauth's rate limits, e-mail
    verification and two-factor stage. The address to continue to is kept."""
    login_url = reverse("account_login")
    next_url = request.GET.get("next")
    return redirect(f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url)


@login_required
def mfa_required(request):
    return render(request, "accounts/mfa_required.html")

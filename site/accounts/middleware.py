from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class StaffMFARequiredMiddleware:
    """While STAFF_MFA_REQUIRED is on, a member of any staff group (or a superuser) without two-factor
    authentication can only reach the pages that set it up, and log out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            return redirect("account_mfa_required")
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not settings.STAFF_MFA_REQUIRED:
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        if not (user.is_superuser or user.is_in_staff_group()):
            return False
        if is_mfa_enabled(user):
            return False
        return not self._is_allowed_path(request.path_info)

    @staticmethod
    def _is_allowed_path(path: str) -> bool:
        allowed = [
            reverse("account_mfa_required"),
            reverse("mfa_index"),
            reverse("mfa_activate_totp"),
            reverse("mfa_generate_recovery_codes"),
            reverse("mfa_view_recovery_codes"),
            reverse("mfa_download_recovery_codes"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            settings.STATIC_URL,
        ]
        return any(path.startswith(prefix) for prefix in allowed)

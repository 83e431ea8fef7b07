from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts start in the language the person signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """After login, the site continues in the person's preferred language."""
        return _in_language(super().get_login_redirect_url(request), _preferred_language(request))

    def get_signup_redirect_url(self, request):
        return _in_language(super().get_signup_redirect_url(request), _preferred_language(request))

    def get_logout_redirect_url(self, request):
        """After logout, stay in the language the person was using."""
        return _in_language(super().get_logout_redirect_url(request), translation.get_language())

    def send_mail(self, template_prefix, email, context):
        """E-mails go out in the recipient's preferred language."""
        user = context.get("user")
        if user is None:
            user = self._user_for_email(email)
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    @staticmethod
    def _user_for_email(email):
        from allauth.account.models import EmailAddress

        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        return address.user if address else None


def _preferred_language(request):
    return getattr(request.user, "preferred_language", None) or translation.get_language()


def _in_language(url, language):
    if not language:
        return url
    # translate_url resolves the URL in the active language; resolve it in its own instead.
    with translation.override(translation.get_language_from_path(url) or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def user_display(user):
    """How allauth names a person in its messages and e-mails: their display name, else their address."""
    return user.display_name or user.email

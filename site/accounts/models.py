from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A participant or a staff member. Sign-up asks for an e-mail address only: never citizenship,
    nationality, PESEL or residence documents."""

    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown next to what you write in public. Leave empty to appear as “anonymous”."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the site after you log in and of the e-mails we send you."),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.public_name

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def public_name(self) -> str:
        """The name shown beside this person's contributions."""
        if self.is_anonymised:
            return str(_("former participant"))
        return self.display_name or str(_("anonymous"))

    def is_in_staff_group(self) -> bool:
        return self.groups.filter(name__in=settings.STAFF_GROUP_NAMES).exists()

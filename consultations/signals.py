from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ConsultationPage
from .services.versions import record_published_draft


@receiver(page_published, sender=ConsultationPage)
def keep_draft_versions(sender, instance, **kwargs):
    record_published_draft(instance)

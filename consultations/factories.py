import datetime

import factory
from django.utils import timezone

from home.factories import PageFactory

from . import models


class ConsultationIndexPageFactory(PageFactory):
    class Meta:
        model = models.ConsultationIndexPage

    title = "Consultations"


class ConsultationPageFactory(PageFactory):
    class Meta:
        model = models.ConsultationPage

    summary = factory.Faker("paragraph")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

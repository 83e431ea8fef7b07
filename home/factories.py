import datetime

import factory
from django.utils import timezone

from . import models


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page as a child of `parent` (the site's home page unless given) and publishes it."""

    class Meta:
        abstract = True

    title = factory.Faker("sentence", nb_words=4)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            from wagtail.models import Site

            parent = Site.objects.get(is_default_site=True).root_page
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = models.StandardPage

    intro = factory.Faker("paragraph")


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = models.NewsIndexPage

    title = "News"


class NewsPageFactory(PageFactory):
    class Meta:
        model = models.NewsPage

    summary = factory.Faker("paragraph")
    date = factory.LazyFunction(datetime.date.today)


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = models.EventIndexPage

    title = "Events"


class EventPageFactory(PageFactory):
    class Meta:
        model = models.EventPage

    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    location = "Centrum Kultury, Lublin"
    summary = factory.Faker("paragraph")


class WorkingGroupIndexPageFactory(PageFactory):
    class Meta:
        model = models.WorkingGroupIndexPage

    title = "Working groups"


class WorkingGroupPageFactory(PageFactory):
    class Meta:
        model = models.WorkingGroupPage

    summary = factory.Faker("paragraph")
    scope = "<p>Education of migrant children in Lublin schools.</p>"
    participants = [("participant", {"name": "Urząd Miasta Lublin", "kind": "institution"})]
    meetings = [("meeting", {"date": datetime.date(2023, 10, 17), "title": "First meeting", "summary": ""})]
    outcomes = [("outcome", {"title": "Intercultural assistants", "description": "", "status": "adopted"})]


class ReportPageFactory(PageFactory):
    class Meta:
        model = models.ReportPage

    summary = factory.Faker("paragraph")


class GoodPracticeIndexPageFactory(PageFactory):
    class Meta:
        model = models.GoodPracticeIndexPage

    title = "Good practices"


class GoodPracticePageFactory(PageFactory):
    class Meta:
        model = models.GoodPracticePage

    city = "Lublin"
    area = models.GoodPracticeArea.GOVERNANCE
    summary = factory.Faker("paragraph")


class AccessibilityStatementPageFactory(PageFactory):
    class Meta:
        model = models.AccessibilityStatementPage

    title = "Accessibility statement"
    entity_name = "Urząd Miasta Lublin"
    published_on = datetime.date(2024, 1, 15)
    updated_on = datetime.date(2024, 9, 1)
    statement_prepared_on = datetime.date(2024, 1, 15)
    statement_reviewed_on = datetime.date(2024, 9, 1)
    assessment_method = "<p>Self-assessment with axe-core.</p>"
    contact_name = "Anna Kowalska"
    contact_email = "dostepnosc@example.org"
    contact_phone = "+48 81 466 10 00"
    complaint_procedure = "<p>You may ask for accessible information and complain to the Ombudsman.</p>"

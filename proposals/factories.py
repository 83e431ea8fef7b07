import factory
from django.utils import timezone

from citysite.accounts.factories import UserFactory
from home.factories import PageFactory

from . import models


class ProposalIndexPageFactory(PageFactory):
    class Meta:
        model = models.ProposalIndexPage

    title = "Propozycje mieszkańców"


class ProposalFactory(factory.django.DjangoModelFactory):
    """A published proposal. Pass `index=` (a ProposalIndexPage) to place it under that index."""

    class Meta:
        model = models.Proposal
        skip_postgeneration_save = True

    class Params:
        index = None

    index_key = factory.LazyAttribute(lambda o: o.index.translation_key if o.index else None)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Propozycja numer {n}")
    text = "<p>Treść propozycji.</p>"
    area = models.ProposalArea.PUBLIC_INSTITUTIONS
    language = "pl"
    status = models.Status.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def dimensions(self, create, extracted, **kwargs):
        if create and extracted:
            self.dimensions.set(extracted)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StatusChange

    proposal = factory.SubFactory(ProposalFactory)
    from_status = models.Status.PUBLISHED
    to_status = models.Status.ACCEPTED
    answer = "Przyjmujemy propozycję."
    answering_body = "Wydział Spraw Społecznych"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Support

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Placement

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)
    impact = 4
    ease = 2


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProgressUpdate

    proposal = factory.SubFactory(ProposalFactory, status=models.Status.IN_PROGRESS)
    percent = 50
    text = "Połowa prac za nami."

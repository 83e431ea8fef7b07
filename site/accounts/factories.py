import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import User
from .protected_groups import PROTECTED_GROUPS, changing_membership

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test and demo factories only


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a verified e-mail address, able to take part."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self,
                email=self.email,
                primary=True,
                verified=extracted if extracted is not None else True,
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """Test and demo data only: joins protected groups without the audited services that real
        changes go through (ombudsperson.appointments, migrant_council.services.membership)."""
        if create and extracted:
            with changing_membership(*PROTECTED_GROUPS.intersection(extracted)):
                self.groups.add(*(Group.objects.get(name=name) for name in extracted))

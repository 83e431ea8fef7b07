"""Test data for the shared participation records: comments on anything that takes them, and reports of
abuse. Both point at their target through a generic relation: pass `target=` (a draft section, a proposal,
a council draft section, a comment)."""

import factory

from citysite.accounts.factories import UserFactory

from . import models


class CommentFactory(factory.django.DjangoModelFactory):
    """A Polish comment that may be shown in public, by a new resident (`author=None`: anonymous)."""

    class Meta:
        model = models.Comment
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    text = "Potrzebujemy więcej kursów języka polskiego."
    language = "pl"
    consent_to_publish = True

    @factory.post_generation
    def dimensions(self, create, extracted, **kwargs):
        if create and extracted:
            self.dimensions.set(extracted)


class AbuseReportFactory(factory.django.DjangoModelFactory):
    """An open report by a visitor (no reporter)."""

    class Meta:
        model = models.AbuseReport

    reporter = None
    reason = "Spam, spam, spam."

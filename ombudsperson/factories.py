"""Test data for the ombudsperson: the public page and cases.

Cases are filed through `ombudsperson.services.file_case`, as the public form files them (encrypted,
counted per month, audited); the secret code, stored only as a hash, is handed back on the case as
`secret_code` for tests that open the status page. Making someone an ombudsperson is not test data of this
app: `UserFactory(groups=["Ombudsperson"])` (citysite/accounts/factories.py) is the one test-only way past
the protected groups (docs/decisions/protected-groups.md)."""

import factory

from home.factories import PageFactory

from . import models, services

DESCRIPTION = "Pracodawca nie wypłacił mi pensji za marzec, bo nie mam polskiego obywatelstwa."


class OmbudspersonPageFactory(PageFactory):
    class Meta:
        model = models.OmbudspersonPage

    title = "Rzecznik praw migrantów"
    slug = "rzecznik"
    intro = "Poufny kanał dla migrantów."
    role_explanation = "<p>Rzecznik pomaga migrantom.</p>"


class CaseFactory(factory.Factory):
    """A case as the form files it. Takes `file_case`'s arguments: `contact` with `contact_consent`,
    `attachment` (a services.Upload), `received_at`, `submission_token`."""

    class Meta:
        model = models.Case

    category = models.Category.WORK
    description = DESCRIPTION
    preferred_language = "pl"

    @classmethod
    def _create(cls, model_class, **kwargs):
        case, code = services.file_case(**kwargs)
        case.secret_code = code
        return case


class CaseEntryFactory(factory.django.DjangoModelFactory):
    """An internal note on a case; `kind=models.EntryKind.REPLY` for a reply the person reads."""

    class Meta:
        model = models.CaseEntry

    case = factory.SubFactory(CaseFactory)
    kind = models.EntryKind.NOTE
    text = "Zadzwonić do inspekcji pracy."

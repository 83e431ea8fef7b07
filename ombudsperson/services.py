"""What happens to a case, as named operations; each writes the audit log."""

from django.db import transaction

from .models import AuditAction, Case, audit, new_secret_code


@transaction.atomic
def file_case(*, category, description, preferred_language, contact="", contact_consent=False):
    """Stores a new case; returns it with the secret code, which is shown to the person once and kept
    only as a hash."""
    code = new_secret_code()
    case = Case(
        category=category,
        description=description,
        preferred_language=preferred_language,
        contact=contact if contact_consent else "",
        contact_consent=contact_consent and bool(contact),
    )
    case.set_secret_code(code)
    case.save()

    audit(case.reference, AuditAction.FILED)
    return case, code

from django.utils import translation


def polish(message: str) -> str:
    """A UI string as it appears on a Polish (default language) page."""
    with translation.override("pl"):
        return translation.gettext(message)

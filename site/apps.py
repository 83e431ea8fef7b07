from django.apps import AppConfig


class CitysiteConfig(AppConfig):
    name = "citysite"

    def ready(self):
        from . import checks  # noqa: F401 - registers the project's system checks

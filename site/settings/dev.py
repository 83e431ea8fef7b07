"""The demo and local development: SQLite unless DATABASE_URL says otherwise, e-mails to the console."""

from ombudsperson.crypto import derive_development_key

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key; production refuses to start without SECRET_KEY in the environment.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend")
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
DEMO_CONTENT_ALLOWED = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Development only: a key derived from the development secret when none is set.
OMBUDSPERSON_ENCRYPTION_KEYS = OMBUDSPERSON_ENCRYPTION_KEYS or [derive_development_key(SECRET_KEY)]  # noqa: F405

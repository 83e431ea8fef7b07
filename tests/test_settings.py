"""Settings come from the environment; production refuses unsafe configurations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE_KEY = "o6zJ1Wm2HhFSSf3d3eG2mV3Wl3JqYV2zGxQm4wq5jVQ="  # a Fernet key, for these tests only


def _manage(*args, **env):
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    unset = ("SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "OMBUDSPERSON_ENCRYPTION_KEYS")
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="citysite.settings.production",
        SECRET_KEY="k" * 20 + "-production-like-secret-key-of-sufficient-length-0123456789",
        ALLOWED_HOSTS="otwartemiasto.example.org",
        OMBUDSPERSON_ENCRYPTION_KEYS=CASE_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="citysite.settings.production",
        ALLOWED_HOSTS="otwartemiasto.example.org",
        OMBUDSPERSON_ENCRYPTION_KEYS=CASE_KEY,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_case_encryption_keys():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="citysite.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="otwartemiasto.example.org",
    )
    assert result.returncode != 0
    assert "OMBUDSPERSON_ENCRYPTION_KEYS must be set" in result.stderr


def _settings_with(monkeypatch, module, **env):
    """Imports a settings module afresh under the given environment."""
    import importlib

    for key in (
        "DATABASE_URL",
        "REDIS_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "OMBUDSPERSON_ENCRYPTION_KEYS",
    ):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for name in [name for name in sys.modules if name.startswith("citysite.settings.")]:
        del sys.modules[name]
    try:
        return importlib.import_module(module)
    finally:
        for name in [name for name in sys.modules if name.startswith("citysite.settings.")]:
            del sys.modules[name]


def test_with_nothing_set_the_demo_runs_on_sqlite_with_a_local_cache(monkeypatch):
    dev = _settings_with(monkeypatch, "citysite.settings.dev")
    assert dev.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert dev.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert dev.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert dev.STAFF_MFA_REQUIRED is False
    assert dev.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_environment_selects_postgresql_redis_and_object_storage(monkeypatch):
    production = _settings_with(
        monkeypatch,
        "citysite.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="a.example.org,b.example.org",
        DATABASE_URL="postgres://city:pw@db.internal:5432/otwarte",
        REDIS_URL="redis://cache.internal:6379/1",
        AWS_STORAGE_BUCKET_NAME="media",
        OMBUDSPERSON_ENCRYPTION_KEYS=CASE_KEY,
    )
    assert production.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert production.DATABASES["default"]["NAME"] == "otwarte"
    assert production.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert production.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert production.ALLOWED_HOSTS == ["a.example.org", "b.example.org"]
    assert production.STAFF_MFA_REQUIRED is True
    assert production.DEMO_CONTENT_ALLOWED is False
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_a_malformed_boolean_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="STAFF_MFA_REQUIRED"):
        _settings_with(monkeypatch, "citysite.settings.dev", STAFF_MFA_REQUIRED="perhaps")


def test_login_limits_count_the_address_from_the_proxys_header(monkeypatch):
    production_env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "a.example.org",
        "OMBUDSPERSON_ENCRYPTION_KEYS": CASE_KEY,
    }
    behind_nginx = _settings_with(
        monkeypatch, "citysite.settings.production", RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP", **production_env
    )
    assert behind_nginx.ALLAUTH_TRUSTED_CLIENT_IP_HEADER == "X-REAL-IP"

    monkeypatch.delenv("RATELIMIT_IP_META_KEY")
    direct = _settings_with(monkeypatch, "citysite.settings.production", **production_env)
    assert not hasattr(direct, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")

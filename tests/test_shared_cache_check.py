"""Without REDIS_URL each web process counts rate limits alone. The deployment check says so at Info
level: CI checks the production settings without Redis at --fail-level WARNING, and one process is a
valid deployment."""

from .test_settings import CASE_KEY, _manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "citysite.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-of-sufficient-length-0123456789",
    "ALLOWED_HOSTS": "otwartemiasto.example.org",
    "OMBUDSPERSON_ENCRYPTION_KEYS": CASE_KEY,
}


SHOW_CACHE = "from django.core.cache import caches; print(type(caches['default']).__name__)"


def test_without_redis_the_deployment_check_informs_and_passes():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", REDIS_URL="", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "citysite.I001" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


def test_with_redis_the_cache_is_the_resilient_one_and_the_check_is_silent():
    redis = {**PRODUCTION, "REDIS_URL": "redis://redis.internal:6379/0"}
    checked = _manage("check", "--deploy", "--fail-level", "WARNING", **redis)
    backend = _manage("shell", "--no-imports", "-c", SHOW_CACHE, **redis)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "citysite.I001" not in checked.stdout + checked.stderr
    assert backend.stdout.strip() == "ResilientRedisCache", backend.stderr

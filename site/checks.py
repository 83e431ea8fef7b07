"""System checks of the project's own configuration."""

from django.conf import settings
from django.core import checks

LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    """Rate limits (django-ratelimit, allauth) count in the default cache. In local memory each web process
    counts alone, so with N processes a person gets N times the allowance. Said at Info level, not as a
    warning: one process, or a deliberate choice, is a valid deployment (and CI checks without Redis)."""
    if settings.CACHES["default"]["BACKEND"] != LOCAL_MEMORY_CACHE:
        return []
    return [
        checks.Info(
            "Rate limits are counted separately by each web process: the cache is local memory.",
            hint="Set REDIS_URL so that every process counts together (README, Configuration).",
            id="citysite.I001",
        )
    ]

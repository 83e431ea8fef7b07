import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """TOTP codes are marked as used in the cache; start every test with an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True
    return settings

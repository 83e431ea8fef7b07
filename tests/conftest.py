import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from citysite.accounts.factories import UserFactory
from tests.site_root import content_locales, polish_home_page


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and used TOTP codes live in the cache: each test starts without them."""
    cache.clear()


@pytest.fixture
def locales(db):
    """The four content languages (created by a migration; recreated after a flushing test)."""
    return content_locales()


@pytest.fixture
def home_page(locales):
    """The Polish home page as the default site's root."""
    return polish_home_page(locales)


@pytest.fixture
def translated_home(home_page, locales):
    """The home page translated into every other language."""
    pages = {"pl": home_page}
    for code, locale in locales.items():
        if code != "pl":
            pages[code] = home_page.get_translation_or_none(locale) or home_page.copy_for_translation(locale)
            pages[code].title = f"Otwarte Miasto ({code})"
            pages[code].save_revision().publish()
    return pages


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Olena")


@pytest.fixture
def unverified_user(db):
    return UserFactory(verified=False)


def _member_of(fixture_name, group_name):
    @pytest.fixture(name=fixture_name)
    def member(db):
        return UserFactory(groups=[group_name])

    return member


editor = _member_of("editor", "Editors")
moderator = _member_of("moderator", "Moderators")
analyst = _member_of("analyst", "Consultation analysts")
council_member = _member_of("council_member", "Council members")
secretariat = _member_of("secretariat", "Council secretariat")


@pytest.fixture
def ombudsperson(db):
    """In the group and with two-factor authentication, as reading cases requires (ombudsperson/rules.py)."""
    user = UserFactory(groups=["Ombudsperson"])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def visitor():
    """The role of someone not signed in, for permission matrices."""
    return None


@pytest.fixture
def as_role(client, request):
    """Signs the test client in as the named role ("visitor" stays signed out) and returns the user."""

    def sign_in(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return sign_in

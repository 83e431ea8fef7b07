"""Every way to sign in goes through allauth: its rate limits, e-mail verification and two-factor stage.

The doors are found, not listed: every URL pattern of the resolver is instantiated (in every language
prefix) and sent a password-only login; a view that checks the password is recognised by wrapping the
configured authentication backends, and a view that signs someone in by the `user_logged_in` signal.
Every such door must stop at allauth's code step and lock after too many wrong passwords."""

import functools
import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings as django_settings
from django.contrib.auth import get_backends, user_logged_in, user_login_failed
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.html import escape
from django.utils.regex_helper import normalize
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from citysite.accounts.factories import DEFAULT_PASSWORD, UserFactory
from citysite.settings import base as base_settings
from home.factories import StandardPageFactory

from .helpers import link_from_mail, logged_in_user_id, totp_code, url

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
WRONG_PASSWORD = "not-the-right-password-7"  # noqa: S105
# Staff whose reach matters most: the admin (editors) and the confidential case inbox.
MFA_STAFF = ["editor", "ombudsperson"]
# A staff member signed in anywhere could open one of these; signed out, both send them to log in.
STAFF_ONLY_PAGES = ["/admin/", "/ombudsperson/cases/"]
# Values tried for a regular-expression group whose type the pattern does not declare.
REGEX_GROUP_VALUES = ["x", "1", "x/"]


# --- finding the doors ---------------------------------------------------------------------------


def _pattern_chains(resolver, parents=()):
    """Every URL pattern of the resolver, with the resolvers that include it."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _pattern_chains(entry, (*parents, entry))
        else:
            yield (*parents, entry)


def _values_for(name, converter, page_id):
    if converter is None:
        return REGEX_GROUP_VALUES
    candidates = [
        str(page_id) if name.endswith("page_id") else "1",
        "x",
        "00000000-0000-0000-0000-000000000000",
    ]
    return [value for value in candidates if re.fullmatch(converter.regex, value)][:1]


def _piece_variants(pattern, page_id):
    if isinstance(pattern, LocalePrefixPattern):
        return [pattern.language_prefix]
    converters = getattr(pattern, "converters", {})
    variants = []
    for template, params in normalize(pattern.regex.pattern):
        choices = [_values_for(param, converters.get(param), page_id) for param in params]
        variants += [
            template % dict(zip(params, combo, strict=True)) for combo in itertools.product(*choices)
        ]
    return variants


def _route(chain):
    """The route as ResolverMatch.route spells it: a regular expression after a non-empty prefix loses
    its leading caret."""
    route = ""
    for entry in chain:
        piece = str(entry.pattern)
        route = route + piece.removeprefix("^") if route else piece
    return route


def _path_for(chain, page_id):
    """A concrete path that the resolver sends to this pattern's route (int arguments get an existing
    page id or 1, strings "x"), in the active language."""
    route = _route(chain)
    for pieces in itertools.product(*(_piece_variants(entry.pattern, page_id) for entry in chain)):
        path = "/" + "".join(pieces)
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.route == route:
            return path
    raise AssertionError(f"no path instantiates {route!r}")


def every_door(page_id):
    """The path of every URL pattern the site has, once per language prefix where it has one."""
    paths = set()
    for chain in _pattern_chains(get_resolver()):
        localised = any(isinstance(entry.pattern, LocalePrefixPattern) for entry in chain)
        for language in LANGUAGES if localised else [django_settings.LANGUAGE_CODE]:
            with translation.override(language):
                paths.add(_path_for(chain, page_id))
    return sorted(paths)


@dataclass
class AuthenticationWatch:
    """What the authentication backends were asked, and who was signed in, since the last reset."""

    password_checks: list = field(default_factory=list)
    logins: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def reset(self):
        self.password_checks.clear()
        self.logins.clear()
        self.failures.clear()

    @property
    def checked_a_password(self) -> bool:
        return bool(self.password_checks or self.failures)


@pytest.fixture
def watch(monkeypatch):
    """Wraps every configured authentication backend (so any view that checks a password is seen,
    however it calls `authenticate`) and listens to Django's login signals."""
    watch = AuthenticationWatch()
    for backend_class in {type(backend) for backend in get_backends()}:
        original = backend_class.__dict__.get("authenticate")
        if original is None:
            continue

        @functools.wraps(original)
        def recording(self, request, *args, _original=original, **credentials):
            if credentials.get("password"):
                watch.password_checks.append(credentials)
            return _original(self, request, *args, **credentials)

        monkeypatch.setattr(backend_class, "authenticate", recording)

    def on_login(sender, user, **kwargs):
        watch.logins.append(user)

    def on_failure(sender, credentials, **kwargs):
        watch.failures.append(credentials)

    user_logged_in.connect(on_login, dispatch_uid="login-doors-watch")
    user_login_failed.connect(on_failure, dispatch_uid="login-doors-watch")
    yield watch
    user_logged_in.disconnect(dispatch_uid="login-doors-watch")
    user_login_failed.disconnect(dispatch_uid="login-doors-watch")


def password_only_logins(user, password):
    """The credentials a login form might ask for, under every common field name, with the e-mail
    address and then the username as the identifier."""
    return [
        {"login": identifier, "username": identifier, "email": identifier, "password": password}
        for identifier in (user.email, user.username)
    ]


def language_of(path):
    return translation.get_language_from_path(path) or django_settings.LANGUAGE_CODE


def with_totp(user) -> str:
    """Gives the user a TOTP authenticator with a secret the test knows (replacing any they have)."""
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture(params=MFA_STAFF)
def staff_with_totp(request, mfa_required):
    user = request.getfixturevalue(request.param)
    user.totp_secret = with_totp(user)
    return user


def rate_limit_message(language):
    with translation.override(language):
        return escape(str(DefaultAccountAdapter.error_messages["too_many_login_attempts"]))


def assert_signed_in_nowhere(client):
    assert logged_in_user_id(client) is None
    for path in STAFF_ONLY_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(url("account_login")), path


def find_password_doors(watch, user, page_id):
    """Posts a password-only login to every door as a fresh visitor; returns the doors that checked the
    password, after asserting that none of them signed anybody in."""
    password_doors = set()
    for path in every_door(page_id):
        for credentials in password_only_logins(user, DEFAULT_PASSWORD):
            client = Client()
            watch.reset()

            response = client.post(path, credentials)

            assert response.status_code < 500, path
            assert watch.logins == [], f"{path} signed {watch.logins} in with the password alone"
            assert logged_in_user_id(client) is None, path
            if watch.checked_a_password:
                password_doors.add(path)
                # allauth's answer to a right password of someone with TOTP: the code step.
                assert response.status_code == 302, path
                assert response["Location"] == url("mfa_authenticate", language_of(path)), path
                assert_signed_in_nowhere(client)
    return password_doors


# --- every door --------------------------------------------------------------------------------


def test_every_door_that_checks_a_password_asks_staff_for_their_code(home_page, watch, staff_with_totp):
    password_doors = find_password_doors(watch, staff_with_totp, home_page.id)

    # The watch does see a password being checked: allauth's own login, in every language.
    assert {url("account_login", language) for language in LANGUAGES} <= password_doors


def test_wrong_passwords_lock_every_door_that_checks_a_password(
    request, home_page, watch, settings, mfa_required
):
    staff = [request.getfixturevalue(name) for name in MFA_STAFF]
    for user in staff:
        with_totp(user)
    password_doors = find_password_doors(watch, staff[0], home_page.id)
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS

    for user, path in itertools.product(staff, sorted(password_doors)):
        cache.clear()
        # By e-mail address: the identifier allauth keys its lock on.
        wrong = password_only_logins(user, WRONG_PASSWORD)[0]
        right = password_only_logins(user, DEFAULT_PASSWORD)[0]
        locked = rate_limit_message(language_of(path))
        client = Client()
        for attempt in range(1, 6):
            watch.reset()
            response = client.post(path, wrong)
            assert watch.checked_a_password, (path, attempt)
            assert locked not in response.content.decode(), (path, attempt)

        watch.reset()
        response = client.post(path, wrong)
        assert locked in response.content.decode(), path
        assert not watch.checked_a_password, path

        watch.reset()
        response = client.post(path, right)
        assert response.status_code == 200, path
        assert locked in response.content.decode(), path
        assert not watch.checked_a_password, path
        assert_signed_in_nowhere(client)


def test_right_password_and_code_still_sign_staff_in_through_the_main_login(
    client, home_page, staff_with_totp
):
    response = client.post(
        url("account_login", "en"), {"login": staff_with_totp.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == url("mfa_authenticate", "en")
    assert logged_in_user_id(client) is None

    response = client.post(url("mfa_authenticate", "en"), {"code": totp_code(staff_with_totp.totp_secret)})

    assert response.status_code == 302
    assert logged_in_user_id(client) == staff_with_totp.pk
    assert client.get("/admin/").status_code == 200


def test_ombudsperson_signed_in_with_the_code_reaches_the_case_inbox(
    client, home_page, ombudsperson, mfa_required
):
    secret = with_totp(ombudsperson)
    client.post(url("account_login"), {"login": ombudsperson.email, "password": DEFAULT_PASSWORD})
    client.post(url("mfa_authenticate"), {"code": totp_code(secret)})

    assert client.get("/ombudsperson/cases/").status_code == 200


# --- Wagtail's login and private pages ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_wagtails_front_end_login_sends_visitors_to_allauth_keeping_next(client, home_page, language):
    wagtail_login = url("wagtailcore_login", language)
    assert wagtail_login == ("" if language == "pl" else f"/{language}") + "/_util/login/"

    response = client.get(f"{wagtail_login}?next=/private/")

    assert response.status_code == 302
    assert response["Location"] == f"{url('account_login', language)}?next=%2Fprivate%2F"


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_private_pages_send_visitors_to_the_allauth_login(client, home_page, restriction_type):
    private = StandardPageFactory(title="Members only", slug="members-only")
    PageViewRestriction.objects.create(page=private, restriction_type=restriction_type)

    response = client.get("/members-only/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"{url('account_login')}?next=%2Fmembers-only%2F"
    assert response.wsgi_request.resolver_match.url_name == "account_login"


@pytest.fixture
def password_protected_page(home_page):
    page = StandardPageFactory(title="Draft for the working group", slug="draft-for-the-group")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="shared-secret-of-the-group"
    )
    return page, restriction


def test_the_shared_password_of_a_page_shows_the_page_without_signing_anyone_in(
    client, watch, password_protected_page, staff_with_totp
):
    page, restriction = password_protected_page
    form_url = url(
        "wagtailcore_authenticate_with_password", page_view_restriction_id=restriction.pk, page_id=page.pk
    )
    assert restriction.password not in client.get(page.url).content.decode()

    response = client.post(form_url, {"password": restriction.password, "return_url": page.url})

    assert response.status_code == 302
    assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200
    assert logged_in_user_id(client) is None
    assert watch.logins == []
    assert not watch.password_checks
    assert_signed_in_nowhere(client)


def test_a_staff_members_own_password_does_not_open_a_password_protected_page(
    client, watch, password_protected_page, staff_with_totp
):
    page, restriction = password_protected_page
    form_url = url(
        "wagtailcore_authenticate_with_password", page_view_restriction_id=restriction.pk, page_id=page.pk
    )

    for credentials in password_only_logins(staff_with_totp, DEFAULT_PASSWORD):
        response = client.post(form_url, {**credentials, "return_url": page.url})
        assert response.status_code == 200
        assert "password" in response.context["form"].errors

    assert logged_in_user_id(client) is None
    assert watch.logins == []
    assert not watch.password_checks


# --- the other apps' login forms ---------------------------------------------------------------


def test_djangos_own_admin_site_is_not_mounted():
    chains = list(_pattern_chains(get_resolver()))
    assert chains
    for chain in chains:
        assert all(getattr(entry, "app_name", None) != "admin" for entry in chain), _route(chain)
        view_module = getattr(chain[-1].callback, "__module__", "")
        assert not view_module.startswith("django.contrib.admin"), _route(chain)


def test_confirming_the_email_of_staff_with_totp_still_asks_for_the_code(
    client, home_page, watch, mfa_required
):
    """With ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION on, confirming the address signs the person in: through
    allauth's login stages, so the code is still asked."""
    editor = UserFactory(groups=["Editors"], verified=False)
    with_totp(editor)
    response = client.post(url("account_login"), {"login": editor.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == url("account_email_verification_sent")
    assert logged_in_user_id(client) is None

    confirm_url = link_from_mail(mail.outbox[-1], "/confirm-email/")
    response = client.post(confirm_url)

    assert response.status_code == 302
    assert response["Location"] == url("mfa_authenticate")
    assert watch.logins == []
    assert_signed_in_nowhere(client)


def test_a_password_reset_does_not_sign_staff_in(client, home_page, watch, staff_with_totp):
    client.post(url("account_reset_password"), {"email": staff_with_totp.email})
    reset_url = link_from_mail(mail.outbox[-1], "/password/reset/key/")
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key out of the address
    response = client.post(
        response["Location"], {"password1": "a-new-long-password-91", "password2": "a-new-long-password-91"}
    )

    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_from_key_done")
    staff_with_totp.refresh_from_db()
    assert staff_with_totp.check_password("a-new-long-password-91")
    assert watch.logins == []
    assert_signed_in_nowhere(client)


@pytest.fixture
def group_papers(home_page):
    """A collection of documents: one behind a login, one behind a shared password."""
    root = Collection.get_first_root_node()
    papers = {}
    for restriction_type in (CollectionViewRestriction.LOGIN, CollectionViewRestriction.PASSWORD):
        collection = root.add_child(name=f"Papers ({restriction_type})")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type, password="shared-secret-of-the-group"
        )
        document = Document.objects.create(
            title="Minutes",
            file=ContentFile(b"Minutes of the working group", name="minutes.txt"),
            collection=collection,
        )
        papers[restriction_type] = (document, restriction)
    return papers


def test_documents_behind_a_login_send_visitors_to_the_allauth_login(client, group_papers):
    document, _restriction = group_papers[CollectionViewRestriction.LOGIN]

    response = client.get(document.url, follow=True)

    assert response.wsgi_request.resolver_match.url_name == "account_login"
    assert response.redirect_chain[-1][0] == f"{url('account_login')}?{urlencode({'next': document.url})}"


def test_the_shared_password_of_documents_opens_them_without_signing_anyone_in(
    client, watch, group_papers, staff_with_totp
):
    document, restriction = group_papers[CollectionViewRestriction.PASSWORD]
    form_url = url("wagtaildocs_authenticate_with_password", restriction_id=restriction.pk)
    assert client.get(document.url).status_code == 200
    assert b"Minutes of the working group" not in b"".join(client.get(document.url))

    for credentials in password_only_logins(staff_with_totp, DEFAULT_PASSWORD):
        response = client.post(form_url, {**credentials, "return_url": document.url})
        assert response.status_code == 200
        assert "password" in response.context["form"].errors
    response = client.post(form_url, {"password": restriction.password, "return_url": document.url})

    assert response.status_code == 302
    assert b"Minutes of the working group" in b"".join(client.get(document.url))
    assert watch.logins == []
    assert not watch.password_checks
    assert_signed_in_nowhere(client)


def test_the_reauthentication_form_locks_like_the_login(client, home_page, watch, settings, staff_with_totp):
    """Signed-in staff confirm their password before sensitive account changes; that check shares the
    login's rate limit, so it cannot be used to guess a password either."""
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    client.force_login(staff_with_totp)
    locked = rate_limit_message("pl")
    for attempt in range(1, 6):
        watch.reset()
        response = client.post(url("account_reauthenticate"), {"password": WRONG_PASSWORD})
        assert response.status_code == 200, attempt
        assert watch.checked_a_password, attempt
        assert locked not in response.content.decode(), attempt

    watch.reset()
    response = client.post(url("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

    assert locked in response.content.decode()
    assert not watch.checked_a_password

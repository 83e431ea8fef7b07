"""Content-Security-Policy on every page (django-csp): the strict site policy on public and account pages,
the Wagtail admin's narrow relaxations on /admin/ only, the ombudsperson's stricter case pages, nonces for
inline scripts, and an admin that never asks gravatar.com (or any other host) for a picture.

tests/browser/test_csp.py checks in Chromium that no page reports a violation."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

from citysite.csp import SiteCSPMiddleware
from ombudsperson.models import OmbudspersonPage

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


@pytest.fixture
def ombudsperson_page(home_page):
    page = OmbudspersonPage(
        title="Rzecznik praw migrantów",
        slug="rzecznik",
        intro="Poufny kanał dla migrantów.",
        role_explanation="<p>Rzecznik pomaga migrantom.</p>",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("path", ["/", "/en/", "/uk/search/?q=praca", "/ru/account/login/"])
def test_public_pages_send_the_strict_policy(client, translated_home, path):
    response = client.get(path)

    assert response.status_code == 200
    assert policy(response) == STRICT


def test_a_signed_in_persons_account_page_sends_the_strict_policy(client, resident):
    client.force_login(resident)

    response = client.get(reverse("account_profile"))

    assert response.status_code == 200
    assert policy(response) == STRICT


def test_the_not_found_page_sends_the_strict_policy(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert policy(response) == STRICT


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_the_admin_relaxes_only_what_wagtail_needs(client, home_page, role, request):
    client.force_login(request.getfixturevalue(role))

    admin = client.get(reverse("wagtailadmin_home"))
    public = client.get("/")

    assert admin.status_code == 200
    assert policy(admin) == {
        **STRICT,
        "script-src": {"'self'", "'unsafe-inline'"},
        "style-src": {"'self'", "'unsafe-inline'"},
        "img-src": {"'self'", "data:", "blob:"},
        "frame-ancestors": {"'self'"},
    }
    assert policy(public) == STRICT  # the same person, outside the admin


def test_the_admin_login_redirect_is_covered_too(client, home_page):
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert "'unsafe-inline'" in policy(response)["script-src"]
    assert policy(response)["object-src"] == {"'none'"}


def test_case_pages_are_stricter_and_never_stored(client, ombudsperson_page, ombudsperson):
    form_page = client.get(ombudsperson_page.url)
    status_page = client.get(ombudsperson_page.url + ombudsperson_page.reverse_subpage("status"))
    client.force_login(ombudsperson)
    inbox = client.get(reverse("ombudsperson_handling:inbox"))

    for response in (form_page, status_page, inbox):
        assert response.status_code == 200
        assert policy(response) == {**STRICT, "script-src": {"'none'"}, "base-uri": {"'none'"}}
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "environment, origins",
    [
        ({}, []),
        ({"AWS_STORAGE_BUCKET_NAME": "media"}, []),
        (
            {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CUSTOM_DOMAIN": "cdn.lublin.example"},
            ["https://cdn.lublin.example"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "https://s3.lublin.example"},
            ["https://s3.lublin.example"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "media",
                "AWS_S3_CUSTOM_DOMAIN": "cdn.lublin.example",
                "CSP_MEDIA_ORIGINS": "https://a.example, https://b.example",
            },
            ["https://a.example", "https://b.example"],
        ),
    ],
)
def test_images_on_object_storage_are_allowed_from_its_host(environment, origins):
    """Read from a fresh interpreter: the settings module reads the environment once, at import."""
    script = (
        "import json, citysite.settings.base as s; "
        "print(json.dumps([s.CSP_MEDIA_ORIGINS, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "CSP_"))}
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        env={**clean, **environment},
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [origins, ["'self'", *origins]]


def test_an_inline_script_runs_with_the_nonce_of_its_response(rf):
    template = Template('<script nonce="{{ request.csp_nonce }}">document.title = "ok";</script>')

    def view(request):
        return HttpResponse(template.render(RequestContext(request)))

    first = SiteCSPMiddleware(view)(rf.get("/"))
    second = SiteCSPMiddleware(view)(rf.get("/"))

    nonces = [re.search(r'nonce="([^"]+)"', response.content.decode())[1] for response in (first, second)]
    assert policy(first)["script-src"] == {"'self'", f"'nonce-{nonces[0]}'"}
    assert policy(second)["script-src"] == {"'self'", f"'nonce-{nonces[1]}'"}
    assert nonces[0] != nonces[1]


class InlineScripts(HTMLParser):
    """Inline scripts the browser would run: <script> without src, of a JavaScript type."""

    def __init__(self):
        super().__init__()
        self.nonces = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        runs = attributes.get("type", "text/javascript") in ("text/javascript", "module")
        if tag == "script" and "src" not in attributes and runs:
            self.nonces.append(attributes.get("nonce"))


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/account/login/", "/account/signup/", "/search/?q=x", "/no-such-page/"]
)
def test_every_inline_script_on_a_public_page_carries_the_nonce(client, translated_home, path):
    response = client.get(path)
    parser = InlineScripts()
    parser.feed(response.content.decode())

    allowed = {source.removeprefix("'nonce-").removesuffix("'") for source in policy(response)["script-src"]}
    assert all(nonce in allowed for nonce in parser.nonces), parser.nonces


def test_the_admin_never_asks_gravatar_for_a_picture(client, editor):
    client.force_login(editor)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    account = client.get(reverse("wagtailadmin_account")).content.decode()

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    avatar = urlsplit(avatar_url(editor))
    assert not avatar.scheme and not avatar.netloc, avatar
    assert avatar.path.startswith(settings.STATIC_URL)
    for html in (dashboard, account):
        assert "gravatar" not in html
        # Every address in the page, in attributes and in the sidebar's JSON: none is on another host.
        addresses = re.findall(r"""(?:src|srcset|avatarUrl)["']?\s*[:=]\s*["']([^"']+)""", html)
        assert addresses
        assert [address for address in addresses if urlsplit(address).netloc] == []

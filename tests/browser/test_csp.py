"""The Content-Security-Policy holds in a real Chromium: on the demo site, no page of the sitemap (in all
four languages) and no admin or staff page that the demo roles use reports a CSP violation, and no page
makes a request to any host but the site itself (no gravatar.com, no CDN, no font service).

Violations are caught as the browser reports them, through `securitypolicyviolation` events recorded
from before the page's own scripts run. These contexts never bypass the CSP: that is what is tested."""

import importlib
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from consultations import demo as consultations_demo
from consultations.models import Answer, ConsultationPage, ParticipationCodeBatch
from home.management.commands.load_demo import DEMO_ACCOUNTS
from home.models import EventPage, HomePage

pytestmark = pytest.mark.django_db(transaction=True)

SITEMAP_NAMESPACE = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]

DATA_MIGRATIONS = [
    ("citysite.accounts.migrations.0002_staff_groups", "create_groups"),
    ("citysite.participation.migrations.0002_dimensions", "create_dimensions"),
    ("proposals.migrations.0002_working_group_member_permissions", "grant"),
]

RECORD_VIOLATIONS_JS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "(inline)"}`
        + ` at ${event.sourceFile || "(page)"}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def demo(home_page, settings, tmp_path, monkeypatch):
    """The demo site as `manage.py load_demo` builds it. The flush after every live-server test removes
    what data migrations put in the database, so they run again first (all use get_or_create)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("DEMO_PASSWORD", "Lublin-demo-2024-haslo")
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)
    collection_model = django_apps.get_model("wagtailcore", "Collection")
    collection_model.get_first_root_node() or collection_model.add_root(name="Root")
    call_command("load_demo", verbosity=0)
    # The demo has no uploads; an editor's image (focal point editor) and document screens need one each.
    get_image_model().objects.create(title="Plac Litewski", file=get_test_image_file())
    get_document_model().objects.create(title="Raport", file=ContentFile(b"%PDF-1.4\n", name="raport.pdf"))


@pytest.fixture
def visit(new_context, live_server):
    """Opens `path` in a page of `context` and returns what went wrong there: CSP violations, requests to
    other hosts, and an error status."""
    own_host = urlsplit(live_server.url).netloc

    def open_page(context, path):
        page = context.new_page()
        foreign = []

        def record_foreign(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own_host:
                foreign.append(f"request to {request.url}")

        page.on("request", record_foreign)
        response = page.goto(path, wait_until="networkidle")
        problems = [f"status {response.status}"] if response.status != 200 else []
        problems += page.evaluate("() => window.__csp") + foreign
        page.close()
        return [f"{path}: {problem}" for problem in problems]

    return open_page


@pytest.fixture
def csp_context(new_context, live_server):
    """A browser context that records CSP violations, signed in as `user` when given."""

    def make(user=None):
        context = new_context()
        context.add_init_script(RECORD_VIOLATIONS_JS)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
            )
        return context

    return make


def sitemap_paths(context):
    response = context.request.get("/sitemap.xml")
    assert response.status == 200
    # The site's own sitemap, not untrusted XML.
    sitemap = ElementTree.fromstring(response.body())  # noqa: S314
    locations = sitemap.iterfind("sitemap:url/sitemap:loc", SITEMAP_NAMESPACE)
    return [urlsplit(location.text).path for location in locations]


def test_no_page_of_the_sitemap_violates_the_policy(demo, csp_context, visit):
    context = csp_context()
    paths = sitemap_paths(context)
    for language in LANGUAGES[1:]:
        assert any(path.startswith(f"/{language}/") for path in paths), (
            f"no page in {language} in the sitemap"
        )
    assert any(not path.startswith(tuple(f"/{code}/" for code in LANGUAGES[1:])) for path in paths)

    problems = [problem for path in paths for problem in visit(context, path)]

    assert problems == []


def demo_user(role):
    account = next(account for account in DEMO_ACCOUNTS if account.role == role)
    return django_apps.get_model(settings.AUTH_USER_MODEL).objects.get(email=account.email)


def editor_paths():
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    event = EventPage.objects.live().first()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_explore", args=[Page.get_first_root_node().pk]),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[get_image_model().objects.first().pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[get_document_model().objects.first().pk]),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("working_group_members:index"),
        reverse("proposals_admin:index"),
    ]


def moderator_paths():
    return [
        reverse("wagtailadmin_home"),
        reverse("participation_admin:reports"),
        reverse("participation_admin:hidden"),
        reverse("proposals_admin:reports"),
        reverse("proposals_admin:hidden"),
        reverse("proposals_admin:waiting"),
        reverse("proposals_admin:index"),
    ]


def analyst_paths():
    consultation = ConsultationPage.objects.get(
        slug=consultations_demo.OPEN_SLUG, locale__language_code=settings.LANGUAGE_CODE
    )
    key = consultation.translation_key
    answer = Answer.objects.filter(consultation_key=key).first()
    return [
        reverse("wagtailadmin_home"),
        reverse("consultations_admin:index"),
        reverse("consultations_admin:answers", kwargs={"key": key}),
        reverse("consultations_admin:answer", kwargs={"key": key, "pk": answer.pk}),
        reverse("consultations_admin:charts", kwargs={"key": key}),
        reverse("consultations_admin:export", kwargs={"key": key}),
        reverse("consultations_admin:code_batches"),
        reverse("consultations_admin:code_batch_new"),
        reverse("consultations_admin:code_batch", kwargs={"pk": ParticipationCodeBatch.objects.first().pk}),
    ]


def secretariat_paths():
    return [
        reverse("wagtailadmin_home"),
        reverse("council_admin:home"),
        reverse("council_admin:members"),
        reverse("council_admin:invite"),
        reverse("council_admin:meetings"),
        reverse("council_admin:meeting_create"),
        reverse("council_admin:opinions"),
        reverse("council_admin:voting_rules"),
    ]


def council_member_paths():
    return [
        reverse("council_space:dashboard"),
        reverse("council_space:drafts"),
        reverse("council_space:votes"),
        reverse("council_space:meetings"),
    ]


def ombudsperson_paths():
    return [reverse("ombudsperson_handling:inbox"), reverse("ombudsperson_handling:statistics")]


STAFF_PAGES = {
    "Editor": editor_paths,
    "Moderator": moderator_paths,
    "Consultation analyst": analyst_paths,
    "Council secretariat": secretariat_paths,
    "Council member": council_member_paths,
    "Ombudsperson": ombudsperson_paths,
    "Administrator": editor_paths,
}


def test_no_staff_page_violates_the_policy(demo, csp_context, visit):
    problems = []
    for role, paths in STAFF_PAGES.items():
        context = csp_context(demo_user(role))
        with translation.override(settings.LANGUAGE_CODE):
            role_paths = paths()
        problems += [f"{role} {problem}" for path in role_paths for problem in visit(context, path)]

    assert problems == []


def test_a_violation_is_reported(home_page, csp_context):
    """The recording works: an inline script, which the policy refuses, is seen and does not run."""
    page = csp_context().new_page()
    page.goto("/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true;";
        document.head.append(script);
    }""")
    page.wait_for_function("() => window.__csp.length > 0")

    assert page.evaluate("() => window.inlineRan") is None
    assert page.evaluate("() => window.__csp")[0].startswith("script-src-elem blocked inline")

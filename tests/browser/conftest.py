"""Browser tests: a real Chromium driven by Playwright against pytest-django's live server, with
axe-core checking pages for WCAG 2.1 A/AA violations.

Chromium is Debian's (/usr/bin/chromium); Playwright's own browser downloads are not used. axe-core
comes from `npm ci`. When either is missing the tests skip on a developer's machine but fail under
CI=true, so that browser tests can never silently stop running in CI."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an asyncio event loop in the test thread; Django would otherwise refuse
# database access from that thread (factories, fixtures, the flush after each test) with
# SynchronousOnlyOperation. Set only while a browser test runs, setup to teardown (see
# pytest_runtest_protocol below): left set, it would leak into the rest of the suite, e.g. into the
# `manage.py check --deploy` subprocess of tests/test_settings.py, which rightly warns about it.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

BROWSER_DIR = Path(__file__).resolve().parent
# Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. another OS's Chrome on a developer's machine).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEFAULT_TIMEOUT_MS = 15_000


def _is_browser_test(item):
    return BROWSER_DIR in Path(str(item.path)).resolve().parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Wraps the setup, call and teardown of every test of the session: only browser tests get it."""
    if not _is_browser_test(item):
        return (yield)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ is a browser test (`-m "not browser"` leaves them out)."""
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} Browser tests must run in CI (CI=true), so this is an error.")
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all the browser tests, which run one after the other (pytest-django
    orders tests that use live_server together), so this is one browser per session. Package scope
    rather than session: Playwright's sync API keeps an event loop running in the main thread until it
    stops, and Django refuses database access wherever a loop runs; ended when the last browser test
    ends, it cannot break the database tests that run after (tests/test_mail_queue.py, ...)."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium).")
    if not AXE_JS.exists():
        _unavailable(f"axe-core is missing at {AXE_JS} (run `npm ci`).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a pinned test dependency
        _unavailable("The playwright package is not installed (pip install -e '.[test]').")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """Opens browser contexts on the live server; all of them are closed after the test."""
    contexts = []

    def open_context(**options):
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A fresh page (own cookies and storage) per test."""
    return new_context().new_page()


@pytest.fixture
def nojs_page(new_context):
    """A page in a context with JavaScript switched off."""
    return new_context(java_script_enabled=False).new_page()


@pytest.fixture
def logged_in_page(new_context, client, live_server):
    """Returns a page whose context carries the session of `user`, made with Django's test client
    (no login form round trip)."""

    def make(user):
        client.force_login(user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie.value, "url": live_server.url}]
        )
        return context.new_page()

    return make


def format_axe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    target: {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """Runs axe-core (WCAG 2.0/2.1 A and AA rules) on a page; returns axe's results (violations,
    passes, incomplete, inapplicable)."""

    def run(page):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
            # govern; a <script> tag (add_script_tag) would be refused as an inline script. So every page
            # is checked under its real policy, no context needs bypass_csp.
            page.evaluate(AXE_JS.read_text())
        return page.evaluate(
            """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""",
            AXE_TAGS,
        )

    return run


@pytest.fixture
def assert_accessible(axe):
    """Fails with every violation's id, help text and target selectors, for the developer to fix."""

    def check(page):
        results = axe(page)
        violations = results["violations"]
        assert not violations, (
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_axe_violations(violations)
        )
        assert results["passes"], f"axe-core checked nothing on {page.url}: is the page empty?"

    return check


# axe only asks for a human review ("incomplete") when aria-describedby points at nothing, so this
# checks it outright: every id in aria-describedby / aria-labelledby must name an element with text.
BROKEN_ARIA_REFERENCES_JS = """() => {
    const problems = [];
    for (const attribute of ["aria-describedby", "aria-labelledby"]) {
        for (const element of document.querySelectorAll(`[${attribute}]`)) {
            const name = element.id ? `#${element.id}` : element.tagName.toLowerCase();
            for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
                const target = document.getElementById(id);
                if (!target) {
                    problems.push(`${name} ${attribute}="${id}": no element has this id`);
                } else if (!target.textContent.trim()) {
                    problems.push(`${name} ${attribute}="${id}": the element is empty`);
                }
            }
        }
    }
    return problems;
}"""


@pytest.fixture
def assert_aria_references_resolve():
    def check(page):
        problems = page.evaluate(BROKEN_ARIA_REFERENCES_JS)
        assert not problems, f"ARIA references that lead nowhere on {page.url}:\n" + "\n".join(problems)

    return check

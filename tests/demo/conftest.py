"""The demo site, as `manage.py load_demo` builds it, loaded once for every test of this package.

A load takes long (pages in four languages, hundreds of answers, proposals, cases), so the tests that read
the demo share one: it is made inside an outer transaction opened before the package's first test and
rolled back after its last, and every test runs in a savepoint inside it (pytest-django's `db`), so what a
test changes is undone and no test outside this package ever sees the demo. pytest-django runs the tests
that use `db` before the transactional ones, in collection order, so this package's tests run one after
the other. A transactional test (`transaction=True`, `live_server`) flushes the database, the open
transaction's work included, and has no place here: tests/browser/test_csp.py loads its own demo."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.site_root import content_locales, polish_home_page

PASSWORD = "Lublin-demo-2024-haslo"
TRANSACTIONAL = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker):
    """What the load printed (verbosity 1): the demo logins, the printed ombudsperson case."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
            patch.setenv("DEMO_PASSWORD", PASSWORD)
            polish_home_page(content_locales())
            output = io.StringIO()
            call_command("load_demo", verbosity=1, stdout=output)
        yield output.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_home(request, demo_output, db):
    """The Polish home page of the loaded demo."""
    marker = request.node.get_closest_marker("django_db")
    if TRANSACTIONAL.intersection(request.fixturenames) or (marker and marker.kwargs.get("transaction")):
        pytest.fail("A transactional test would flush the shared demo: it does not belong in tests/demo/.")
    return polish_home_page(content_locales())


@pytest.fixture
def demo_password():
    """The password of every demo account in this package's load."""
    return PASSWORD

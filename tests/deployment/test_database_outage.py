"""PostgreSQL stops and starts again under a running site (issue 15): the web answers a translated 503
with Retry-After while it is away, through nginx, and serves again when it is back without being
restarted; `manage.py run_worker` waits for it and carries on with the tasks queued meanwhile."""

import json
import signal
import sys

import psycopg
import pytest

from ..i18n import polish
from .services import ROOT, Process, http_get, manage, wait_until

pytestmark = pytest.mark.services

UNAVAILABLE = "The site is briefly unavailable"


@pytest.fixture
def database_comes_back(site_database):
    """Whatever a test does to PostgreSQL, the next test finds it running."""
    yield site_database.cluster
    if not site_database.cluster.is_running():
        site_database.cluster.start()


def test_pages_answer_a_translated_503_while_postgresql_is_down_and_recover_without_a_restart(
    nginx, database_comes_back
):
    assert http_get(nginx, "/")[0] == 200

    database_comes_back.stop()

    status, headers, body = http_get(nginx, "/")
    assert status == 503
    assert int(headers["retry-after"]) > 0
    # Django's own page in the reader's language, passed through by nginx (not nginx's page).
    assert '<html lang="pl"' in body
    assert polish(UNAVAILABLE) in body
    status, headers, body = http_get(nginx, "/uk/")
    assert (status, '<html lang="uk"' in body) == (503, True)
    assert headers["retry-after"]
    status, headers, body = http_get(nginx, "/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "unavailable"

    database_comes_back.start()

    # The same gunicorn processes reconnect on the next request.
    wait_until(lambda: http_get(nginx, "/")[0] == 200, 15, "the site did not recover")
    status, _headers, body = http_get(nginx, "/healthz")
    assert (status, json.loads(body)["status"]) == (200, "ok")


def queued_email_statuses(database_url: str) -> list[str]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT status FROM mailqueue_outgoingemail ORDER BY id").fetchall()
    return [status for (status,) in rows]


def enqueue_email(environment, subject: str):
    manage(
        environment,
        "shell",
        "-c",
        "from django.core.mail import send_mail; "
        f"send_mail({subject!r}, 'Treść', None, ['olena@example.org'])",
    )


def test_the_worker_outlives_a_postgresql_restart_and_sends_what_was_queued(
    site_database, database_comes_back, tmp_path
):
    environment = site_database.environment
    database_url = environment["DATABASE_URL"]
    worker = Process(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "run_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--max-reconnect-delay",
            "2",
        ],
        environment,
        tmp_path / "worker.log",
    )
    try:
        enqueue_email(environment, "Przed awarią")
        wait_until(
            lambda: queued_email_statuses(database_url)[-1:] == ["sent"], 30, "the first e-mail was not sent"
        )

        database_comes_back.stop()
        wait_until(lambda: "Database unavailable" in worker.output(), 20, "the worker did not notice")
        assert worker.is_running(), worker.output()

        database_comes_back.start()
        enqueue_email(environment, "Po awarii")

        wait_until(
            lambda: queued_email_statuses(database_url)[-1:] == ["sent"], 30, "the worker did not carry on"
        )
        assert worker.is_running(), worker.output()
    finally:
        worker.stop(signal.SIGTERM)

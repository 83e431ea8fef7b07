"""A Redis outage degrades the site and never takes it down (issue 15.1). A real redis-server is started
for these tests, stopped in the middle of them and started again.

What holds while Redis is away (README, Configuration): every page renders; rate limits, allauth's login
limits and its record of used TOTP codes keep counting in each process's memory; the ombudsperson's
status lookup and the check of participation codes refuse (503) rather than count code guesses per
process; sessions are in the database
and survive. When Redis is back it is used again, and what changed meanwhile is not read back stale."""

import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from citysite.accounts.factories import DEFAULT_PASSWORD
from citysite.cache import cache_is_healthy
from citysite.participation import spam
from citysite.settings import base as base_settings
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import Answer
from consultations.services.answering import CODE_CHECK_UNAVAILABLE
from home.factories import StandardPageFactory
from ombudsperson.models import Case
from ombudsperson.views.public import LOOKUP_UNAVAILABLE
from proposals.factories import ProposalFactory, ProposalIndexPageFactory

from .accounts.helpers import logged_in_user_id, totp_code
from .consultations.helpers import answer_url, make_consultation, new_code, text_of
from .consultations.helpers import form_data as answer_data
from .i18n import polish
from .ombudsperson import conftest as ombudsperson_fixtures
from .ombudsperson.helpers import form_data, page_url

pytestmark = pytest.mark.django_db

ombudsperson_page = ombudsperson_fixtures.ombudsperson_page
filed_case = ombudsperson_fixtures.filed_case

REDIS_SERVER = shutil.which("redis-server")
RETRY_SECONDS = 0.2

if REDIS_SERVER is None and os.environ.get("CI") != "true":
    pytest.skip("redis-server is not installed (CI always has it)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A private redis-server without persistence, on its own port, that can be stopped and restarted."""

    def __init__(self, directory):
        self.directory = directory
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
            + ["--daemonize", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self):
        """Redis hangs (a stuck host, a full network buffer): connections open, answers never come."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def client(self):
        return redis.Redis.from_url(self.url)

    def key_names(self) -> list[str]:
        return [key.decode() for key in self.client().keys("*")]


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "citysite.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.5,
                "OUTAGE_RETRY_SECONDS": RETRY_SECONDS,
            },
        }
    }
    yield server
    if server.process.poll() is None:
        server.stop()


def restart(server):
    server.start()
    time.sleep(RETRY_SECONDS)


def cache_warnings(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "citysite.cache"]


@pytest.fixture
def public_pages(home_page):
    """Home, a standard page, a proposals list with a proposal, a consultation page: their addresses."""
    standard = StandardPageFactory(parent=home_page, title="O procesie", slug="o-procesie")
    proposals = ProposalIndexPageFactory(parent=home_page, slug="propozycje")
    ProposalFactory(index=proposals, title="Więcej ławek w parku")
    consultations = ConsultationIndexPageFactory(parent=home_page, slug="konsultacje")
    consultation = ConsultationPageFactory(
        parent=consultations, title="Polityka integracyjna", slug="polityka"
    )
    return [home_page.url, standard.url, proposals.url, consultation.url]


def test_public_pages_are_read_while_redis_is_down_and_use_it_again_when_it_is_back(
    client, redis_server, public_pages, caplog
):
    caplog.set_level(logging.INFO, logger="citysite.cache")
    for url in public_pages:
        assert client.get(url).status_code == 200, url
    # Wagtail computes page URLs through the cache: Redis is in real use.
    assert any("wagtail_site_root_paths" in key for key in redis_server.key_names())

    redis_server.stop()
    for _round in range(3):
        for url in public_pages:
            assert client.get(url).status_code == 200, url

    warnings = cache_warnings(caplog)
    # One warning when the outage starts, not one per cache call or request.
    assert len(warnings) == 1
    assert "unreachable" in warnings[0] and str(redis_server.port) in warnings[0]
    assert not cache_is_healthy()

    restart(redis_server)
    for url in public_pages:
        assert client.get(url).status_code == 200, url
    assert cache_is_healthy()
    assert "reachable again" in cache_warnings(caplog)[-1]
    assert any("wagtail_site_root_paths" in key for key in redis_server.key_names())


def test_a_signed_in_person_stays_signed_in_while_redis_is_down(client, redis_server, home_page, resident):
    client.force_login(resident)
    redis_server.stop()

    response = client.get(reverse("account_profile"))

    assert response.status_code == 200
    assert logged_in_user_id(client) == resident.pk  # sessions live in the database


def test_the_cache_works_from_memory_during_the_outage_and_nothing_stale_comes_back(redis_server):
    cache.set("budget", "old")
    cache.set("untouched", "kept")
    redis_server.freeze()

    started = time.monotonic()
    assert cache.get("budget") is None  # a miss after the socket timeout, not an error
    cache.set("budget", "new")
    assert cache.get("budget") == "new"
    assert cache.add("once", 1) is True
    assert cache.add("once", 1) is False
    assert cache.incr("once") == 2
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")
    # Only the first call waited for Redis; the others did not try it again before the retry is due.
    assert time.monotonic() - started < 1.5

    redis_server.thaw()
    time.sleep(RETRY_SECONDS)
    # Redis kept "old" for the key changed during the outage: it is forgotten, not served.
    assert cache.get("budget") is None
    assert cache.get("once") is None
    assert cache.get("untouched") == "kept"
    cache.set("budget", "newest")
    assert redis_server.client().get(cache.make_key("budget")) is not None


def test_rate_limited_forms_keep_counting_while_redis_is_down(
    client, redis_server, ombudsperson_page, settings
):
    settings.OMBUDSPERSON_CASE_RATE = "2/h"
    redis_server.stop()

    for _number in range(2):
        assert client.post(page_url(ombudsperson_page), form_data()).status_code == 302

    response = client.post(page_url(ombudsperson_page), form_data())

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [str(spam.RATE_LIMIT_MESSAGE)]
    assert Case.objects.count() == 2


def test_login_attempts_are_limited_and_totp_codes_used_once_while_redis_is_down(
    client, redis_server, home_page, editor, settings
):
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    redis_server.stop()

    login = reverse("account_login")
    code = totp_code(secret)
    assert client.post(login, {"login": editor.email, "password": DEFAULT_PASSWORD}).status_code == 302
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert logged_in_user_id(client) == editor.pk

    # The same code, seen over a shoulder, does not sign anybody in a second time.
    client.logout()
    client.post(login, {"login": editor.email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in_user_id(client) is None

    # Wrong passwords still lock the account (5 per key in 5 minutes).
    client.logout()
    locked = escape(polish(DefaultAccountAdapter.error_messages["too_many_login_attempts"]))
    for _attempt in range(5):
        response = client.post(login, {"login": editor.email, "password": "not-the-password"})
        assert locked not in response.content.decode()
    response = client.post(login, {"login": editor.email, "password": DEFAULT_PASSWORD})
    assert locked in response.content.decode()
    assert logged_in_user_id(client) is None


def test_the_ombudsperson_status_lookup_refuses_while_redis_is_down(
    client,
    redis_server,
    ombudsperson_page,
    filed_case,  # noqa: F811
):
    case, code = filed_case
    status_url = page_url(ombudsperson_page, "status")
    redis_server.stop()

    response = client.post(status_url, {"reference": case.reference, "code": code})

    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert escape(polish(LOOKUP_UNAVAILABLE)) in html
    assert 'role="alert"' in html
    assert code not in html
    # Reading the page without a lookup still works.
    assert client.get(status_url).status_code == 200

    restart(redis_server)
    response = client.post(status_url, {"reference": case.reference, "code": code})
    assert response.status_code == 302


def test_participation_codes_are_not_checked_while_redis_is_down(client, redis_server, home_page):
    consultation = make_consultation(home_page)
    code = new_code(consultation)
    redis_server.stop()

    response = client.post(
        answer_url(consultation), answer_data(participation_code=code.code, district="Czuby")
    )

    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.context["form"].errors["participation_code"] == [str(CODE_CHECK_UNAVAILABLE)]
    page = text_of(response)
    assert polish(str(CODE_CHECK_UNAVAILABLE)) in page
    assert 'value="Czuby"' in page  # nothing typed is lost
    assert not Answer.objects.exists()
    code.refresh_from_db()
    assert code.used_at is None

    restart(redis_server)
    response = client.post(answer_url(consultation), answer_data(participation_code=code.code))
    assert response.status_code == 302
    assert Answer.objects.get().participation_code == code

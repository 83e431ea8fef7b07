"""The shipped deployment files agree with each other and with the site (no services started): nginx lets
through every request body the site accepts, so the site's own translated 413 and form messages are what
people see, and refuses far larger ones itself; gunicorn's settings are valid and match nginx's bound."""

import re

import pytest
from django.test import RequestFactory
from gunicorn.config import Config

from citysite.middleware import body_limit

from .services import DEPLOY

MIB = 1024 * 1024
LOCATIONS = (DEPLOY / "nginx" / "otwartemiasto-locations.conf").read_text()
UPSTREAM = (DEPLOY / "nginx" / "otwartemiasto-upstream.conf").read_text()


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": MIB}[unit]


def body_size_for(location: str | None) -> int:
    """client_max_body_size inside `location PREFIX {`, or at the server level when None."""
    if location is None:
        text = LOCATIONS.split("\nlocation ", 1)[0]
    else:
        text = LOCATIONS.split(f"\nlocation {location} {{", 1)[1].split("\n}", 1)[0]
    return nginx_size(re.search(r"^\s*client_max_body_size (\w+);", text, re.MULTILINE)[1])


def site_limit(path: str) -> int:
    return body_limit(RequestFactory().post(path, {}, content_type="multipart/form-data; boundary=x"))


@pytest.mark.parametrize(
    ("path", "location"), [("/ombudsperson/", None), ("/admin/documents/multiple/add/", "/admin/")]
)
def test_nginx_passes_every_body_the_site_accepts_and_refuses_much_larger_ones(path, location):
    nginx_limit = body_size_for(location)
    assert site_limit(path) <= nginx_limit <= site_limit(path) + MIB


def gunicorn_settings() -> Config:
    config = Config()
    namespace = {"__file__": str(DEPLOY / "gunicorn.conf.py")}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_gunicorn_settings_are_valid_and_deliberate():
    config = gunicorn_settings()
    assert config.worker_class_str == "gthread"
    assert config.preload_app is True
    assert config.max_requests > 0 and 0 < config.max_requests_jitter < config.max_requests
    # systemd waits 40 s for a stop (otwartemiasto-web.service); the workers finish before that.
    stop_seconds = int(
        re.search(r"TimeoutStopSec=(\d+)", (DEPLOY / "otwartemiasto-web.service").read_text())[1]
    )
    assert config.graceful_timeout < stop_seconds


def test_nginx_lets_through_twice_what_gunicorn_serves_at_once():
    config = gunicorn_settings()
    max_conns = int(re.search(r"server 127\.0\.0\.1:8000 max_conns=(\d+);", UPSTREAM)[1])
    assert max_conns == 2 * config.workers * config.threads

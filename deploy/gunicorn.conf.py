"""gunicorn settings of the web process: `gunicorn citysite.wsgi --config deploy/gunicorn.conf.py`
(deploy/otwartemiasto-web.service). Options given on the command line win over these, e.g. `--workers 5`.

gunicorn never faces the internet: nginx (deploy/nginx/) is in front and reads every request whole before
passing it on, and takes every answer whole before sending it to a slow reader. A client that sends half a
request or reads slowly costs nginx one idle connection and gunicorn nothing. Without the proxy, four such
clients were enough to take every sync worker (issue 15.2).

Why gthread workers: a thread waiting for PostgreSQL, Redis or the mail queue leaves the worker's other
threads serving, and the worker's heartbeat comes from its main loop, not from the request. A sync worker
whose single request ran past `timeout` was killed; under overload cold workers were killed mid-request and
restarted in a loop. With gthread, `timeout` only catches a worker whose main loop is stuck; a request that
is merely slow is cut off by nginx (`proxy_read_timeout`), which answers 504 with its "try again" page.

Why preload_app with a warm-up: the application (Django, Wagtail, every URL and view, the templates every
page uses, the translation catalogues) is loaded once in the master, then each worker is forked from it
ready to serve, and shares that memory copy-on-write. A worker replaced after `max_requests` is as fast on
its first request as on its thousandth. The cost: `systemctl reload` (HUP) starts new workers from the
code already loaded; new code needs `systemctl restart otwartemiasto-web` (docs/operations.md, Upgrades).
"""

import logging
from pathlib import Path

bind = "127.0.0.1:8000"
worker_class = "gthread"
# Requests in flight at once: workers × threads. nginx lets at most twice that many reach gunicorn
# (`max_conns` in deploy/nginx/otwartemiasto-upstream.conf); change both together.
workers = 3
threads = 4
# Seconds a worker's main loop may stay silent before the master kills it (not a limit on requests).
timeout = 30
# On stop or reload a worker finishes the requests it has, for at most this long (systemd waits 40 s).
graceful_timeout = 25
# nginx opens a new connection per request; a short keep-alive frees threads for anyone else.
keepalive = 2
# Replace each worker after this many requests, at different moments (jitter), so a slow leak in any
# library never grows without bound and the workers are never all replaced together.
max_requests = 2000
max_requests_jitter = 400
preload_app = True
# The kernel queue before gunicorn accepts: nginx already bounds what it sends, this bounds what anything
# else on the host could pile up.
backlog = 128
# Only nginx on this host talks to gunicorn; its X-Forwarded-* headers are trusted from there alone.
forwarded_allow_ips = "127.0.0.1,::1"
# Workers prove they are alive through a file touched every second: keep it in memory, not on disk.
# gunicorn's documentation recommends tmpfs here; the file holds nothing but its modification time.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# systemd stops, reloads and restarts gunicorn by signals; no control socket in the service's home.
control_socket_disable = True
accesslog = "-"
errorlog = "-"

# Templates every page or error page renders; compiled once in the master (Django's cached loader).
WARM_TEMPLATES = [
    "base.html",
    "error_page.html",
    "400.html",
    "403.html",
    "404.html",
    "413.html",
    "500.html",
    "503.html",
    "home/home_page.html",
    "home/standard_page.html",
]


def when_ready(server):
    """After the application is loaded in the master and before any worker is forked: load what Django
    otherwise loads lazily on the first requests of each worker."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connections
    from django.template import TemplateDoesNotExist, loader
    from django.urls import get_resolver, reverse
    from django.utils import translation

    log = logging.getLogger("gunicorn.error")
    resolver = get_resolver()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):  # loads the catalogue and the language's URL patterns
            reverse("search")
    resolver.url_patterns  # noqa: B018 - imports every view module
    for name in WARM_TEMPLATES:
        try:
            loader.get_template(name)
        except TemplateDoesNotExist:
            log.warning("Warm-up: template %s does not exist", name)
    # Nothing opened here may be shared by the forked workers: each opens its own connections.
    connections.close_all()
    caches.close_all()
    server.log.info("Application loaded and warmed up; forking %s workers", server.num_workers)

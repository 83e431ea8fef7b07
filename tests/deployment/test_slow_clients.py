"""Slow clients do not stop the site (issue 15.2): nginx from deploy/nginx/ in front of gunicorn with
deploy/gunicorn.conf.py. Eight connections that send half a request, and stay, take every thread of a
gunicorn that faces them directly; behind nginx, normal visitors are served at once meanwhile."""

import re
import signal
import socket
import threading
import time

import pytest

from .services import DEPLOY, http_get, start_gunicorn, wait_until

pytestmark = pytest.mark.services

SLOW_CLIENTS = 8
# What a normal visitor may wait while the slow clients hang on: far below any timeout that could free
# a thread (nginx drops a silent client after 10 s).
PROMPT_SECONDS = 5
MAX_CONNS = int(
    re.search(r"max_conns=(\d+);", (DEPLOY / "nginx" / "otwartemiasto-upstream.conf").read_text())[1]
)


def half_requests(port: int, count: int) -> list[socket.socket]:
    """Connections that have sent part of a request and then go quiet: half the headers, or all the
    headers of a POST and half its body."""
    connections = []
    for number in range(count):
        connection = socket.create_connection(("127.0.0.1", port), timeout=5)
        if number % 2:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
        else:
            connection.sendall(
                b"POST /ombudsperson/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000\r\n\r\n"
                + b"a"
                * 1000
            )
        connections.append(connection)
    # Let the server take them all in before the normal visitors come.
    time.sleep(1)
    return connections


def still_open(connection: socket.socket) -> bool:
    connection.setblocking(False)
    try:
        return connection.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True  # nothing to read and not closed: the server is still waiting for the rest
    except OSError:
        return False
    finally:
        connection.setblocking(True)


def timed_get(port: int, path: str, timeout: float):
    started = time.monotonic()
    status, headers, body = http_get(port, path, timeout=timeout)
    return status, headers, body, time.monotonic() - started


def test_normal_visitors_are_served_while_slow_clients_hang_on_behind_nginx(nginx):
    slow = half_requests(nginx, SLOW_CLIENTS)
    try:
        for path in ["/healthz", "/", "/en/", "/healthz", "/"]:
            status, headers, body, seconds = timed_get(nginx, path, timeout=PROMPT_SECONDS)
            assert status == 200, (path, status, body[:500])
            assert seconds < PROMPT_SECONDS, (path, seconds)
        assert '"database": "ok"' in http_get(nginx, "/healthz")[2]
        # The slow clients were still connected all along: nginx was holding them, not gunicorn.
        assert all(still_open(connection) for connection in slow)

        # nginx does not hold them for ever (client_header_timeout, client_body_timeout: 10 s, 15 s).
        wait_until(lambda: not any(still_open(connection) for connection in slow), 25, "nginx kept them")
    finally:
        for connection in slow:
            connection.close()


def test_the_same_slow_clients_take_every_thread_of_a_gunicorn_without_nginx(site_database, tmp_path):
    """What nginx is for: gunicorn facing the clients itself answers nobody while they hang on. The test
    above would fail without the proxy. One worker here, so that it surely gets all eight (with several,
    the first to accept might take them all and leave another one free)."""
    process, port = start_gunicorn(site_database.environment, tmp_path / "gunicorn.log", workers=1, threads=2)
    try:
        slow = half_requests(port, SLOW_CLIENTS)
        try:
            with pytest.raises(TimeoutError):
                http_get(port, "/healthz", timeout=3)
        finally:
            for connection in slow:
                connection.close()
        # Once they leave, it serves again.
        wait_until(lambda: http_get(port, "/healthz", timeout=5)[0] == 200, 20, "gunicorn did not recover")
    finally:
        process.stop(signal.SIGQUIT)


def test_beyond_max_conns_nginx_answers_at_once_instead_of_queueing(nginx, gunicorn):
    """The queue is bounded: with 24 requests already waiting for a gunicorn that does not answer (frozen
    here), the next visitor gets nginx's four-language page with Retry-After at once, and the waiting ones
    are served when gunicorn is back."""
    waiting = []

    def wait_for_home_page():
        waiting.append(http_get(nginx, "/", timeout=30)[0])

    gunicorn.signal_all(signal.SIGSTOP)
    try:
        held = [threading.Thread(target=wait_for_home_page) for _number in range(MAX_CONNS)]
        for request in held:
            request.start()
        time.sleep(1)

        status, headers, body, seconds = timed_get(nginx, "/", timeout=PROMPT_SECONDS)
    finally:
        gunicorn.signal_all(signal.SIGCONT)
    for request in held:
        request.join(30)

    assert (status, headers["retry-after"]) == (503, "60")
    assert seconds < 2
    for text in [
        "Spróbuj ponownie za minutę.",
        "Please try again in a minute.",
        "Спробуйте ще раз за хвилину.",
    ]:
        assert text in body
    assert waiting == [200] * MAX_CONNS

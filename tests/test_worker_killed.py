"""A worker killed with SIGKILL in the middle of sending an e-mail: the e-mail is delivered exactly once,
by the next worker, after `manage.py retry_emails` takes up the record the dead worker left "sending".

Real processes, a real kill and a real (minimal) SMTP server: the worker runs as `manage.py run_worker`
in a subprocess against the test database, so the test needs a database two processes can share."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection, transaction

from citysite.mailqueue.models import DeliveryStatus, OutgoingEmail

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Every wait in this test is bounded by this many seconds.
LONGEST_WAIT = 60
SENDING_TIMEOUT = 2

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker subprocess must share the test database; pytest-django's SQLite one is in memory",
)


class SmtpSink:
    """A minimal SMTP server in a thread. It holds the first message at its end of data, answering
    nothing, until the test releases it; then it drops that connection without the 250, so the message
    counts as not accepted. Every later message is accepted at once and recorded."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = []
        self.holding = threading.Event()
        self.released = threading.Event()
        self.held_one = False
        self.lock = threading.Lock()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _address = self.server.accept()
            except OSError:  # closed by stop()
                return
            threading.Thread(target=self.converse, args=(client,), daemon=True).start()

    def converse(self, client):
        with client, client.makefile("rb") as lines:
            client.sendall(b"220 sink ESMTP\r\n")
            for line in lines:
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    client.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    client.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    message = self.read_data(lines)
                    if message is None:
                        return
                    with self.lock:
                        hold, self.held_one = not self.held_one, True
                    if hold:
                        self.holding.set()
                        self.released.wait(LONGEST_WAIT)
                        return  # dropped without an answer: not accepted
                    self.accepted.append(message)
                    client.sendall(b"250 Accepted\r\n")
                elif command == b"QUIT":
                    client.sendall(b"221 Bye\r\n")
                    return
                else:
                    client.sendall(b"502 Not implemented\r\n")

    @staticmethod
    def read_data(lines):
        message = []
        for line in lines:
            if line == b".\r\n":
                return b"".join(message)
            message.append(line)
        return None  # the client went away mid-message

    def stop(self):
        self.released.set()
        self.server.close()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def queue_to_sink(settings, transactional_db, smtp_sink):
    """E-mails queued in the database and sent over SMTP to the sink; no test transaction around it, so
    the worker subprocess sees what the test commits."""
    settings.EMAIL_BACKEND = "citysite.mail.TaskQueueEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_SENDING_TIMEOUT = SENDING_TIMEOUT
    return settings


def start_worker(port):
    """`manage.py run_worker` as production runs it. The base settings, not the test ones: those run
    tasks immediately and keep e-mail in memory; everything else comes from the environment."""
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citysite.settings.base",
        "SECRET_KEY": "test-only-key",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
            f":{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": str(LONGEST_WAIT),
    }
    # A file, not a pipe: a pipe nobody reads would stall a talkative worker. stop() closes it.
    log = tempfile.TemporaryFile()  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker.log = log
    return worker


def stop(worker):
    if worker.poll() is None:
        worker.kill()
    worker.wait(LONGEST_WAIT)
    worker.log.close()


def wait_until(condition, what, worker):
    deadline = time.monotonic() + LONGEST_WAIT
    while not condition():
        if worker.poll() is not None:
            worker.log.seek(0)
            pytest.fail(f"the worker exited while waiting for {what}: {worker.log.read().decode()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting {LONGEST_WAIT} s for {what}")
        time.sleep(0.1)


def status():
    return OutgoingEmail.objects.get().status


def test_an_email_whose_worker_is_killed_mid_send_is_delivered_exactly_once(queue_to_sink, smtp_sink):
    with transaction.atomic():
        send_mail("Przypomnienie o konsultacjach", "Treść", None, ["olena@example.org"])

    first_worker = start_worker(smtp_sink.port)
    try:
        wait_until(smtp_sink.holding.is_set, "the worker to be sending the e-mail", first_worker)
        assert status() == DeliveryStatus.SENDING
        os.kill(first_worker.pid, signal.SIGKILL)
        first_worker.wait(LONGEST_WAIT)
    finally:
        stop(first_worker)
    smtp_sink.released.set()
    assert first_worker.returncode == -signal.SIGKILL
    assert status() == DeliveryStatus.SENDING, "the dead worker could not record anything"
    assert smtp_sink.accepted == []

    time.sleep(SENDING_TIMEOUT + 0.5)
    call_command("retry_emails", verbosity=0)
    assert status() == DeliveryStatus.QUEUED

    second_worker = start_worker(smtp_sink.port)
    try:
        wait_until(
            lambda: status() == DeliveryStatus.SENT, "the second worker to send the e-mail", second_worker
        )
        # Time enough for a duplicate, were one on its way.
        time.sleep(1)
    finally:
        stop(second_worker)

    assert len(smtp_sink.accepted) == 1
    assert b"Przypomnienie o konsultacjach" in smtp_sink.accepted[0]
    email = OutgoingEmail.objects.get()
    assert email.status == DeliveryStatus.SENT
    assert email.attempts == 2, "claimed once by each worker"

"""`manage.py run_worker`: django-tasks-db's `db_worker` that outlives the database going away.

The stock worker exits on the first OperationalError it cannot explain by a locked SQLite file, e.g. when
PostgreSQL restarts. This one closes its connections, waits (1 s, doubling up to --max-reconnect-delay)
and carries on, as often as it takes. Errors that are not about the connection still stop it, and
systemd (deploy/otwartemiasto-worker.service) starts it again."""

import logging
import os
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django.db.utils import DatabaseError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")

FIRST_RECONNECT_DELAY = 1.0


class ReconnectingWorker(db_worker.Worker):
    def __init__(self, *, max_reconnect_delay: float, **options):
        super().__init__(**options)
        self.max_reconnect_delay = max_reconnect_delay

    def run(self) -> None:
        delay = FIRST_RECONNECT_DELAY
        while True:
            started = time.monotonic()
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if any(connection.in_atomic_block for connection in connections.all(initialized_only=True)):
                    # Called inside a transaction (a test's): reconnecting would leave it behind.
                    raise
                if time.monotonic() - started > self.max_reconnect_delay:
                    # It had been working for a while: this is a new outage, start with a short wait.
                    delay = FIRST_RECONNECT_DELAY
                logger.warning("Database unavailable (%s); trying again in %.0f s", str(error).strip(), delay)
                close_connections()
                time.sleep(delay)
                delay = min(delay * 2, self.max_reconnect_delay)
                # The random start-up pause is for a fleet starting together; a reconnect needs none.
                self.startup_delay = False


def close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            # Closing a connection the server already dropped may fail; the next query opens a new one.
            logger.debug("Closing a dead connection failed", exc_info=True)


class Command(db_worker.Command):
    help = "Run a database background worker that waits for the database to come back when it goes away"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--max-reconnect-delay",
            type=db_worker.valid_interval,
            default=30,
            help="Longest wait (seconds) between attempts to reach the database again (default: %(default)r)",
        )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        max_reconnect_delay: float,
        **options,
    ) -> None:
        # The parent's handle() with ReconnectingWorker in place of Worker (db_worker builds it inline).
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("--reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")

        worker = ReconnectingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            max_reconnect_delay=max_reconnect_delay,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

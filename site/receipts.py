"""Creates that hand a person a receipt (a case reference and secret code, an answer's receipt page, a
batch of participation codes, a new proposal's page): once the record is committed, nothing may take the
receipt away.

A person told "something went wrong" after their case was saved loses its reference and code for good, or
sends it again. So a create that shows a receipt:

- works out everything the receipt shows before the commit (addresses before the transaction, references
  and codes inside it), so that showing it afterwards needs neither the database nor the cache;
- commits through `commit`, which hands back the result as soon as the commit has happened, even when
  something running after it fails (an on_commit callback: a cache invalidation, a signal handler's
  follow-up, a file moved to storage): that failure is logged and the receipt shown;
- runs its own side effects after the commit inside `after_commit`, which logs a failure instead of
  raising it (a receipt e-mail that could not be queued must not cost the receipt).

Inside an outer transaction nothing commits here, so nothing is caught: a failure still rolls back."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)

Result = TypeVar("Result")


def commit(work: Callable[[], Result], *, what: str) -> Result:
    """Runs `work` in a transaction and returns its result once committed. An exception raised before
    the commit rolls everything back and reaches the caller; one raised after it (by on_commit
    callbacks) is logged, since the record exists and the person must get its receipt."""
    committed = False

    def mark_committed():
        nonlocal committed
        committed = True

    try:
        with transaction.atomic():
            # Registered before `work` runs, so it runs first after the commit, before any callback
            # of `work` that may fail.
            transaction.on_commit(mark_committed)
            result = work()
    except Exception:
        if not committed:
            raise
        logger.exception("%s was saved, but something after the commit failed; its receipt is shown", what)
    return result


@contextmanager
def after_commit(what: str) -> Iterator[None]:
    """Wraps a side effect of a committed create: a failure is logged, never shown to the person as an
    error, because what they sent is saved."""
    try:
        yield
    except Exception:
        logger.exception("%s failed after the commit; the receipt is shown all the same", what)

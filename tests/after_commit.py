"""Failures injected after a create commits (issue 15.5): what a cache invalidation, a signal handler or
a cache outage would do once the record is saved. Used by the receipt tests, which commit for real
(transactional database) so that on_commit callbacks run as in production."""

from contextlib import contextmanager

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_save

CACHE_METHODS = ("get", "set", "add", "delete", "get_many", "set_many", "delete_many", "incr", "has_key")


class CacheDown(Exception):
    """What a cache client raises when its server does not answer."""


@contextmanager
def _on_commit_of(model, callback):
    def register(sender, instance, created, **kwargs):
        if created:
            transaction.on_commit(callback)

    uid = f"tests.after_commit.{model._meta.label}"
    post_save.connect(register, sender=model, dispatch_uid=uid, weak=False)
    try:
        yield
    finally:
        post_save.disconnect(sender=model, dispatch_uid=uid)


def failing_callback_after_commit(model):
    """Each new `model` row registers an on_commit callback that fails."""

    def fail():
        raise CacheDown("the cache is not answering")

    return _on_commit_of(model, fail)


def cache_down_after_commit(model, monkeypatch):
    """Once a new `model` row is committed, every use of the default cache fails (until monkeypatch is
    undone)."""

    def fail(*args, **kwargs):
        raise CacheDown("the cache is not answering")

    def go_down():
        for method in CACHE_METHODS:
            monkeypatch.setattr(caches["default"], method, fail)

    return _on_commit_of(model, go_down)

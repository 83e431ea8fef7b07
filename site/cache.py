"""The shared Redis cache, made optional in fact and not only on paper.

Django's RedisCache raises on every call while Redis is away, and Wagtail computes page URLs through the
cache, so a Redis outage used to answer most pages with an error. ResilientRedisCache keeps the site up:

- While Redis cannot be reached, every operation goes to a cache in this process's memory instead
  (one warning in the log when the outage starts and one when it ends, never one per call). Rate
  limits, allauth's login limits and its record of used TOTP codes keep working there, counted per
  process instead of across all of them; nothing that reads the cache fails.
- Redis is tried again at most every `OUTAGE_RETRY_SECONDS` (short socket timeouts keep each try
  cheap), so an outage does not slow every request down.
- When Redis is back, the keys this process wrote or deleted meanwhile are deleted from Redis (their
  values there are out of date: a Site changed during the outage must not come back with its old root
  paths), and the in-memory stand-in is emptied.

Secrets that people could guess (case codes of the ombudsperson, participation codes) need the shared
count: per-process counts multiply the allowance by the number of processes and start again with each
restart. `cache_is_healthy()` tells those views to refuse until Redis is back."""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 5.0
# Enough for the site's page URLs, rate-limit counters and used codes during an outage, bounded so a
# long one cannot grow the process without limit.
FALLBACK_MAX_ENTRIES = 10_000
# Keys written during an outage, remembered to be deleted from Redis when it is back. Past this many the
# whole Redis database is flushed instead, as its contents can no longer be trusted key by key.
REMEMBERED_KEYS_LIMIT = 10_000


class _Outage:
    """Whether one Redis server is reachable, shared by every thread of the process (Django gives each
    thread its own cache object)."""

    def __init__(self):
        self.lock = threading.RLock()
        self.down_since: float | None = None
        self.next_try = 0.0
        self.stale_keys: set[str] = set()
        self.flush_on_recovery = False

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def retry_due(self) -> bool:
        return time.monotonic() >= self.next_try

    def failed(self, location: str, error: Exception, retry_seconds: float) -> None:
        with self.lock:
            self.next_try = time.monotonic() + retry_seconds
            if self.down_since is not None:
                return
            self.down_since = time.monotonic()
        logger.warning(
            "Cache at %s unreachable (%s: %s); serving from this process's memory and retrying every %s s",
            location,
            type(error).__name__,
            error,
            retry_seconds,
        )

    def remember(self, keys) -> None:
        with self.lock:
            self.stale_keys.update(keys)
            if len(self.stale_keys) > REMEMBERED_KEYS_LIMIT:
                self.forget_everything()

    def forget_everything(self) -> None:
        with self.lock:
            self.stale_keys.clear()
            self.flush_on_recovery = True

    def ended(self) -> None:
        self.down_since = None
        self.stale_keys = set()
        self.flush_on_recovery = False


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ResilientRedisCache(RedisCache):
    """RedisCache that falls back to local memory while Redis is unreachable (see the module's text).
    OPTIONS may hold OUTAGE_RETRY_SECONDS; everything else in OPTIONS goes to redis-py as usual."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("OUTAGE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = ",".join(self._servers)
        self._outage = _outage_for(self._location)
        shared_params = ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
        fallback_params = {name: params[name] for name in shared_params if name in params}
        fallback_params["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}
        self._fallback = LocMemCache(f"citysite.cache.fallback:{self._location}", fallback_params)

    @property
    def available(self) -> bool:
        """Whether Redis answers now (during an outage it is asked again only when a retry is due)."""
        if self._outage.down:
            return self._recover()
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._outage.failed(self._location, error, self.retry_seconds)
            return False
        return True

    def _run(self, operation: str, args: tuple, kwargs: dict, written_keys=()):
        if not self._outage.down or self._recover():
            try:
                return getattr(super(), operation)(*args, **kwargs)
            except RedisError as error:
                self._outage.failed(self._location, error, self.retry_seconds)
        if written_keys:
            version = kwargs.get("version")
            self._outage.remember(self.make_and_validate_key(key, version=version) for key in written_keys)
        return getattr(self._fallback, operation)(*args, **kwargs)

    def _recover(self) -> bool:
        """Tries Redis again once the retry is due. Before anything is read from it, what this process
        changed during the outage is deleted there, so no old value comes back. True if Redis is back."""
        outage = self._outage
        with outage.lock:
            if not outage.down:
                return True  # another thread has just recovered it
            if not outage.retry_due():
                return False
            stale_keys = sorted(outage.stale_keys)
            try:
                if outage.flush_on_recovery:
                    self._cache.clear()
                elif stale_keys:
                    self._cache.delete_many(stale_keys)
                else:
                    self._cache.get_client(write=True).ping()
            except RedisError as error:
                outage.failed(self._location, error, self.retry_seconds)
                return False
            flushed = outage.flush_on_recovery
            lasted = time.monotonic() - outage.down_since
            outage.ended()
            self._fallback.clear()
        logger.warning(
            "Cache at %s reachable again after %.0f s; %s",
            self._location,
            lasted,
            "flushed it (too much changed meanwhile)" if flushed else f"forgot {len(stale_keys)} stale keys",
        )
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("add", (key, value), {"timeout": timeout, "version": version}, written_keys=[key])

    def get(self, key, default=None, version=None):
        return self._run("get", (key,), {"default": default, "version": version})

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._run("set", (key, value), {"timeout": timeout, "version": version}, written_keys=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("touch", (key,), {"timeout": timeout, "version": version}, written_keys=[key])

    def delete(self, key, version=None):
        return self._run("delete", (key,), {"version": version}, written_keys=[key])

    def get_many(self, keys, version=None):
        return self._run("get_many", (keys,), {"version": version})

    def has_key(self, key, version=None):
        return self._run("has_key", (key,), {"version": version})

    def incr(self, key, delta=1, version=None):
        return self._run("incr", (key,), {"delta": delta, "version": version}, written_keys=[key])

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        options = {"timeout": timeout, "version": version}
        return self._run("set_many", (data,), options, written_keys=list(data))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._run("delete_many", (keys,), {"version": version}, written_keys=keys)

    def clear(self):
        result = self._run("clear", (), {})
        if self._outage.down:
            self._outage.forget_everything()
        return result


def cache_is_healthy(alias: str = "default") -> bool:
    """False while the configured shared cache is unreachable and counts are kept per process; True
    otherwise, including for a cache that is local memory by configuration (one process, as in
    development, or a documented choice)."""
    cache = caches[alias]
    return cache.available if isinstance(cache, ResilientRedisCache) else True

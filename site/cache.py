"""The shared Redis cache, made optional in fact and not only on paper.

Django's RedisCache raises on every call while Redis is away, and Wagtail computes page URLs through the
cache, so a Redis outage used to answer most pages with an error. ResilientRedisCache keeps the site up:

- While Redis cannot be reached, every operation goes to a cache in this process's memory instead
  (one warning in the log when the outage starts, one line when it ends, never one per call). Rate
  limits, allauth's login limits and its record of used TOTP codes keep working there, counted per
  process instead of across all of them; nothing that reads the cache fails.
- Redis is tried again at most every `OUTAGE_RETRY_SECONDS` (short socket timeouts keep each try
  cheap), so an outage does not slow every request down.
- When Redis is back, the keys this process wrote or deleted meanwhile are deleted from Redis (their
  values there are out of date: a Site changed during the outage must not come back with its old root
  paths), and the in-memory stand-in is emptied.

Secrets that people could guess (the ombudsperson's case codes) need the shared count: per-process
counts multiply the allowance by the number of processes and start again with each restart.
`cache_is_healthy()` tells those views to refuse until Redis is back."""

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
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.next_try = 0.0
        self.stale_keys: set[str] = set()
        self.too_many_stale_keys = False

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def should_try_redis(self) -> bool:
        return self.down_since is None or time.monotonic() >= self.next_try

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
                self.flush_on_recovery()

    def flush_on_recovery(self) -> None:
        self.stale_keys.clear()
        self.too_many_stale_keys = True

    def end(self) -> tuple[list[str], bool, float] | None:
        """Marks the outage over, once: returns the keys to forget, whether to flush everything
        instead, and how long it lasted; None if another thread has already ended it."""
        with self.lock:
            if self.down_since is None:
                return None
            ended = (sorted(self.stale_keys), self.too_many_stale_keys, time.monotonic() - self.down_since)
            self.down_since = None
            self.stale_keys = set()
            self.too_many_stale_keys = False
            return ended


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
        """Whether Redis answers (asked again only when a retry is due, so this stays cheap)."""
        if self._outage.down and self._outage.should_try_redis():
            self.has_key("citysite.cache.probe")
        return not self._outage.down

    def _run(self, operation: str, args: tuple, kwargs: dict, written_keys=()):
        if self._outage.should_try_redis():
            try:
                result = getattr(super(), operation)(*args, **kwargs)
            except RedisError as error:
                self._outage.failed(self._location, error, self.retry_seconds)
            else:
                if self._outage.down:
                    self._recover()
                return result
        if written_keys:
            version = kwargs.get("version")
            self._outage.remember(self.make_and_validate_key(key, version=version) for key in written_keys)
        return getattr(self._fallback, operation)(*args, **kwargs)

    def _recover(self) -> None:
        ended = self._outage.end()
        if ended is None:
            return
        stale_keys, flush, lasted = ended
        try:
            if flush:
                self._cache.clear()
            elif stale_keys:
                self._cache.delete_many(stale_keys)
        except RedisError as error:
            # Gone again at once: what was stale stays remembered for the next recovery.
            self._outage.remember(stale_keys)
            self._outage.failed(self._location, error, self.retry_seconds)
            return
        self._fallback.clear()
        logger.warning(
            "Cache at %s reachable again after %.0f s; %s",
            self._location,
            lasted,
            "flushed it (too much changed meanwhile)" if flush else f"forgot {len(stale_keys)} stale keys",
        )

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
            with self._outage.lock:
                self._outage.flush_on_recovery()
        return result


def cache_is_healthy(alias: str = "default") -> bool:
    """False while the configured shared cache is unreachable and counts are kept per process; True
    otherwise, including for a cache that is local memory by configuration (one process, as in
    development, or a documented choice)."""
    cache = caches[alias]
    return cache.available if isinstance(cache, ResilientRedisCache) else True

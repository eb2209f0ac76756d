"""A Redis cache that fails open: when Redis is unreachable, reads miss and writes are dropped.

The cache only saves work (pages and snapshots are rebuilt from the database), so an outage must
cost speed, never answers. Errors are logged once per interval, not once per request, and short
socket timeouts (settings) keep a dead Redis from costing more than milliseconds a call.
`/healthz` calls `ping()`, which does raise, so operators still see the cache as down.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("pickwise.cache")
LOG_EVERY_SECONDS = 60
# After a failure, skip Redis for this long: a partitioned network then costs one timeout a second,
# not one per cache call; a Redis that comes back is used again within this time.
RETRY_AFTER_SECONDS = 1.0


class _Skipped(RedisError):
    """Not sent: Redis failed moments ago."""


class FailOpenRedisCache(RedisCache):
    _last_logged = 0.0
    _down_until = 0.0

    @property
    def _cache(self):
        if time.monotonic() < FailOpenRedisCache._down_until:
            raise _Skipped("Redis failed less than a second ago")
        if "_client" not in self.__dict__:  # one client (and its connection pools) per process
            self.__dict__["_client"] = self._class(self._servers, **self._options)
        return self.__dict__["_client"]

    def _fail_open(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if isinstance(exc, _Skipped):
            return
        FailOpenRedisCache._down_until = now + RETRY_AFTER_SECONDS
        if now - FailOpenRedisCache._last_logged >= LOG_EVERY_SECONDS:
            FailOpenRedisCache._last_logged = now
            log.warning("Cache unavailable (%s: %s); serving without it.", operation, exc)

    def ping(self) -> None:
        """Raise when Redis does not answer (for health checks)."""
        self._cache.get_client(write=True).ping()

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._fail_open("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            self._fail_open("get_many", exc)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as exc:
            self._fail_open("set", exc)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            self._fail_open("add", exc)
            # Callers use add() as a lock or a first-use counter; with no cache there is nobody to
            # wait for, so "you got it" lets them go ahead instead of waiting for a builder that never comes.
            return True

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            self._fail_open("incr", exc)
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).") from exc

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._fail_open("delete", exc)
            return False

    def clear(self):
        try:
            return super().clear()
        except RedisError as exc:
            self._fail_open("clear", exc)
            return False

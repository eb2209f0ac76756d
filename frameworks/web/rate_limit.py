"""A small fixed-window rate limit on the shared cache (for the public report form).

It fails open like the cache: with Redis down, submissions are not limited rather than refused.
"""

import hashlib
import time

from django.core.cache import cache

from .client_ip import client_ip


def allow(request, *, scope: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one use of `scope` by this client; False once it has used `limit` in this window."""
    who = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]  # no raw addresses in the cache
    key = f"rate:{scope}:{who}:{int(time.time() // window_seconds)}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between the two calls, or the cache is away
        return True

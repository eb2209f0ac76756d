"""Whole-page caching keyed on the catalog revision: an edit changes the key, so it shows at once.

Only canonical requests are stored, so nobody can fill the cache by varying a URL: the key holds the
path and the values of the query parameters the view declares (`params`, sorted), never the raw
query string. Other parameters are ignored for the key (the view ignores them too). A parameter
declared with its values keeps only those (the view treats any other value as absent); one declared
with None keeps what the view's form validated (an invalid value gets a 400, which is never stored).
A request with a free-text parameter (`uncached`, e.g. a search box) is answered but not stored. Pages never carry the
request's host (absolute URLs come from SITE_URL), so a hostile Host header cannot reach the cache.
Every key expires (settings TIMEOUT).
"""

import functools
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve

from . import revision, wire

# Headers that are part of a page's meaning; the rest are added again by middleware on every response.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link")
MAX_VALUES = 100  # more values than any form offers: not a request worth keeping


# Per parameter: None (keep the values; the view validates them), the values that matter, or a
# function that turns the given values into their canonical form.
Params = dict[str, tuple[str, ...] | Callable[[list[str]], list[str]] | None]


def canonical_key(request, params: Params) -> str | None:
    """The page's identity: path and the declared parameters' values, sorted; None if not cacheable."""
    parts = [request.path]
    for name, allowed in sorted(params.items()):
        values = request.GET.getlist(name)
        if len(values) > MAX_VALUES:
            return None
        if callable(allowed):
            values = allowed(values)
        elif allowed is not None:
            values = [v for v in values if v in allowed]
        # JSON keeps "absent" ([]) apart from "present but empty" ([""]), which a view may refuse.
        parts.append(f"{name}={json.dumps(sorted(set(values)))}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_by_revision(
    view=None, *, params: Params | None = None, uncached: tuple[str, ...] = (), build_lock: bool = True
):
    """Cache successful anonymous GET responses under (catalog revision, canonical request).

    ServeCachedPages answers most hits before the rest of the middleware runs; this decorator answers
    the others (a visitor with a session cookie who is not signed in) and stores what the view makes.
    While one worker builds a page, others asking for it wait for it (the build lock); build_lock=False
    for pages keyed by free answers (the wizard's), which two visitors almost never ask for at once:
    there the lock's two round trips to a shared cache would be paid by every request for nothing.
    """
    if view is None:
        return lambda view: cached_by_revision(view, params=params, uncached=uncached, build_lock=build_lock)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        # The middleware has looked this very page up already when it says so: one lookup per miss.
        identity = getattr(request, MISSED, None)
        if identity is None:
            identity = page_identity(request, params or {}, uncached)
            if identity is None:
                return view(request, *args, **kwargs)
            hit = cached_response(request, identity)
            if hit is not None:
                return hit
        current = revision.current()
        key = _key(current, identity)
        lock = f"{key}:building"
        building = build_lock and cache.add(lock, 1, timeout=BUILD_LOCK_SECONDS)
        if build_lock and not building:
            # Another worker is making this very page (the export after an edit, a popular page):
            # wait briefly for it rather than all rendering the same thing at once.
            waited = _wait_for(request, key, lock)
            if waited is not None:
                return waited
        try:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or len(response.content) > wire.MAX_STORED:
                return response
            page = wire.store(
                response.content,
                {h: response[h] for h in KEPT_HEADERS if h in response},
                etag=wire.etag_for(current.token, identity),
                last_modified=current.changed_at,
                request=request,
            )
            stored_pages.put(key, page)  # before the lock goes, so a waiter finds the page, not a gap
            return wire.respond(request, page)
        finally:
            if building:
                cache.delete(lock)

    # Read by ServeCachedPages (functools.wraps carries it through the outer decorators).
    wrapper.page_cache = (params or {}, uncached)
    return wrapper


BUILD_LOCK_SECONDS = 30
MISSED = "page_cache_missed"  # set on a request by ServeCachedPages: the identity it found no page for
BUILD_WAIT_SECONDS = 3.0


def _wait_for(request, key: str, lock: str):
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        page = stored_pages.get(key)
        if page is not None:
            return wire.respond(request, page)
        if cache.get(lock) is None:
            return None  # done but not stored (an error page, a page too large): make it here
    return None  # the builder is slow or gone: make it here, never worse than no lock


def page_identity(request, params: Params, uncached: tuple[str, ...]) -> str | None:
    """The canonical key of a cacheable request, or None when this request is not to be cached."""
    if request.method not in ("GET", "HEAD") or any(request.GET.get(p) for p in uncached):
        return None
    return canonical_key(request, params)


def cached_response(request, identity: str):
    """A 304 when the client holds the current page, the stored page when there is one, else None."""
    current = revision.current()
    etag = wire.etag_for(current.token, identity)
    if wire.not_modified(request, etag, current.changed_at):
        # The client holds this very page: answer before reading the cache or rendering anything.
        response = HttpResponseNotModified()
        wire.validators(response, etag, current.changed_at)
        return response
    key = _key(current, identity)
    page = stored_pages.get(key)
    if page is None:
        return None
    # Asked for again, or first in this encoding: compressed small once, and kept.
    compressed = wire.with_encoding(page, wire.preferred_encoding(request))
    if compressed is not page:
        stored_pages.put(key, compressed)
    return wire.respond(request, compressed)


def _key(current: revision.Revision, identity: str) -> str:
    return f"page:{current.token}:{identity}"


class StoredPages:
    """Pages in two tiers: this process's memory, bounded by bytes (a hit costs no round trip and no
    unpickling), then the shared cache when there is one (Redis), so servers fill each other.

    A key holds the catalog revision, so a stored page never goes stale: it is only evicted, least
    recently used first, when the process's pages would pass `max_bytes`.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._pages: OrderedDict[str, wire.StoredPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> wire.StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        if not _shared_cache():
            return None
        page = cache.get(key)
        if isinstance(page, wire.StoredPage):
            self._keep(key, page)
            return page
        return None

    def put(self, key: str, page: wire.StoredPage) -> None:
        self._keep(key, page)
        if _shared_cache():
            cache.set(key, page)

    def _keep(self, key: str, page: wire.StoredPage) -> None:
        size = page.size
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._pages[key] = page
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, evicted = self._pages.popitem(last=False)
                self.bytes -= evicted.size

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.bytes = 0


def _shared_cache() -> bool:
    # A local-memory default cache is this process's own: the byte-bounded tier already is that.
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache)


stored_pages = StoredPages(getattr(settings, "PAGE_CACHE_PROCESS_BYTES", 64 * 1024 * 1024))


class ServeCachedPages:
    """Middleware, placed before sessions, authentication and the rest: a stored page (or a 304) for
    a visitor without a session is answered here, at the cost of one revision read.

    A visitor with a session cookie may be signed-in staff, whose pages are never shared; they go
    on to the view, whose decorator decides. The Host header is still validated (400 if unknown).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not _may_be_signed_in(request):
            declared = _declared(request.path_info)
            if declared is not None:
                request.get_host()  # raises DisallowedHost (400) for a host not in ALLOWED_HOSTS
                identity = page_identity(request, *declared)
                if identity is not None:
                    hit = cached_response(request, identity)
                    if hit is not None:
                        return hit
                    setattr(request, MISSED, identity)
        return self.get_response(request)


def _may_be_signed_in(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


@functools.lru_cache(maxsize=4096)  # the URL conf is fixed while the process runs; most hits are a few paths
def _declared(path: str):
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    return getattr(view, "page_cache", None)

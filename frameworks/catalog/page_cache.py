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

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponseNotModified

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


def cached_by_revision(view=None, *, params: Params | None = None, uncached: tuple[str, ...] = ()):
    """Cache successful anonymous GET responses under (catalog revision, canonical request)."""
    if view is None:
        return lambda view: cached_by_revision(view, params=params, uncached=uncached)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if any(request.GET.get(p) for p in uncached):
            return view(request, *args, **kwargs)
        identity = canonical_key(request, params or {})
        if identity is None:
            return view(request, *args, **kwargs)
        current = revision.current()
        etag = wire.etag_for(current.token, identity)
        if wire.not_modified(request, etag, current.changed_at):
            # The client holds this very page: answer before reading the cache or rendering anything.
            response = HttpResponseNotModified()
            wire.validators(response, etag, current.changed_at)
            return response
        key = f"page:{current.token}:{identity}"
        hit = cache.get(key)
        if isinstance(hit, wire.StoredPage):
            return wire.respond(request, hit)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and len(response.content) <= wire.MAX_STORED:
            page = wire.store(
                response.content,
                {h: response[h] for h in KEPT_HEADERS if h in response},
                etag=etag,
                last_modified=current.changed_at,
            )
            cache.set(key, page)
            return wire.respond(request, page)
        return response

    return wrapper

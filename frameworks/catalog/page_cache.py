"""Whole-page caching keyed on the catalog revision: an edit changes the key, so it shows at once."""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from . import revision

# Headers that are part of a page's meaning; the rest are added again by middleware on every response.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link")


def cached_by_revision(view):
    """Cache successful anonymous GET responses under (catalog revision, full path)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{revision.current().token}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, {h: response[h] for h in KEPT_HEADERS if h in response}))
        return response

    return wrapper

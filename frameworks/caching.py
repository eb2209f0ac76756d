"""Whole-page caching keyed on the catalog revision: an edit changes the key, so it shows at once."""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from . import revision


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
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]))
        return response

    return wrapper

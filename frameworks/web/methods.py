"""Which HTTP methods a view answers."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """GET and HEAD only; anything else gets 405 with an Allow header.

    CSRF protection is for requests that change something; a read-only view has none, so it is
    exempted here, which lets an unknown method reach `require_safe` and get 405, not CSRF's 403.
    """
    return csrf_exempt(require_safe(view))

"""Signed-in staff and the admin are never cached by a browser or a shared cache (CDN, proxy)."""

from django.utils.cache import patch_vary_headers

from ..catalog.wire import PRIVATE


class PrivateForStaff:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/admin/") or (user is not None and user.is_authenticated):
            response["Cache-Control"] = PRIVATE
            response.headers.pop("ETag", None)
            patch_vary_headers(response, ("Cookie",))
        return response

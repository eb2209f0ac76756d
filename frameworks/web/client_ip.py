"""The client's address, for login throttling and report rate limits."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind our proxy (BEHIND_PROXY) the address it appended to X-Forwarded-For.

    Only the rightmost entry is trusted: a client can send any X-Forwarded-For it likes, but the
    last hop was written by our own nginx.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")

"""Context every template gets."""

from django.utils import timezone


def today(request) -> dict:
    """The date maintenance statuses are computed for: one place, so tests can freeze it."""
    return {"today": timezone.localdate()}

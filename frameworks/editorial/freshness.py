"""Keeping facts fresh: which cells are due for re-checking, and recording that they were re-checked."""

import datetime

from django.db import transaction

from ..models import Support
from .concurrency import lock

STALE_AFTER_DAYS = 180
STALE_ORDER = ["checked_on", "framework__name", "feature__name"]  # oldest first


def stale_supports(*, today: datetime.date, days: int = STALE_AFTER_DAYS):
    """Support cells whose source nobody has read for more than `days` days, oldest first."""
    cutoff = today - datetime.timedelta(days=days)
    return Support.objects.filter(checked_on__lt=cutoff).select_related("framework", "feature").order_by(*STALE_ORDER)


@transaction.atomic
def mark_checked(supports, *, today: datetime.date) -> int:
    """Record that an editor re-read these cells' sources today.

    Saved one by one rather than with `update()`, so each change is in the history with its author
    and the catalog revision moves (pages show the new date at once). The rows are locked and read
    fresh, and only the date is written, so an edit saved at the same moment is kept (and the
    editor who opened the cell before this action is told, by the edit guard).
    """
    count = 0
    for support in lock(supports):
        if support.checked_on != today:
            support.checked_on = today
            support.save(update_fields=["checked_on", "updated_at"])
            count += 1
    return count

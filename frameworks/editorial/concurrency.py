"""Optimistic locking on `updated_at`, made atomic with a row lock.

Every editing path remembers the `updated_at` it started from (a hidden form field, or the moment of
an import's preview) and compares it with the row's current value before writing. Comparing alone
races: two app servers can both read the old value and both write. So the comparison reads the row
with SELECT … FOR UPDATE inside the saving transaction: the second writer waits for the first to
commit, then sees the new `updated_at` and is refused with the first writer's name. (SQLite has no
row locks; it lets only one transaction write at a time, so the second writer fails instead of
overwriting.)
"""

import datetime

from django.db import transaction
from django.utils import timezone


def locked_updated_at(model, pk) -> datetime.datetime | None:
    """The row's `updated_at`, read under a lock that lasts until the caller's transaction ends."""
    if not transaction.get_connection(model._default_manager.db).in_atomic_block:
        # Without a transaction the lock would end with the query, and the check would race again.
        raise transaction.TransactionManagementError("The edit guard must run inside the saving transaction.")
    return model._default_manager.select_for_update().filter(pk=pk).values_list("updated_at", flat=True).first()


def display_name(user) -> str:
    if user is None:
        return "another editor"
    return user.get_full_name() or user.get_username()


def last_editor(instance):
    """Who saved `instance` last, from its history (None when nobody is recorded)."""
    latest = instance.history.select_related("history_user").first()
    return getattr(latest, "history_user", None)


def conflict_message(instance, changed_at: datetime.datetime) -> str:
    when = timezone.localtime(changed_at).strftime("%-d %b %Y %H:%M:%S")
    return (
        f"{instance} was changed by {display_name(last_editor(instance))} at {when}, after you opened this page. "
        "Nothing was saved: open the page again to see their changes, then make yours."
    )


def lock(queryset):
    """The rows of `queryset`, locked for the rest of the transaction and in one order, so that two
    bulk edits over overlapping rows cannot deadlock. Re-selected by primary key, because a changelist
    queryset may be DISTINCT, which PostgreSQL cannot lock."""
    rows = queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
    return rows.select_for_update(of=("self",)).order_by("pk")

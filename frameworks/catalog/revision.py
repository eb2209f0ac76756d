"""The catalog revision: a number that changes with every catalog edit.

Cached pages and the catalog snapshot are keyed on it, so an edit is visible at once on every app
server that shares the database. The bump runs in the editing transaction (an UPDATE on one row),
so a rolled-back edit leaves the revision alone. It hangs off model signals because edits arrive
from many places (admin forms, actions, imports, the loader) and none of them may forget it.
"""

import datetime
import logging
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .. import models

logger = logging.getLogger(__name__)

CATALOG_MODELS = (
    models.Framework,
    models.FeatureCategory,
    models.Feature,
    models.Support,
    models.UseCase,
    models.UseCaseFit,
    models.CodingTask,
    models.CodeSample,
    models.PackageFacts,  # applying PyPI facts changes framework pages
)


@dataclass(frozen=True)
class Revision:
    number: int
    token: str  # for cache keys: includes the time, so a recreated database never reuses a key
    changed_at: datetime.datetime = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


# Within one request the revision is read once (RevisionPerRequest middleware sets a holder); an edit
# in the same request clears it, so what is read after an edit is always the new revision.
_per_request: ContextVar[dict | None] = ContextVar("catalog_revision", default=None)


# The last revision this process read. While the database is unreachable (a restart, a failover)
# pages are served for it from the snapshot and the stored pages this process holds: nothing can be
# edited meanwhile, so they are as current as anything the database could say.
_last_read: Revision | None = None


def current() -> Revision:
    global _last_read
    held = _per_request.get()
    if held is not None and "revision" in held:
        return held["revision"]
    try:
        row = _read()
    except (OperationalError, InterfaceError):
        if _last_read is None:
            raise
        logger.warning("Database unreachable: serving catalog revision %s from memory", _last_read.number)
        found = _last_read
    else:
        found = Revision(0, "0") if row is None else Revision(row[0], f"{row[0]}-{row[1].timestamp():.6f}", row[1])
        _last_read = found
    if held is not None:
        held["revision"] = found
    return found


def _read():
    try:
        return _select()
    except (OperationalError, InterfaceError):
        # A kept-alive connection the database dropped (a restart): reconnect once, outside any
        # transaction; if the database is really down, the second attempt raises.
        if connection.in_atomic_block:
            raise
        connection.close()
        return _select()


def _select():
    # Read on every request, so written as SQL once rather than compiled by the ORM each time (the
    # compiling was a third of a cached page's cost).
    meta, quote = models.CatalogRevision._meta, connection.ops.quote_name
    number, changed = (quote(meta.get_field(name).column) for name in ("number", "changed_at"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {number}, {changed} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = 1")
        row = cursor.fetchone()
    if row is None:
        return None
    changed_at = row[1]
    if isinstance(changed_at, str):  # SQLite hands back text
        changed_at = parse_datetime(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return row[0], changed_at


class RevisionPerRequest:
    """Middleware: one revision read per request, however many parts of the page ask for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _per_request.set({})
        try:
            return self.get_response(request)
        finally:
            _per_request.reset(token)


def bump() -> None:
    held = _per_request.get()
    if held is not None:
        held.pop("revision", None)
    updated = models.CatalogRevision.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
    if not updated:
        models.CatalogRevision.objects.get_or_create(pk=1, defaults={"number": 1})


def _on_change(sender, raw=False, **kwargs):
    if not raw:
        bump()


def connect_signals() -> None:
    for model in CATALOG_MODELS:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")

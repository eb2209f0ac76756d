"""The catalog revision: a number that changes with every catalog edit.

Cached pages and the catalog snapshot are keyed on it, so an edit is visible at once on every app
server that shares the database. The bump runs in the editing transaction (an UPDATE on one row),
so a rolled-back edit leaves the revision alone. It hangs off model signals because edits arrive
from many places (admin forms, actions, imports, the loader) and none of them may forget it.
"""

from dataclasses import dataclass

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .. import models

CATALOG_MODELS = (
    models.Framework,
    models.FeatureCategory,
    models.Feature,
    models.Support,
    models.UseCase,
    models.UseCaseFit,
    models.CodingTask,
    models.CodeSample,
)


@dataclass(frozen=True)
class Revision:
    number: int
    token: str  # for cache keys: includes the time, so a recreated database never reuses a key


def current() -> Revision:
    row = models.CatalogRevision.objects.filter(pk=1).values_list("number", "changed_at").first()
    if row is None:
        return Revision(0, "0")
    number, changed_at = row
    return Revision(number, f"{number}-{changed_at.timestamp():.6f}")


def bump() -> None:
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

"""Publishing rules: a framework goes public only with a Support cell for every feature."""

from django.db import transaction

from ..models import Feature, Framework, Status
from .concurrency import lock


def all_features() -> dict[str, str]:
    return dict(Feature.objects.values_list("slug", "name"))


def refusal(framework: Framework, covered_slugs, features: dict[str, str] | None = None) -> str:
    """Why `framework` cannot be published, in plain words, or "" when it can (`features`: slug → name)."""
    features = all_features() if features is None else features
    covered = set(covered_slugs)
    missing = [name for slug, name in features.items() if slug not in covered]
    if not missing:
        return ""
    return (
        f"{framework.name} cannot be published without a Support cell for every feature; "
        f"missing: {', '.join(missing)}. Add them, or keep it as a draft."
    )


@transaction.atomic
def publish(frameworks) -> tuple[list[Framework], list[str]]:
    """Publish those that are complete; return them and the reasons for the others.

    The frameworks are locked first, so an editor's save of the same framework (which takes the
    same lock, admin_forms.py) either finishes before the cells are counted or waits and is then
    refused as a concurrent edit: a cell deleted at that moment cannot slip past the count.
    """
    published, refused = [], []
    features = all_features()
    for framework in lock(frameworks).prefetch_related("supports__feature"):
        reason = refusal(framework, [s.feature.slug for s in framework.supports.all()], features)
        if reason:
            refused.append(reason)
        elif framework.status != Status.PUBLISHED:
            framework.status = Status.PUBLISHED
            framework.save(update_fields=["status", "updated_at"])
            published.append(framework)
    return published, refused


@transaction.atomic
def unpublish(frameworks) -> int:
    count = 0
    for framework in lock(frameworks):
        if framework.status != Status.DRAFT:
            framework.status = Status.DRAFT
            framework.save(update_fields=["status", "updated_at"])
            count += 1
    return count

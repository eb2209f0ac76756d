"""Publishing rules: a framework goes public only with a Support cell for every feature."""

from django.db import transaction

from .models import Feature, Framework, Status


def missing_features(covered_slugs) -> list[str]:
    """Names of the features that have no Support cell among `covered_slugs`."""
    return list(Feature.objects.exclude(slug__in=set(covered_slugs)).values_list("name", flat=True))


def refusal(framework: Framework, covered_slugs) -> str:
    """Why `framework` cannot be published, in plain words, or "" when it can."""
    missing = missing_features(covered_slugs)
    if not missing:
        return ""
    return (
        f"{framework.name} cannot be published without a Support cell for every feature; "
        f"missing: {', '.join(missing)}. Add them, or keep it as a draft."
    )


@transaction.atomic
def publish(frameworks) -> tuple[list[Framework], list[str]]:
    """Publish those that are complete; return them and the reasons for the others."""
    published, refused = [], []
    for framework in frameworks:
        reason = refusal(framework, framework.supports.values_list("feature__slug", flat=True))
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
    for framework in frameworks:
        if framework.status != Status.DRAFT:
            framework.status = Status.DRAFT
            framework.save(update_fields=["status", "updated_at"])
            count += 1
    return count

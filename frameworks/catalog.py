"""Read side of the catalog: published frameworks, the snapshot every page renders from, filters.

`snapshot()` reads the published catalog in a fixed number of queries (one per table, whatever
the catalog's size) and caches it under the catalog revision, so a cached read costs one query
and an edit is visible at once.
"""

import difflib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch

from . import revision
from .models import CodeSample, FeatureCategory, Framework, Support, UseCase, UseCaseFit
from .snapshot import (
    CategoryInfo,
    FeatureInfo,
    FitFact,
    FrameworkFacts,
    SampleFact,
    Snapshot,
    SupportFact,
    UseCaseInfo,
)

MET_LEVELS = ("yes", "plugin")
GOOD_FITS = ("ideal", "good")


def with_facts(frameworks):
    """Frameworks with their cells, fits and samples in three more queries, however many there are."""
    return frameworks.prefetch_related(
        Prefetch("supports", queryset=Support.objects.select_related("feature")),
        Prefetch("fits", queryset=UseCaseFit.objects.select_related("use_case")),
        Prefetch("code_samples", queryset=CodeSample.objects.select_related("task")),
    )


def published_frameworks():
    return with_facts(Framework.objects.published())


def draft_facts(slug: str) -> FrameworkFacts | None:
    """A draft framework's facts, for staff previews; drafts never enter the public snapshot."""
    draft = with_facts(Framework.objects.filter(slug=slug, status=Framework.Status.DRAFT)).first()
    return _facts(draft) if draft else None


def frameworks_by_slugs(slugs: list[str], *, current: Snapshot | None = None) -> list[FrameworkFacts]:
    """Published frameworks for `slugs`, in the order given; unknown slugs are skipped."""
    current = current or snapshot()
    return [f for f in (current.framework(s) for s in slugs) if f is not None]


def snapshot() -> Snapshot:
    current = revision.current()
    key = f"catalog-snapshot:{current.token}"
    cached = cache.get(key)
    if cached is None:
        cached = build_snapshot(current.number)
        cache.set(key, cached, timeout=None)
    return cached


def build_snapshot(number: int) -> Snapshot:
    categories = tuple(
        CategoryInfo(
            slug=c.slug,
            name=c.name,
            features=tuple(FeatureInfo(f.slug, f.name, f.description, c.slug) for f in c.features.all()),
        )
        for c in FeatureCategory.objects.prefetch_related("features")
    )
    use_cases = tuple(UseCaseInfo(u.slug, u.name, u.description) for u in UseCase.objects.all())
    frameworks = tuple(_facts(f) for f in published_frameworks())
    return Snapshot(revision=number, frameworks=frameworks, categories=categories, use_cases=use_cases)


def _facts(f: Framework) -> FrameworkFacts:
    return FrameworkFacts(
        slug=f.slug,
        name=f.name,
        tagline=f.tagline,
        summary=f.summary,
        website=f.website,
        repository=f.repository,
        docs_url=f.docs_url,
        pypi_name=f.pypi_name,
        license=f.license,
        first_release=f.first_release,
        latest_version=f.latest_version,
        latest_release_date=f.latest_release_date,
        release_source=f.release_source,
        interface=f.interface,
        interface_label=f.get_interface_display(),
        built_on=f.built_on,
        facts_source=f.facts_source,
        archived=f.archived,
        learning_curve=f.learning_curve,
        productivity_weeks=(f.productivity_min_weeks, f.productivity_max_weeks),
        learning_note=f.learning_note,
        learning_source=f.learning_source,
        checked_on=f.checked_on,
        support={
            s.feature.slug: SupportFact(
                s.feature.slug, s.level, s.note, s.since_version, s.source_url, s.checked_on, s.confidence
            )
            for s in f.supports.all()
        },
        fits={
            fit.use_case.slug: FitFact(fit.use_case.slug, fit.fit, fit.note, fit.source_url, fit.checked_on)
            for fit in f.fits.all()
        },
        samples=tuple(
            SampleFact(s.task.slug, s.task.title, s.code, s.gives, s.source_url, s.version, s.checked_on)
            for s in f.code_samples.all()
        ),
    )


@dataclass(frozen=True)
class CatalogFilter:
    q: str = ""
    features: tuple[str, ...] = ()
    use_cases: tuple[str, ...] = ()
    interface: str = ""
    license: str = ""


def filter_frameworks(frameworks, criteria: CatalogFilter) -> list[FrameworkFacts]:
    """Frameworks matching every criterion: text, features built in or official plugin, good fits."""
    needle = criteria.q.strip().lower()
    return [
        f
        for f in frameworks
        if (not needle or needle in f"{f.name} {f.slug} {f.tagline} {f.summary} {f.built_on}".lower())
        and all(f.level(feature) in MET_LEVELS for feature in criteria.features)
        and all(f.fits.get(u) and f.fits[u].fit in GOOD_FITS for u in criteria.use_cases)
        and (not criteria.interface or f.interface == criteria.interface)
        and (not criteria.license or f.license == criteria.license)
    ]


def suggest(slug: str, candidates: dict[str, str], limit: int = 3) -> list[str]:
    """Closest known slugs to `slug`, matching on slugs and on display names (`candidates`: slug → name)."""
    slug = slug.lower()
    by_name = {name.lower(): s for s, name in candidates.items()}
    close = difflib.get_close_matches(slug, list(candidates) + list(by_name), n=limit * 2, cutoff=0.5)
    found = [by_name.get(c, c) for c in close]
    found += [s for s in candidates if slug and (slug in s or s in slug)]
    return list(dict.fromkeys(found))[:limit]

"""Read side of the catalog: published frameworks, the snapshot every page renders from, filters.

`snapshot()` reads the published catalog in a fixed number of queries (one per table, whatever
the catalog's size) and caches it under the catalog revision, so a cached read costs one query
and an edit is visible at once.
"""

import time
from dataclasses import replace

from django.core.cache import cache

from ..domain.snapshot import (
    Advisory,
    CategoryInfo,
    EcosystemFact,
    FeatureInfo,
    FitFact,
    FrameworkFacts,
    PackageFact,
    SampleFact,
    Snapshot,
    SupportFact,
    Throughput,
    UseCaseInfo,
)
from ..models import CodingTask, FeatureCategory, Framework, PackageFacts, UseCase
from . import benchmarks, records, revision
from .highlight import highlight_python
from .records import with_facts


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


# A snapshot is keyed by revision, so an old one is never read again; it only has to expire.
SNAPSHOT_TTL = 24 * 60 * 60


# The newest snapshot this process has seen, with its revision token. Reading it costs nothing;
# unpickling one from the shared cache costs more the bigger the catalog, and with the cache down a
# rebuild would cost every request. One snapshot per process, replaced when the revision moves.
_in_process: tuple[str, Snapshot] | None = None


def snapshot() -> Snapshot:
    global _in_process
    current = revision.current()
    held = _in_process
    if held is not None and held[0] == current.token:
        return held[1]
    key = f"catalog-snapshot:{current.token}"
    found = cache.get(key) or _build_once(key, current.number)
    _in_process = (current.token, found)
    return found


REBUILD_LOCK_SECONDS = 30
REBUILD_WAIT_SECONDS = 5.0


def _build_once(key: str, number: int) -> Snapshot:
    """Build the snapshot for a new revision once across all workers and servers.

    The first to take the lock (an atomic add in the shared cache) builds and stores it; the others
    wait briefly for it rather than all reading the whole catalog at the same moment. If the builder
    takes too long, or the cache is away, a waiter builds its own: never worse than no lock.
    """
    lock = f"{key}:building"
    if cache.add(lock, 1, timeout=REBUILD_LOCK_SECONDS):
        try:
            built = build_snapshot(number)
            cache.set(key, built, timeout=SNAPSHOT_TTL)
            return built
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + REBUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = cache.get(key)
        if found is not None:
            return found
    return build_snapshot(number)


def build_snapshot(number: int) -> Snapshot:
    category_rows = list(FeatureCategory.objects.prefetch_related("features"))
    use_case_rows = list(UseCase.objects.all())
    rows = list(published_frameworks())
    categories = tuple(
        CategoryInfo(
            slug=c.slug,
            name=c.name,
            features=tuple(FeatureInfo(f.slug, f.name, f.description, c.slug) for f in c.features.all()),
        )
        for c in category_rows
    )
    use_cases = tuple(UseCaseInfo(u.slug, u.name, u.description) for u in use_case_rows)
    # Case-insensitive by name, the order every list starts from (aiohttp beside Bottle, not after Tornado).
    measured = _throughputs()
    frameworks = tuple(
        sorted(
            (replace(_facts(f), throughput=measured.get(f.slug)) for f in rows),
            key=lambda f: (f.name.lower(), f.slug),
        )
    )
    # The open-data exports come from the same rows, so they are built once per revision with the
    # snapshot (under its rebuild lock), never by re-reading the catalog.
    document = records.shape(
        categories=category_rows, use_cases=use_case_rows, tasks=CodingTask.objects.all(), frameworks=rows
    )
    return Snapshot(
        revision=number, frameworks=frameworks, categories=categories, use_cases=use_cases, document=document
    )


def _throughputs() -> dict[str, Throughput]:
    """The last side-by-side benchmark run (samples/bench-results.json), by framework slug."""
    bench = benchmarks.load()
    if bench is None:
        return {}
    day = bench.date[:10]
    return {
        row.framework: Throughput(row.ratio, row.baseline, "hello-json", day)
        for row in bench.rows
        if row.timed and row.ratio and not row.framework.startswith("baseline-")
    }


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
        ecosystem=EcosystemFact(
            f.ecosystem_packages, f.ecosystem_measure, f.ecosystem_source, f.ecosystem_checked_on, f.ecosystem_estimated
        )
        if f.ecosystem_packages is not None
        else None,
        package=_package(f.applied_package_facts[0]) if getattr(f, "applied_package_facts", None) else None,
        samples=tuple(
            SampleFact(
                s.task.slug,
                s.task.title,
                s.code,
                s.gives,
                s.source_url,
                s.version,
                s.checked_on,
                code_html=highlight_python(s.code),
                path=s.path,
                server=s.server,
                server_version=s.server_version,
                run_ok=s.run_ok,
                run_detail=s.run_detail,
                run_checked_on=s.run_checked_on,
            )
            for s in sorted(f.code_samples.all(), key=lambda s: s.task.slug)
        ),
    )


def _package(row: PackageFacts) -> PackageFact:
    return PackageFact(
        version=row.version,
        requires_python=row.requires_python,
        python_versions=tuple(row.python_versions),
        free_threading_declared=row.free_threading_declared,
        free_threading_ships=row.free_threading_ships,
        free_threading_evidence=tuple(row.free_threading_evidence),
        advisories=tuple(
            Advisory(
                a["id"],
                tuple(a.get("aliases") or ()),
                a.get("summary", ""),
                tuple(a.get("fixed_in") or ()),
                a.get("link") or "",
            )
            for a in row.advisories
        ),
        release_years=tuple(sorted((int(year), int(count)) for year, count in row.release_years.items())),
        source=row.source_url,
        read_on=row.read_on,
    )

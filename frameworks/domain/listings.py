"""Page-shaped views of the snapshot: the grouping and ordering that templates must not do. Pure Python."""

import datetime
from dataclasses import dataclass

from . import compare
from .criteria import ecosystem_share
from .snapshot import (
    CategoryInfo,
    FeatureInfo,
    FitFact,
    FrameworkFacts,
    Snapshot,
    SupportFact,
    UseCaseInfo,
)
from .vocabulary import FIT_SLUGS, GAP_LEVELS, GOOD_FITS, LEVEL_SLUGS, MET_LEVELS

# Pairs people search for most; shown on the home page when both frameworks are published.
POPULAR_PAIRS = (
    ("django", "flask"),
    ("django", "fastapi"),
    ("fastapi", "flask"),
    ("fastapi", "litestar"),
    ("django", "django-ninja"),
    ("flask", "quart"),
    ("aiohttp", "tornado"),
    ("falcon", "fastapi"),
)


@dataclass(frozen=True)
class ComparisonLink:
    slugs: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def path_part(self) -> str:
        return compare.canonical_path_part(list(self.slugs))

    @property
    def title(self) -> str:
        return " vs ".join(self.names)


def comparison_of(frameworks: list[FrameworkFacts]) -> ComparisonLink:
    ordered = sorted(frameworks, key=lambda f: f.slug)
    return ComparisonLink(tuple(f.slug for f in ordered), tuple(f.name for f in ordered))


def popular_comparisons(current: Snapshot) -> list[ComparisonLink]:
    found = []
    for pair in POPULAR_PAIRS:
        frameworks = [current.framework(slug) for slug in pair]
        if all(frameworks):
            found.append(comparison_of(frameworks))
    return found


def related_comparisons(current: Snapshot, framework: FrameworkFacts, limit: int = 5) -> list[ComparisonLink]:
    """The comparisons people look for: frameworks built on one another first, then those sharing the
    most ideal/good use cases, weighted by the size of their ecosystem (so Django suggests Flask and
    FastAPI before a framework that is a near neighbour on paper but rarely weighed against it)."""
    largest = max((f.ecosystem.packages for f in current.frameworks if f.ecosystem), default=0)
    mine = {slug for slug, fit in framework.fits.items() if fit.fit in GOOD_FITS}
    scored = []
    for other in current.frameworks:
        if other.slug == framework.slug:
            continue
        shared = len(mine & {slug for slug, fit in other.fits.items() if fit.fit in GOOD_FITS})
        related = framework.name in other.built_on or other.name in framework.built_on
        score = shared * ecosystem_share(other, largest) + (3 if related else 0)
        if score > 0:
            scored.append((-score, other.name.lower(), other))
    return [comparison_of([framework, other]) for _, _, other in sorted(scored)[:limit]]


@dataclass(frozen=True)
class SupportRow:
    feature: FeatureInfo
    fact: SupportFact | None


@dataclass(frozen=True)
class Section:
    category: CategoryInfo
    rows: tuple[SupportRow, ...]


def support_sections(current: Snapshot, framework: FrameworkFacts) -> list[Section]:
    return [
        Section(c, tuple(SupportRow(f, framework.support.get(f.slug)) for f in c.features)) for c in current.categories
    ]


@dataclass(frozen=True)
class FrameworkFit:
    use_case: UseCaseInfo
    fit: FitFact


def fits_for(current: Snapshot, framework: FrameworkFacts) -> list[FrameworkFit]:
    rows = [FrameworkFit(u, framework.fits[u.slug]) for u in current.use_cases if u.slug in framework.fits]
    return sorted(rows, key=lambda row: FIT_SLUGS.index(row.fit.fit))


@dataclass(frozen=True)
class FrameworkSupport:
    framework: FrameworkFacts
    fact: SupportFact | None


def feature_rows(current: Snapshot, feature: FeatureInfo) -> list[FrameworkSupport]:
    """Every framework's support for one feature, strongest first, then by name."""
    rows = [FrameworkSupport(f, f.support.get(feature.slug)) for f in current.frameworks]
    return sorted(
        rows, key=lambda r: (LEVEL_SLUGS.index(r.fact.level if r.fact else "unknown"), r.framework.name.lower())
    )


@dataclass(frozen=True)
class FitGroup:
    fit: str
    rows: tuple[tuple[FrameworkFacts, FitFact], ...]


def use_case_groups(current: Snapshot, use_case: UseCaseInfo) -> list[FitGroup]:
    groups = []
    for fit in FIT_SLUGS:
        rows = tuple(
            (f, f.fits[use_case.slug])
            for f in current.frameworks
            if use_case.slug in f.fits and f.fits[use_case.slug].fit == fit
        )
        if rows:
            groups.append(FitGroup(fit, rows))
    return groups


def newest(dates) -> datetime.date | None:
    """The most recent of `dates` (for "facts on this page last checked"), ignoring missing ones."""
    return max((d for d in dates if d), default=None)


@dataclass(frozen=True)
class FeatureCount:
    feature: FeatureInfo
    built_in: int  # yes or official plugin
    partial: int


@dataclass(frozen=True)
class CategoryCounts:
    category: CategoryInfo
    features: tuple[FeatureCount, ...]


def feature_index(current: Snapshot) -> list[CategoryCounts]:
    """Every feature by category, with how many frameworks have it built in (or as an official plugin)."""
    return [
        CategoryCounts(
            c,
            tuple(
                FeatureCount(
                    f,
                    sum(fw.level(f.slug) in MET_LEVELS for fw in current.frameworks),
                    sum(fw.level(f.slug) in GAP_LEVELS for fw in current.frameworks),
                )
                for f in c.features
            ),
        )
        for c in current.categories
    ]


@dataclass(frozen=True)
class UseCaseSummary:
    use_case: UseCaseInfo
    ideal: tuple[FrameworkFacts, ...]
    good: tuple[FrameworkFacts, ...]


def use_case_index(current: Snapshot) -> list[UseCaseSummary]:
    """Every use case with the frameworks rated ideal and good for it, by name."""

    def rated(slug: str, fit: str) -> tuple[FrameworkFacts, ...]:
        found = [fw for fw in current.frameworks if slug in fw.fits and fw.fits[slug].fit == fit]
        return tuple(sorted(found, key=lambda fw: fw.name.lower()))

    return [UseCaseSummary(u, rated(u.slug, "ideal"), rated(u.slug, "good")) for u in current.use_cases]


def task_samples(current: Snapshot, task: str):
    """(title, [(framework, sample)] by name, [frameworks without one]) for a code task, or None if unknown."""
    found = [(fw, s) for fw in current.frameworks for s in fw.samples if s.task == task]
    if not found:
        return None
    have = {fw.slug for fw, _ in found}
    found.sort(key=lambda pair: pair[0].name.lower())
    missing = sorted((fw for fw in current.frameworks if fw.slug not in have), key=lambda fw: fw.name.lower())
    return found[0][1].task_title, found, missing


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    x: int
    y: int
    height: int
    label_x: int


CHART_HEIGHT = 60
BAR_WIDTH = 14
BAR_GAP = 4


def release_bars(years: tuple[tuple[int, int], ...]) -> tuple[list[Bar], int, int]:
    """Bars for a releases-per-year chart drawn on the server: (bars, width, height) in SVG units."""
    top = max((count for _, count in years), default=0) or 1
    bars = []
    for i, (year, count) in enumerate(years):
        height = round(CHART_HEIGHT * count / top)
        x = i * (BAR_WIDTH + BAR_GAP)
        bars.append(Bar(year, count, x, CHART_HEIGHT - height, height, x + BAR_WIDTH // 2))
    return bars, max(len(years) * (BAR_WIDTH + BAR_GAP) - BAR_GAP, 1), CHART_HEIGHT + 14

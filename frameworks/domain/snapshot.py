"""Plain, immutable views of the published catalog.

The pages, the wizard's scoring and the comparison builder all work on these objects instead of
ORM rows: they are read in a fixed number of queries, cached by catalog revision, and easy to
build by hand in tests. Nothing here imports Django.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from .vocabulary import FITS, INTERFACES, LEVEL_LABELS, LEVELS, Term, labels, term


@dataclass(frozen=True)
class FeatureInfo:
    slug: str
    name: str
    description: str
    category: str  # category slug


@dataclass(frozen=True)
class CategoryInfo:
    slug: str
    name: str
    features: tuple[FeatureInfo, ...]


@dataclass(frozen=True)
class UseCaseInfo:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class SupportFact:
    feature: str
    level: str
    note: str = ""
    since: str = ""
    source: str = ""
    checked_on: datetime.date | None = None
    confidence: str = "high"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def term(self) -> Term:
        return term(LEVELS, self.level)


@dataclass(frozen=True)
class FitFact:
    use_case: str
    fit: str
    note: str = ""
    source: str = ""
    checked_on: datetime.date | None = None

    @property
    def term(self) -> Term:
        return term(FITS, self.fit)


@dataclass(frozen=True)
class SampleFact:
    task: str
    task_title: str
    code: str
    gives: str
    source: str
    version: str
    checked_on: datetime.date | None = None
    code_html: str = ""  # highlighted once, when the snapshot is built
    path: str = ""
    server: str = ""
    server_version: str = ""
    run_ok: bool | None = None
    run_detail: str = ""
    run_checked_on: datetime.date | None = None

    @property
    def lines(self) -> int:
        return len([line for line in self.code.splitlines() if line.strip()])


@dataclass(frozen=True)
class EcosystemFact:
    """A dated, checkable measure of how many packages are built for a framework."""

    packages: int
    measure: str  # what was counted, in words
    source: str
    checked_on: datetime.date | None = None
    estimated: bool = False  # counted on a random sample and scaled up


@dataclass(frozen=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    summary: str
    fixed_in: tuple[str, ...]
    link: str


@dataclass(frozen=True)
class PackageFact:
    """What PyPI says about the latest stable release, as a Reviewer applied it."""

    version: str
    requires_python: str
    python_versions: tuple[str, ...]
    free_threading_declared: bool
    free_threading_ships: bool | None  # None: no evidence either way (pure-Python wheels only)
    free_threading_evidence: tuple[str, ...]
    advisories: tuple[Advisory, ...]
    release_years: tuple[tuple[int, int], ...]  # (year, stable releases), oldest first
    source: str
    read_on: datetime.date | None

    @property
    def python_range(self) -> str:
        """ "3.10–3.15" (or the one version), as pages say it."""
        if not self.python_versions:
            return ""
        first, last = self.python_versions[0], self.python_versions[-1]
        return first if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class Throughput:
    """The framework's sample under load, as a ratio to a bare app in the same run (/benchmarks/)."""

    ratio: float
    baseline: str  # "asgi" | "wsgi"
    task: str
    measured_on: str  # the run's date


@dataclass(frozen=True)
class FrameworkFacts:
    slug: str
    name: str
    tagline: str = ""
    summary: str = ""
    website: str = ""
    repository: str = ""
    docs_url: str = ""
    pypi_name: str = ""
    license: str = ""
    first_release: int = 0
    latest_version: str = ""
    latest_release_date: datetime.date | None = None
    release_source: str = ""
    interface: str = ""
    built_on: str = ""
    facts_source: str = ""
    archived: bool = False
    learning_curve: str = "moderate"
    productivity_weeks: tuple[int, int] = (1, 1)
    learning_note: str = ""
    learning_source: str = ""
    checked_on: datetime.date | None = None
    support: dict[str, SupportFact] = field(default_factory=dict)
    fits: dict[str, FitFact] = field(default_factory=dict)
    samples: tuple[SampleFact, ...] = ()
    ecosystem: EcosystemFact | None = None
    package: PackageFact | None = None
    throughput: Throughput | None = None

    @property
    def interface_label(self) -> str:
        return labels(INTERFACES).get(self.interface, self.interface)

    @property
    def productivity_text(self) -> str:
        """ "1 week", "1–3 weeks": how long until productive, as every page says it."""
        low, high = self.productivity_weeks
        weeks = f"{low}" if low == high else f"{low}–{high}"
        return f"{weeks} week{'s' if high > 1 else ''}"

    def level(self, feature: str) -> str:
        fact = self.support.get(feature)
        return fact.level if fact else "unknown"

    @cached_property  # asked of every framework by each list and results page
    def last_checked(self) -> datetime.date | None:
        """The newest checked-on date of any fact about this framework."""
        dates = [self.checked_on] + [s.checked_on for s in self.support.values()]
        return max((d for d in dates if d), default=None)

    @cached_property
    def oldest_check(self) -> datetime.date | None:
        dates = [self.checked_on] + [s.checked_on for s in self.support.values()]
        return min((d for d in dates if d), default=None)


@dataclass(frozen=True)
class Snapshot:
    revision: int
    frameworks: tuple[FrameworkFacts, ...]
    categories: tuple[CategoryInfo, ...]
    use_cases: tuple[UseCaseInfo, ...]
    # The same published catalog as plain data in the data-file shape: what the open-data exports
    # publish (built from the same rows, so it never disagrees with the pages).
    document: dict = field(default_factory=dict)

    @property
    def features(self) -> tuple[FeatureInfo, ...]:
        return tuple(f for c in self.categories for f in c.features)

    def framework(self, slug: str) -> FrameworkFacts | None:
        return next((f for f in self.frameworks if f.slug == slug), None)

    def feature(self, slug: str) -> FeatureInfo | None:
        return next((f for f in self.features if f.slug == slug), None)

    def use_case(self, slug: str) -> UseCaseInfo | None:
        return next((u for u in self.use_cases if u.slug == slug), None)

"""Build a comparison of 2–4 frameworks from snapshot objects: pure functions, no ORM, no HTTP.

Rules:
- A comparison URL names 2–4 distinct slugs joined by "-vs-", in alphabetical order (canonical).
  Other orders, repeats and upper case are the same comparison under a non-canonical name.
- A feature row "differs" when the frameworks' support levels are not all the same; the
  "only differences" view keeps exactly those rows (notes and versions alone do not make a
  difference, so the view answers "which capabilities set them apart").
"""

from dataclasses import dataclass

from .snapshot import CategoryInfo, FeatureInfo, FitFact, FrameworkFacts, SampleFact, Snapshot, SupportFact
from .vocabulary import FIT_SLUGS, GOOD_FITS

SEPARATOR = "-vs-"
MIN_FRAMEWORKS, MAX_FRAMEWORKS = 2, 4


def split_path(path_part: str) -> list[str]:
    """The slugs named in a comparison URL, lowercased, in the order given (repeats kept)."""
    return [slug for slug in path_part.strip("/").lower().split(SEPARATOR) if slug]


def canonical_slugs(slugs: list[str]) -> list[str]:
    return sorted(dict.fromkeys(slug.lower() for slug in slugs))


def canonical_path_part(slugs: list[str]) -> str:
    return SEPARATOR.join(canonical_slugs(slugs))


def replace_slug(slugs: list[str], old: str, new: str) -> str:
    """The canonical path part with `old` swapped for `new` (for "did you mean" links)."""
    return canonical_path_part([new if slug == old else slug for slug in slugs])


def removals(comparison: "Comparison") -> list[tuple[str, str]]:
    """(name, canonical path without it) for each framework that can be dropped and leave a comparison."""
    if len(comparison.frameworks) <= MIN_FRAMEWORKS:
        return []
    return [
        (fw.name, canonical_path_part([s for s in comparison.slugs if s != fw.slug])) for fw in comparison.frameworks
    ]


def count_problem(slugs: list[str]) -> str | None:
    """Why this many distinct frameworks cannot be compared, or None when the count is fine."""
    count = len(set(slugs))
    if count < MIN_FRAMEWORKS:
        return "A comparison needs at least two different frameworks."
    if count > MAX_FRAMEWORKS:
        return f"A comparison shows at most {MAX_FRAMEWORKS} frameworks side by side; you asked for {count}."
    return None


@dataclass(frozen=True)
class FeatureRow:
    feature: FeatureInfo
    cells: tuple[SupportFact | None, ...]

    @property
    def differs(self) -> bool:
        return len({cell.level if cell else "unknown" for cell in self.cells}) > 1


@dataclass(frozen=True)
class FeatureSection:
    category: CategoryInfo
    rows: tuple[FeatureRow, ...]


@dataclass(frozen=True)
class FitRow:
    use_case_slug: str
    use_case_name: str
    cells: tuple[FitFact | None, ...]

    @property
    def differs(self) -> bool:
        return len({cell.fit if cell else "" for cell in self.cells}) > 1


@dataclass(frozen=True)
class ChooseWhen:
    framework: FrameworkFacts
    reasons: tuple[tuple[str, FitFact], ...]  # (use-case name, fit), ideal first


@dataclass(frozen=True)
class FrameworkSample:
    framework: FrameworkFacts
    sample: SampleFact | None  # None: no sample for this framework yet


@dataclass(frozen=True)
class TaskSamples:
    task_slug: str
    task_title: str
    samples: tuple[FrameworkSample, ...]  # one per compared framework, in column order


@dataclass(frozen=True)
class Comparison:
    frameworks: tuple[FrameworkFacts, ...]
    sections: tuple[FeatureSection, ...]
    fit_rows: tuple[FitRow, ...]
    choose_when: tuple[ChooseWhen, ...]
    tasks: tuple[TaskSamples, ...]
    only_differences: bool
    hidden_rows: int

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(f.slug for f in self.frameworks)

    @property
    def title(self) -> str:
        return " vs ".join(f.name for f in self.frameworks)

    @property
    def path_part(self) -> str:
        return canonical_path_part(list(self.slugs))

    @property
    def difference_count(self) -> int:
        """Features whose levels differ; the same number whether identical rows are shown or hidden."""
        return sum(row.differs for section in self.sections for row in section.rows)

    @property
    def feature_count(self) -> int:
        return sum(len(section.rows) for section in self.sections) + self.hidden_rows


def build(current: Snapshot, frameworks: list[FrameworkFacts], *, only_differences: bool = False) -> Comparison:
    """Side-by-side rows for `frameworks` (already in display order)."""
    sections, hidden = [], 0
    for category in current.categories:
        rows = tuple(FeatureRow(f, tuple(fw.support.get(f.slug) for fw in frameworks)) for f in category.features)
        kept = tuple(row for row in rows if row.differs) if only_differences else rows
        hidden += len(rows) - len(kept)
        if kept:
            sections.append(FeatureSection(category, kept))
    fit_rows = tuple(
        FitRow(u.slug, u.name, tuple(fw.fits.get(u.slug) for fw in frameworks))
        for u in current.use_cases
        if any(u.slug in fw.fits for fw in frameworks)
    )
    if only_differences:
        fit_rows = tuple(row for row in fit_rows if row.differs)
    names = {u.slug: u.name for u in current.use_cases}
    choose_when = tuple(
        ChooseWhen(
            fw,
            tuple(
                (names.get(slug, slug), fit)
                for slug, fit in sorted(fw.fits.items(), key=lambda item: FIT_SLUGS.index(item[1].fit))
                if fit.fit in GOOD_FITS
            ),
        )
        for fw in frameworks
    )
    return Comparison(
        frameworks=tuple(frameworks),
        sections=tuple(sections),
        fit_rows=fit_rows,
        choose_when=choose_when,
        tasks=samples_side_by_side(frameworks),
        only_differences=only_differences,
        hidden_rows=hidden,
    )


def samples_side_by_side(frameworks: list[FrameworkFacts]) -> tuple[TaskSamples, ...]:
    """Every task that at least one framework has a sample for, with each framework's sample or None.

    The one place samples are read for comparison, so runnable, versioned samples can plug in here.
    """
    titles: dict[str, str] = {}
    for fw in frameworks:
        for sample in fw.samples:
            titles.setdefault(sample.task, sample.task_title)
    return tuple(
        TaskSamples(
            task,
            title,
            tuple(FrameworkSample(fw, next((s for s in fw.samples if s.task == task), None)) for fw in frameworks),
        )
        for task, title in sorted(titles.items(), key=lambda item: item[1])
    )

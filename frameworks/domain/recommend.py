"""The wizard's scoring: answers and a catalog snapshot in, ranked and explained results out.

Pure functions over frozen dataclasses: no ORM, no request, so a test can score a hand-built
catalog in microseconds. The rules, shown to users on the "How we rank" page:

1. Each answered question is a criterion worth the points in WEIGHTS; a question left at "any"
   (or with nothing ticked) is not scored. A framework's score is the points it earns divided by
   the points on offer, as 0–100.
2. Use cases: per chosen use case, an "ideal" fit earns all its points, "good" 60%, "poor" or
   not rated nothing.
3. Must-haves: "yes" (built in) earns all, "plugin" (official add-on) 90%, "partial" 50% and is
   said as a gap; "third-party", "no" and "unknown" earn nothing and the feature is listed as
   unmet. A framework with any unmet must-have ranks below every framework that meets them all.
4. Nice-to-haves: "yes" 100%, "plugin" 80%, "partial" 40%, "third-party" 20%, otherwise nothing.
5. Experience vs learning curve: beginners gain most from an easy curve; experts are not held
   back by a steep one (table LEARNING_FIT).
6. Style: "batteries" rewards the share of BATTERIES features built in; "minimal" the inverse.
7. Database: "relational" rewards a built-in ORM (an official plugin 80%, primitives 50%);
   "nosql" and "none" prefer frameworks that do not tie you to a relational ORM.
8. Priority: "ship-fast" rewards batteries and an easy curve; "performance" native async
   handlers (we hold no benchmark figures, so async support is the sourced proxy);
   "long-term" years since the first release and a repository that is not archived.
9. Ties are broken by name, so the ranking is deterministic and independent of answer order.
"""

import datetime
from dataclasses import dataclass, field

from .snapshot import FrameworkFacts, Snapshot
from .vocabulary import DEFAULT_ANSWERS

WEIGHTS = {
    "use_cases": 30,  # split evenly over the chosen use cases
    "must": 25,  # split evenly over the must-haves
    "nice": 3,  # per nice-to-have feature: more wishes, more weight
    "experience": 10,
    "style": 10,
    "database": 10,
    "priority": 10,
}
FIT_SHARE = {"ideal": 1.0, "good": 0.6}
MUST_SHARE = {"yes": 1.0, "plugin": 0.9, "partial": 0.5}
NICE_SHARE = {"yes": 1.0, "plugin": 0.8, "partial": 0.4, "third-party": 0.2}
ORM_SHARE = {"yes": 1.0, "plugin": 0.8, "partial": 0.5, "third-party": 0.3}
LEARNING_FIT = {
    "beginner": {"easy": 1.0, "moderate": 0.5, "steep": 0.15},
    "intermediate": {"easy": 1.0, "moderate": 0.85, "steep": 0.6},
    "expert": {"easy": 0.9, "moderate": 1.0, "steep": 1.0},
}
BATTERIES = ("orm", "migrations", "admin", "auth", "templates")
ASYNC_SHARE = {"yes": 1.0, "plugin": 0.8, "partial": 0.4}
MATURE_AFTER_YEARS = 8


@dataclass(frozen=True)
class Answers:
    use_cases: frozenset[str] = frozenset()
    must: frozenset[str] = frozenset()
    nice: frozenset[str] = frozenset()
    experience: str = DEFAULT_ANSWERS["experience"]
    style: str = DEFAULT_ANSWERS["style"]
    database: str = DEFAULT_ANSWERS["database"]
    priority: str = DEFAULT_ANSWERS["priority"]

    def normalised(self) -> dict:
        return {
            "use_cases": sorted(self.use_cases),
            "must": sorted(self.must),
            "nice": sorted(self.nice - self.must),
            "experience": self.experience,
            "style": self.style,
            "database": self.database,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Reason:
    kind: str  # "match" | "gap" | "info"
    text: str
    source: str = ""
    weight: float = 0.0  # points at stake, to pick the top reasons


@dataclass(frozen=True)
class Result:
    rank: int
    framework: FrameworkFacts
    score: int
    exact_score: float
    reasons: tuple[Reason, ...]
    unmet_must: tuple[str, ...]

    @property
    def matches(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.kind == "match")

    @property
    def gaps(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.kind == "gap")


@dataclass
class _Tally:
    earned: float = 0.0
    possible: float = 0.0
    reasons: list[Reason] = field(default_factory=list)

    def add(self, points: float, share: float, reason: Reason | None = None) -> None:
        self.possible += points
        self.earned += points * share
        if reason:
            self.reasons.append(reason)


def recommend(*, answers: Answers, catalog: Snapshot, today: datetime.date) -> list[Result]:
    """Rank every framework in `catalog` for `answers`; best first."""
    names = {f.slug: f.name for f in catalog.features} | {u.slug: u.name for u in catalog.use_cases}
    scored = [_score(framework, answers, names, today) for framework in catalog.frameworks]
    scored.sort(key=lambda item: (bool(item[2]), -round(item[0], 9), item[3].name.lower(), item[3].slug))
    return [
        Result(rank, framework, round(exact), exact, reasons, unmet)
        for rank, (exact, reasons, unmet, framework) in enumerate(scored, start=1)
    ]


def _score(fw: FrameworkFacts, answers: Answers, names: dict[str, str], today: datetime.date):
    tally = _Tally()
    _use_cases(tally, fw, answers, names)
    unmet = _must(tally, fw, answers, names)
    _nice(tally, fw, answers, names)
    _experience(tally, fw, answers)
    _style(tally, fw, answers, names)
    _database(tally, fw, answers)
    _priority(tally, fw, answers, today)
    exact = 100 * tally.earned / tally.possible if tally.possible else 0.0
    reasons = tuple(sorted(tally.reasons, key=lambda r: (-r.weight, r.text)))
    return exact, reasons, tuple(sorted(unmet)), fw


def _use_cases(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    if not answers.use_cases:
        return
    points = WEIGHTS["use_cases"] / len(answers.use_cases)
    for slug in sorted(answers.use_cases):
        fit = fw.fits.get(slug)
        share = FIT_SHARE.get(fit.fit, 0.0) if fit else 0.0
        if fit and share:
            reason = Reason(
                "match",
                f"{fit.fit.capitalize()} fit for {names.get(slug, slug)}: {fit.note}",
                fit.source,
                points * share,
            )
        elif fit:
            reason = Reason("gap", f"Poor fit for {names.get(slug, slug)}: {fit.note}", fit.source, points)
        else:
            reason = Reason("gap", f"Not rated a good fit for {names.get(slug, slug)}.", "", points)
        tally.add(points, share, reason)


def _must(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> list[str]:
    unmet = []
    if not answers.must:
        return unmet
    points = WEIGHTS["must"] / len(answers.must)
    for slug in sorted(answers.must):
        fact = fw.support.get(slug)
        level = fact.level if fact else "unknown"
        name = names.get(slug, slug)
        share = MUST_SHARE.get(level, 0.0)
        source = fact.source if fact else ""
        note = f": {fact.note}" if fact and fact.note else "."
        if level == "yes":
            reason = Reason("match", f"Must-have {name} is built in{note}", source, points)
        elif level == "plugin":
            reason = Reason("match", f"Must-have {name} comes as an official plugin{note}", source, points * share)
        elif level == "partial":
            reason = Reason("gap", f"Must-have {name} is only partly covered{note}", source, points)
        elif level == "unknown":
            unmet.append(slug)
            reason = Reason(
                "gap", f"Must-have {name}: unknown; we could not establish it from official sources.", source, points
            )
        else:
            unmet.append(slug)
            what = "only from third-party packages" if level == "third-party" else "not available"
            reason = Reason("gap", f"Must-have {name} is {what}{note}", source, points)
        tally.add(points, share, reason)
    return unmet


def _nice(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    for slug in sorted(answers.nice - answers.must):
        fact = fw.support.get(slug)
        level = fact.level if fact else "unknown"
        share = NICE_SHARE.get(level, 0.0)
        points = WEIGHTS["nice"]
        label = fact.label.lower() if fact else "unknown"
        kind = "match" if share >= 0.8 else ("info" if share else "gap")
        text = f"Nice-to-have {names.get(slug, slug)}: {label}."
        tally.add(points, share, Reason(kind, text, fact.source if fact else "", points * max(share, 0.3)))


def _experience(tally: _Tally, fw: FrameworkFacts, answers: Answers) -> None:
    share = LEARNING_FIT[answers.experience].get(fw.learning_curve, 0.5)
    text = f"{fw.learning_curve.capitalize()} learning curve; productive in about {fw.productivity_text}."
    kind = "match" if share >= 0.85 else ("info" if share >= 0.5 else "gap")
    tally.add(WEIGHTS["experience"], share, Reason(kind, text, fw.learning_source, WEIGHTS["experience"] * 0.5))


def _batteries(fw: FrameworkFacts) -> list[str]:
    return [slug for slug in BATTERIES if fw.level(slug) == "yes"]


def _style(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    if answers.style == "any":
        return
    built_in = _batteries(fw)
    share = len(built_in) / len(BATTERIES)
    listed = ", ".join(names.get(s, s) for s in built_in) or "none of them"
    if answers.style == "batteries":
        kind = "match" if share >= 0.6 else "gap"
        text = f"Batteries included: {listed} built in ({len(built_in)} of {len(BATTERIES)})."
    else:
        share = 1 - share
        kind = "match" if share >= 0.6 else "gap"
        text = f"Minimal core: {len(BATTERIES) - len(built_in)} of {len(BATTERIES)} batteries left to you ({listed} built in)."
    tally.add(WEIGHTS["style"], share, Reason(kind, text, "", WEIGHTS["style"]))


def _database(tally: _Tally, fw: FrameworkFacts, answers: Answers) -> None:
    if answers.database == "any":
        return
    orm = fw.support.get("orm")
    level = orm.level if orm else "unknown"
    source = orm.source if orm else ""
    if answers.database == "relational":
        share = ORM_SHARE.get(level, 0.0)
        kind = "match" if share >= 0.8 else "gap"
        text = (
            "Built-in ORM for relational databases."
            if level == "yes"
            else f"ORM: {orm.label.lower() if orm else 'unknown'}" + (f" ({orm.note})" if orm and orm.note else ".")
        )
    else:
        share = 0.6 if level == "yes" else 1.0
        kind = "info" if level == "yes" else "match"
        text = (
            "Its built-in ORM is relational; you would work around it."
            if level == "yes"
            else "No relational ORM to work around: bring the data layer you need."
        )
    tally.add(WEIGHTS["database"], share, Reason(kind, text, source, WEIGHTS["database"]))


def _priority(tally: _Tally, fw: FrameworkFacts, answers: Answers, today: datetime.date) -> None:
    points = WEIGHTS["priority"]
    if answers.priority == "ship-fast":
        share = (len(_batteries(fw)) / len(BATTERIES) + LEARNING_FIT["beginner"].get(fw.learning_curve, 0.5)) / 2
        kind = "match" if share >= 0.6 else "info"
        tally.add(
            points,
            share,
            Reason(
                kind,
                f"To ship fast: {len(_batteries(fw))} of {len(BATTERIES)} batteries built in, {fw.learning_curve} learning curve.",
                "",
                points,
            ),
        )
    elif answers.priority == "performance":
        fact = fw.support.get("async")
        level = fact.level if fact else "unknown"
        share = ASYNC_SHARE.get(level, 0.0)
        kind = "match" if share >= 0.8 else "gap"
        text = (
            "Native async handlers for high-concurrency I/O."
            if level == "yes"
            else f"Async handlers: {fact.label.lower() if fact else 'unknown'}."
        )
        tally.add(points, share, Reason(kind, text, fact.source if fact else "", points))
    elif answers.priority == "long-term":
        years = max(0, today.year - fw.first_release) if fw.first_release else 0
        share = 0.0 if fw.archived else min(1.0, years / MATURE_AFTER_YEARS)
        if fw.archived:
            reason = Reason(
                "gap", "Its repository is archived: no further releases are expected.", fw.repository, points
            )
        else:
            kind = "match" if share >= 1.0 else "info"
            text = f"First released {fw.first_release} ({years} years ago); latest release {fw.latest_version}."
            reason = Reason(kind, text, fw.release_source, points)
        tally.add(points, share, reason)

"""The wizard's scoring: answers and a catalog snapshot in, ranked and explained results out.

Pure functions over frozen dataclasses: no ORM, no request, so a test can score a hand-built
catalog in microseconds. The rules, shown to users on the "How we rank" page:

1. Nothing answered, nothing scored: with no answers, frameworks are listed by maintenance and
   ecosystem, without scores.
2. Each answered question is a criterion worth the points in WEIGHTS times its importance
   (IMPORTANCE: low ×0.5, normal ×1, high ×2); a question left at "any" (or with nothing ticked) is
   not scored. A framework's score is the points it earns divided by the points on offer, as 0–100.
3. Use cases: per chosen use case, an "ideal" fit earns all its points, "good" 60%, "poor" nothing.
4. Must-haves: "yes" (built in) and "plugin" (official add-on, 90%) meet one; "partial" meets it
   with a gap (50%); "third-party", "no" and "unknown" leave it unmet. Results come in three tiers,
   in this order: meets every must-have, meets with gaps, misses at least one.
5. Nice-to-haves: "yes" 100%, "plugin" 80%, "partial" 40%, "third-party" 20%, otherwise nothing.
6. Experience vs learning curve: beginners gain most from an easy curve; experts are not held
   back by a steep one (table LEARNING_FIT).
7. Style: "batteries" rewards the share of BATTERIES features built in; "minimal" the inverse.
8. Database: "relational" rewards a built-in ORM (an official plugin 80%, primitives 50%);
   "nosql" and "none" prefer frameworks that do not tie you to a relational ORM.
9. Priority: "ship-fast" rewards batteries, an easy curve and a large ecosystem; "performance"
   native async handlers (a sourced proxy until measured figures exist); "long-term" years since
   the first release, active maintenance and a large ecosystem.
10. Maintenance counts whenever anything is answered: active earns all of MAINTENANCE_WEIGHT,
    slowing half, unknown half, inactive nothing; an inactive framework also ranks below every
    active or slowing framework of its tier.
11. Ecosystem counts a little whenever anything is answered (ECOSYSTEM_WEIGHT): the packages built
    for a framework, on a log scale against the largest in the catalog, since every project leans
    on them for the parts a framework leaves out.
12. Ties are broken by evidence, never by name while the evidence differs: ecosystem size, then
    maintenance, then the latest release date; the name only when all of those are equal.
"""

import datetime
import functools
import math
from dataclasses import dataclass, field, replace

from .maintenance import maintenance
from .snapshot import FrameworkFacts, Snapshot
from .vocabulary import DEFAULT_ANSWERS, GAP_LEVELS

WEIGHTS = {
    "use_cases": 30,  # split evenly over the chosen use cases
    "must": 25,  # split evenly over the must-haves
    "nice": 3,  # per nice-to-have feature: more wishes, more weight
    "experience": 10,
    "style": 10,
    "database": 10,
    "priority": 10,
}
MAINTENANCE_WEIGHT = 5
ECOSYSTEM_WEIGHT = 5
QUESTIONS = tuple(WEIGHTS)
IMPORTANCE = {"low": 0.5, "normal": 1.0, "high": 2.0}
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
MAINTENANCE_SHARE = {"active": 1.0, "slowing": 0.5, "unknown": 0.5, "inactive": 0.0}
MATURE_AFTER_YEARS = 8
TIERS = ("meets", "gaps", "misses")


@dataclass(frozen=True)
class Answers:
    use_cases: frozenset[str] = frozenset()
    must: frozenset[str] = frozenset()
    nice: frozenset[str] = frozenset()
    experience: str = DEFAULT_ANSWERS["experience"]
    style: str = DEFAULT_ANSWERS["style"]
    database: str = DEFAULT_ANSWERS["database"]
    priority: str = DEFAULT_ANSWERS["priority"]
    importance: tuple[tuple[str, str], ...] = ()  # (question, "low" | "high"); "normal" is left out

    def weight(self, question: str) -> float:
        return self._weights[question]

    @functools.cached_property
    def _weights(self) -> dict[str, float]:
        importance = dict(self.importance)
        return {q: IMPORTANCE[importance.get(q, "normal")] * points for q, points in WEIGHTS.items()}

    @property
    def answered(self) -> bool:
        """Anything beyond the defaults: only then are frameworks scored."""
        return bool(self.use_cases or self.must or self.nice) or any(
            getattr(self, q) != DEFAULT_ANSWERS[q] for q in DEFAULT_ANSWERS
        )

    def normalised(self) -> dict:
        data = {
            "use_cases": sorted(self.use_cases),
            "must": sorted(self.must),
            "nice": sorted(self.nice - self.must),
            "experience": self.experience,
            "style": self.style,
            "database": self.database,
            "priority": self.priority,
        }
        if self.importance:
            data["importance"] = dict(sorted(self.importance))
        return data


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
    score: int | None  # None when nothing was answered
    exact_score: float
    tier: str  # "meets" | "gaps" | "misses"
    maintenance: str  # "active" | "slowing" | "inactive" | "unknown"
    reasons: tuple[Reason, ...]
    unmet_must: tuple[str, ...]
    gap_must: tuple[str, ...]

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
    explain: bool = True  # False when only the order matters (what-if searches): no reason text is built

    def add(self, points: float, share: float, reason=None) -> None:
        """Count a criterion; `reason` is a Reason, or a function making one (called only when explaining)."""
        self.possible += points
        self.earned += points * share
        if reason is not None and self.explain:
            self.reasons.append(reason() if callable(reason) else reason)


@dataclass(frozen=True)
class _Context:
    names: dict[str, str]
    today: datetime.date
    largest_ecosystem: int
    explain: bool = True


def recommend(*, answers: Answers, catalog: Snapshot, today: datetime.date, explain: bool = True) -> list[Result]:
    """Rank every framework in `catalog` for `answers`; best first. With explain=False the order and
    scores are the same but no reasons are written (for searches over many answer sets)."""
    names = {f.slug: f.name for f in catalog.features} | {u.slug: u.name for u in catalog.use_cases}
    largest = max((f.ecosystem.packages for f in catalog.frameworks if f.ecosystem), default=0)
    context = _Context(names, today, largest, explain)
    scored = [_score(framework, answers, context) for framework in catalog.frameworks]
    scored.sort(key=_order)
    return [replace(result, rank=rank) for rank, result in enumerate(scored, start=1)]


def _order(result: Result):
    fw = result.framework
    return (
        TIERS.index(result.tier),
        result.maintenance == "inactive",  # maintained frameworks first within a tier
        -round(result.exact_score, 9),
        -(fw.ecosystem.packages if fw.ecosystem else -1),
        -MAINTENANCE_SHARE[result.maintenance],
        -(fw.latest_release_date or datetime.date.min).toordinal(),
        fw.name.lower(),
        fw.slug,
    )


def ecosystem_share(fw: FrameworkFacts, largest: int) -> float:
    """0–1 on a log scale against the largest ecosystem in the catalog (10× more packages, one step)."""
    if not fw.ecosystem or largest <= 0:
        return 0.0
    return _log_share(fw.ecosystem.packages, largest)


@functools.lru_cache(maxsize=4096)
def _log_share(packages: int, largest: int) -> float:
    return math.log10(1 + packages) / math.log10(1 + largest)


def _score(fw: FrameworkFacts, answers: Answers, context: _Context) -> Result:
    status = maintenance(latest_release=fw.latest_release_date, archived=fw.archived, today=context.today)
    tally = _Tally(explain=context.explain)
    _use_cases(tally, fw, answers, context.names)
    unmet, gaps = _must(tally, fw, answers, context.names)
    _nice(tally, fw, answers, context.names)
    if answers.answered:
        _experience(tally, fw, answers)
        _style(tally, fw, answers, context.names)
        _database(tally, fw, answers)
        _priority(tally, fw, answers, context)
        _maintenance(tally, status.status, status.reason)
        _ecosystem(tally, fw, context)
    exact = 100 * tally.earned / tally.possible if tally.possible else 0.0
    tier = "misses" if unmet else ("gaps" if gaps else "meets")
    reasons = tuple(sorted(tally.reasons, key=lambda r: (-r.weight, r.text))) if context.explain else ()
    return Result(
        rank=0,
        framework=fw,
        score=round(exact) if answers.answered else None,
        exact_score=exact,
        tier=tier,
        maintenance=status.status,
        reasons=reasons,
        unmet_must=tuple(sorted(unmet)),
        gap_must=tuple(sorted(gaps)),
    )


def _use_cases(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    if not answers.use_cases:
        return
    points = answers.weight("use_cases") / len(answers.use_cases)
    for slug in sorted(answers.use_cases):
        fit = fw.fits.get(slug)
        name = names.get(slug, slug)
        share = FIT_SHARE.get(fit.fit, 0.0) if fit else 0.0
        tally.add(points, share, lambda fit=fit, name=name, share=share: _fit_reason(fit, name, share, points))


def _fit_reason(fit, name: str, share: float, points: float) -> Reason:
    if fit and share:
        return Reason("match", f"{fit.fit.capitalize()} fit for {name}: {_sentence(fit.note)}", fit.source, points)
    if fit:
        return Reason("gap", f"Poor fit for {name}: {_sentence(fit.note)}", fit.source, points)
    return Reason("info", f"Not yet rated for {name}.", "", points)


def _sentence(note: str) -> str:
    """A fit note starts mid-sentence in the data ("a working endpoint is…"); reasons are sentences."""
    note = note.strip()
    return note[:1].upper() + note[1:] if note else note


def _must(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]):
    unmet, gaps = [], []
    if not answers.must:
        return unmet, gaps
    points = answers.weight("must") / len(answers.must)
    for slug in sorted(answers.must):
        fact = fw.support.get(slug)
        level = fact.level if fact else "unknown"
        if level in GAP_LEVELS:
            gaps.append(slug)
        elif level not in ("yes", "plugin"):
            unmet.append(slug)
        name = names.get(slug, slug)
        tally.add(
            points,
            MUST_SHARE.get(level, 0.0),
            lambda fact=fact, level=level, name=name: _must_reason(fact, level, name, points),
        )
    return unmet, gaps


def _must_reason(fact, level: str, name: str, points: float) -> Reason:
    source = fact.source if fact else ""
    note = f": {fact.note}" if fact and fact.note else "."
    if level == "yes":
        return Reason("match", f"Must-have {name} is built in{note}", source, points)
    if level == "plugin":
        return Reason("match", f"Must-have {name} comes as an official plugin{note}", source, points * 0.9)
    if level in GAP_LEVELS:
        return Reason("gap", f"Must-have {name} is only partly covered{note}", source, points)
    if level == "unknown":
        return Reason(
            "gap", f"Must-have {name}: unknown; we could not establish it from official sources.", source, points
        )
    what = "only from third-party packages" if level == "third-party" else "not available"
    return Reason("gap", f"Must-have {name} is {what}{note}", source, points)


def _nice(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    wishes = sorted(answers.nice - answers.must)
    if not wishes:
        return
    points = answers.weight("nice")
    for slug in wishes:
        fact = fw.support.get(slug)
        level = fact.level if fact else "unknown"
        share = NICE_SHARE.get(level, 0.0)
        tally.add(
            points,
            share,
            lambda slug=slug, fact=fact, share=share: Reason(
                "match" if share >= 0.8 else ("info" if share else "gap"),
                f"Nice-to-have {names.get(slug, slug)}: {fact.label.lower() if fact else 'unknown'}.",
                fact.source if fact else "",
                points * max(share, 0.3),
            ),
        )


def _experience(tally: _Tally, fw: FrameworkFacts, answers: Answers) -> None:
    points = answers.weight("experience")
    share = LEARNING_FIT[answers.experience].get(fw.learning_curve, 0.5)
    tally.add(
        points,
        share,
        lambda: Reason(
            "match" if share >= 0.85 else ("info" if share >= 0.5 else "gap"),
            f"{fw.learning_curve.capitalize()} learning curve; productive in about {fw.productivity_text}.",
            fw.learning_source,
            points * 0.5,
        ),
    )


def _batteries(fw: FrameworkFacts) -> list[str]:
    return [slug for slug in BATTERIES if fw.level(slug) == "yes"]


def _style(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    if answers.style == "any":
        return
    points = answers.weight("style")
    built_in = _batteries(fw)
    share = len(built_in) / len(BATTERIES)
    listed = ", ".join(names.get(s, s) for s in built_in) or "none of them"
    if answers.style == "batteries":
        text = f"Batteries included: {listed} built in ({len(built_in)} of {len(BATTERIES)})."
    else:
        share = 1 - share
        text = f"Minimal core: {len(BATTERIES) - len(built_in)} of {len(BATTERIES)} batteries left to you ({listed} built in)."
    tally.add(points, share, lambda: Reason("match" if share >= 0.6 else "gap", text, "", points))


def _database(tally: _Tally, fw: FrameworkFacts, answers: Answers) -> None:
    if answers.database == "any":
        return
    points = answers.weight("database")
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
    tally.add(points, share, lambda: Reason(kind, text, source, points))


def _ecosystem_text(fw: FrameworkFacts) -> str:
    if not fw.ecosystem:
        return "no ecosystem count on record"
    about = "about " if fw.ecosystem.estimated else ""
    return f"{about}{fw.ecosystem.packages:,} PyPI packages built for it"


def _priority(tally: _Tally, fw: FrameworkFacts, answers: Answers, context: _Context) -> None:
    points = answers.weight("priority")
    eco = ecosystem_share(fw, context.largest_ecosystem)
    eco_source = fw.ecosystem.source if fw.ecosystem else ""
    if answers.priority == "ship-fast":
        batteries = len(_batteries(fw))
        curve = LEARNING_FIT["beginner"].get(fw.learning_curve, 0.5)
        share = 0.4 * batteries / len(BATTERIES) + 0.3 * curve + 0.3 * eco
        text = (
            f"To ship fast: {batteries} of {len(BATTERIES)} batteries built in, {fw.learning_curve} learning curve, "
            f"{_ecosystem_text(fw)}."
        )
        tally.add(points, share, lambda: Reason("match" if share >= 0.6 else "gap", text, eco_source, points))
    elif answers.priority == "performance":
        fact = fw.support.get("async")
        level = fact.level if fact else "unknown"
        share = ASYNC_SHARE.get(level, 0.0)
        text = (
            "Native async handlers for high-concurrency I/O."
            if level == "yes"
            else f"Async handlers: {fact.label.lower() if fact else 'unknown'}."
        )
        tally.add(
            points, share, lambda: Reason("match" if share >= 0.8 else "gap", text, fact.source if fact else "", points)
        )
    elif answers.priority == "long-term":
        years = max(0, context.today.year - fw.first_release) if fw.first_release else 0
        maturity = min(1.0, years / MATURE_AFTER_YEARS)
        if fw.archived:
            reason = Reason(
                "gap", "Its repository is archived: no further releases are expected.", fw.repository, points
            )
            tally.add(points, 0.0, reason)
            return
        share = 0.5 * maturity + 0.5 * eco
        text = f"First released {fw.first_release} ({years} years ago); {_ecosystem_text(fw)}."
        tally.add(
            points, share, Reason("match" if share >= 0.6 else "gap", text, eco_source or fw.release_source, points)
        )


def _ecosystem(tally: _Tally, fw: FrameworkFacts, context: _Context) -> None:
    share = ecosystem_share(fw, context.largest_ecosystem)
    if fw.ecosystem:
        kind = "match" if share >= 0.6 else "info"
        text = f"Ecosystem: {_ecosystem_text(fw)} ({fw.ecosystem.measure})."
        tally.add(ECOSYSTEM_WEIGHT, share, lambda: Reason(kind, text, fw.ecosystem.source, ECOSYSTEM_WEIGHT * share))
    else:
        tally.add(ECOSYSTEM_WEIGHT, 0.0)


def _maintenance(tally: _Tally, status: str, why: str) -> None:
    share = MAINTENANCE_SHARE[status]
    if status == "inactive":
        reason = Reason("gap", f"Falls short on maintenance: {why}", "", MAINTENANCE_WEIGHT * 3)
    elif status == "slowing":
        reason = Reason("gap", f"Maintenance is slowing: {why}", "", MAINTENANCE_WEIGHT)
    else:
        reason = None
    tally.add(MAINTENANCE_WEIGHT, share, reason)

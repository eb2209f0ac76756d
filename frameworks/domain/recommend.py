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
   the measured throughput ratio from the benchmark (native async handlers for a framework not
   yet measured); "long-term" years since
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
from dataclasses import dataclass, replace

from .criteria import (
    IMPORTANCE,
    MAINTENANCE_SHARE,
    WEIGHTS,
    Reason,
    _Context,
    _database,
    _ecosystem,
    _experience,
    _maintenance,
    _must,
    _nice,
    _priority,
    _style,
    _Tally,
    _use_cases,
)
from .maintenance import Maintenance, maintenance
from .snapshot import FrameworkFacts, Snapshot
from .vocabulary import DEFAULT_ANSWERS

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


def recommend(*, answers: Answers, catalog: Snapshot, today: datetime.date, explain: bool = True) -> list[Result]:
    """Rank every framework in `catalog` for `answers`; best first. With explain=False the order and
    scores are the same but no reasons are written (for searches over many answer sets)."""
    context = _context(catalog, today, explain)
    scored = [_scoring(framework, answers, context).result(answers) for framework in catalog.frameworks]
    scored.sort(key=lambda r: _order(TIERS.index(r.tier), r.maintenance, r.exact_score, r.framework))
    return [replace(result, rank=rank) for rank, result in enumerate(scored, start=1)]


def with_reasons(
    ranked: list[Result], *, answers: Answers, catalog: Snapshot, today: datetime.date, slugs: list[str]
) -> list[Result]:
    """`ranked` (from recommend with explain=False) with the reasons written for `slugs` only: a page
    that explains three frameworks need not write reasons for the other hundreds."""
    context = _context(catalog, today, explain=True)
    wanted = set(slugs)
    return [
        replace(r, reasons=_scoring(r.framework, answers, context).result(answers).reasons)
        if r.framework.slug in wanted
        else r
        for r in ranked
    ]


def _context(catalog: Snapshot, today: datetime.date, explain: bool) -> _Context:
    names = {f.slug: f.name for f in catalog.features} | {u.slug: u.name for u in catalog.use_cases}
    largest = max((f.ecosystem.packages for f in catalog.frameworks if f.ecosystem), default=0)
    return _Context(names, today, largest, explain, memo=None if explain else _memo_for(catalog))


# Criteria that read one framework and at most one single-choice answer take few distinct inputs
# (a few values × three importances × the frameworks), so their points are kept across requests
# for the catalog snapshot in hand; the set-valued criteria (use cases, must-haves, nice-to-haves)
# are unique to each request and always scored.
MEMOISED = ("experience", "style", "database", "priority", "maintenance", "ecosystem")
MEMO_LIMIT = 100_000
_memo: tuple[Snapshot, dict] | None = None


def _memo_for(catalog: Snapshot) -> dict:
    global _memo
    held = _memo
    if held is None or held[0] is not catalog or len(held[1]) > MEMO_LIMIT:
        held = _memo = (catalog, {})  # holding the snapshot keeps its id from being reused
    return held[1]


def _order(tier: int, status: str, exact: float, fw: FrameworkFacts):
    return (
        tier,
        status == "inactive",  # maintained frameworks first within a tier
        -round(exact, 9),
        -(fw.ecosystem.packages if fw.ecosystem else -1),
        -MAINTENANCE_SHARE[status],
        -(fw.latest_release_date or datetime.date.min).toordinal(),
        fw.name.lower(),
        fw.slug,
    )


# The criteria, each reading only its own answers; FED_BY says which criteria an answer feeds, so a
# search over one-answer changes (what_if) re-scores only those.
ALWAYS = ("use_cases", "must", "nice")
WHEN_ANSWERED = ("experience", "style", "database", "priority", "maintenance", "ecosystem")
FED_BY = {
    "use_cases": ("use_cases",),
    "must": ("must", "nice"),  # a must-have is never also counted as a nice-to-have
    "nice": ("nice",),
    "experience": ("experience",),
    "style": ("style",),
    "database": ("database",),
    "priority": ("priority",),
}


def _criterion(name: str, fw: FrameworkFacts, answers: Answers, context: _Context, status: Maintenance) -> _Tally:
    if context.memo is None or name not in MEMOISED:
        return _scored(name, fw, answers, context, status)
    key = (name, fw.slug, getattr(answers, name, None), answers.weight(name) if name in FED_BY else 0.0)
    key += (answers.answered, context.today)
    tally = context.memo.get(key)
    if tally is None:
        tally = context.memo[key] = _scored(name, fw, answers, context, status)
    return tally


def _scored(name: str, fw: FrameworkFacts, answers: Answers, context: _Context, status: Maintenance) -> _Tally:
    tally = _Tally(explain=context.explain)
    if name not in ALWAYS and not answers.answered:
        return tally
    match name:
        case "use_cases":
            _use_cases(tally, fw, answers, context.names)
        case "must":
            _must(tally, fw, answers, context.names)
        case "nice":
            _nice(tally, fw, answers, context.names)
        case "experience":
            _experience(tally, fw, answers)
        case "style":
            _style(tally, fw, answers, context.names)
        case "database":
            _database(tally, fw, answers)
        case "priority":
            _priority(tally, fw, answers, context)
        case "maintenance":
            _maintenance(tally, status.status, status.reason)
        case "ecosystem":
            _ecosystem(tally, fw, context)
    return tally


@dataclass(frozen=True)
class Scoring:
    """One framework scored for one answer set, its points kept apart by criterion."""

    framework: FrameworkFacts
    status: Maintenance
    parts: dict[str, _Tally]

    def result(self, answers: Answers) -> Result:
        earned = sum(t.earned for t in self.parts.values())
        possible = sum(t.possible for t in self.parts.values())
        exact = 100 * earned / possible if possible else 0.0
        must = self.parts["must"]
        reasons = sorted((r for t in self.parts.values() for r in t.reasons), key=lambda r: (-r.weight, r.text))
        return Result(
            rank=0,
            framework=self.framework,
            score=round(exact) if answers.answered else None,
            exact_score=exact,
            tier=_tier(must),
            maintenance=self.status.status,
            reasons=tuple(reasons),
            unmet_must=tuple(sorted(must.unmet)),
            gap_must=tuple(sorted(must.gaps)),
        )


def _tier(must: _Tally) -> str:
    return "misses" if must.unmet else ("gaps" if must.gaps else "meets")


def _scoring(fw: FrameworkFacts, answers: Answers, context: _Context) -> Scoring:
    status = maintenance(latest_release=fw.latest_release_date, archived=fw.archived, today=context.today)
    parts = {name: _criterion(name, fw, answers, context, status) for name in ALWAYS + WHEN_ANSWERED}
    return Scoring(fw, status, parts)


class Rescorer:
    """The order of the catalog for answer sets that differ from `answers` in one answer.

    Every framework is scored once; for each changed answer set only the criteria that the changed
    answers feed are scored again, so a search over ~20 one-answer changes costs a few full rankings.
    """

    def __init__(self, answers: Answers, catalog: Snapshot, today: datetime.date):
        self.answers = answers
        self.catalog = catalog
        self.today = today
        self.context = _context(catalog, today, explain=False)
        self.base = [_scoring(fw, answers, self.context) for fw in catalog.frameworks]
        self.totals = [
            (sum(t.earned for t in s.parts.values()), sum(t.possible for t in s.parts.values())) for s in self.base
        ]
        # The evidence that breaks ties does not depend on the answers: make that part of each key once.
        self.tails = [_order(0, s.status.status, 0.0, s.framework)[3:] for s in self.base]

    def order(self, answers: Answers) -> list[FrameworkFacts]:
        if answers.answered != self.answers.answered:  # the "answered" criteria switch on or off
            return [
                r.framework for r in recommend(answers=answers, catalog=self.catalog, today=self.today, explain=False)
            ]
        changed = [q for q in FED_BY if getattr(answers, q) != getattr(self.answers, q)]
        again = {name for q in changed for name in FED_BY[q]}
        keyed = []
        for scoring, (earned, possible), tail in zip(self.base, self.totals, self.tails, strict=True):
            must = scoring.parts["must"]
            for name in again:
                old, new = (
                    scoring.parts[name],
                    _criterion(name, scoring.framework, answers, self.context, scoring.status),
                )
                earned += new.earned - old.earned
                possible += new.possible - old.possible
                if name == "must":
                    must = new
            exact = 100 * earned / possible if possible else 0.0
            inactive = scoring.status.status == "inactive"
            keyed.append(((TIERS.index(_tier(must)), inactive, -round(exact, 9), *tail), scoring.framework))
        keyed.sort(key=lambda pair: pair[0])
        return [fw for _, fw in keyed]

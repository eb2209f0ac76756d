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
from dataclasses import dataclass, replace

from .answers import Answers
from .columns import GAP, TIERS, UNMET, Columns, Render, reason_order, tie_break
from .criteria import Reason, _Context, _Tally, score
from .maintenance import Maintenance, maintenance
from .snapshot import FrameworkFacts, Snapshot

__all__ = ["TIERS", "Answers", "Result", "columns_for", "recommend", "rendered_reasons", "with_reasons"]


# Not frozen: a ranking makes one per framework on every request (hundreds), and a frozen dataclass
# costs four times as much to make here (4.7 µs vs 1.2 µs with slots); nothing changes one once made.
@dataclass(slots=True)
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
    scores are the same (from the columns of points kept per snapshot) but no reasons are written."""
    if not explain:
        columns = columns_for(catalog, today)
        scores = columns.scores(answers)
        exact, tiers = scores.exact.tolist(), scores.tier.tolist()
        unmet, gaps, answered = scores.left(UNMET), scores.left(GAP), answers.answered
        return [
            Result(
                rank=rank,
                framework=columns.frameworks[i],
                score=round(exact[i]) if answered else None,
                exact_score=exact[i],
                tier=TIERS[tiers[i]],
                maintenance=columns.statuses[i].status,
                reasons=(),
                unmet_must=unmet[i],
                gap_must=gaps[i],
            )
            for rank, i in enumerate(columns.order(answers, scores), start=1)
        ]
    context = _context(catalog, today, explain=True)
    scored = [_scoring(framework, answers, context).result(answers) for framework in catalog.frameworks]
    scored.sort(
        key=lambda r: (
            (TIERS.index(r.tier), r.maintenance == "inactive", -round(r.exact_score, 9))
            + tie_break(r.framework, r.maintenance)
        )
    )
    return [replace(result, rank=rank) for rank, result in enumerate(scored, start=1)]


def with_reasons(
    ranked: list[Result], *, answers: Answers, catalog: Snapshot, today: datetime.date, slugs: list[str]
) -> list[Result]:
    """`ranked` (from recommend with explain=False) with the reasons written for `slugs` only: a page
    that explains three frameworks need not write reasons for the other hundreds."""
    columns = columns_for(catalog, today)
    wanted = set(slugs)
    indexes = {fw.slug: i for i, fw in enumerate(columns.frameworks) if fw.slug in wanted}
    written = columns.reasons(answers, list(indexes.values()))
    return [replace(r, reasons=written[indexes[r.framework.slug]]) if r.framework.slug in wanted else r for r in ranked]


def rendered_reasons(*, answers: Answers, catalog: Snapshot, today: datetime.date, render: Render) -> dict[str, tuple]:
    """Every framework's reasons (by slug, in recommend's order), each as render(reason) makes it. A
    reason is rendered once per snapshot and day, so a response that lists every framework's reasons
    (the API) only merges them."""
    columns = columns_for(catalog, today)
    written = columns.reasons(answers, range(len(columns.frameworks)), render)
    return {fw.slug: written[i] for i, fw in enumerate(columns.frameworks)}


def _context(catalog: Snapshot, today: datetime.date, explain: bool) -> _Context:
    names = {f.slug: f.name for f in catalog.features} | {u.slug: u.name for u in catalog.use_cases}
    largest = max((f.ecosystem.packages for f in catalog.frameworks if f.ecosystem), default=0)
    return _Context(names, today, largest, explain)


# The columns for the snapshot and day in hand, kept across requests (holding the snapshot keeps
# its id from being reused); a new revision or a new day starts afresh.
_held: Columns | None = None


def columns_for(catalog: Snapshot, today: datetime.date) -> Columns:
    global _held
    held = _held
    if held is None or held.catalog is not catalog or held.today != today:
        held = _held = Columns(catalog, today, _context(catalog, today, explain=False))
    return held


# The criteria, each reading only its own answers; those after ALWAYS count only once anything is answered.
ALWAYS = ("use_cases", "must", "nice")
WHEN_ANSWERED = ("experience", "style", "database", "priority", "maintenance", "ecosystem")


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
        reasons = sorted((r for t in self.parts.values() for r in t.reasons), key=reason_order)
        return Result(
            rank=0,
            framework=self.framework,
            score=round(exact) if answers.answered else None,
            exact_score=exact,
            tier="misses" if must.unmet else ("gaps" if must.gaps else "meets"),
            maintenance=self.status.status,
            reasons=tuple(reasons),
            unmet_must=tuple(sorted(must.unmet)),
            gap_must=tuple(sorted(must.gaps)),
        )


def _scoring(fw: FrameworkFacts, answers: Answers, context: _Context) -> Scoring:
    status = maintenance(latest_release=fw.latest_release_date, archived=fw.archived, today=context.today)
    names = ALWAYS + (WHEN_ANSWERED if answers.answered else ())
    return Scoring(fw, status, {name: score(name, fw, answers, context, status) for name in names})

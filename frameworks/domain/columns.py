"""The order of the catalog for any answer set, from points kept per framework and answer item.

The criteria score the items of an answer set one by one (a use case, a must-have, a nice-to-have,
the value of a single-choice question), so an answer set's points are the sum of its items' points,
each times a factor: the question's importance, divided by the number of items where the rules split
a question's points (use cases, must-haves). Each item is therefore scored once per catalog snapshot
and day, for every framework, by the criteria themselves (criteria.score), and ranking an answer set
is a weighted sum of those columns and a sort: cheap enough for the ~20 rankings of a what-if search
on every request. recommend(explain=True) scores criterion by criterion; a test holds the two equal.
The columns are numpy arrays, so a ranking's sums, rounding and sort run in C whatever the
catalog's size (in Python they were most of a results request at 200 frameworks).
"""

import datetime
import operator
from dataclasses import dataclass, replace

import numpy as np

from .answers import Answers
from .criteria import MAINTENANCE_SHARE, WEIGHTS, Reason, _Context, _Tally, score
from .maintenance import maintenance
from .snapshot import FrameworkFacts, Snapshot

SINGLE_CHOICE = ("experience", "style", "database", "priority")
SET_VALUED = ("use_cases", "must", "nice")
SPLIT = ("use_cases", "must")  # these questions' points are shared by the items chosen
TIERS = ("meets", "gaps", "misses")
WEIGHTED_LIMIT = 1024  # columns times a factor, kept per snapshot and day (a few hundred in use)
MET, GAP, UNMET = 0, 1, 2  # a must-have's state, and the index of the tier it puts a framework in


BY_REASON_ORDER = operator.itemgetter(0, 1)


def reason_order(reason: Reason) -> tuple:
    """Reasons with the most points at stake first."""
    return (-round(reason.weight, 9), reason.text)


def tie_break(fw: FrameworkFacts, status: str) -> tuple:
    """The evidence that orders equal scores: ecosystem size, maintenance, latest release; the name last."""
    return (
        -(fw.ecosystem.packages if fw.ecosystem else -1),
        -MAINTENANCE_SHARE[status],
        -(fw.latest_release_date or datetime.date.min).toordinal(),
        fw.name.lower(),
        fw.slug,
    )


@dataclass(frozen=True, eq=False)
class Column:
    """One answer item's points for every framework (in catalog order), at normal importance."""

    question: str
    item: str
    earned: np.ndarray  # float per framework
    possible: float  # the points on offer are the same for every framework (recommend.py, rule 2)
    state: np.ndarray  # must-haves: MET, GAP or UNMET per framework


@dataclass(frozen=True, eq=False)
class Scores:
    """An answer set scored: per framework (catalog order) its 0–100 score and tier."""

    exact: np.ndarray
    tier: np.ndarray
    band: np.ndarray  # tier, then maintained before inactive: 2 × tier + inactive
    musts: list[tuple[str, np.ndarray]]  # (must-have, its state per framework), sorted

    def left(self, i: int, state: int) -> tuple[str, ...]:
        """Framework i's must-haves in `state` (UNMET or GAP)."""
        return tuple(slug for slug, states in self.musts if states[i] == state) if self.tier[i] else ()


class Columns:
    def __init__(self, catalog: Snapshot, today: datetime.date, context: _Context):
        self.catalog = catalog
        self.today = today
        self.context = context
        self.frameworks: tuple[FrameworkFacts, ...] = catalog.frameworks
        self.statuses = [
            maintenance(latest_release=fw.latest_release_date, archived=fw.archived, today=today)
            for fw in self.frameworks
        ]
        n = len(self.frameworks)
        self.inactive = np.array([s.status == "inactive" for s in self.statuses], dtype=np.int8)
        by_evidence = sorted(range(n), key=lambda i: tie_break(self.frameworks[i], self.statuses[i].status))
        self.tails = np.empty(n, dtype=np.int64)  # each framework's place when only the evidence counts
        self.tails[by_evidence] = np.arange(n)
        self._items: dict[tuple[str, str], Column] = {}
        self._reasons: dict[tuple[str, str], list[list[Reason]]] = {}
        self._weighted_columns: dict[tuple[str, str, float], np.ndarray] = {}

    def column(self, question: str, item: str = "") -> Column:
        key = (question, item)
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = self._score_item(question, item)
        return found

    def _tallies(self, question: str, item: str, context: _Context) -> list[_Tally]:
        if question in SET_VALUED:
            answers = Answers(**{question: frozenset({item})})
        elif question in SINGLE_CHOICE:
            answers = Answers(**{question: item})
        else:  # maintenance, ecosystem: no answer of their own
            answers = Answers()
        return [score(question, fw, answers, context, s) for fw, s in zip(self.frameworks, self.statuses, strict=True)]

    def _score_item(self, question: str, item: str) -> Column:
        tallies = self._tallies(question, item, self.context)
        offered = {t.possible for t in tallies}
        if len(offered) > 1:
            raise ValueError(f"{question}={item!r} offers different points to different frameworks: {offered}")
        return Column(
            question=question,
            item=item,
            earned=np.array([t.earned for t in tallies], dtype=np.float64),
            possible=offered.pop() if offered else 0.0,
            state=np.array([UNMET if t.unmet else (GAP if t.gaps else MET) for t in tallies], dtype=np.int8),
        )

    def terms(self, answers: Answers) -> list[tuple[Column, float]]:
        """The columns an answer set adds up, each with its factor (recommend.py's rules 2–11)."""
        items = {"use_cases": answers.use_cases, "must": answers.must, "nice": answers.wishes}
        terms = []
        for question, chosen in items.items():
            factor = answers.weight(question) / WEIGHTS[question]
            if question in SPLIT and chosen:
                factor /= len(chosen)
            terms += [(self.column(question, item), factor) for item in sorted(chosen)]
        if answers.answered:
            for question in SINGLE_CHOICE:
                factor = answers.weight(question) / WEIGHTS[question]
                terms.append((self.column(question, getattr(answers, question)), factor))
            terms += [(self.column("maintenance"), 1.0), (self.column("ecosystem"), 1.0)]
        return terms

    def scores(self, answers: Answers) -> Scores:
        n = len(self.frameworks)
        terms = self.terms(answers)
        possible = sum(factor * column.possible for column, factor in terms)
        # Added in term order, as the criteria add them; the weighted columns are kept, so the
        # answer sets of a what-if search (one answer apart) reuse all but one.
        earned = np.zeros(n)
        for column, factor in terms:
            earned += self._weighted(column, factor)
        exact = 100 * earned / possible if possible else earned
        musts = [(slug, self.column("must", slug).state) for slug in sorted(answers.must)]
        if not musts:
            return Scores(exact, np.zeros(n, dtype=np.int8), self.inactive, musts)
        tier = np.max([state for _, state in musts], axis=0)
        return Scores(exact, tier, 2 * tier + self.inactive, musts)

    def order(self, answers: Answers, scores: Scores | None = None) -> list[int]:
        """Framework indexes, best first: tier, maintained before inactive, score, then the evidence
        (each framework's place in it is unique, so no two keys are ever equal)."""
        scores = scores or self.scores(answers)
        # Rounded so that scores equal on paper but summed in another order count as a tie.
        return np.lexsort((self.tails, -np.round(scores.exact, 9), scores.band)).tolist()

    def _weighted(self, column: Column, factor: float) -> np.ndarray:
        key = (column.question, column.item, factor)
        found = self._weighted_columns.get(key)
        if found is None:
            if len(self._weighted_columns) >= WEIGHTED_LIMIT:
                self._weighted_columns.clear()
            found = self._weighted_columns[key] = factor * column.earned
        return found

    def reasons(self, answers: Answers, indexes: list[int]) -> dict[int, tuple[Reason, ...]]:
        """The reasons for the frameworks at `indexes`, as recommend(explain=True) writes them."""
        terms = [(self._written(column), factor) for column, factor in self.terms(answers)]
        written = {}
        for i in indexes:
            found = [(-round(r.weight * factor, 9), r.text, r, factor) for by, factor in terms for r in by[i]]
            found.sort(key=BY_REASON_ORDER)  # reason_order's key, taken in C; a stable sort keeps ties in place
            written[i] = tuple(
                r if factor == 1 else Reason(r.kind, r.text, r.source, r.weight * factor) for _, _, r, factor in found
            )
        return written

    def _written(self, column: Column) -> list[list[Reason]]:
        key = (column.question, column.item)
        found = self._reasons.get(key)
        if found is None:
            explaining = replace(self.context, explain=True)
            found = self._reasons[key] = [t.reasons for t in self._tallies(*key, explaining)]
        return found

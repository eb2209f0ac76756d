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
import functools
import operator
from collections.abc import Callable
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
Render = Callable[[Reason], object]  # a reason as a caller shows it (the API: its encoded JSON)


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

    def left(self, state: int) -> list[tuple[str, ...]]:
        """Per framework, its must-haves in `state` (UNMET or GAP), in must-have order."""
        if not self.musts:
            return [()] * len(self.exact)
        # Each framework's set as a bit mask, so a catalog of any size names only the few sets it has.
        masks = sum((states == state).astype(np.int64) << k for k, (_, states) in enumerate(self.musts))
        masks = masks.tolist()
        named = {m: tuple(slug for k, (slug, _) in enumerate(self.musts) if m >> k & 1) for m in set(masks)}
        return [named[m] for m in masks]


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
        self._reason_entries: dict[tuple, list[list[tuple]]] = {}
        self._bands: dict[frozenset[str], np.ndarray] = {}
        self._groups: dict[tuple, list[tuple[Column, float, np.ndarray]]] = {}

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
        return [(column, factor) for column, factor, _ in self._weighted_terms(answers)]

    def _weighted_terms(self, answers: Answers) -> list[tuple[Column, float, np.ndarray]]:
        # Kept per question and answer: the ~20 answer sets of a what-if search differ in one answer,
        # so each shares all but one of its groups with the others.
        chosen = (("use_cases", answers.use_cases), ("must", answers.must), ("nice", answers.wishes))
        groups = [self._group(question, value, answers.weight(question)) for question, value in chosen]
        if answers.answered:
            groups += [self._group(q, getattr(answers, q), answers.weight(q)) for q in SINGLE_CHOICE]
            groups.append(self._group("always", "", 1.0))
        return [term for group in groups for term in group]

    def _group(self, question: str, value, weight: float) -> list[tuple[Column, float, np.ndarray]]:
        key = (question, value, weight)
        found = self._groups.get(key)
        if found is None:
            if len(self._groups) >= WEIGHTED_LIMIT:
                self._groups.clear()
            if question == "always":  # maintenance and ecosystem, which have no answer of their own
                terms = [(self.column("maintenance"), 1.0), (self.column("ecosystem"), 1.0)]
            elif question in SET_VALUED:
                factor = weight / WEIGHTS[question]
                if question in SPLIT and value:
                    factor /= len(value)
                terms = [(self.column(question, item), factor) for item in sorted(value)]
            else:
                terms = [(self.column(question, value), weight / WEIGHTS[question])]
            found = self._groups[key] = [(c, f, self._weighted(c, f)) for c, f in terms]
        return found

    def scores(self, answers: Answers) -> Scores:
        n = len(self.frameworks)
        exact = self._exact([answers])[0]
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

    def standings(self, answer_sets: list[Answers], indexes: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """For each answer set (rows), the rank of each framework at `indexes` (columns) and the index
        of the framework that ranks first: order()'s ranking of them all, counted in a few array
        operations instead of one sort per answer set (a what-if search asks for ~20)."""
        exact = np.round(self._exact(answer_sets), 9)
        band = np.stack([self._band(answers) for answers in answer_sets])
        at = np.array(indexes)
        # A framework ranks ahead of framework i in a lower band, or in its band with a higher score,
        # or with an equal score and an earlier place in the evidence order (order()'s sort keys).
        b, e, t = band[:, None, :], exact[:, None, :], self.tails[None, None, :]
        bi, ei, ti = band[:, at, None], exact[:, at, None], self.tails[at][None, :, None]
        ahead = (b < bi) | ((b == bi) & ((e > ei) | ((e == ei) & (t < ti))))
        ranks = ahead.sum(axis=2) + 1
        best_band = band.min(axis=1, keepdims=True)
        best_score = np.where(band == best_band, exact, -np.inf).max(axis=1, keepdims=True)
        first = np.where((band == best_band) & (exact == best_score), self.tails, len(self.tails)).argmin(axis=1)
        return ranks, first

    def _band(self, answers: Answers) -> np.ndarray:
        found = self._bands.get(answers.must)  # most answer sets of a what-if search share their must-haves
        if found is None:
            if len(self._bands) >= WEIGHTED_LIMIT:
                self._bands.clear()
            states = [self.column("must", slug).state for slug in answers.must]
            found = self._bands[answers.must] = (
                2 * functools.reduce(np.maximum, states) + self.inactive if states else self.inactive
            )
        return found

    def _exact(self, answer_sets: list[Answers]) -> np.ndarray:
        """0–100 scores, one row per answer set. Each row's columns are added in term order, as the
        criteria add them (padding adds zeros last), so a row is exactly the sum scored one by one."""
        kept = {}  # weighted column by id → its row in `stacked`; row 0 is zeros (the padding)
        rows, possible = [], []
        for answers in answer_sets:
            terms = self._weighted_terms(answers)
            possible.append(sum(factor * column.possible for column, factor, _ in terms))
            row = []
            for _, _, weighted in terms:
                row.append(kept.setdefault(id(weighted), (len(kept) + 1, weighted))[0])
            rows.append(row)
        width = max(map(len, rows), default=0)
        at = np.array([row + [0] * (width - len(row)) for row in rows], dtype=np.intp).reshape(len(rows), width)
        stacked = np.stack([np.zeros(len(self.frameworks))] + [weighted for _, weighted in kept.values()])
        # Term by term for every row at once: the same additions in the same order as one by one (a
        # single np.add.reduce would sum a one-framework catalog pairwise, off by an ulp).
        earned = np.zeros((len(rows), len(self.frameworks)))
        for term in at.T:
            earned += stacked[term]
        offered = np.array(possible)[:, None]
        return np.where(offered > 0, 100 * earned / np.where(offered > 0, offered, 1), earned)

    def _weighted(self, column: Column, factor: float) -> np.ndarray:
        key = (column.question, column.item, factor)
        found = self._weighted_columns.get(key)
        if found is None:
            if len(self._weighted_columns) >= WEIGHTED_LIMIT:
                self._weighted_columns.clear()
            found = self._weighted_columns[key] = factor * column.earned
        return found

    def reasons(self, answers: Answers, indexes: list[int], render: Render | None = None) -> dict[int, tuple]:
        """The reasons for the frameworks at `indexes`, as recommend(explain=True) writes them; with
        `render`, each reason as render(reason) makes it, rendered once per column, factor and day."""
        terms = [self._entries(column, factor, render) for column, factor in self.terms(answers)]
        written = {}
        for i in indexes:
            found = [entry for by in terms for entry in by[i]]
            found.sort(key=BY_REASON_ORDER)  # reason_order's key, taken in C; a stable sort keeps ties in place
            written[i] = tuple([entry[2] for entry in found])
        return written

    def _entries(self, column: Column, factor: float, render: Render | None) -> list[list[tuple]]:
        """Per framework, its reasons from one column at one factor as (sort key, text, reason or its
        rendering): kept like the weighted columns, so a request only merges and sorts them."""
        key = (column.question, column.item, factor, render)
        found = self._reason_entries.get(key)
        if found is None:
            if len(self._reason_entries) >= WEIGHTED_LIMIT:
                self._reason_entries.clear()
            found = self._reason_entries[key] = [
                [(-round(r.weight * factor, 9), r.text, (render or _same)(_scaled(r, factor))) for r in by_framework]
                for by_framework in self._written(column)
            ]
        return found

    def _written(self, column: Column) -> list[list[Reason]]:
        key = (column.question, column.item)
        found = self._reasons.get(key)
        if found is None:
            explaining = replace(self.context, explain=True)
            found = self._reasons[key] = [t.reasons for t in self._tallies(*key, explaining)]
        return found


def _scaled(reason: Reason, factor: float) -> Reason:
    return reason if factor == 1 else Reason(reason.kind, reason.text, reason.source, reason.weight * factor)


def _same(reason: Reason) -> Reason:
    return reason

"""The wizard's criteria: how one framework earns points for one question (rules in recommend.py).

Each function adds the points on offer and the share earned to a tally, with the reason a reader
sees; the reason is written only when the ranking is explained (not in what-if searches).
"""

from __future__ import annotations  # Answers is only named in annotations (answers.py imports this module)

import datetime
import functools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .snapshot import FrameworkFacts
from .vocabulary import GAP_LEVELS

if TYPE_CHECKING:
    from .answers import Answers
    from .maintenance import Maintenance

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
BENCHMARKS_PAGE = "/benchmarks/"


@dataclass(frozen=True)
class Reason:
    kind: str  # "match" | "gap" | "info"
    text: str
    source: str = ""
    weight: float = 0.0  # points at stake, to pick the top reasons


@dataclass
class _Tally:
    earned: float = 0.0
    possible: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    explain: bool = True  # False when only the order matters (what-if searches): no reason text is built
    unmet: list[str] = field(default_factory=list)  # must-haves left unmet (set by _must)
    gaps: list[str] = field(default_factory=list)  # must-haves met only partly

    def add(self, points: float, share: float, reason=None) -> None:
        """Count a criterion; `reason` is a Reason, or a function making one (called only when explaining)."""
        self.possible += points
        self.earned += points * share
        if reason is not None and self.explain:
            self.reasons.append(reason() if callable(reason) else reason)


def ecosystem_share(fw: FrameworkFacts, largest: int) -> float:
    """0–1 on a log scale against the largest ecosystem in the catalog (10× more packages, one step)."""
    if not fw.ecosystem or largest <= 0:
        return 0.0
    return _log_share(fw.ecosystem.packages, largest)


@functools.lru_cache(maxsize=4096)
def _log_share(packages: int, largest: int) -> float:
    return math.log10(1 + packages) / math.log10(1 + largest)


@dataclass(frozen=True)
class _Context:
    names: dict[str, str]
    today: datetime.date
    largest_ecosystem: int
    explain: bool = True


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


def _must(tally: _Tally, fw: FrameworkFacts, answers: Answers, names: dict[str, str]) -> None:
    if not answers.must:
        return
    points = answers.weight("must") / len(answers.must)
    for slug in sorted(answers.must):
        fact = fw.support.get(slug)
        level = fact.level if fact else "unknown"
        if level in GAP_LEVELS:
            tally.gaps.append(slug)
        elif level not in ("yes", "plugin"):
            tally.unmet.append(slug)
        name = names.get(slug, slug)
        tally.add(
            points,
            MUST_SHARE.get(level, 0.0),
            lambda fact=fact, level=level, name=name: _must_reason(fact, level, name, points),
        )


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
    wishes = sorted(answers.wishes)
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
    elif answers.priority == "performance" and fw.throughput is not None:
        # Measured: requests/s as a ratio to a bare app under the same kind of server, same run.
        share = min(1.0, fw.throughput.ratio)
        text = (
            f"Measured throughput: {fw.throughput.ratio:.2f}× a bare {fw.throughput.baseline.upper()} app "
            f"({fw.throughput.task}, {fw.throughput.measured_on})."
        )
        tally.add(points, share, lambda: Reason("match" if share >= 0.8 else "gap", text, BENCHMARKS_PAGE, points))
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


def score(name: str, fw: FrameworkFacts, answers: Answers, context: _Context, status: Maintenance) -> _Tally:
    """One criterion of one framework for `answers` (whether it counts at all is recommend's rule)."""
    tally = _Tally(explain=context.explain)
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

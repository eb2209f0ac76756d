"""What would change the ranking: the smallest single change of answers that moves a framework.

A search over one-answer changes (drop a use case, drop a must-have or make it a nice-to-have, pick
another value for a single-choice question), each ranked from the points kept per answer item
(columns.py): ~20 rankings cost about as much as writing one page's reasons, so it runs on every
results page.
"""

import datetime
import functools
from dataclasses import dataclass, replace

from .recommend import Answers, Result, columns_for
from .snapshot import Snapshot
from .vocabulary import DATABASES, EXPERIENCE, PRIORITIES, STYLES, labels, slugs

CHOICES = {"experience": EXPERIENCE, "style": STYLES, "database": DATABASES, "priority": PRIORITIES}
QUESTION_WORDS = {
    "experience": "your team's experience was",
    "style": "you chose",
    "database": "your database was",
    "priority": "what matters most was",
}


@dataclass(frozen=True)
class Change:
    answers: Answers
    text: str  # "you did not need an admin interface"


@dataclass(frozen=True)
class WhatIf:
    framework: str  # slug
    name: str
    rank: int  # where it ranks now
    new_rank: int  # where it would rank after the change
    change: str
    then_first: str  # name of the framework that would rank first after the change

    @property
    def sentence(self) -> str:
        if self.rank == 1:
            return f"{self.name} would no longer rank first if {self.change}: {self.then_first} would."
        if self.new_rank == 1:
            return f"{self.name} would rank first if {self.change}."
        return f"{self.name} would move up to #{self.new_rank} if {self.change}."


def one_answer_changes(answers: Answers, names: dict[str, str]) -> list[Change]:
    """Every answer set that differs from `answers` in exactly one answer, in a fixed order."""
    changes = []
    for slug in sorted(answers.must):
        name = names.get(slug, slug)
        changes.append(Change(replace(answers, must=answers.must - {slug}), f"you did not need {_lower(name)}"))
        changes.append(
            Change(
                replace(answers, must=answers.must - {slug}, nice=answers.nice | {slug}),
                f"{_lower(name)} were a nice-to-have instead of a must-have",
            )
        )
    for slug in sorted(answers.use_cases):
        changes.append(
            Change(
                replace(answers, use_cases=answers.use_cases - {slug}),
                f"you were not building {_lower(names.get(slug, slug))}",
            )
        )
    for slug in sorted(answers.wishes):
        changes.append(
            Change(replace(answers, nice=answers.nice - {slug}), f"{_lower(names.get(slug, slug))} did not matter")
        )
    for question, terms in CHOICES.items():
        current = getattr(answers, question)
        for value in slugs(terms):
            if value != current:
                label = labels(terms)[value]
                changes.append(
                    Change(replace(answers, **{question: value}), f"{QUESTION_WORDS[question]} “{_lower(label)}”")
                )
    return changes


@functools.lru_cache(maxsize=1024)  # a catalog's few dozen names, asked for ~20 times per results page
def _lower(name: str) -> str:
    # "Admin interface" reads as "an admin interface" mid-sentence; keep acronyms (ORM, CORS) as they are.
    word = name.split(" ", 1)[0]
    return name if word.isupper() or any(c.isupper() for c in word[1:]) else name[:1].lower() + name[1:]


def what_would_change(
    *, answers: Answers, catalog: Snapshot, today: datetime.date, ranked: list[Result], slugs_to_explain: list[str]
) -> list[WhatIf]:
    """For each framework in `slugs_to_explain`, the single change that moves it furthest up (for the
    leader: the first change that takes first place from it). Frameworks no change moves are left out."""
    if not answers.answered:
        return []
    names = {f.slug: f.name for f in catalog.features} | {u.slug: u.name for u in catalog.use_cases}
    now = {r.framework.slug: r.rank for r in ranked}
    columns = columns_for(catalog, today)
    place = {fw.slug: i for i, fw in enumerate(columns.frameworks)}
    changes = one_answer_changes(answers, names)
    if not changes:
        return []
    # Where each framework to explain would rank after each change, all changes counted at once.
    ranks, firsts = columns.standings([c.answers for c in changes], [place[slug] for slug in slugs_to_explain])
    found = []
    for column, slug in enumerate(slugs_to_explain):
        rank, after = now[slug], ranks[:, column].tolist()
        if rank == 1:
            best = next((k for k, new in enumerate(after) if new > 1), None)
        else:
            moves = [(new, k) for k, new in enumerate(after) if new < rank]
            best = min(moves)[1] if moves else None
        if best is not None:
            first = columns.frameworks[firsts[best]].name
            name = columns.frameworks[place[slug]].name
            found.append(WhatIf(slug, name, rank, after[best], changes[best].text, first))
    return found

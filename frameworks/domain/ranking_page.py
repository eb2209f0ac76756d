"""The wizard's results shaped for the page: tiers with their meaning, and the must-have matrix."""

from dataclasses import dataclass

from .recommend import TIERS, Answers, Result
from .snapshot import Snapshot

TOP_EXPANDED = 3
# Rows on the page unless the reader asks for the whole ranking (?all=1): a page costs the same at
# any catalog size.
LISTED = 40
TIER_HEADINGS = {
    "meets": ("Meets every must-have", "Each must-have is built in or an official plugin."),
    "gaps": (
        "Meets the must-haves with gaps",
        "At least one must-have is only partly covered; the reasons say what is missing.",
    ),
    "misses": (
        "Misses at least one must-have",
        "A must-have comes only from third-party packages, is not available, or is unknown.",
    ),
}


@dataclass(frozen=True)
class MustCell:
    name: str
    level: str  # a support level slug


@dataclass(frozen=True)
class Row:
    result: Result
    expanded: bool  # the top three are shown in full, the rest as one table row
    musts: tuple[MustCell, ...]
    missing: str  # unmet must-haves, by name
    partial: str  # must-haves met with a gap, by name


@dataclass(frozen=True)
class TierGroup:
    tier: str
    heading: str
    meaning: str
    expanded: tuple[Row, ...]
    compact: tuple[Row, ...]


def rows(ranked: list[Result], answers: Answers, catalog: Snapshot) -> list[Row]:
    """A row per result in `ranked` (the listed part of the ranking, and the framework asked about)."""
    names = {f.slug: f.name for f in catalog.features}
    musts = sorted(answers.must)

    def listed(slugs) -> str:
        return ", ".join(names.get(s, s) for s in slugs)

    return [
        Row(
            result=r,
            expanded=r.rank <= TOP_EXPANDED,
            # The must-have matrix is shown for the expanded results only.
            musts=tuple(MustCell(names.get(s, s), r.framework.level(s)) for s in musts)
            if r.rank <= TOP_EXPANDED
            else (),
            missing=listed(r.unmet_must),
            partial=listed(r.gap_must),
        )
        for r in ranked
    ]


def tier_groups(all_rows: list[Row]) -> list[TierGroup]:
    """Rows under their tier's heading, in rank order; empty tiers are left out."""
    groups = []
    for tier in TIERS:
        mine = [row for row in all_rows if row.result.tier == tier]
        if mine:
            groups.append(
                TierGroup(
                    tier,
                    *TIER_HEADINGS[tier],
                    tuple(r for r in mine if r.expanded),
                    tuple(r for r in mine if not r.expanded),
                )
            )
    return groups

"""Maintenance status, derived by one documented rule from release data (no guessing).

- inactive: the repository is archived, or the latest release is more than 24 months old;
- slowing: the latest release is 12 to 24 months old;
- active: a release within the last 12 months (365 days);
- unknown: no release date on record.
"""

import datetime
import functools
from dataclasses import dataclass

from .vocabulary import MAINTENANCE, Term, term

ACTIVE_DAYS = 365
SLOWING_DAYS = 730


@dataclass(frozen=True)
class Maintenance:
    status: str  # "active" | "slowing" | "inactive" | "unknown"
    reason: str
    computed_on: datetime.date

    @property
    def term(self) -> Term:
        return term(MAINTENANCE, self.status)

    @property
    def label(self) -> str:
        return self.term.label


@functools.lru_cache(maxsize=4096)  # pure, and asked for once per framework per ranking
def maintenance(*, latest_release: datetime.date | None, archived: bool, today: datetime.date) -> Maintenance:
    if archived:
        return Maintenance("inactive", "The repository is archived.", today)
    if latest_release is None:
        return Maintenance("unknown", "No release date on record.", today)
    age = (today - latest_release).days
    when = f"Latest release {latest_release:%-d %b %Y}"
    if age <= ACTIVE_DAYS:
        return Maintenance("active", f"{when}, within the last 12 months.", today)
    if age <= SLOWING_DAYS:
        return Maintenance("slowing", f"{when}, 12 to 24 months ago.", today)
    return Maintenance("inactive", f"{when}, more than 24 months ago.", today)

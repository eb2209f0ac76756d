"""Maintenance status, derived by one documented rule from release data (no guessing).

- inactive: the repository is archived, or the latest release is more than 24 months old;
- slowing: the latest release is 12 to 24 months old;
- active: a release within the last 12 months (365 days);
- unknown: no release date on record.
"""

import datetime
from dataclasses import dataclass

ACTIVE_DAYS = 365
SLOWING_DAYS = 730


@dataclass(frozen=True)
class Maintenance:
    status: str  # "active" | "slowing" | "inactive" | "unknown"
    label: str
    reason: str
    computed_on: datetime.date


def maintenance(*, latest_release: datetime.date | None, archived: bool, today: datetime.date) -> Maintenance:
    if archived:
        return Maintenance("inactive", "Inactive", "The repository is archived.", today)
    if latest_release is None:
        return Maintenance("unknown", "Unknown", "No release date on record.", today)
    age = (today - latest_release).days
    when = f"Latest release {latest_release:%-d %b %Y}"
    if age <= ACTIVE_DAYS:
        return Maintenance("active", "Active", f"{when}, within the last 12 months.", today)
    if age <= SLOWING_DAYS:
        return Maintenance("slowing", "Slowing", f"{when}, 12 to 24 months ago.", today)
    return Maintenance("inactive", "Inactive", f"{when}, more than 24 months ago.", today)

"""PyPI facts as proposals: read by `refresh_pypi_facts`, applied or rejected by a Reviewer.

Nothing reaches the pages until applied (the seed files count as applied: they are reviewed in git).
A proposal is filed only when PyPI says something different from the newest applied facts.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Framework, PackageFacts, ProposalState
from .pypi import PyPIError
from .pypi_facts import ProjectFacts

COMPARED = (
    "version",
    "requires_python",
    "python_versions",
    "free_threading_declared",
    "free_threading_ships",
    "free_threading_evidence",
    "advisories",
    "release_years",
)


def values_from(facts: ProjectFacts) -> dict:
    return {
        "version": facts.version,
        "requires_python": facts.python.requires_python or "",
        "python_versions": list(facts.python.minors),
        "free_threading_declared": facts.free_threading.declared,
        "free_threading_ships": facts.free_threading.ships,
        "free_threading_evidence": list(facts.free_threading.evidence),
        "advisories": [
            {"id": a.id, "aliases": list(a.aliases), "summary": a.summary, "fixed_in": list(a.fixed_in), "link": a.link}
            for a in facts.advisories
        ],
        "release_years": {str(year): count for year, count in sorted(facts.release_years.items())},
        "source_url": facts.source,
        "read_on": facts.read_on,
    }


def values_from_seed(data: dict) -> dict:
    """The `pypi_facts` mapping of a seed file, in model fields."""
    ft = data.get("free_threading") or {}
    return {
        "version": str(data["version"]),
        "requires_python": data.get("requires_python") or "",
        "python_versions": [str(v) for v in data.get("python_versions") or []],
        "free_threading_declared": bool(ft.get("declared")),
        "free_threading_ships": ft.get("ships"),
        "free_threading_evidence": list(ft.get("evidence") or []),
        "advisories": list(data.get("advisories") or []),
        "release_years": {str(k): int(v) for k, v in (data.get("release_years") or {}).items()},
        "source_url": data["source"],
        "read_on": data["read_on"]
        if isinstance(data["read_on"], datetime.date)
        else datetime.date.fromisoformat(data["read_on"]),
    }


def current(framework: Framework) -> PackageFacts | None:
    return framework.package_facts.filter(state=ProposalState.APPLIED).order_by("-read_on", "-pk").first()


def _same(row: PackageFacts | None, values: dict) -> bool:
    return row is not None and all(getattr(row, name) == values[name] for name in COMPARED)


def record_seed(framework: Framework, data: dict) -> bool:
    """Apply the seed file's facts unless they are what is already applied; True when a row was written."""
    values = values_from_seed(data)
    if _same(current(framework), values):
        return False
    PackageFacts.objects.create(framework=framework, state=ProposalState.APPLIED, **values)
    return True


@dataclass
class FactsReport:
    proposed: list[PackageFacts] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def propose(frameworks, *, read: Callable[[str], ProjectFacts]) -> FactsReport:
    report = FactsReport()
    for framework in frameworks:
        try:
            values = values_from(read(framework.pypi_name))
        except PyPIError as exc:
            report.failed.append(f"{framework.name}: {exc}")
            continue
        if _same(current(framework), values):
            report.unchanged.append(framework.name)
            continue
        pending = framework.package_facts.filter(state=ProposalState.PENDING)
        if any(_same(row, values) for row in pending):
            report.unchanged.append(framework.name)
            continue
        report.proposed.append(PackageFacts.objects.create(framework=framework, **values))
    return report


@transaction.atomic
def apply(proposals, *, user) -> int:
    count = 0
    for proposal in proposals.filter(state=ProposalState.PENDING):
        proposal.state, proposal.reviewed_by, proposal.reviewed_at = ProposalState.APPLIED, user, timezone.now()
        proposal.save(update_fields=["state", "reviewed_by", "reviewed_at"])
        count += 1
    return count


def reject(proposals, *, user) -> int:
    return proposals.filter(state=ProposalState.PENDING).update(
        state=ProposalState.REJECTED, reviewed_by=user, reviewed_at=timezone.now()
    )

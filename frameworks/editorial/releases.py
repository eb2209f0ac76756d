"""Version refresh: compare each framework's release facts with PyPI and propose changes for review.

Nothing here edits a framework directly. `propose()` records a ReleaseProposal when PyPI knows a
different latest stable release; an editor applies it (or rejects it) in the admin, which is when
the catalog changes, with the editor's name in the history.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Framework, ProposalState, ReleaseProposal
from .pypi import PyPIError, Release


@dataclass
class RefreshReport:
    proposed: list[ReleaseProposal] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    already_pending: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one readable line per framework PyPI could not answer for


def propose(frameworks, *, fetch: Callable[[str], Release]) -> RefreshReport:
    report = RefreshReport()
    for framework in frameworks:
        try:
            release = fetch(framework.pypi_name)
        except PyPIError as exc:
            report.failed.append(f"{framework.name}: {exc}")
            continue
        if (release.version, release.date) == (framework.latest_version, framework.latest_release_date):
            report.unchanged.append(framework.name)
            continue
        proposal, created = ReleaseProposal.objects.get_or_create(
            framework=framework,
            version=release.version,
            release_date=release.date,
            state=ProposalState.PENDING,
            defaults={
                "catalog_version": framework.latest_version,
                "catalog_date": framework.latest_release_date,
                "source_url": release.url,
            },
        )
        if created:
            report.proposed.append(proposal)
        else:
            report.already_pending.append(framework.name)
    return report


@transaction.atomic
def apply(proposals, *, user) -> int:
    """Write pending proposals into their frameworks (history and revision follow the save)."""
    count = 0
    for proposal in proposals.filter(state=ProposalState.PENDING).select_related("framework"):
        framework: Framework = proposal.framework
        framework.latest_version = proposal.version
        framework.latest_release_date = proposal.release_date
        framework.release_source = proposal.source_url
        framework.save(update_fields=["latest_version", "latest_release_date", "release_source", "updated_at"])
        _close(proposal, ProposalState.APPLIED, user)
        count += 1
    return count


def reject(proposals, *, user) -> int:
    count = 0
    for proposal in proposals.filter(state=ProposalState.PENDING):
        _close(proposal, ProposalState.REJECTED, user)
        count += 1
    return count


def _close(proposal: ReleaseProposal, state: str, user) -> None:
    proposal.state, proposal.reviewed_by, proposal.reviewed_at = state, user, timezone.now()
    proposal.save(update_fields=["state", "reviewed_by", "reviewed_at"])

from functools import partial

from frameworks.editorial import pypi, releases
from frameworks.management.pypi_command import PyPICommand


class Command(PyPICommand):
    help = "Read each framework's latest stable release from PyPI and propose changes for an editor to review."

    def handle(self, *args, slugs, index_url, timeout, **options):
        frameworks = self.frameworks(slugs)
        fetch = partial(pypi.latest_release, base_url=index_url, timeout=timeout)
        report = releases.propose(frameworks, fetch=fetch)
        for proposal in report.proposed:
            self.stdout.write(
                f"Proposed: {proposal.framework.name} {proposal.catalog_version} ({proposal.catalog_date}) "
                f"→ {proposal.version} ({proposal.release_date}), {proposal.source_url}"
            )
        for name in report.already_pending:
            self.stdout.write(f"Already waiting for review: {name}")
        for line in report.failed:
            self.stderr.write(f"Not checked: {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.proposed)} proposed, {len(report.already_pending)} already pending, "
                f"{len(report.unchanged)} up to date, {len(report.failed)} failed. "
                "Review proposals in the admin under Release proposals."
            )
        )

from functools import partial

from django.utils import timezone

from frameworks.editorial import package_facts, pypi_facts
from frameworks.management.pypi_command import PyPICommand


class Command(PyPICommand):
    help = (
        "Read Python versions, free-threading evidence, advisories and release history from PyPI and file "
        "proposals where they differ from what the catalog shows (a Reviewer applies them in the admin)."
    )

    def handle(self, *args, slugs, index_url, timeout, **options):
        frameworks = self.frameworks(slugs)
        read = partial(pypi_facts.read_facts, base_url=index_url, timeout=timeout, today=timezone.localdate())
        report = package_facts.propose(frameworks, read=read)
        for proposal in report.proposed:
            advisories = len(proposal.advisories)
            self.stdout.write(
                f"Proposed: {proposal.framework.name} {proposal.version}: Python {', '.join(proposal.python_versions) or '?'}, "
                f"{advisories} advisor{'y' if advisories == 1 else 'ies'}, {proposal.source_url}"
            )
        for line in report.failed:
            self.stderr.write(f"Not read: {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.proposed)} proposed, {len(report.unchanged)} unchanged, {len(report.failed)} failed. "
                "Review them in the admin under Package facts."
            )
        )

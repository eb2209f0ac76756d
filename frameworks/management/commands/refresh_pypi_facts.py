from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frameworks.editorial import package_facts, pypi_facts
from frameworks.models import Framework


class Command(BaseCommand):
    help = (
        "Read Python versions, free-threading evidence, advisories and release history from PyPI and file "
        "proposals where they differ from what the catalog shows (a Reviewer applies them in the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these frameworks (default: all).")
        parser.add_argument("--index-url", default=settings.PYPI_URL, help="PyPI base URL (default: %(default)s).")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each answer.")

    def handle(self, *args, slugs, index_url, timeout, **options):
        frameworks = Framework.objects.order_by("name")
        if slugs:
            frameworks = frameworks.filter(slug__in=slugs)
            unknown = set(slugs) - set(frameworks.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"No framework with slug: {', '.join(sorted(unknown))}.")
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

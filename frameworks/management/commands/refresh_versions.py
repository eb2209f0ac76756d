from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frameworks.editorial import pypi, releases
from frameworks.models import Framework


class Command(BaseCommand):
    help = "Read each framework's latest stable release from PyPI and propose changes for an editor to review."

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

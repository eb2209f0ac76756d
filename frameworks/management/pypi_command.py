"""What the commands that read PyPI share: which frameworks to read, from which index, how patiently."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frameworks.models import Framework


class PyPICommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these frameworks (default: all).")
        parser.add_argument("--index-url", default=settings.PYPI_URL, help="PyPI base URL (default: %(default)s).")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each answer.")

    def frameworks(self, slugs: list[str]):
        """Every framework by name, or those named; an unknown slug stops the command before any request."""
        frameworks = Framework.objects.order_by("name")
        if not slugs:
            return frameworks
        frameworks = frameworks.filter(slug__in=slugs)
        unknown = set(slugs) - set(frameworks.values_list("slug", flat=True))
        if unknown:
            raise CommandError(f"No framework with slug: {', '.join(sorted(unknown))}.")
        return frameworks

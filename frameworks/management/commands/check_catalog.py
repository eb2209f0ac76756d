from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frameworks.editorial import lint, loader


class Command(BaseCommand):
    help = "Lint the catalog (the data files by default, or the database) and fail on any untraceable fact."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(loader.SEED_DIR), help="Catalog directory.")
        parser.add_argument("--database", action="store_true", help="Check the database instead of the files.")

    def handle(self, *args, directory, database, **options):
        today = timezone.localdate()
        if database:
            problems, checked = lint.check_database(today=today), "the database"
        else:
            problems, checked = lint.check_directory(Path(directory), today=today), directory
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {checked}.")
        self.stdout.write(self.style.SUCCESS(f"Catalog is clean: {checked}."))

from pathlib import Path

from django.core.management.base import BaseCommand

from frameworks.editorial import loader


class Command(BaseCommand):
    help = "Write the catalog from the database back to data files (the layout load_catalog reads)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(loader.SEED_DIR), help="Target directory.")

    def handle(self, *args, directory, **options):
        count = loader.export(Path(directory))
        self.stdout.write(self.style.SUCCESS(f"Exported {count} frameworks to {directory}."))

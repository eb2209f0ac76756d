from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.editorial import loader, sample_files


class Command(BaseCommand):
    help = (
        "Load the catalog data files, or an open-data catalog.json export (idempotent upsert by slug; all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", nargs="?", default=str(loader.SEED_DIR), help="Catalog directory, or a catalog.json export."
        )

    def handle(self, *args, directory, **options):
        try:
            path = Path(directory)
            counts = loader.load_document(path) if path.suffix == ".json" else loader.load(path)
            if path.suffix != ".json" and path.resolve() == loader.SEED_DIR.resolve():
                counts["code_samples"] = sample_files.apply()
        except loader.CatalogError as exc:
            raise CommandError(f"Nothing was applied. {exc}") from exc
        summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Catalog loaded: {summary}."))

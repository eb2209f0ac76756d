"""Spreadsheet import/export for editors (django-import-export), keyed by slugs, never by database ids.

Imports are previewed first and apply all or nothing; each row goes through the model's validation,
so an error names the row and the field. How imports stay fast and safe is in imports.py. Status is
export-only: publishing stays a reviewer's decision in the admin.
"""

from django.db.models import F
from import_export import fields

from ..models import Feature, Framework, Support
from .imports import CatalogResource, SlugWidget
from .lint import FRAMEWORK_SOURCES


def _text(row, column) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


class SupportResource(CatalogResource):
    framework = fields.Field(attribute="framework", column_name="framework", widget=SlugWidget(Framework))
    feature = fields.Field(attribute="feature", column_name="feature", widget=SlugWidget(Feature))
    source_fields = ("source_url",)

    class Meta:
        model = Support
        fields = ("framework", "feature", "level", "note", "since_version", "source_url", "checked_on", "confidence")
        import_id_fields = ("framework", "feature")

    def row_key(self, row) -> tuple:
        return (_text(row, "framework"), _text(row, "feature"))

    def existing_instances(self, dataset) -> dict:
        slugs = {_text(dict(zip(dataset.headers, values, strict=False)), "framework") for values in dataset}
        # The slugs as plain values, not joined rows: the import copies every row it reads, and
        # the framework and feature come from the slug widgets anyway.
        cells = self.existing(
            Support.objects.filter(framework__slug__in=slugs).annotate(
                framework_slug=F("framework__slug"), feature_slug=F("feature__slug")
            )
        )
        return {(cell.framework_slug, cell.feature_slug): cell for cell in cells}

    def framework_of(self, support):
        return getattr(support, "framework", None)


# Every fact an editor fills in on the Framework form, in the model's order; bookkeeping and the
# allow-list (a reviewer's decision, edited in the admin) stay out of spreadsheets.
FRAMEWORK_COLUMNS = tuple(
    f.name
    for f in Framework._meta.concrete_fields
    if f.name not in ("id", "created_at", "updated_at", "source_domains") and not f.name.startswith("ecosystem_")
)


class FrameworkResource(CatalogResource):
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    source_fields = FRAMEWORK_SOURCES
    validate_constraints = True  # productivity_min_weeks ≥ 1 is only a constraint; a few rows per file

    class Meta:
        model = Framework
        fields = FRAMEWORK_COLUMNS
        import_id_fields = ("slug",)

    def row_key(self, row) -> tuple:
        return (_text(row, "slug"),)

    def existing_instances(self, dataset) -> dict:
        return {(framework.slug,): framework for framework in self.existing(Framework.objects.all())}

    def framework_of(self, framework):
        return framework

"""Spreadsheet import/export for editors (django-import-export), keyed by slugs, never by database ids.

Imports run every row through the model's validation (`clean_model_instances`) inside one
transaction, so a bad file applies nothing and the error names the row and the field. Status is
export-only: publishing stays a reviewer's decision in the admin.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from ..models import Feature, Framework, Support


class SupportResource(resources.ModelResource):
    framework = fields.Field(attribute="framework", column_name="framework", widget=ForeignKeyWidget(Framework, "slug"))
    feature = fields.Field(attribute="feature", column_name="feature", widget=ForeignKeyWidget(Feature, "slug"))

    class Meta:
        model = Support
        fields = ("framework", "feature", "level", "note", "since_version", "source_url", "checked_on", "confidence")
        import_id_fields = ("framework", "feature")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


# Every fact an editor fills in on the Framework form, in the model's order; bookkeeping and the
# allow-list (a reviewer's decision, edited in the admin) stay out of spreadsheets.
FRAMEWORK_COLUMNS = tuple(
    f.name
    for f in Framework._meta.concrete_fields
    if f.name not in ("id", "created_at", "updated_at", "source_domains") and not f.name.startswith("ecosystem_")
)


class FrameworkResource(resources.ModelResource):
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Framework
        fields = FRAMEWORK_COLUMNS
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
